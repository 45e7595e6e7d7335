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

  /// A session at the start of the re-simulation, the index of the first frame it will
  /// make, and where it came from; for a start before frame 0, also the first snapshot.
  struct Start {
    var session: Session
    /// The frame the session's state follows (-1: before the first recorded frame).
    var frameIndex: Int
    var initialSnapshot: Snapshot?
    var origin: String
  }

  /// The latest point at or before `frameIndex` to re-simulate from: a checkpoint, or the
  /// start of the run when the recording covers it.
  func start(atOrBefore frameIndex: Int, preferCheckpoint: Bool) throws(RecordingError) -> Start {
    let startsWithRun = !header.isResumedRun
    if preferCheckpoint || !startsWithRun, let i = checkpointIndex(atOrBefore: frameIndex) {
      let frame = checkpointFrames[i]
      guard let checkpoint = checkpoint(i) else {
        throw RecordingError("'\(name)': the checkpoint at frame \(frame) is malformed")
      }
      do {
        let session = try Session(restoring: checkpoint, knownTargets: [header.config.target])
        return Start(
          session: session, frameIndex: frame, initialSnapshot: nil,
          origin: "the checkpoint at frame \(frame)")
      } catch {
        throw RecordingError(
          "'\(name)': cannot restore the checkpoint at frame \(frame): \(error.description)")
      }
    }
    guard startsWithRun else {
      throw RecordingError("'\(name)' has no checkpoint at or before frame \(frameIndex)")
    }
    let session = Session(config: try replayConfig(), publishInterval: header.publishInterval)
    return Start(
      session: session, frameIndex: -1, initialSnapshot: session.makeSnapshot(),
      origin: "the header")
  }
}
