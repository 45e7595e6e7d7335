import Dispatch
import GANCore

/// A training run on its own serial queue, shared with any number of threads: viewers read
/// the latest snapshot, every-frame readers (`FrameReader`) get all of them in order, and
/// anyone may send control commands. See docs/architecture.md, "Threads and the one lock".
public final class TrainingRuntime: Sendable {
  public let config: TrainingConfig
  let shared: Locked<SharedState>
  private let settings: LoopSettings
  private let queue = DispatchQueue(label: "ganscope.trainer", qos: .userInitiated)
  /// Computes the live spectrum from the parameters the trainer copies (SpectrumChannel),
  /// at a lower priority than training: it uses a core's spare time.
  private let spectrumQueue = DispatchQueue(label: "ganscope.spectrum", qos: .utility)

  /// - Parameters:
  ///   - publishInterval: publish a snapshot every this many iterations (also after every
  ///     applied command, at the start, and at the end of a limited run).
  ///   - pace: the initial pace; `startPaused`: wait for `.resume` or a single step.
  ///   - stopAfterIterations: end the run (after a final snapshot) at this iteration.
  ///   - endOnDivergence: end the run when training diverges, instead of pausing.
  ///   - ringCapacity: how many frames the ring holds (how far an every-frame reader may
  ///     lag before the trainer waits for it).
  ///   - finalSamples: when the run ends by itself, draw these samples of G for
  ///     `finalSamples` (for `--samples-out`).
  public convenience init(
    config: TrainingConfig, publishInterval: Int = 100, pace: Pace = .maximum,
    startPaused: Bool = false, stopAfterIterations: Int? = nil, endOnDivergence: Bool = false,
    ringCapacity: Int = 64, finalSamples: SampleRequest? = nil
  ) {
    precondition(publishInterval >= 1, "the publish interval must be at least 1")
    precondition(pace.isValid, "a pace must be a positive, finite rate")
    precondition((stopAfterIterations ?? 0) >= 0, "the iteration limit must not be negative")
    self.init(
      config: config,
      settings: LoopSettings(
        publishInterval: publishInterval, pace: pace, startPaused: startPaused,
        stopAfterIterations: stopAfterIterations, endOnDivergence: endOnDivergence,
        finalSamples: finalSamples),
      ringCapacity: ringCapacity)
  }

  /// A runtime that continues from a recorded frame: its first published snapshot is
  /// `point.frame` (same sequence number), and it goes on exactly as the recorded run would
  /// have. `config` describes the run as of that frame.
  convenience init(
    resuming point: ResumePoint, config: TrainingConfig, pace: Pace, startPaused: Bool,
    stopAfterIterations: Int? = nil, ringCapacity: Int = 64
  ) {
    precondition(pace.isValid, "a pace must be a positive, finite rate")
    self.init(
      config: config,
      settings: LoopSettings(
        publishInterval: point.checkpoint.publishInterval, pace: pace, startPaused: startPaused,
        stopAfterIterations: stopAfterIterations, endOnDivergence: false, finalSamples: nil,
        resume: point),
      ringCapacity: ringCapacity)
  }

  private init(config: TrainingConfig, settings: LoopSettings, ringCapacity: Int) {
    self.config = config
    self.settings = settings
    shared = Locked(
      SharedState(
        ringCapacity: ringCapacity,
        status: RuntimeStatus(
          isPaused: settings.startPaused, pace: settings.pace,
          publishInterval: settings.publishInterval),
        startingAfter: max(settings.resume?.frame.sequence ?? 1, 1) - 1))
  }

  /// The publication cadence the run started with (later changes are logged events).
  var initialPublishInterval: Int { settings.publishInterval }

  /// Whether the run continues a recorded one (its config and events then describe it only
  /// from its first frame on).
  var isResumed: Bool { settings.resume != nil }

  /// A runtime nobody holds can never be stopped by anyone: stop its loop.
  deinit { shared.withLockNotifying { $0.stopRequested = true } }

  /// Starts the loop (once; later calls, and calls after `stop`, do nothing). The trainer
  /// and evaluator are created on the training queue and never leave it.
  public func start() {
    let starting = shared.withLockNotifying { state -> Bool in
      guard state.status.phase == .idle else { return false }
      state.status.phase = .running
      return true
    }
    guard starting else { return }
    queue.async { [config, settings, shared, spectrumQueue] in
      var loop = TrainingLoop(
        config: config, settings: settings, shared: shared, spectrumQueue: spectrumQueue)
      loop.run()
    }
  }

  /// Stops the loop and returns once it has ended: within one iteration or one snapshot,
  /// even at full speed or while it waits for a slow reader. Published frames stay readable.
  public func stop() {
    requestStop()
    shared.withLock(waitingUntil: { $0.status.phase != .running }, timeout: nil) { _ in }
  }

