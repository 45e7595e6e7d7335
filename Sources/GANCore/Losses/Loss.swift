import GANKernels

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
  /// Wasserstein GAN (Arjovsky et al. 2017): D is a critic whose raw output is unbounded;
  /// D ascends E_data[D(x)] − E_z[D(G(z))], an estimate of W1 when D is 1-Lipschitz, which
  /// weight clipping to [−c, c] enforces crudely (`Stabilizers.clip`); G ascends E_z[D(G(z))].
  case wasserstein
  /// WGAN-GP (Gulrajani et al. 2017): the same critic, kept near 1-Lipschitz by the penalty
  /// λ·E[(|D′(x̂)| − 1)²] on random interpolates x̂ between data and samples, λ = 10.
  case wassersteinGP = "wgan-gp"
  /// WGAN-LP (Petzka et al. 2018): the one-sided penalty λ·E[max(0, |D′(x̂)| − 1)²], which
  /// only forbids slopes steeper than 1. In one dimension this matters: WGAN-GP's two-sided
  /// penalty makes slope 0 a barrier of height λ between the critic's two signs, so a critic
  /// that starts (or is left, when G overshoots the data) with the wrong sign sends G away to
  /// about 2λ from the data, until the critic flips and G swings back through the data to
  /// the other side: a relaxation oscillation (docs/theory.md).
  case wassersteinLP = "wgan-lp"
  /// Hinge loss (Lim & Ye 2017; Miyato et al. 2018): D descends
  /// E_data[max(0, 1 − D(x))] + E_z[max(0, 1 + D(G(z)))]; G ascends E_z[D(G(z))].
  case hinge
  /// Relativistic average GAN (Jolicoeur-Martineau 2018): D's raw output S is read relative
  /// to the other side's mean, D̃(x) = σ(S(x) − E_z S(G(z))) on data and
  /// σ(S(G(z)) − E_data S(x)) on samples, and D descends the cross-entropy of those:
  /// −E_data log D̃(x) − E_z log(1 − D̃(G(z))). G descends the same with the sides swapped,
  /// so G's loss has a term on data too and G's step needs D on a batch of data
  /// (`comparesWithData`). The per-sample terms below are the cross-entropy terms of the
  /// relative output (`relativeShifts`); the batch functions carry the chain rule through
  /// the means.
  case relativistic

  /// How D's raw output is read as "D(x)": what the D curve, D*, the mean D on data and on
  /// samples mean under this loss.
  public var readout: DiscriminatorReadout {
    switch self {
    case .minimax, .nonsaturating: .probability
    case .leastSquares: .score(real: 1, fake: 0)
    case .wasserstein, .wassersteinGP, .wassersteinLP, .hinge, .relativistic: .critic
    }
  }

  /// Whether G's loss reads D on data as well as on G's samples (then the G step draws a
  /// batch of data too).
  public var comparesWithData: Bool {
    switch self {
    case .relativistic: true
    case .minimax, .nonsaturating, .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP,
      .hinge:
      false
    }
  }

  /// What the per-sample terms subtract from D's raw output: for the relativistic loss the
  /// other side's mean (from data outputs the mean on samples, and the reverse), for every
  /// other loss nothing.
  public func relativeShifts(realMean: Double, fakeMean: Double) -> (real: Double, fake: Double) {
    comparesWithData ? (fakeMean, realMean) : (0, 0)
  }

  /// The slope penalty the loss itself carries, with weight λ (`Stabilizers.
  /// interpolateWeight`, 10 as in the papers): WGAN-GP's and WGAN-LP's on interpolates.
  func interpolatePenalty(weight lambda: Float) -> SlopePenaltyShape? {
    switch self {
    case .wassersteinGP: .unitSlope(weight: lambda)
    case .wassersteinLP: .slopeAboveOne(weight: lambda)
    case .minimax, .nonsaturating, .leastSquares, .wasserstein, .hinge, .relativistic: nil
    }
  }

  /// Whether D's parameters are clipped to [−c, c] after each step (WGAN).
  public var clipsWeights: Bool {
    switch self {
    case .wasserstein: true
    case .minimax, .nonsaturating, .leastSquares, .wassersteinGP, .wassersteinLP, .hinge,
      .relativistic:
      false
    }
  }

  /// D(x) from the raw output: the sigmoid of the logit, or least squares' score itself.
  public func readout(_ output: Double) -> Double {
    switch readout {
    case .probability: sigmoid(output)
    case .score, .critic: output
    }
  }

  /// dD(x)/d output, to turn an input gradient of the raw output into one of D(x).
  public func readoutSlope(_ output: Double) -> Double {
    switch readout {
    case .probability:
      let d = sigmoid(output)
      return d * (1 - d)
    case .score, .critic: return 1
    }
  }

  /// D's loss per real sample (to be averaged): BCE −log D(x) = softplus(−o), or ½(o − 1)².
  /// (Relativistic: of the relative output, `relativeShifts`.)
  public func discriminatorRealLoss(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating, .relativistic: softplus(-o)
    case .leastSquares: 0.5 * (o - 1) * (o - 1)
    case .wasserstein, .wassersteinGP, .wassersteinLP: -o
    case .hinge: max(0, 1 - o)
    }
  }

  /// D's loss per generated sample: BCE −log(1 − D(G(z))) = softplus(o), or ½ o².
  public func discriminatorFakeLoss(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating, .relativistic: softplus(o)
    case .leastSquares: 0.5 * o * o
    case .wasserstein, .wassersteinGP, .wassersteinLP: o
    case .hinge: max(0, 1 + o)
    }
  }

  /// D's objective (what D ascends, −L_D) per real and per generated sample, for the
  /// quadrature in a snapshot. For the cross-entropy losses the terms of V(G, D):
  /// log D(x) and log(1 − D(G(z))), from the probability floored at 1e-30 (as recordings
  /// have always stored them).
  public func objectiveRealTerm(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating, .relativistic: _log(max(sigmoid(o), 1e-30))
    case .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP, .hinge:
      -discriminatorRealLoss(o)
    }
  }

  public func objectiveFakeTerm(_ o: Double) -> Double {
    switch self {
    case .minimax, .nonsaturating, .relativistic: _log(max(1 - sigmoid(o), 1e-30))
    case .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP, .hinge:
      -discriminatorFakeLoss(o)
    }
  }

  /// The name of D's objective on screen and in the docs.
  public var objectiveName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares: "−L_D (LS)"
    case .wasserstein, .wassersteinGP, .wassersteinLP: "E D(x)−E D(G)"
    case .hinge: "−L_D (hinge)"
    case .relativistic: "V_Ra(G,D)"
    }
  }

  /// The objective's name in at most 8 characters, for a narrow pane: D's objective is
  /// −L_D for every loss that is not a cross-entropy.
  public var objectiveShortName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP, .hinge: "−L_D"
    case .relativistic: "V_Ra"
    }
  }

  public var objectiveASCIIShortName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP, .hinge: "-L_D"
    case .relativistic: "V_Ra"
    }
  }

  public var objectiveASCIIName: String {
    switch self {
    case .minimax, .nonsaturating: "V(G,D)"
    case .leastSquares: "-L_D (LS)"
    case .wasserstein, .wassersteinGP, .wassersteinLP: "E D(x)-E D(G)"
    case .hinge: "-L_D (hinge)"
    case .relativistic: "V_Ra(G,D)"
    }
  }

  /// G's loss per sample, the quantity G descends. (Relativistic: the term on samples, of
  /// the relative output; its term on data is `discriminatorFakeLoss` of theirs.)
  public func generatorLoss(_ o: Double) -> Double {
    switch self {
    case .minimax: -softplus(o)  // log(1 − σ(o))
    case .nonsaturating, .relativistic: softplus(-o)  // −log σ(o)
    case .leastSquares: 0.5 * (o - 1) * (o - 1)
    case .wasserstein, .wassersteinGP, .wassersteinLP, .hinge: -o
    }
  }

  /// D's loss on a batch: the mean of its term over D's outputs on data plus the mean over
  /// its outputs on samples (relative to each other under the relativistic loss).
  public func discriminatorLoss(real: [Double], fake: [Double]) -> Double {
    if !comparesWithData && real.count == fake.count {
      // Both sums, then one division: the order recordings have always used (a readout is
      // compared bit for bit by `verify`, and a mean of each half rounds differently).
      let sumReal = real.reduce(0) { $0 + discriminatorRealLoss($1) }
      let sumFake = fake.reduce(0) { $0 + discriminatorFakeLoss($1) }
      return (sumReal + sumFake) / Double(real.count)
    }
    let shift = relativeShifts(realMean: mean(real), fakeMean: mean(fake))
    return mean(real.map { discriminatorRealLoss($0 - shift.real) })
      + mean(fake.map { discriminatorFakeLoss($0 - shift.fake) })
  }

  /// G's loss on a batch: the mean of its term over D's outputs on G's samples (`fake`);
  /// the relativistic loss adds D's term for samples over the outputs on data (`real`, read
  /// only when `comparesWithData`), since G wants data to look less real than its samples.
  public func generatorLoss(fake: [Double], real: [Double]) -> Double {
    guard comparesWithData else { return mean(fake.map(generatorLoss)) }
    let shift = relativeShifts(realMean: mean(real), fakeMean: mean(fake))
    return mean(fake.map { generatorLoss($0 - shift.fake) })
      + mean(real.map { discriminatorFakeLoss($0 - shift.real) })
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
    case .wasserstein, .wassersteinGP, .wassersteinLP:
      for i in 0..<real { g[i] = -scaleReal }
      for i in real..<(real + fake) { g[i] = scaleFake }
    case .hinge:
      // d max(0, 1 − o)/do = −[o < 1];  d max(0, 1 + o)/do = [o > −1].
      for i in 0..<real { g[i] = o[i] < 1 ? -scaleReal : 0 }
      for i in real..<(real + fake) { g[i] = o[i] > -1 ? scaleFake : 0 }
    case .relativistic:
      // With aᵢ = oᵢ − m_f on data and bⱼ = oⱼ − m_r on samples, L = mean softplus(−a) +
      // mean softplus(b); each output also moves the other side's mean, so
      // ∂L/∂oᵢ = (σ(aᵢ) − 1 − mean σ(b))/n_r and ∂L/∂oⱼ = (σ(bⱼ) − mean (σ(a) − 1))/n_f.
      relativisticGradient(
        own: UnsafeBufferPointer(start: o, count: real),
        other: UnsafeBufferPointer(start: o + real, count: fake), into: g,
        ownSlope: { sigmoid($0) - 1 }, otherSlope: sigmoid)
      relativisticGradient(
        own: UnsafeBufferPointer(start: o + real, count: fake),
        other: UnsafeBufferPointer(start: o, count: real), into: g + real,
        ownSlope: sigmoid, otherSlope: { sigmoid($0) - 1 })
    }
  }

  /// Writes dLoss_G/dOutput for `count` generated samples, averaged. `data`: D's outputs on
  /// a batch of data, read only when `comparesWithData` (they do not depend on G, so they
  /// get no gradient).
  func generatorGradient(
    output o: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>, count: Int,
    data: UnsafeBufferPointer<Float> = UnsafeBufferPointer(start: nil, count: 0)
  ) {
    let scale = 1 / Float(count)
    switch self {
    case .minimax: mapSigmoid(o, into: g, count: count) { -$0 * scale }
    case .nonsaturating: mapSigmoid(o, into: g, count: count) { ($0 - 1) * scale }
    case .leastSquares: for i in 0..<count { g[i] = (o[i] - 1) * scale }
    case .wasserstein, .wassersteinGP, .wassersteinLP, .hinge: for i in 0..<count { g[i] = -scale }
    case .relativistic:
      // L_G = mean softplus(−b) + mean softplus(a) with bⱼ = oⱼ − m_r, aᵢ = dataᵢ − m_f:
      // ∂L_G/∂oⱼ = (σ(bⱼ) − 1 − mean σ(a))/n_f.
      relativisticGradient(
        own: UnsafeBufferPointer(start: o, count: count), other: data, into: g,
        ownSlope: { sigmoid($0) - 1 }, otherSlope: sigmoid)
    }
  }
}

