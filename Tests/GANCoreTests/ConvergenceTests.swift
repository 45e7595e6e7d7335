import Testing

@testable import GANCore

/// The canonical workload (docs/theory.md): N(4, 0.5), H = 32, m = 128, Adam
/// 1e-3 (β₁ = 0.5), non-saturating loss, 5000 iterations, scored like the peers.
@Suite struct ConvergenceTests {
  func train(k: Int, seed: UInt64, target: String = "gaussian") throws -> CanonicalScore {
    let config = TrainingConfig(
      target: try Target.parse(target),
      hyperparameters: Hyperparameters(discriminatorSteps: k), seed: seed)
    let trainer = Trainer(config: config)
    for _ in 0..<5000 { #expect(trainer.runIteration()) }
    return CanonicalScore(
      samples: trainer.generateSamples(count: 10_000, seed: 99), target: config.target)
  }

  @Test(arguments: [0, 1, 2] as [UInt64])
  func convergesWithFiveDiscriminatorSteps(seed: UInt64) throws {
    let score = try train(k: 5, seed: seed)
    #expect(score.jensenShannon < 0.06)
    #expect(abs(score.mean - 4) < 0.15)
    #expect(abs(score.standardDeviation - 0.5) < 0.1)
  }

  /// With k = 1 every peer moves G's mass to about 4 but collapses it to a spike
  /// (std 0.04–0.10): the engine reproduces the failure.
  @Test(arguments: [0, 1, 2] as [UInt64])
  func collapsesToASpikeWithOneDiscriminatorStep(seed: UInt64) throws {
    let score = try train(k: 1, seed: seed)
    #expect(score.standardDeviation < 0.2)
    #expect(score.jensenShannon > 0.3)
    #expect(abs(score.mean - 4) < 1.5)
  }

  @Test func coversBothModesOfTheMixtureWithFiveDiscriminatorSteps() throws {
    let score = try train(k: 5, seed: 0, target: "bimodal")
    #expect(score.jensenShannon < 0.1)
    #expect(abs(score.fractionPositive - 0.5) < 0.1)
  }
}

@Suite struct DeterminismTests {
  func snapshots(seed: UInt64, iterations: Int = 300) throws -> [Snapshot] {
    let config = TrainingConfig(
      target: try Target.parse("bimodal"),
      architecture: Architecture(width: 16), hyperparameters: Hyperparameters(batchSize: 64),
      seed: seed)
    let trainer = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    var frames = [evaluator.snapshot(of: trainer)]
    for i in 1...iterations {
      trainer.runIteration()
      if i % 50 == 0 { frames.append(evaluator.snapshot(of: trainer)) }
    }
    // Single steps and control changes are part of a run too.
    trainer.discriminatorStep()
    trainer.apply(.setDiscriminatorSteps(3))
    trainer.apply(.setLoss(.minimax))
    trainer.generatorStep()
    trainer.runIteration()
    frames.append(evaluator.snapshot(of: trainer))
    return frames
  }

  @Test func sameSeedGivesIdenticalSnapshots() throws {
    let a = try snapshots(seed: 7)
    let b = try snapshots(seed: 7)
    #expect(a == b)
    #expect(a.last?.discriminatorSteps == 300 + 1 + 3)
    #expect(a.last?.generatorSteps == 302)
  }

  @Test func differentSeedsDiffer() throws {
    let a = try snapshots(seed: 7)
    let b = try snapshots(seed: 8)
    #expect(a.last?.mappingX != b.last?.mappingX)
    #expect(a.last?.metrics != b.last?.metrics)
  }

  @Test func takingSnapshotsDoesNotChangeTraining() throws {
    let config = TrainingConfig(target: try Target.parse("gaussian"), seed: 4)
    let watched = Trainer(config: config)
    let unwatched = Trainer(config: config)
    let evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    for _ in 0..<100 {
      watched.runIteration()
      _ = evaluator.snapshot(of: watched)
      unwatched.runIteration()
    }
    #expect(watched.generator.copyParameters() == unwatched.generator.copyParameters())
    #expect(watched.discriminator.copyParameters() == unwatched.discriminator.copyParameters())
  }