  /// Asks the loop to stop at its next iteration boundary, without waiting for it.
  public func requestStop() {
    shared.withLockNotifying { state in
      state.stopRequested = true
      if state.status.phase == .idle { state.status.phase = .ended }
    }
  }

  /// Queues commands; the loop applies them in order at its next iteration boundary, logs
  /// each one it accepts (see `events`) and publishes a snapshot after each.
  public func send(_ commands: ControlCommand...) { send(commands) }

  /// Queues commands in order, all at once: the loop takes them together and applies them
  /// at the same boundary.
  public func send(_ commands: [ControlCommand]) {
    shared.withLockNotifying { $0.commands.append(contentsOf: commands) }
  }

  /// Queues `batch` to be applied at its iteration (see `ScheduledCommands`), after every
  /// batch scheduled before it. Applied commands are logged like keys (`events`).
  public func schedule(_ batch: ScheduledCommands) {
    shared.withLockNotifying { $0.scheduled.append(batch) }
  }

  /// How many scheduled batches the loop has applied (taken at a boundary) so far.
  public var scheduledApplied: Int { shared.withLock { $0.scheduledTaken } }

  /// The newest snapshot (nil before the first): for viewers, which may skip frames.
  public func latest() -> Snapshot? { shared.withLock { $0.ring.latest } }

  /// The newest spectrum of the game's Jacobian computed in the background, its age and
  /// whether the next is being computed. `wanted`: the viewer shows it, so ask for a new one
  /// when the newest is a second old (the trainer copies its parameters at its next
  /// boundary, even while paused). Nothing is computed while no viewer wants it.
  public func spectrum(wanted: Bool) -> LiveSpectrum {
    let now = monotonicSeconds()
    let (spectrum, asked) = shared.withLock { state -> (SpectrumChannel, Bool) in
      let asked = wanted && state.spectrum.ask(now: now)
      return (state.spectrum, asked)
    }
    // Wakes a paused or pacing trainer to take the request.
    if asked { shared.withLockNotifying { _ in } }
    return LiveSpectrum(
      reading: spectrum.latest, age: spectrum.capturedAt.map { now - $0 },
      computing: spectrum.requested || spectrum.inFlight)
  }

  /// Waits for a spectrum being computed to be published (a measurement's next round must
  /// not share the machine with it).
  func waitForSpectrum() {
    shared.withLock(waitingUntil: { !$0.spectrum.inFlight }, timeout: nil) { _ in }
  }

  /// The loop's state: pause, pace, cadence, measured rate, divergence, phase.
  public var status: RuntimeStatus { shared.withLock { $0.status } }

  /// Every command applied so far, in order, with the counters it was applied at.
  public var events: [AppliedEvent] { shared.withLock { $0.events } }

  /// G's samples requested with `finalSamples`, once the run has ended by itself.
  public var finalSamples: [Float]? { shared.withLock { $0.finalSamples } }

  /// The oldest frame still held that is newer than `sequence`, waiting up to `timeout` for
  /// one. Without a `FrameReader` nothing holds the trainer back, so a slow caller may find
  /// frames skipped (the returned sequence tells).
  public func next(after sequence: UInt64, timeout: Duration) -> FrameWait {
    shared.withLock(
      waitingUntil: { $0.ring.lastSequence > sequence || $0.hasEnded(after: sequence) },
      timeout: timeout.seconds
    ) { state in
      if let frame = state.ring.first(after: sequence) { return .frame(frame) }
      return state.hasEnded(after: sequence) ? .ended : .timedOut
    }
  }

  /// Waits up to `timeout` (nil: no limit) for the loop to end; returns whether it has.
  @discardableResult
  public func waitUntilEnded(timeout: Duration? = nil) -> Bool {
    shared.withLock(
      waitingUntil: { $0.status.phase == .ended }, timeout: timeout?.seconds
    ) { $0.status.phase == .ended }
  }
}

/// What a wait for a frame found.
public enum FrameWait: Sendable, Equatable {
  case frame(Snapshot)
  /// Nothing new yet.
  case timedOut
  /// The loop has ended and every frame has been delivered.
  case ended

  public var snapshot: Snapshot? {
    if case .frame(let snapshot) = self { return snapshot }
    return nil
  }
}

/// Where a resumed runtime starts: a recorded frame, and a checkpoint of the state right
/// after it (which the trainer restores on its queue).
struct ResumePoint: Sendable {
  var checkpoint: Checkpoint
  var frame: Snapshot
}

/// A request for samples of G at the end of a run (`--samples-out`).
public struct SampleRequest: Sendable, Equatable {
  public var count: Int
  /// The seed of the prior draws (training is unaffected).
  public var seed: UInt64

  public init(count: Int, seed: UInt64) {
    self.count = count
    self.seed = seed
  }
}

extension Duration {
  var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) * 1e-18
  }
}
