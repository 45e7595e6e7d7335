import Dispatch
import GANCore

/// How a runtime was asked to run (fixed at init).
struct LoopSettings: Sendable {
  var publishInterval: Int
  var pace: Pace
  var startPaused: Bool
  var stopAfterIterations: Int?
  var endOnDivergence: Bool
  var finalSamples: SampleRequest?
  /// Continue from a recorded frame instead of starting afresh (see `ResumePoint`).
  var resume: ResumePoint?
}

/// The training work item: runs on the runtime's serial queue from start to stop as one long
/// loop, and owns the session (so the non-Sendable Trainer never leaves that thread).
///
/// Each pass is one boundary between whole iterations: take the pending commands (one short
/// lock, which is also how a stop is noticed), apply them in order, then either wait (paused,
/// or ahead of the pace) or run one iteration. Commands therefore never land inside an
/// iteration's k D steps, and between commands only whole iterations run: the event log is
/// all a replay needs.
struct TrainingLoop {
  private let shared: Locked<SharedState>
  private let settings: LoopSettings
  /// Nil only when a resume point failed to restore (the run then ends at once).
  private let session: Session?
  private var paused: Bool
  private var pace: Pace
  private var pacer: Pacer?
  private var meter = RateMeter()
  private var checkpoints = CheckpointSchedule()
  /// Where the spectrum of a captured state is computed (SpectrumChannel).
  private let spectrumQueue: DispatchQueue

  /// The longest a waiting loop sleeps before looking again (commands wake it sooner).
  static let waitSlice = 0.005

  init(
    config: TrainingConfig, settings: LoopSettings, shared: Locked<SharedState>,
    spectrumQueue: DispatchQueue
  ) {
    self.shared = shared
    self.spectrumQueue = spectrumQueue
    self.settings = settings
    if let resume = settings.resume {
      // `RecordingReader.branch` took this checkpoint of a live session and `config.target`
      // from that session's trainer, so the target is at hand and this does not fail.
      session = try? Session(restoring: resume.checkpoint, knownTargets: [config.target])
    } else {
      session = Session(config: config, publishInterval: settings.publishInterval)
    }
    paused = settings.startPaused
    pace = settings.pace
    pacer = Self.pacer(for: settings.pace)
  }

  /// Runs until a stop, the iteration limit, or (if asked) divergence; then marks the end.
  mutating func run() {
    guard let session else {
      shared.withLockNotifying { state in
        state.status.phase = .ended
        state.status.failure = "the checkpoint to continue from could not be restored"
      }
      return
    }
    let completed = runUntilDone(session)
    let samples =
      completed
      ? settings.finalSamples.map {
        session.trainer.generateSamples(count: $0.count, seed: $0.seed)
      } : nil
    let status = currentStatus(session)
    shared.withLockNotifying { state in
      state.finalSamples = samples
      state.status = status
      state.status.phase = .ended
      state.status.iterationsPerSecond = 0
      state.status.lastSequence = state.ring.lastSequence
    }
  }

  /// True when the run reached its natural end, false when it was stopped.
  private mutating func runUntilDone(_ session: Session) -> Bool {
    // A resumed run's first frame is the recorded one it continues from, already made.
    let first = settings.resume?.frame ?? session.makeSnapshot()
    guard publish(first, event: nil, session) else { return false }
    while true {
      let now = monotonicSeconds()
      guard
        let (commands, recorderWaiting, tookScheduled, spectrumWanted) = takeCommands(
          now: now, session)
      else {
        return false
      }
      if recorderWaiting { startRecordersAtLatestFrame(session, now: now) }
      for command in commands {
        guard apply(command, session) else { return false }
      }
      if spectrumWanted { startSpectrum(session) }
      if session.isDiverged && settings.endOnDivergence { return true }
      // Another scheduled batch may be due at this same boundary: look before training.
      if tookScheduled { continue }
      if let limit = settings.stopAfterIterations, session.trainer.iteration >= limit {
        if session.changedSincePublish {
          guard publish(session.makeSnapshot(), event: nil, session) else { return false }
        }
        return true
      }
      if paused {
        waitForCommands(seconds: Self.waitSlice)
        continue
      }
      let delay = pacer?.delay(now: now) ?? 0
      if delay > 0 {
        waitForCommands(seconds: min(delay, Self.waitSlice))
        continue
      }
      let snapshot = session.runIteration()
      if session.isDiverged { paused = true }
      if let snapshot {
        guard publish(snapshot, event: nil, session) else { return false }
      }
    }
  }

  /// The one lock of every pass: nil on a stop request, else the pending commands and the
  /// next scheduled batch if it is due (usually none, which costs no allocation), whether a
  /// recorder waits for a checkpoint, whether a scheduled batch was taken, and whether a
  /// viewer asked for a spectrum. Also posts the iteration and the measured rate.
  private mutating func takeCommands(now: Double, _ session: Session) -> (
    [ControlCommand], Bool, Bool, Bool
  )? {
    let iteration = session.trainer.iteration
    let diverged = session.isDiverged
    let rate = meter.record(now: now, iteration: iteration)
    return shared.withLock { state -> ([ControlCommand], Bool, Bool, Bool)? in
      state.status.iteration = iteration
      if let rate { state.status.iterationsPerSecond = rate }
      if state.stopRequested { return nil }
      let waiting = !state.pendingRecorders.isEmpty
      let spectrum = state.spectrum.take()
      // Keys pressed before this boundary first, then what a script scheduled for it.
      let due =
        state.scheduled.isEmpty
        ? nil : state.takeDueScheduled(iteration: iteration, diverged: diverged)
      guard !state.commands.isEmpty || due != nil else { return ([], waiting, false, spectrum) }
      defer { state.commands = [] }
      return (state.commands + (due ?? []), waiting, due != nil, spectrum)
    }
  }

