/// One number of the game, described once: what the metrics pane, `train`, `export`,
/// `info`, recordings and `verify` need to know about it. Adding a metric is one entry in
/// `Metric.table` plus its computation in the evaluator (docs/architecture.md).
public struct Metric: Sendable {
  /// Where the value comes from.
  public enum Source: Sendable {
    /// A field of `TrainingMetrics`, stored in recordings at `recordIndex` (append-only:
    /// recordings written earlier hold the metrics with lower indices).
    case stored(WritableKeyPath<TrainingMetrics, Double> & Sendable, recordIndex: Int)
    /// Computed from the stored fields (never recorded: it cannot disagree with them).
    case derived(@Sendable (TrainingMetrics) -> Double)
  }

  /// Which side of the game a number belongs to (the view colours it accordingly).
  public enum Role: Sendable, Equatable {
    /// Divergences and distances between p_data and p_g.
    case divergence
    /// D's numbers.
    case discriminator
    /// G's numbers.
    case generator
  }

  /// How a sparkline maps values to its levels.
  public enum Scale: Sendable, Equatable {
    /// From 0 (or the lowest value if negative) to the highest.
    case fromZero
    /// From a fixed floor to the highest value.
    case floor(Double)
    /// A fixed range: a probability's 0…1, the JSD's 0…log 2 (so a line at the top means
    /// "as far apart as distributions get", not "larger than a while ago").
    case fixed(lower: Double, upper: Double)
    /// From the lowest to the highest value.
    case automatic
    /// Fixed decades from `lower` to `upper` (both > 0): a vanishing gradient or a tiny
    /// divergence stays visible as a low line instead of filling the pane.
    case logarithmic(lower: Double, upper: Double)
  }

  /// Short identifier (also the JSON key of `info --json`'s final metrics).
  public let key: String
  /// The label on screen, and its plain-ASCII twin for terminals without Unicode.
  public let label: String
  public let asciiLabel: String
  /// The label in at most `shortLabelWidth` characters, for a narrow pane (a sparkline
  /// beside it on one row, a comparison's label column), and its ASCII twin.
  public let shortLabel: String
  public let asciiShortLabel: String
  /// The column name in `train` and `export` output.
  public let column: String
  /// What the number is, in one line (help, docs).
  public let summary: String
  public let role: Role
  public let scale: Scale
  /// Shown in the metrics pane even when it is short of rows.
  public let isPrimary: Bool
  /// The runs whose value means something (elsewhere it is NaN).
  public let applies: Applicability
  /// What the number is measured in, when that depends on the loss.
  public let unit: Unit
  public let source: Source

  /// What a metric is measured in, where the loss decides its label or its scale.
  public enum Unit: Sendable, Equatable {
    /// The same whatever the loss.
    case plain
    /// D's readout (`Loss.readout`): a probability, a score, or an unbounded critic, whose
    /// sparkline then scales to its values instead of clamping them to 0…1.
    case readout
    /// D's objective under the loss: V(G, D) for the cross-entropy losses, else its own
    /// name (`Loss.objectiveName`).
    case objective
  }

  /// Which runs a metric has a value for.
  public enum Applicability: Sendable, Equatable {
    /// Every run.
    case always
    /// A run whose G has a density: not the Dirac-GAN, whose G is a point mass (its JSD is
    /// log 2 and its KL infinite or huge whatever θ is). The number is still computed and
    /// recorded there; the views leave it out.
    case densities
    /// A target made of modes (normals, uniforms, a drawn density, mixtures of them:
    /// `Distribution.modes`).
    case separatedModes
    /// The Dirac-GAN.
    case diracGame

    /// Whether a run of `model` on `target` has a value that means something.
    public func holds(model: NetModel, target: Target) -> Bool {
      switch self {
      case .always, .densities, .diracGame: holds(model: model)
      case .separatedModes: target.distribution.modes != nil
      }
    }

