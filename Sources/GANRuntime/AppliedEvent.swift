import GANCore

/// One control command as it took effect: the step counters before it was applied, and the
/// sequence number of the snapshot published right after it. An ordered list of these, with
/// the seed and config, determines a run exactly (see `TrainingRuntime.replay`).
public struct AppliedEvent: Sendable, Equatable, Hashable {
  public var command: ControlCommand
  public var iteration: Int
  public var discriminatorSteps: Int
  public var generatorSteps: Int
  public var sequence: UInt64

  public init(
    command: ControlCommand, iteration: Int, discriminatorSteps: Int, generatorSteps: Int,
    sequence: UInt64
  ) {
    self.command = command
    self.iteration = iteration
    self.discriminatorSteps = discriminatorSteps
    self.generatorSteps = generatorSteps
    self.sequence = sequence
  }

  var counters: StepCounters {
    StepCounters(
      iteration: iteration, discriminatorSteps: discriminatorSteps, generatorSteps: generatorSteps)
  }
}

/// Where a trainer is in Algorithm 1: the positions at which events are logged.
struct StepCounters: Sendable, Equatable, CustomStringConvertible {
  var iteration: Int
  var discriminatorSteps: Int
  var generatorSteps: Int

  init(iteration: Int, discriminatorSteps: Int, generatorSteps: Int) {
    self.iteration = iteration
    self.discriminatorSteps = discriminatorSteps
    self.generatorSteps = generatorSteps
  }

  init(_ trainer: Trainer) {
    self.init(
      iteration: trainer.iteration, discriminatorSteps: trainer.discriminatorStepCount,
      generatorSteps: trainer.generatorStepCount)
  }

  var description: String {
    "iteration \(iteration) (D steps \(discriminatorSteps), G steps \(generatorSteps))"
  }
}
