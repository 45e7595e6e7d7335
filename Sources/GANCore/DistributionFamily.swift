/// The parametric families of the target spec language, in one table. A family's name in
/// the language is its raw value; everything else about it is an exhaustive `switch` below
/// (and in `Distribution.family`), so a new family is a case here plus a case of
/// `Distribution`, and the compiler lists every place that must learn it.
public enum DistributionFamily: String, Sendable, CaseIterable {
  /// N(mu, sigma²).
  case normal
  /// Uniform on [a, b].
  case uniform
  /// Laplace with location mu and scale b.
  case laplace
  /// exp(N(mu, sigma²)).
  case logNormal = "lognormal"

  /// The name in the spec language.
  public var name: String { rawValue }

  /// The names of the two parameters, as the messages and the documentation call them.
  public var parameterNames: (String, String) {
    switch self {
    case .normal: ("mu", "sigma")
    case .uniform: ("a", "b")
    case .laplace: ("mu", "b")
    case .logNormal: ("mu", "sigma")
    }
  }

  /// The spec-language form, e.g. `normal(mu,sigma)`.
  public var signature: String { "\(name)(\(parameterNames.0),\(parameterNames.1))" }

  /// Why (a, b) do not make a distribution of this family, or nil when they do. `texts` are
  /// the numbers as typed, for the message.
  func problem(_ a: Double, _ b: Double, texts: (String, String)) -> String? {
    switch self {
    case .normal, .logNormal:
      b > 0 ? nil : "\(name): sigma must be > 0, got \(texts.1)"
    case .uniform:
      a < b ? nil : "\(signature) needs a < b, got a = \(texts.0), b = \(texts.1)"
    case .laplace:
      b > 0 ? nil : "\(name): scale b must be > 0, got \(texts.1)"
    }
  }

  /// The distribution with parameters (a, b) (checked by `problem` first).
  func distribution(_ a: Double, _ b: Double) -> Distribution {
    switch self {
    case .normal: .normal(mean: a, standardDeviation: b)
    case .uniform: .uniform(lower: a, upper: b)
    case .laplace: .laplace(location: a, scale: b)
    case .logNormal: .logNormal(mu: a, sigma: b)
    }
  }

  /// Every family's signature, for messages and help texts: `normal(mu,sigma), …`.
  public static var signatures: String { allCases.map(\.signature).joined(separator: ", ") }
}

extension Distribution {
  /// The parametric family and its two parameters; nil for a mixture or a data set.
  public var family: (family: DistributionFamily, a: Double, b: Double)? {
    switch self {
    case .normal(let mean, let sd): (.normal, mean, sd)
    case .uniform(let lower, let upper): (.uniform, lower, upper)
    case .laplace(let location, let scale): (.laplace, location, scale)
    case .logNormal(let mu, let sigma): (.logNormal, mu, sigma)
    case .mixture, .empirical: nil
    }
  }
}