    /// Whether a run of `model` has a value that means something, as far as the model
    /// decides (a view knows the model from its snapshots, not the target: a metric of the
    /// target's modes it leaves out where the metric has no value).
    public func holds(model: NetModel) -> Bool {
      switch self {
      case .always, .separatedModes: true
      case .densities: model != .dirac
      case .diracGame: model == .dirac
      }
    }
  }

  /// The metric's value in `metrics`.
  public func value(_ metrics: TrainingMetrics) -> Double {
    switch source {
    case .stored(let path, _): metrics[keyPath: path]
    case .derived(let compute): compute(metrics)
    }
  }

  /// The field a stored metric lives in; nil for a derived one.
  public var storage: (WritableKeyPath<TrainingMetrics, Double> & Sendable)? {
    if case .stored(let path, _) = source { return path }
    return nil
  }

  /// The label, where it depends on the loss (D's objective is V(G, D) only for the
  /// cross-entropy losses); `short`: the short label, for a narrow pane.
  public func label(for loss: Loss?, ascii: Bool, short: Bool = false) -> String {
    switch (unit, loss, short) {
    case (.objective, let loss?, false): ascii ? loss.objectiveASCIIName : loss.objectiveName
    case (.objective, let loss?, true):
      ascii ? loss.objectiveASCIIShortName : loss.objectiveShortName
    case (.plain, _, false), (.readout, _, false), (.objective, nil, false):
      ascii ? asciiLabel : label
    case (.plain, _, true), (.readout, _, true), (.objective, nil, true):
      ascii ? asciiShortLabel : shortLabel
    }
  }

  /// The most characters a short label has.
  public static let shortLabelWidth = 8

  /// The sparkline's scale under `loss`: a critic's readout has no 0…1 range.
  public func scale(for loss: Loss?) -> Scale {
    guard let loss else { return scale }
    switch unit {
    case .plain, .objective: return scale
    case .readout:
      switch loss.readout {
      case .probability, .score: return scale
      case .critic: return .automatic
      }
    }
  }

  static let objectiveKey = "v"
}

extension Metric {
  /// −log 4: the floor of C(G), reached exactly when p_g = p_data (Theorem 1).
  public static let floorOfVirtualCriterion = -2 * 0.693_147_180_559_945_3

  /// log 2: the largest JSD, reached when p_g and p_data do not overlap.
  public static let log2InNats = 0.693_147_180_559_945_3

