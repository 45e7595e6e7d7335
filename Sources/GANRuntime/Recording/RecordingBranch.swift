import GANCore

extension RecordingReader {
  /// Restores the nearest checkpoint at or before `frameIndex`, re-applies the recorded
  /// events and steps up to exactly that frame, and returns a runtime (not started) that
  /// continues live from it.
  ///
  /// Its first published snapshot is `frame(at: frameIndex)`, sequence number included,
  /// and with no further commands it goes on exactly as the recorded run did: the same
  /// frames with the same sequence numbers, bit for bit (as recorded: the re-simulated
  /// frame is checked against the recorded one before the runtime is made). Its `events`
  /// start empty; its `config` describes the run as of that frame.
  /// `limits` bound the re-simulation (for the fuzzer).
  public func branch(
    at frameIndex: Int, pace: Pace, startPaused: Bool,
    limits: VerificationLimits = VerificationLimits()
  ) throws(RecordingError) -> TrainingRuntime {
    let point = try resumePoint(at: frameIndex, limits: limits)
    let trainer = point.session.trainer
    let config = TrainingConfig(
      target: trainer.target, prior: trainer.prior, architecture: trainer.architecture,
      hyperparameters: trainer.hyperparameters, seed: trainer.seed)
    guard pace.isValid else { throw RecordingError("a pace must be a positive, finite rate") }
    return TrainingRuntime(
      resuming: ResumePoint(checkpoint: point.session.checkpoint(), frame: frame(at: frameIndex)),
      config: config, pace: pace, startPaused: startPaused)
  }

  /// A session re-simulated to the state right after frame `frameIndex`.
  func resumePoint(at frameIndex: Int, limits: VerificationLimits = VerificationLimits())
    throws(RecordingError) -> (session: Session, frame: Snapshot)
  {
    guard (0..<frameCount).contains(frameIndex) else {
      throw RecordingError("'\(name)' has no frame \(frameIndex + 1)")
    }
    let start = try start(atOrBefore: frameIndex)
    let session = start.session
    guard limits.allow(session.trainer) else {
      throw RecordingError("'\(name)': the nets are larger than the limit")
    }
    let (sequence, iteration) = frameCounters(at: frameIndex)
    let number = frameNumber(at: frameIndex)
    var reached: Snapshot? = start.initialSnapshot
    if start.sequence == sequence {
      // The checkpoint is the state right after this very frame.
      return (session, frame(at: frameIndex))
    }
    var replayer = Replayer(session: session, events: events, until: iteration)
    do {
      let firstIteration = session.trainer.iteration
      while (reached?.sequence ?? 0) < sequence,
        session.trainer.iteration - firstIteration <= limits.iterationsPerSegment,
        let s = try replayer.nextFrame()
      {
        reached = s
      }
    } catch {
      throw RecordingError(
        "'\(name)': the events do not replay up to frame \(number): \(error.description)")
    }
    guard let reached, reached.sequence == sequence else {
      throw RecordingError("'\(name)': the re-simulation never reached frame \(number)")
    }
    if let difference = FrameComparison.firstDifference(
      recorded: frame(at: frameIndex), resimulated: FrameComparison.recorded(reached),
      recordedMetrics: recordedMetricCount(at: frameIndex),
      uniformModes: session.trainer.target.distribution.hasUniformModes)
    {
      throw RecordingError(
        "'\(name)': frame \(number) does not re-simulate as recorded (\(difference))")
    }
    return (session, reached)
  }
}
