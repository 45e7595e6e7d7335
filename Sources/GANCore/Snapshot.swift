/// The numbers that summarize one moment of training.
public struct TrainingMetrics: Sendable, Hashable, Codable {
  /// JSD(p_data ‖ p_g) in nats, from binned p_data and binned p_g on the metric grid.
  public var jensenShannon: Double
  /// KL(p_data ‖ p_g) and KL(p_g ‖ p_data) in nats, smoothed by `klSmoothing` per bin.
  public var klDataModel: Double
  public var klModelData: Double
  /// Exact W1 between the quantile samples of p_data and G's quantile samples.
  public var wasserstein: Double
  /// V(G, D) = E_data[log D(x)] + E_z[log(1 − D(G(z)))], evaluated on the same samples.
  public var value: Double
  /// Mean D(x) on data and on G's samples.
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

  /// C(G) = −log 4 + 2·JSD (Theorem 1): what max_D V(G, D) would be for the current G.
  public var virtualCriterion: Double { -_log(4) + 2 * jensenShannon }

  /// Every field in order (for bitwise comparison, hashing and export).
  public var fields: [Double] {
    [
      jensenShannon, klDataModel, klModelData, wasserstein, value, meanDReal, meanDFake,
      discriminatorLoss, generatorLoss, discriminatorGradientNorm, generatorGradientNorm,
      generatorMean, generatorStandardDeviation,
    ]
  }
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

/// One frame of training: everything any consumer (view, recorder, exporter, figure) draws or
/// prints. A value: readers can keep it as long as they like.
public struct Snapshot: Sendable, Equatable {
  /// Position in the runtime's stream of published snapshots (0 until published).
  public var sequence: UInt64 = 0
  public var iteration: Int
  public var discriminatorSteps: Int
  public var generatorSteps: Int
  public var lastStep: StepKind
  public var hyperparameters: Hyperparameters
  public var targetName: String
  public var prior: Prior
  public var seed: UInt64
  public var divergedAtIteration: Int?

  /// The grid of the curves below: every array has `grid.bins` entries, one per bin center.
  public var grid: ViewGrid
  /// p_data and p_g as densities (probability per unit x) of each bin.
  public var dataHistogram: [Float]
  public var modelHistogram: [Float]
  /// The exact density of p_data at bin centers; empty when the target has none.
  public var dataDensity: [Float]
  /// D(x), and D*(x) = p_data / (p_data + p_g) (½ where both vanish).
  public var discriminator: [Float]
  public var optimalDiscriminator: [Float]

  /// The map z → G(z) at evenly spaced quantiles of the prior, and dD/dx at each G(z): the
  /// direction in which the G step pushes that sample.
  public var mappingZ: [Float]
  public var mappingX: [Float]
  public var mappingSlope: [Float]

  public var metrics: TrainingMetrics

  /// A snapshot from all of its parts (public: a recording reads frames back).
  public init(
    sequence: UInt64 = 0, iteration: Int, discriminatorSteps: Int, generatorSteps: Int,
    lastStep: StepKind, hyperparameters: Hyperparameters, targetName: String, prior: Prior,
    seed: UInt64, divergedAtIteration: Int?, grid: ViewGrid, dataHistogram: [Float],
    modelHistogram: [Float], dataDensity: [Float], discriminator: [Float],
    optimalDiscriminator: [Float], mappingZ: [Float], mappingX: [Float], mappingSlope: [Float],
    metrics: TrainingMetrics
  ) {
    self.sequence = sequence
    self.iteration = iteration
    self.discriminatorSteps = discriminatorSteps
    self.generatorSteps = generatorSteps
    self.lastStep = lastStep
    self.hyperparameters = hyperparameters
    self.targetName = targetName
    self.prior = prior
    self.seed = seed
    self.divergedAtIteration = divergedAtIteration
    self.grid = grid
    self.dataHistogram = dataHistogram
    self.modelHistogram = modelHistogram
    self.dataDensity = dataDensity
    self.discriminator = discriminator
    self.optimalDiscriminator = optimalDiscriminator
    self.mappingZ = mappingZ
    self.mappingX = mappingX
    self.mappingSlope = mappingSlope
    self.metrics = metrics
  }
}

extension TrainingMetrics {
  /// Metrics from their `fields`, in that order (how recordings store them); nil unless
  /// there are exactly as many values as fields.
  public init?(fields: [Double]) {
    guard fields.count == 13 else { return nil }
    self.init(
      jensenShannon: fields[0], klDataModel: fields[1], klModelData: fields[2],
      wasserstein: fields[3], value: fields[4], meanDReal: fields[5], meanDFake: fields[6],
      discriminatorLoss: fields[7], generatorLoss: fields[8],
      discriminatorGradientNorm: fields[9], generatorGradientNorm: fields[10],
      generatorMean: fields[11], generatorStandardDeviation: fields[12])
  }
}