  /// Copies the state's parameters for the spectrum a viewer asked for (after this
  /// boundary's commands, so a key's effect shows) and computes it on the spectrum queue;
  /// the trainer goes on at once. A refusal (spectral normalisation, non-finite parameters)
  /// is published from here.
  private func startSpectrum(_ session: Session) {
    let capturedAt = monotonicSeconds()
    let iteration = session.trainer.iteration
    let captured = SpectrumReading.capture(session.trainer)
    switch captured {
    case .failure:
      shared.computeSpectrum(captured, iteration: iteration, capturedAt: capturedAt)
    case .success:
      spectrumQueue.async { [shared] in
        shared.computeSpectrum(captured, iteration: iteration, capturedAt: capturedAt)
      }
    }
  }

  /// A recorder attached while nothing changed since the latest frame (a paused run, or
  /// just after a publish) starts at that frame: its checkpoint is the state right now.
  /// Otherwise it starts at the next frame, which `publish` gives a checkpoint.
  private mutating func startRecordersAtLatestFrame(_ session: Session, now: Double) {
    guard !session.changedSincePublish, session.lastSequence > 0 else { return }
    let checkpoint = session.checkpoint()
    checkpoints.taken(
      sequence: checkpoint.sequence, now: now, iteration: session.trainer.iteration)
    shared.withLockNotifying { state in
      guard state.ring.lastSequence == checkpoint.sequence else { return }
      state.ring.attachToLatest(checkpoint)
      state.startPendingRecorders(at: checkpoint.sequence)
    }
  }

  /// Applies one command and publishes its snapshot; false on a stop request.
  private mutating func apply(_ command: ControlCommand, _ session: Session) -> Bool {
    guard let (event, snapshot) = session.apply(command) else { return true }
    switch command {
    // Single steps are for inspecting one update at a time, so they leave the loop paused.
    case .pause, .stepDiscriminator, .stepGenerator, .stepIteration: paused = true
    case .resume:
      paused = false
      pacer = Self.pacer(for: pace)  // No catch-up for the time spent paused.
    case .setPace(let new):
      pace = new
      pacer = Self.pacer(for: new)
    case .setPublishInterval, .setDiscriminatorSteps, .setBatchSize, .setDiscriminatorStepSize,
      .setGeneratorStepSize, .setLoss, .setOptimizer, .setPenalty, .setUnrolledSteps,
      .setUpdateScheme, .setInstanceNoise, .setSpectralNorm, .setPack, .setConsensus, .setTarget,
      .resetNetworks,
      .reseed:
      break
    }
    // A diverged trainer refuses every step: stay paused until `.resetNetworks`.
    if session.isDiverged { paused = true }
    return publish(snapshot, event: event, session)
  }

  private static func pacer(for pace: Pace) -> Pacer? {
    switch pace {
    case .maximum: nil
    case .iterationsPerSecond(let rate): Pacer(rate: rate)
    }
  }

  /// Sleeps up to `seconds`, waking at once for a command or a stop.
  private func waitForCommands(seconds: Double) {
    shared.withLock(waitingUntil: { $0.needsTrainer }, timeout: seconds) { _ in }
  }

  /// Puts a frame (and the event it follows) in the ring. While an every-frame reader is a
  /// full ring behind, waits for it rather than drop a frame it has not read. Returns false
  /// when a stop request ended that wait; the frame is then dropped with the run.
  private mutating func publish(
    _ snapshot: Snapshot, event: AppliedEvent?, _ session: Session
  ) -> Bool {
    let status = currentStatus(session)
    let checkpoint = checkpointIfDue(after: snapshot, session)
    let (published, evicted) = shared.withLock(
      waitingUntil: { $0.stopRequested || $0.canPublish(snapshot.sequence) }, timeout: nil,
      notifying: true
    ) { state -> (Bool, PublishedFrame?) in
      if state.stopRequested { return (false, nil) }
      let evicted = state.ring.append(
        PublishedFrame(
          snapshot: snapshot, event: event, checkpoint: checkpoint, time: monotonicSeconds()))
      if let event { state.events.append(event) }
      if checkpoint != nil { state.startPendingRecorders(at: snapshot.sequence) }
      let rate = state.status.iterationsPerSecond
      state.status = status
      state.status.iterationsPerSecond = rate
      state.status.lastSequence = state.ring.lastSequence
      return (true, evicted)
    }
    // The overwritten frame's arrays are freed here, outside the lock.
    withExtendedLifetime(evicted) {}
    return published
  }

  /// A checkpoint of the state right after `snapshot` when a recorder wants one (costs one
  /// short lock per frame; none at all is captured without a recorder).
  private mutating func checkpointIfDue(after snapshot: Snapshot, _ session: Session)
    -> Checkpoint?
  {
    let demand = shared.withLock { $0.checkpointDemand }
    let now = monotonicSeconds()
    let iteration = session.trainer.iteration
    switch demand {
    case .none: return nil
    case .now: break
    case .periodic(let policy):
      guard
        checkpoints.isDue(policy, sequence: snapshot.sequence, now: now, iteration: iteration)
      else { return nil }
    }
    checkpoints.taken(sequence: snapshot.sequence, now: now, iteration: iteration)
    return session.checkpoint()
  }

  private func currentStatus(_ session: Session) -> RuntimeStatus {
    var status = RuntimeStatus(
      isPaused: paused, pace: pace, publishInterval: session.publishInterval)
    status.phase = .running
    status.divergedAtIteration = session.trainer.divergedAtIteration
    status.iteration = session.trainer.iteration
    return status
  }
}
