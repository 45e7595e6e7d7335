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
      "event \(event) (\(command)) was refused on replay"
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
    // Between events a live loop runs only whole iterations, so running whole iterations
    // up to an event's iteration lands exactly on its counters.
    func advance(to iteration: Int) {
      while session.trainer.iteration < iteration && !session.isDiverged {
        if let snapshot = session.runIteration() { onFrame(snapshot) }
      }
    }
    for (index, event) in events.enumerated() where event.iteration <= iterations {
      advance(to: event.iteration)
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
      onFrame(snapshot)
    }
    advance(to: iterations)
    if session.changedSincePublish { onFrame(session.makeSnapshot()) }
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
