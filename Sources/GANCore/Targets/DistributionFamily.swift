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
  /// The point mass δ_c: every sample is c (the Dirac-GAN's data, δ₀).
  case point

  /// The name in the spec language.
  public var name: String { rawValue }

  /// The names of the parameters, as the messages and the documentation call them.
  public var parameterNames: [String] {
    switch self {
    case .normal: ["mu", "sigma"]
    case .uniform: ["a", "b"]
    case .laplace: ["mu", "b"]
    case .logNormal: ["mu", "sigma"]
    case .point: ["c"]
    }
  }

  /// The spec-language form, e.g. `normal(mu,sigma)`.
  public var signature: String { "\(name)(\(parameterNames.joined(separator: ",")))" }

  /// Why `p` (as many numbers as `parameterNames`) do not make a distribution of this
  /// family, or nil when they do. `texts` are the numbers as typed, for the message.
  func problem(_ p: [Double], texts: [String]) -> String? {
    switch self {
    case .normal, .logNormal:
      p[1] > 0 ? nil : "\(name): sigma must be > 0, got \(texts[1])"
    case .uniform:
      p[0] < p[1] ? nil : "\(signature) needs a < b, got a = \(texts[0]), b = \(texts[1])"
    case .laplace:
      p[1] > 0 ? nil : "\(name): scale b must be > 0, got \(texts[1])"
    case .point: nil
    }
  }

  /// The distribution with parameters `p` (checked by `problem` first).
  func distribution(_ p: [Double]) -> Distribution {
    switch self {
    case .normal: .normal(mean: p[0], standardDeviation: p[1])
    case .uniform: .uniform(lower: p[0], upper: p[1])
    case .laplace: .laplace(location: p[0], scale: p[1])
    case .logNormal: .logNormal(mu: p[0], sigma: p[1])
    case .point: .point(p[0])
    }
  }

  /// Every family's signature, for messages and help texts: `normal(mu,sigma), …`.
  public static var signatures: String { allCases.map(\.signature).joined(separator: ", ") }
}

extension Distribution {
  /// The parametric family and its parameters; nil for a mixture or a data set.
  public var family: (family: DistributionFamily, parameters: [Double])? {
    switch self {
    case .normal(let mean, let sd): (.normal, [mean, sd])
    case .uniform(let lower, let upper): (.uniform, [lower, upper])
    case .laplace(let location, let scale): (.laplace, [location, scale])
    case .logNormal(let mu, let sigma): (.logNormal, [mu, sigma])
    case .point(let c): (.point, [c])
    case .mixture, .empirical: nil
    }
  }
}
