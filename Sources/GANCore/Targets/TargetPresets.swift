extension Target {
  /// A named target, defined by a spec of the language.
  public struct Preset: Sendable {
    public var name: String
    /// Its definition in the spec language (documentation and tests: the distribution is
    /// built directly, so that its weights are exactly equal).
    public var definition: String
    public var distribution: Distribution
  }

  /// The presets, in the order the `t` key cycles through them.
  public static let presets: [Preset] = [
    // The canonical workload N(4, 0.5²).
    Preset(
      name: "gaussian", definition: "normal(4,0.5)",
      distribution: .normal(mean: 4, standardDeviation: 0.5)),
    // The canonical multi-modal workload ½·N(−2, 0.5²) + ½·N(2, 0.5²).
    Preset(
      name: "bimodal", definition: "mix(normal(-2,0.5),normal(2,0.5))",
      distribution: equalMixture([
        .normal(mean: -2, standardDeviation: 0.5), .normal(mean: 2, standardDeviation: 0.5),
      ])),
    Preset(
      name: "trimodal", definition: "mix(normal(-3,0.5),normal(0,0.5),normal(3,0.5))",
      distribution: equalMixture([
        .normal(mean: -3, standardDeviation: 0.5), .normal(mean: 0, standardDeviation: 0.5),
        .normal(mean: 3, standardDeviation: 0.5),
      ])),
    // Flat with sharp edges.
    Preset(name: "uniform", definition: "uniform(2,6)", distribution: .uniform(lower: 2, upper: 6)),
    // Right-skewed: mode ≈ 2.1, median ≈ 2.7, mean ≈ 3.08, standard deviation ≈ 1.64, 98% of
    // the mass in [0.8, 8.6].
    Preset(
      name: "skewed", definition: "lognormal(1,0.5)", distribution: .logNormal(mu: 1, sigma: 0.5)),
    // A sharp peak with exponential (heavier than normal) tails, standard deviation √2.
    Preset(
      name: "heavy", definition: "laplace(0,1)", distribution: .laplace(location: 0, scale: 1)),
  ]

  /// The preset names, in cycling order.
  public static let presetNames = presets.map(\.name)

  /// The preset called `name` (case-insensitive, surrounding whitespace ignored), or nil.
  public static func preset(_ name: String) -> Target? {
    let key = SpecText.trimmed(name).lowercased()
    guard let preset = presets.first(where: { $0.name == key }) else { return nil }
    return Target(name: key, spec: key, distribution: preset.distribution)
  }

  private static func equalMixture(_ parts: [Distribution]) -> Distribution {
    let ones = [Double](repeating: 1, count: parts.count)
    let weights =
      Distribution.normalizedWeights(ones)
      ?? [Double](repeating: 1 / Double(parts.count), count: parts.count)
    return .mixture(zip(weights, parts).map { MixtureComponent(weight: $0, distribution: $1) })
  }
}
