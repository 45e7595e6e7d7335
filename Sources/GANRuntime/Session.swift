import GANCore

/// The deterministic part of a run, shared by the live loop and by `replay` so that both
/// follow the same rules: one trainer, one evaluator, which commands are accepted, when a
/// snapshot is due, and how snapshots are numbered. Nothing here knows about time or threads;
/// like the Trainer it owns, a session stays on the thread that created it.
final class Session {
  let trainer: Trainer
  private let evaluator: Evaluator
  private(set) var publishInterval: Int
  /// The sequence number of the last snapshot made (numbering starts at 1).
  private(set) var lastSequence: UInt64 = 0
  /// Whether the trainer may have changed since the last snapshot, so a final frame is due.
  private(set) var changedSincePublish = true
  private var wasDiverged = false

  init(config: TrainingConfig, publishInterval: Int) {
    precondition(publishInterval >= 1, "the publish interval must be at least 1")
    trainer = Trainer(config: config)
    evaluator = Evaluator(architecture: config.architecture, prior: config.prior)
    self.publishInterval = publishInterval
  }

  /// A session in exactly the state it was in right after publishing the frame a checkpoint
  /// was captured with: the next snapshot it makes, and every one after, is bit for bit the
  /// one the captured session would have made. A checkpoint names its target by spec; a
  /// target with a data file is taken from `knownTargets` (see `Trainer(state:)`).
  init(restoring checkpoint: Checkpoint, knownTargets: [Target]) throws(CheckpointError) {
    guard checkpoint.publishInterval >= 1, Checkpoint.gridBinRange.contains(checkpoint.grid.bins)
    else { throw CheckpointError(description: "checkpoint cadence or grid is out of range") }
    do {
      trainer = try Trainer(state: checkpoint.trainer, knownTargets: knownTargets)
    } catch {
      throw CheckpointError(description: error.description)
    }
    evaluator = Evaluator(
      architecture: checkpoint.trainer.architecture, prior: checkpoint.trainer.prior,
      bins: checkpoint.grid.bins)
    evaluator.restoreGrid(checkpoint.grid)
    publishInterval = checkpoint.publishInterval
    lastSequence = checkpoint.sequence
    changedSincePublish = false
    // Every published frame follows a divergence check, so this is what the flag was.
    wasDiverged = trainer.isDiverged
  }

  /// The state after the last snapshot made. Only meaningful while nothing has changed since
  /// (`changedSincePublish` is false); reading it changes nothing.
  func checkpoint() -> Checkpoint {
    Checkpoint(
      trainer: trainer.state, grid: evaluator.gridState, sequence: lastSequence,
      publishInterval: publishInterval)
  }

  var counters: StepCounters { StepCounters(trainer) }
  var isDiverged: Bool { trainer.isDiverged }

  /// The next snapshot, numbered. The evaluator's view grid follows the snapshots taken, so
  /// every snapshot made must be published, in order, for runs to stay comparable.
  func makeSnapshot() -> Snapshot {
    lastSequence += 1
    var snapshot = evaluator.snapshot(of: trainer)
    snapshot.sequence = lastSequence
    changedSincePublish = false
    return snapshot
  }

  /// Runs one whole iteration (k D steps, one G step) and returns the snapshot it makes due:
  /// on the publication cadence, or because training has just diverged.
  func runIteration() -> Snapshot? {
    let before = counters
    trainer.runIteration()
    let progressed = counters != before
    if progressed { changedSincePublish = true }
    if noteNewDivergence() { return makeSnapshot() }
    if progressed && trainer.iteration % publishInterval == 0 { return makeSnapshot() }
    return nil
  }

  /// Applies `command` now, at an iteration boundary or between single steps, and returns
  /// its log entry with the snapshot that shows its effect; nil when the command is refused
  /// (an out-of-range value): a refused command changes nothing and is not logged.
  func apply(_ command: ControlCommand) -> (event: AppliedEvent, snapshot: Snapshot)? {
    let at = counters
    guard perform(command) else { return nil }
    changedSincePublish = true
    _ = noteNewDivergence()
    let snapshot = makeSnapshot()
    let event = AppliedEvent(
      command: command, iteration: at.iteration, discriminatorSteps: at.discriminatorSteps,
      generatorSteps: at.generatorSteps, sequence: snapshot.sequence)
    return (event, snapshot)
  }

  private func perform(_ command: ControlCommand) -> Bool {
    switch command {
    // A step refused by a diverged trainer still counts as applied: it is logged, and
    // replays refuse it the same way.
    case .stepDiscriminator: trainer.discriminatorStep()
    case .stepGenerator: trainer.generatorStep()
    case .stepIteration: trainer.runIteration()
    case .setPublishInterval(let interval):
      guard interval >= 1 else { return false }
      publishInterval = interval
    // Loop commands change no training state but are logged (and published) all the same,
    // so that the log alone fixes the numbering of snapshots.
    case .setPace(let pace): return pace.isValid
    case .pause, .resume: return true
    case .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize,
      .setGeneratorStepSize, .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps,
      .setUpdateScheme, .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget,
      .resetNetworks,
      .reseed:
      return trainer.apply(command)
    }
    return true
  }

  /// True once per divergence (a reset clears it, so a later divergence counts again).
  private func noteNewDivergence() -> Bool {
    let diverged = trainer.isDiverged
    defer { wasDiverged = diverged }
    return diverged && !wasDiverged
  }
}