  /// Every metric, in the order the metrics pane shows them and exports list them.
  public static let table: [Metric] = [
    Metric(
      key: "jsd", label: "JSD", asciiLabel: "JSD", shortLabel: "JSD", asciiShortLabel: "JSD",
      column: "jsd",
      summary: "Jensen-Shannon divergence JSD(p_data||p_g) in nats (at most log 2)",
      role: .divergence, scale: .fixed(lower: 0, upper: log2InNats), isPrimary: true,
      applies: .densities, unit: .plain,
      source: .stored(\.jensenShannon, recordIndex: 0)),
    Metric(
      key: "c_g", label: "C(G) ≥ −1.386", asciiLabel: "C(G) >= -1.386", shortLabel: "C(G)",
      asciiShortLabel: "C(G)", column: "c_g",
      summary: "virtual training criterion C(G) = -log 4 + 2 JSD (Theorem 1)",
      role: .divergence, scale: .floor(floorOfVirtualCriterion), isPrimary: true,
      applies: .densities,
      unit: .plain,
      source: .derived { -2 * 0.693_147_180_559_945_3 + 2 * $0.jensenShannon }),
    Metric(
      key: "kl", label: "KL(p_d‖p_g)", asciiLabel: "KL(p_d||p_g)", shortLabel: "KL(d‖g)",
      asciiShortLabel: "KL(d||g)", column: "kl",
      summary: "KL(p_data||p_g) in nats: what maximum likelihood minimizes; a missing mode costs",
      role: .divergence, scale: .fromZero, isPrimary: true, applies: .densities, unit: .plain,
      source: .stored(\.klDataModel, recordIndex: 1)),
    Metric(
      key: "kl_reverse", label: "KL(p_g‖p_d)", asciiLabel: "KL(p_g||p_d)", shortLabel: "KL(g‖d)",
      asciiShortLabel: "KL(g||d)",
      column: "kl_reverse",
      summary: "KL(p_g||p_data) in nats: samples where there is no data cost",
      role: .divergence, scale: .fromZero, isPrimary: true, applies: .densities, unit: .plain,
      source: .stored(\.klModelData, recordIndex: 2)),
    Metric(
      key: "w1", label: "W1", asciiLabel: "W1", shortLabel: "W1", asciiShortLabel: "W1",
      column: "w1",
      summary: "exact Wasserstein-1 distance between p_data and p_g",
      role: .divergence, scale: .fromZero, isPrimary: true, applies: .always, unit: .plain,
      source: .stored(\.wasserstein, recordIndex: 3)),
    Metric(
      key: "loss_d", label: "loss D", asciiLabel: "loss D", shortLabel: "loss D",
      asciiShortLabel: "loss D", column: "loss_d",
      summary: "D's loss on its last batch, as D descended it",
      role: .discriminator, scale: .automatic, isPrimary: true, applies: .always, unit: .plain,
      source: .stored(\.discriminatorLoss, recordIndex: 7)),
    Metric(
      key: "loss_g", label: "loss G", asciiLabel: "loss G", shortLabel: "loss G",
      asciiShortLabel: "loss G", column: "loss_g",
      summary: "G's loss on its last batch, as G descended it",
      role: .generator, scale: .automatic, isPrimary: true, applies: .always, unit: .plain,
      source: .stored(\.generatorLoss, recordIndex: 8)),
    Metric(
      key: "d_real", label: "D(real)", asciiLabel: "D(real)", shortLabel: "D(real)",
      asciiShortLabel: "D(real)", column: "d_real",
      summary: "mean of D's readout on data (a probability, or least squares' score)",
      role: .discriminator, scale: .fixed(lower: 0, upper: 1), isPrimary: true, applies: .always,
      unit: .readout,
      source: .stored(\.meanDReal, recordIndex: 5)),
    Metric(
      key: "d_fake", label: "D(fake)", asciiLabel: "D(fake)", shortLabel: "D(fake)",
      asciiShortLabel: "D(fake)", column: "d_fake",
      summary: "mean of D's readout on G's samples",
      role: .generator, scale: .fixed(lower: 0, upper: 1), isPrimary: true, applies: .always,
      unit: .readout,
      source: .stored(\.meanDFake, recordIndex: 6)),
    Metric(
      key: objectiveKey, label: "V(G,D)", asciiLabel: "V(G,D)", shortLabel: "V(G,D)",
      asciiShortLabel: "V(G,D)", column: "v",
      summary: "D's objective under the current loss (V(G,D) for the cross-entropy losses)",
      role: .divergence, scale: .automatic, isPrimary: false, applies: .always, unit: .objective,
      source: .stored(\.value, recordIndex: 4)),
    Metric(
      key: "grad_d", label: "‖∇D‖", asciiLabel: "|grad D|", shortLabel: "‖∇D‖",
      asciiShortLabel: "|grad D|", column: "grad_d",
      summary: "Euclidean norm of D's last parameter gradient",
      role: .discriminator, scale: .logarithmic(lower: 1e-8, upper: 100), isPrimary: false,
      applies: .always, unit: .plain,
      source: .stored(\.discriminatorGradientNorm, recordIndex: 9)),
    Metric(
      key: "grad_g", label: "‖∇G‖", asciiLabel: "|grad G|", shortLabel: "‖∇G‖",
      asciiShortLabel: "|grad G|", column: "grad_g",
      summary: "Euclidean norm of G's last parameter gradient",
      role: .generator, scale: .logarithmic(lower: 1e-8, upper: 100), isPrimary: false,
      applies: .always, unit: .plain,
      source: .stored(\.generatorGradientNorm, recordIndex: 10)),
    Metric(
      key: "g_mean", label: "mean G(z)", asciiLabel: "mean G(z)", shortLabel: "mean G",
      asciiShortLabel: "mean G", column: "g_mean",
      summary: "mean of G's samples",
      role: .generator, scale: .automatic, isPrimary: false, applies: .always, unit: .plain,
      source: .stored(\.generatorMean, recordIndex: 11)),
    Metric(
      key: "g_std", label: "sd G(z)", asciiLabel: "sd G(z)", shortLabel: "sd G",
      asciiShortLabel: "sd G", column: "g_std",
      summary: "standard deviation of G's samples",
      role: .generator, scale: .fromZero, isPrimary: false, applies: .densities, unit: .plain,
      source: .stored(\.generatorStandardDeviation, recordIndex: 12)),
    Metric(
      key: "modes", label: "modes kept", asciiLabel: "modes kept", shortLabel: "modes",
      asciiShortLabel: "modes", column: "modes",
      summary:
        "modes of the target (normals, uniform or drawn hills) where p_g holds at least a quarter of the mode's weight near it (within 3 sd of a normal's centre, on a hill)",
      role: .generator, scale: .fromZero, isPrimary: false, applies: .separatedModes, unit: .plain,
      source: .stored(\.modesKept, recordIndex: 13)),
    Metric(
      key: "near_modes", label: "near a mode", asciiLabel: "near a mode", shortLabel: "at modes",
      asciiShortLabel: "at modes", column: "near_modes",
      summary:
        "share of G's samples near some mode of the target (within 3 sd of a normal's centre, on a hill)",
      role: .generator, scale: .fixed(lower: 0, upper: 1), isPrimary: false,
      applies: .separatedModes,
      unit: .plain,
      source: .stored(\.nearModeShare, recordIndex: 14)),
    Metric(
      key: "psi", label: "ψ (D = ψ·x)", asciiLabel: "psi (D = psi*x)", shortLabel: "ψ",
      asciiShortLabel: "psi", column: "psi",
      summary: "the Dirac-GAN's discriminator slope psi in D(x) = psi*x (G's theta is the G mean)",
      role: .discriminator, scale: .automatic, isPrimary: true, applies: .diracGame, unit: .plain,
      source: .stored(\.discriminatorSlope, recordIndex: 15)),
    Metric(
      key: "dirac_distance", label: "|(θ,ψ)−(c,0)|", asciiLabel: "|(theta,psi)-(c,0)|",
      shortLabel: "dist eq", asciiShortLabel: "dist eq", column: "dirac_distance",
      summary:
        "the Dirac-GAN's distance from its equilibrium (c, 0): sqrt((theta - c)^2 + psi^2), W1 being |theta - c|",
      role: .divergence, scale: .fromZero, isPrimary: true, applies: .diracGame, unit: .plain,
      source: .derived {
        ($0.wasserstein * $0.wasserstein + $0.discriminatorSlope * $0.discriminatorSlope)
          .squareRoot()
      }),
  ]

  /// The stored metrics in the order recordings hold them.
  public static let recorded: [Metric] = table.compactMap { metric -> (Int, Metric)? in
    if case .stored(_, let index) = metric.source { return (index, metric) }
    return nil
  }.sorted { $0.0 < $1.0 }.map(\.1)

  /// How many metric values a frame of a format-1 recording holds (the count is not in the
  /// file; later formats write it).
  public static let recordedCountInFormat1 = 13

  /// The metric with this key.
  public static func named(_ key: String) -> Metric? { table.first { $0.key == key } }
}