/// ∂L/∂ownᵢ for L = mean f(own − mean other) + mean h(other − mean own):
/// (f′(ownᵢ − m_other) − mean h′(other − m_own)) / n_own, in double precision. `ownSlope` is
/// f′ and `otherSlope` h′.
private func relativisticGradient(
  own: UnsafeBufferPointer<Float>, other: UnsafeBufferPointer<Float>,
  into g: UnsafeMutablePointer<Float>,
  ownSlope: (Double) -> Double, otherSlope: (Double) -> Double
) {
  // Loops over the buffers, no arrays: a training step allocates nothing.
  func mean(_ values: UnsafeBufferPointer<Float>, _ f: (Double) -> Double) -> Double {
    guard !values.isEmpty else { return 0 }
    var sum = 0.0
    for value in values { sum += f(Double(value)) }
    return sum / Double(values.count)
  }
  let ownMean = mean(own) { $0 }
  let otherMean = mean(other) { $0 }
  let cross = mean(other) { otherSlope($0 - ownMean) }
  let scale = 1 / Double(own.count)
  for i in own.indices { g[i] = Float((ownSlope(Double(own[i]) - otherMean) - cross) * scale) }
}

/// The mean of `values`, 0 for none.
private func mean(_ values: [Double]) -> Double {
  values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
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
  /// An unbounded critic (WGAN, hinge): no probability and no D*; drawn on an axis of its
  /// own.
  case critic
}