  @Test func hugeStepSizesDivergeWithoutCrashing() throws {
    let config = TrainingConfig(
      target: try Target.parse("gaussian"),
      hyperparameters: Hyperparameters(
        discriminatorStepSize: 1e38, generatorStepSize: 1e38,
        optimizer: OptimizerSettings(kind: .sgd)),
      seed: 1)
    let trainer = Trainer(config: config)
    var iterations = 0
    while trainer.runIteration() && iterations < 1000 { iterations += 1 }
    #expect(trainer.divergedAtIteration != nil)
    #expect(iterations < 1000)
  }

  @Test func divergenceStopsTrainingWithoutCrashing() throws {
    let config = TrainingConfig(target: try Target.parse("gaussian"), seed: 1)
    let trainer = Trainer(config: config)
    for _ in 0..<10 { trainer.runIteration() }
    trainer.generator.parameters[0] = .nan
    trainer.generator.parametersChanged()
    // The NaN is found in the iteration that runs next: the 11th.
    #expect(!trainer.runIteration())
    #expect(trainer.divergedAtIteration == 11)
    #expect(!trainer.runIteration())
    let snapshot = Evaluator(architecture: config.architecture, prior: config.prior)
      .snapshot(of: trainer)
    #expect(snapshot.divergedAtIteration == trainer.divergedAtIteration)
    trainer.resetNetworks()
    #expect(!trainer.isDiverged)
  }
}

@Suite struct CheckpointTests {
  @Test func restoredTrainerContinuesBitForBit() throws {
    let config = TrainingConfig(
      target: try Target.parse("trimodal"),
      architecture: Architecture(width: 12, hiddenLayers: 3),
      hyperparameters: Hyperparameters(discriminatorSteps: 2, batchSize: 50), seed: 11)
    let original = Trainer(config: config)
    for _ in 0..<120 { original.runIteration() }
    original.discriminatorStep()
    let restored = try Trainer(state: original.state)
    let a = Evaluator(architecture: config.architecture, prior: config.prior)
    let b = Evaluator(architecture: config.architecture, prior: config.prior)
    #expect(a.snapshot(of: original) == b.snapshot(of: restored))
    for trainer in [original, restored] {
      trainer.apply(.setOptimizer(.momentum))
      for _ in 0..<50 { trainer.runIteration() }
    }
    #expect(a.snapshot(of: original) == b.snapshot(of: restored))
    #expect(original.state == restored.state)
  }

  @Test func mismatchedCheckpointIsRejected() throws {
    let trainer = Trainer(config: TrainingConfig(target: try Target.parse("gaussian")))
    var state = trainer.state
    state.generatorParameters.removeLast()
    #expect(throws: TrainerStateError.self) { try Trainer(state: state) }
    state = trainer.state
    state.target = "normal(4)"
    #expect(throws: TrainerStateError.self) { try Trainer(state: state) }
    // Workspaces too small for the next steps' batches (G's P·m samples, D's 2m rows, D's
    // m rows in G's step, 2m under the relativistic loss) are refused, not written past.
    _ = trainer.runIteration()
    let whole = trainer.state
    #expect(whole.workspaceCapacities == [128, 256, 128])
    for (slot, capacity) in [(0, 127), (1, 255), (2, 127)] {
      state = whole
      state.workspaceCapacities[slot] = capacity
      #expect(throws: TrainerStateError.self) { try Trainer(state: state) }
    }
    state = whole
    state.hyperparameters.loss = .relativistic
    #expect(throws: TrainerStateError.self) { try Trainer(state: state) }
    state.workspaceCapacities[2] = 256
    #expect(throws: Never.self) { try Trainer(state: state) }
  }
}
