/// The numbers that summarize one moment of training. Each stored number has one entry in
/// `Metric.table` (labels, export column, place in a recording, how a sparkline scales it);
/// everything that lists, records, compares or prints metrics iterates that table.
public struct TrainingMetrics: Sendable, Hashable, Codable {
  /// JSD(p_data ‖ p_g) in nats, from binned p_data and binned p_g on the metric grid.
  public var jensenShannon: Double
  /// KL(p_data ‖ p_g) and KL(p_g ‖ p_data) in nats, smoothed by `klSmoothing` per bin.
  public var klDataModel: Double
  public var klModelData: Double
  /// Exact W1 between the quantile samples of p_data and G's quantile samples.
  public var wasserstein: Double
  /// D's objective, the quantity D ascends under the current loss (−L_D), by quadrature over
  /// p_data's and p_g's quantile samples. For the cross-entropy losses this is the paper's
  /// V(G, D) = E_data[log D(x)] + E_z[log(1 − D(G(z)))] (`Loss.objectiveName`).
  public var value: Double
  /// The mean of D's readout (`Loss.readout`) on data and on G's samples: a probability for
  /// the cross-entropy losses, a score for least squares.
  public var meanDReal: Double
  public var meanDFake: Double
  /// Losses of the last D step and G step batches, as the trainer descended them.
  public var discriminatorLoss: Double
  public var generatorLoss: Double
  /// Norms of the last parameter gradients.
  public var discriminatorGradientNorm: Double
  public var generatorGradientNorm: Double
  /// Mean and standard deviation of G's samples.
  public var generatorMean: Double
  public var generatorStandardDeviation: Double
  /// For a target of normal modes (`ModeCoverage`): the modes p_g keeps, and the share of
  /// G's samples within 3σ of some mode. NaN for other targets.
  public var modesKept: Double
  public var nearModeShare: Double
  /// For the Dirac-GAN: ψ, the slope of D(x) = ψ·x (G's θ is `generatorMean`). NaN for the
  /// perceptron.
  public var discriminatorSlope: Double

  /// Every stored metric in recording order (`Metric.recorded`): for bitwise comparison,
  /// hashing and recordings.
  public var fields: [Double] { Metric.recorded.map { self[keyPath: $0.storage!] } }

  /// Metrics from recorded `fields` in recording order. A recording made before a metric
  /// existed holds fewer values than there are metrics now: the missing ones read as NaN
  /// ("not recorded"); values beyond the known metrics (a newer ganscope) are ignored.
  public init(fields: [Double]) {
    self = .notRecorded
    for (metric, value) in zip(Metric.recorded, fields) { self[keyPath: metric.storage!] = value }
  }

  /// Every metric NaN.
  public static let notRecorded = TrainingMetrics(
    jensenShannon: .nan, klDataModel: .nan, klModelData: .nan, wasserstein: .nan, value: .nan,
    meanDReal: .nan, meanDFake: .nan, discriminatorLoss: .nan, generatorLoss: .nan,
    discriminatorGradientNorm: .nan, generatorGradientNorm: .nan, generatorMean: .nan,
    generatorStandardDeviation: .nan, modesKept: .nan, nearModeShare: .nan,
    discriminatorSlope: .nan)

  /// Every field by name (memberwise; public for the evaluator's callers and tests).
  public init(
    jensenShannon: Double, klDataModel: Double, klModelData: Double, wasserstein: Double,
    value: Double, meanDReal: Double, meanDFake: Double, discriminatorLoss: Double,
    generatorLoss: Double, discriminatorGradientNorm: Double, generatorGradientNorm: Double,
    generatorMean: Double, generatorStandardDeviation: Double, modesKept: Double,
    nearModeShare: Double, discriminatorSlope: Double
  ) {
    self.jensenShannon = jensenShannon
    self.klDataModel = klDataModel
    self.klModelData = klModelData
    self.wasserstein = wasserstein
    self.value = value
    self.meanDReal = meanDReal
    self.meanDFake = meanDFake
    self.discriminatorLoss = discriminatorLoss
    self.generatorLoss = generatorLoss
    self.discriminatorGradientNorm = discriminatorGradientNorm
    self.generatorGradientNorm = generatorGradientNorm
    self.generatorMean = generatorMean
    self.generatorStandardDeviation = generatorStandardDeviation
    self.modesKept = modesKept
    self.nearModeShare = nearModeShare
    self.discriminatorSlope = discriminatorSlope
  }

  /// The value of one metric, stored or derived.
  public subscript(metric: Metric) -> Double { metric.value(self) }
}

extension TrainingMetrics: Equatable {
  /// Bitwise equality: "identical" for determinism checks, so a NaN (a loss before the first
  /// step) equals itself.
  public static func == (a: Self, b: Self) -> Bool {
    a.fields.map(\.bitPattern) == b.fields.map(\.bitPattern)
  }

  public func hash(into hasher: inout Hasher) {
    for field in fields { hasher.combine(field.bitPattern) }
  }
}
