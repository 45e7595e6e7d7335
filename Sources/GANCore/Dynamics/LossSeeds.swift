// The loss table's derivatives with respect to D's raw output (Loss.discriminatorGradient,
// Loss.generatorGradient) and the slope penalties' φ′ (SlopePenaltyShape.derivative), over
// any `FieldScalar`, so that forward mode can differentiate them once more. Exhaustive
// switches like Loss.swift's: a new loss does not compile until it says its seeds here.

extension Loss {
  /// ∂L_D/∂o for D's outputs on the data packs and on the sample packs, each half
  /// averaged over its own count.
  func discriminatorSeeds<T: FieldScalar>(real: [T], fake: [T]) -> (real: [T], fake: [T]) {
    let scaleReal = T(1 / Double(real.count))
    let scaleFake = T(1 / Double(fake.count))
    switch self {
    case .minimax, .nonsaturating:
      // d softplus(−o)/do = σ(o) − 1;  d softplus(o)/do = σ(o).
      return (
        real.map { ($0.logistic() - T(1)) * scaleReal }, fake.map { $0.logistic() * scaleFake }
      )
    case .leastSquares:
      return (real.map { ($0 - T(1)) * scaleReal }, fake.map { $0 * scaleFake })
    case .wasserstein, .wassersteinGP, .wassersteinLP:
      return (real.map { _ in -scaleReal }, fake.map { _ in scaleFake })
    case .hinge:
      return (
        real.map { $0.value < 1 ? -scaleReal : .zero },
        fake.map { $0.value > -1 ? scaleFake : .zero }
      )
    case .relativistic:
      return (
        relativisticSeeds(own: real, other: fake, ownSlope: { $0.logistic() - T(1) }) {
          $0.logistic()
        },
        relativisticSeeds(own: fake, other: real, ownSlope: { $0.logistic() }) {
          $0.logistic() - T(1)
        }
      )
    }
  }

  /// ∂L_G/∂o for D's outputs on G's sample packs; `data`: D's outputs on data packs, read
  /// only by the relativistic loss (they carry no gradient to G's parameters directly, but
  /// through the means they are part of the field's value).
  func generatorSeeds<T: FieldScalar>(fake: [T], data: [T]) -> [T] {
    let scale = T(1 / Double(fake.count))
    switch self {
    case .minimax: return fake.map { -$0.logistic() * scale }
    case .nonsaturating: return fake.map { ($0.logistic() - T(1)) * scale }
    case .leastSquares: return fake.map { ($0 - T(1)) * scale }
    case .wasserstein, .wassersteinGP, .wassersteinLP, .hinge: return fake.map { _ in -scale }
    case .relativistic:
      return relativisticSeeds(own: fake, other: data, ownSlope: { $0.logistic() - T(1) }) {
        $0.logistic()
      }
    }
  }
}

extension Loss {
  /// ∂L_G/∂o for D's outputs on the data packs: zero unless G's loss reads D on data (the
  /// relativistic loss, through the means: L_G = mean softplus(−b) + mean softplus(a),
  /// aᵢ = dataᵢ − m_f, so ∂L_G/∂dataᵢ = (σ(aᵢ) − mean (σ(b) − 1))/n_r).
  func generatorDataSeeds<T: FieldScalar>(fake: [T], data: [T]) -> [T] {
    switch self {
    case .relativistic:
      return relativisticSeeds(own: data, other: fake, ownSlope: { $0.logistic() }) {
        $0.logistic() - T(1)
      }
    case .minimax, .nonsaturating, .leastSquares, .wasserstein, .wassersteinGP, .wassersteinLP,
      .hinge:
      return data.map { _ in .zero }
    }
  }
}

/// ∂L/∂ownᵢ = (f′(ownᵢ − m_other) − mean h′(other − m_own)) / n_own for
/// L = mean f(own − mean other) + mean h(other − mean own) (Loss.swift's relativisticGradient).
private func relativisticSeeds<T: FieldScalar>(
  own: [T], other: [T], ownSlope: (T) -> T, otherSlope: (T) -> T
) -> [T] {
  func mean(_ values: [T]) -> T {
    values.isEmpty ? .zero : values.reduce(T.zero, +) / T(Double(values.count))
  }
  let ownMean = mean(own)
  let otherMean = mean(other)
  let cross = mean(other.map { otherSlope($0 - ownMean) })
  let scale = T(1 / Double(own.count))
  return own.map { (ownSlope($0 - otherMean) - cross) * scale }
}

extension SlopePenaltyShape {
  /// φ′(r) over any scalar (the sign of r read from its value, as at the kinks of |r|).
  func derivative<T: FieldScalar>(_ r: T) -> T {
    let sign = T(r.value < 0 ? -1 : 1)
    switch self {
    case .squared(let gamma): return T(Double(gamma)) * r
    case .unitSlope(let lambda): return T(2 * Double(lambda)) * (sign * r - T(1)) * sign
    case .slopeAboveOne(let lambda):
      return abs(r.value) > 1 ? T(2 * Double(lambda)) * (sign * r - T(1)) * sign : .zero
    }
  }

  /// Whether φ depends on the pack's slopes through r² only (R1, R2): then the seed of
  /// pass j is simply γ·sⱼ, defined at r = 0 too.
  var isSquared: Bool {
    switch self {
    case .squared: true
    case .unitSlope, .slopeAboveOne: false
    }
  }
}
