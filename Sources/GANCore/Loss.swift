/// The adversarial losses: each owns D's and G's objectives, their derivatives with respect
/// to D's raw output, and how that output is read and shown (`readout`). All are computed
/// from the raw output (a logit for the two cross-entropy losses), never from a rounded
/// probability. Every property is an exhaustive `switch`, so a new loss cannot compile
/// without saying what it means everywhere.
public enum Loss: String, Sendable, CaseIterable, Codable {
  /// The paper's original game: G descends log(1 − D(G(z))). It saturates when D rejects
  /// G's samples confidently, which is when G most needs a gradient.
  case minimax
  /// The paper's practical remedy: G ascends log D(G(z)) — same fixed point, strong early
  /// gradients.
  case nonsaturating
  /// Least squares (Mao et al. 2017, targets 0/1): D's raw output is regressed to 1 on data
  /// and 0 on samples; G pulls it to 1. Its optimal D is also p_data / (p_data + p_g), so its
  /// score is drawn on the same axis as a probability (it may leave [0, 1]).
  case leastSquares = "least-squares"

  /// How D's raw output is read as "D(x)": what the D curve, D*, the mean D on data and on
  /// samples mean under this loss.
  public var readout: DiscriminatorReadout {
    switch self {
    case .minimax, .nonsaturating: .probability
    case .leastSquares: .score(real: 1, fake: 0)
    }
  }

  /// D(x) from the raw output: the sigmoid of the logit, or least squares' score itself.
  public func readout(_ output: Double) -> Double {
    switch readout {
    case .probability: sigmoid(output)
    case .score: output
    }
  }

  /// dD(x)/d output, to turn an input gradient of the raw output into one of D(x).
  public func readoutSlope(_ output: Double) -> Double {
    switch readout {
    case .probability:
      let d = sigmoid(output)
      return d * (1 - d)
    case .score: return 1
    }
  }

  /// D's loss per real sample (to be averaged): BCE −log D(x) = softplus(−o), or ½(o − 1)².
  public func discriminatorRealLoss(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating: softplus(-o)
    case .leastSquares: 0.5 * (o - 1) * (o - 1)
    }
  }

  /// D's loss per generated sample: BCE −log(1 − D(G(z))) = softplus(o), or ½ o².
  public func discriminatorFakeLoss(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating: softplus(o)
    case .leastSquares: 0.5 * o * o
    }
  }

  /// D's objective (what D ascends, −L_D) per real and per generated sample, for the
  /// quadrature in a snapshot. For the cross-entropy losses the terms of V(G, D):
  /// log D(x) and log(1 − D(G(z))), from the probability floored at 1e-30 (as recordings
  /// have always stored them).
  public func objectiveRealTerm(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating: _log(max(sigmoid(o), 1e-30))
    case .leastSquares: -discriminatorRealLoss(o)
    }
  }

  public func objectiveFakeTerm(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating: _log(max(1 - sigmoid(o), 1e-30))
    case .leastSquares: -discriminatorFakeLoss(o)
    }
  }

  /// The name of D's objective on screen and in the docs.
  public var objectiveName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares: "−L_D (LS)"
    }
  }

  public var objectiveASCIIName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares: "-L_D (LS)"
    }
  }

  /// G's loss per sample, the quantity G descends.
  public func generatorLoss(_ o: Double) -> Double {
    switch self {
    case .minimax: -softplus(o)  // log(1 − σ(o))
    case .nonsaturating: softplus(-o)  // −log σ(o)
    case .leastSquares: 0.5 * (o - 1) * (o - 1)
    }
  }

  /// Writes dLoss/dOutput for D's batch: `real` rows of data then `fake` rows of samples,
  /// each half averaged over its own count as in Algorithm 1.
  func discriminatorGradient(
    output o: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>, real: Int, fake: Int
  ) {
    let scaleReal = 1 / Float(real)
    let scaleFake = 1 / Float(fake)
    switch self {
    case .minimax, .nonsaturating:
      // d softplus(−o)/do = σ(o) − 1;  d softplus(o)/do = σ(o).
      mapSigmoid(o, into: g, count: real) { ($0 - 1) * scaleReal }
      mapSigmoid(o + real, into: g + real, count: fake) { $0 * scaleFake }
    case .leastSquares:
      for i in 0..<real { g[i] = (o[i] - 1) * scaleReal }
      for i in real..<(real + fake) { g[i] = o[i] * scaleFake }
    }
  }

  /// Writes dLoss_G/dOutput for `count` generated samples, averaged.
  func generatorGradient(
    output o: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>, count: Int
  ) {
    let scale = 1 / Float(count)
    switch self {
    case .minimax: mapSigmoid(o, into: g, count: count) { -$0 * scale }
    case .nonsaturating: mapSigmoid(o, into: g, count: count) { ($0 - 1) * scale }
    case .leastSquares: for i in 0..<count { g[i] = (o[i] - 1) * scale }
    }
  }
}

/// g[i] = transform(σ(o[i])) with σ(x) = ½(1 + tanh(x/2)) from the fast tanh.
@inline(__always)
private func mapSigmoid(
  _ o: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>, count: Int,
  _ transform: (SIMD16<Float>) -> SIMD16<Float>
) {
  var i = 0
  while i + 16 <= count {
    let s = 0.5 * (1 + fastTanh(0.5 * load(o + i)))
    store(transform(s), g + i)
    i += 16
  }
  while i < count {
    let s = 0.5 * (1 + fastTanh(0.5 * o[i]))
    g[i] = transform(SIMD16(repeating: s))[0]
    i += 1
  }
}

/// What D's raw output means under a loss.
public enum DiscriminatorReadout: Sendable, Equatable {
  /// σ(logit): the probability that x is data. D* = p_data / (p_data + p_g), ½ at the
  /// equilibrium.
  case probability
  /// A score regressed toward `real` on data and `fake` on samples (least squares). Drawn on
  /// the probability axis: with targets 1 and 0 its optimum is the same D*.
  case score(real: Double, fake: Double)
}
