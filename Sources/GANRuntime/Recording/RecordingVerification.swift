import GANCore

/// The outcome of `RecordingReader.verify`.
public struct RecordingVerification: Sendable {
  /// The first frame that differs from its re-simulation.
  public struct Mismatch: Sendable, Equatable {
    public var frameIndex: Int
    public var sequence: UInt64
    public var iteration: Int
    /// Which field differs, with both values (or why the re-simulation went elsewhere).
    public var detail: String
  }

  /// Frames found identical to their re-simulation (all of them when `mismatch` is nil).
  public var framesCompared: Int
  /// Checkpoints found identical to the re-simulated state.
  public var checkpointsCompared: Int
  /// Where the re-simulation started: "the header" or "the checkpoint at frame N".
  public var origin: String
  /// Frames not re-simulated: up to and including the checkpoint a branched run's recording
  /// is re-simulated from (0 for a run recorded from the start or joined mid-session).
  public var framesNotChecked: Int
  public var mismatch: Mismatch?

  public var passed: Bool { mismatch == nil }
}

extension RecordingReader {
  /// Re-simulates the recorded run from its header and event log (`TrainingRuntime.replay`'s
  /// rules; from the first checkpoint for a branched run) and compares every frame as it
  /// would be recorded, bit for bit, and every checkpoint's state. Throws only when the
  /// re-simulation cannot start (an unreadable target, a malformed checkpoint).
  public func verify() throws(RecordingError) -> RecordingVerification {
    let start = try start(atOrBefore: 0, preferCheckpoint: false)
    var report = RecordingVerification(
      framesCompared: 0, checkpointsCompared: 0, origin: start.origin,
      framesNotChecked: start.frameIndex + 1, mismatch: nil)
    var checkpointsByFrame: [Int: Int] = [:]
    for (i, frame) in checkpointFrames.enumerated() { checkpointsByFrame[frame] = i }
    var next = start.frameIndex + 1
    let session = start.session

    /// Compares one re-simulated frame; false once there is nothing more to compare.
    func check(_ s: Snapshot) -> Bool {
      let (sequence, iteration) = frameCounters(at: next)
      func fail(_ detail: String) -> Bool {
        report.mismatch = .init(
          frameIndex: next, sequence: sequence, iteration: iteration, detail: detail)
        return false
      }
      if s.sequence < sequence { return true }  // Published before the recording started.
      if s.sequence > sequence {
        return fail("the re-simulation skipped this frame (its next frame is \(s.sequence))")
      }
      let recorded = frame(at: next)
      if let difference = FrameComparison.firstDifference(
        recorded: recorded, resimulated: FrameComparison.recorded(s))
      {
        return fail(difference)
      }
      if let i = checkpointsByFrame[next] {
        guard let stored = checkpoint(i), stored.encoded == session.checkpoint().encoded else {
          return fail("the checkpoint differs from the re-simulated trainer state")
        }
        report.checkpointsCompared += 1
      }
      report.framesCompared += 1
      next += 1
      return next < frameCount
    }

    if let first = start.initialSnapshot, !check(first) { return report }
    guard next < frameCount else { return report }
    var replayer = Replayer(
      session: session, events: events, until: frameCounters(at: frameCount - 1).iteration)
    do {
      while let s = try replayer.nextFrame() {
        if !check(s) { return report }
      }
    } catch {
      let (sequence, iteration) = frameCounters(at: next)
      report.mismatch = .init(
        frameIndex: next, sequence: sequence, iteration: iteration,
        detail: "the event log does not replay: \(error.description)")
      return report
    }
    let (sequence, iteration) = frameCounters(at: next)
    report.mismatch = .init(
      frameIndex: next, sequence: sequence, iteration: iteration,
      detail: "the re-simulation ended at iteration \(session.trainer.iteration) without it")
    return report
  }
}
