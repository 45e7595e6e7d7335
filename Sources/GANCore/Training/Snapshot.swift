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
