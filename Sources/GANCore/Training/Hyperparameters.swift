/// The knobs that may change between any two training steps.
public struct Hyperparameters: Sendable, Equatable, Hashable, Codable {
  /// k: discriminator steps per generator step (Algorithm 1).
  public var discriminatorSteps: Int
  /// m: the minibatch size of every step.
  public var batchSize: Int
  /// η_D and η_G.
  public var discriminatorStepSize: Float
  public var generatorStepSize: Float
  public var loss: Loss
  public var optimizer: OptimizerSettings
  /// The fixes for the game's failures (all off by default: Algorithm 1 as published).
  public var stabilizers: Stabilizers

  public init(
    discriminatorSteps: Int = 1, batchSize: Int = 128, discriminatorStepSize: Float = 1e-3,
    generatorStepSize: Float = 1e-3, loss: Loss = .nonsaturating,
    optimizer: OptimizerSettings = OptimizerSettings(), stabilizers: Stabilizers = Stabilizers()
  ) {
    self.discriminatorSteps = discriminatorSteps
    self.batchSize = batchSize
    self.discriminatorStepSize = discriminatorStepSize
    self.generatorStepSize = generatorStepSize
    self.loss = loss
    self.optimizer = optimizer
    self.stabilizers = stabilizers
  }

  /// The accepted ranges, checked wherever a value comes from a user.
  public static let discriminatorStepRange = 1...50
  public static let batchSizeRange = 1...65_536

  /// Nil when every value is acceptable, else a one-line description of the first bad one.
  public var problem: String? {
    if !Self.discriminatorStepRange.contains(discriminatorSteps) {
      return "k must be between 1 and 50, got \(discriminatorSteps)"
    }
    if !Self.batchSizeRange.contains(batchSize) {
      return "batch size must be between 1 and 65536, got \(batchSize)"
    }
    for (name, value) in [("lr-d", discriminatorStepSize), ("lr-g", generatorStepSize)]
    where !(value.isFinite && value > 0) {
      return "step size \(name) must be a positive number, got \(value)"
    }
    return stabilizers.problem
  }
}

/// Everything that defines a run at its start.
public struct TrainingConfig: Sendable, Equatable {
  public var target: Target
  public var prior: Prior
  public var architecture: Architecture
  public var hyperparameters: Hyperparameters
  public var seed: UInt64

  public init(
    target: Target, prior: Prior = .uniform, architecture: Architecture = Architecture(),
    hyperparameters: Hyperparameters = Hyperparameters(), seed: UInt64 = 0
  ) {
    self.target = target
    self.prior = prior
    self.architecture = architecture
    self.hyperparameters = hyperparameters
    self.seed = seed
  }
}
