/// The adversarial losses. All are computed from D's raw output (a logit for the two
/// cross-entropy losses), never from a rounded probability.
public enum Loss: String, Sendable, CaseIterable, Codable {
  /// The paper's original game: G descends log(1 − D(G(z))). It saturates when D rejects
  /// G's samples confidently, which is when G most needs a gradient.
  case minimax
  /// The paper's practical remedy: G ascends log D(G(z)) — same fixed point, strong early
  /// gradients.
  case nonsaturating
  /// Least squares (Mao et al. 2017, targets 0/1): D's raw output is regressed to 1 on data
  /// and 0 on samples; G pulls it to 1. Its optimal D is also p_data / (p_data + p_g).
  case leastSquares = "least-squares"

  /// D(x) as a probability from the raw output: the sigmoid of the logit, or for least
  /// squares the output itself clamped to [0, 1].
  public func probability(_ output: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating: sigmoid(output)
    case .leastSquares: min(max(output, 0), 1)
    }
  }

  /// dD(x)/d output, to turn an input gradient of the output into one of D(x).
  public func probabilitySlope(_ output: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating:
      let d = sigmoid(output)
      return d * (1 - d)
    case .leastSquares:
      return (0...1).contains(output) ? 1 : 0
    }
  }

  /// D's loss per real sample (to be averaged): BCE −log D(x), or ½(out − 1)².
  func discriminatorRealLoss(_ o: Double) -> Double {
    self == .leastSquares ? 0.5 * (o - 1) * (o - 1) : softplus(-o)
  }

  /// D's loss per generated sample: BCE −log(1 − D(G(z))), or ½ out².
  func discriminatorFakeLoss(_ o: Double) -> Double {
    self == .leastSquares ? 0.5 * o * o : softplus(o)
  }

  /// G's loss per sample, the quantity G descends.
  func generatorLoss(_ o: Double) -> Double {
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
