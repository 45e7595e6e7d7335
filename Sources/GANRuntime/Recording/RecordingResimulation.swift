import GANCore

/// Re-simulating a recorded run: from its header (a run recorded from iteration 0) or from
/// a checkpoint, following the recorded events. Shared by `verify` and `branch`.
extension RecordingReader {
  /// The config to re-simulate from: the header's, with the target parsed again from its
  /// spec (the parser validates it) and checked against the recorded distribution. The
  /// numbers of a data file are the ones the header holds: no file is read again.
  func replayConfig() throws(RecordingError) -> TrainingConfig {
    var config = header.config
    let spec = config.target.spec
    let target: Target
    do {
      target = try Target.parse(spec, dataFrom: [config.target])
    } catch {
      throw RecordingError("cannot re-create the target '\(spec)' of '\(name)': \(error)")
    }
    guard target.distribution == config.target.distribution else {
      throw RecordingError(
        "the target '\(spec)' of '\(name)' does not match its recorded distribution")
    }
    config.target = target
    return config
  }

  /// A session at the start of a re-simulation, and where it came from.
  struct Start {
    var session: Session
    /// The sequence number of the frame the session's state follows (0: before the first
    /// frame of the run).
    var sequence: UInt64
    /// For a start at the beginning of the run: its first snapshot (frame 1).
    var initialSnapshot: Snapshot?
    var origin: String
  }

  /// The start of the run, re-created from the header.
  func startOfRun() throws(RecordingError) -> Start {
    let session = Session(config: try replayConfig(), publishInterval: header.publishInterval)
    return Start(
      session: session, sequence: 0, initialSnapshot: session.makeSnapshot(),
      origin: "the header")
  }

  /// The state right after checkpoint entry `i`'s frame.
  func start(fromCheckpoint i: Int) throws(RecordingError) -> Start {
    let sequence = checkpointEntries[i].sequence
    let number = frameNumber(sequence: sequence)
    guard let checkpoint = checkpoint(i) else {
      throw RecordingError("'\(name)': the checkpoint at frame \(number) is malformed")
    }
    do {
      let session = try Session(restoring: checkpoint, knownTargets: [header.config.target])
      return Start(
        session: session, sequence: sequence, initialSnapshot: nil,
        origin: "the checkpoint at frame \(number)")
    } catch {
      throw RecordingError(
        "'\(name)': cannot restore the checkpoint at frame \(number): \(error.description)")
    }
  }

  /// The latest checkpoint at or before frame `frameIndex` to re-simulate from, or the start
  /// of the run when there is none and the recording covers it.
  func start(atOrBefore frameIndex: Int) throws(RecordingError) -> Start {
    if let i = checkpointIndex(atOrBefore: frameIndex) { return try start(fromCheckpoint: i) }
    guard coversStartOfRun else {
      throw RecordingError(
        "'\(name)' has no checkpoint at or before frame \(frameNumber(at: frameIndex))")
    }
    return try startOfRun()
  }

  /// Whether the recording holds its run from iteration 0 (not a branch, not started with
  /// `R` in the middle of a session): the header then re-creates its first frame.
  var coversStartOfRun: Bool {
    !header.isResumedRun && frameCounters(at: 0).sequence == 1
  }
}
