import GANCore

/// Why a replay could not follow an event log.
public enum ReplayError: Error, Equatable, CustomStringConvertible {
  /// The run cannot be at the counters the event was logged at (a log from another config,
  /// or events out of order).
  case unreachable(event: Int, logged: String, reached: String)
  /// The trainer refused the event's command, which the logged run had accepted.
  case refused(event: Int, command: ControlCommand)
  /// The snapshot after the event got another sequence number than the logged one.
  case sequenceMismatch(event: Int, logged: UInt64, replayed: UInt64)

  public var description: String {
    switch self {
    case .unreachable(let event, let logged, let reached):
      "event \(event) was logged at \(logged) but the replay is at \(reached)"
    case .refused(let event, let command):
      "event \(event) (\(RecordingMarker.text(command))) was refused on replay"
    case .sequenceMismatch(let event, let logged, let replayed):
      "event \(event) was followed by snapshot \(logged) but the replay published \(replayed)"
    }
  }
}

extension TrainingRuntime {
  /// Re-simulates a run headlessly on the calling thread: the same snapshots, bit for bit,
  /// as the live run that produced `events` with this config and initial publish interval,
  /// whatever its pace, pauses and readers were. Runs to iteration `until` (or until
  /// training diverges with no later event), delivering every snapshot in order; ends with a
  /// final snapshot at `until` unless the last one already shows that state, as a live run
  /// with `stopAfterIterations: until` does.
  public static func replay(
    config: TrainingConfig, events: [AppliedEvent], publishInterval: Int = 100,
    until iterations: Int, onFrame: (Snapshot) -> Void
  ) throws(ReplayError) {
    let session = Session(config: config, publishInterval: publishInterval)
    onFrame(session.makeSnapshot())
    var replayer = Replayer(session: session, events: events, until: iterations)
    while let snapshot = try replayer.nextFrame() { onFrame(snapshot) }
  }

  /// `replay` collected into an array (for tests and short runs).
  public static func replay(
    config: TrainingConfig, events: [AppliedEvent], publishInterval: Int = 100,
    until iterations: Int
  ) throws(ReplayError) -> [Snapshot] {
    var frames: [Snapshot] = []
    try replay(
      config: config, events: events, publishInterval: publishInterval, until: iterations
    ) { frames.append($0) }
    return frames
  }
}

/// Drives a session along an event log one frame at a time, from wherever the session is
/// (a fresh start, or a restored checkpoint): the pull-based core of `replay`, of a
/// recording's `verify` and of branching, which stops at a chosen frame.
///
/// Between events a live loop runs only whole iterations, so running whole iterations up to
/// an event's iteration lands exactly on its counters.
struct Replayer {
  let session: Session
  /// The events still to apply, with their index in the log given (for messages).
  private let events: [(index: Int, event: AppliedEvent)]
  private var next = 0
  private let until: Int
  private var finished = false

  /// `events` is the whole log; the ones the session has already passed (sequence numbers
  /// up to its last snapshot) and the ones after iteration `until` are skipped.
  init(session: Session, events: [AppliedEvent], until: Int) {
    self.session = session
    let done = session.lastSequence
    self.events = events.enumerated().filter {
      $0.element.sequence > done && $0.element.iteration <= until
    }.map { (index: $0.offset, event: $0.element) }
    self.until = until
  }

  /// The next snapshot the logged run published, or nil after the last one up to `until`.
  mutating func nextFrame() throws(ReplayError) -> Snapshot? {
    while !finished {
      let goal = next < events.count ? events[next].event.iteration : until
      if session.trainer.iteration < goal && !session.isDiverged {
        if let snapshot = session.runIteration() { return snapshot }
        continue
      }
      guard next < events.count else {
        finished = true
        return session.changedSincePublish ? session.makeSnapshot() : nil
      }
      let (index, event) = events[next]
      next += 1
      guard session.counters == event.counters else {
        throw .unreachable(
          event: index, logged: event.counters.description,
          reached: session.counters.description)
      }
      guard let (_, snapshot) = session.apply(event.command) else {
        throw .refused(event: index, command: event.command)
      }
      guard snapshot.sequence == event.sequence else {
        throw .sequenceMismatch(event: index, logged: event.sequence, replayed: snapshot.sequence)
      }
      return snapshot
    }
    return nil
  }
}
