import GANCore

#if canImport(Glibc)
  import Glibc
#endif

extension RecordingReader {
  /// Writes the recorded run again to `path`, every frame re-simulated by this version's
  /// evaluator: the same training (the same header, events, frame times and checkpoints),
  /// the snapshot's readouts as this version computes them. For recordings made before a
  /// readout changed (format 1 stored least squares' D clamped to [0, 1]); the new file
  /// verifies by construction, so this is a maintainer's tool, never a substitute for
  /// `verify`. Fails when the re-simulation does not reproduce the recorded training.
  public func upgrade(to path: String) throws(RecordingError) {
    guard !header.isResumedRun else {
      throw RecordingError("'\(name)' starts mid-session; only whole runs can be upgraded")
    }
    let config = try replayConfig()
    let events = self.events
    var encoder = RecordingEncoder()
    var out = ByteWriter()
    out.prelude()
    out.record(.header) { $0.header(header) }
    let checkpoints = Set(checkpointFrames)
    let session = Session(config: config, publishInterval: header.publishInterval)
    var nextEvent = 0
    var next = 0
    let first = index.frames.first?.prefix.time ?? 0

    func write(_ s: Snapshot) throws(RecordingError) {
      let (sequence, iteration) = frameCounters(at: next)
      guard s.sequence == sequence, s.iteration == iteration else {
        throw RecordingError(
          "'\(name)': frame \(next) does not re-simulate (sequence \(s.sequence))")
      }
      while nextEvent < events.count, events[nextEvent].sequence <= sequence {
        encoder.event(events[nextEvent], into: &out)
        nextEvent += 1
      }
      encoder.frame(s, time: index.frames[next].prefix.time - first, into: &out)
      if checkpoints.contains(next) { encoder.checkpoint(session.checkpoint(), into: &out) }
      next += 1
    }

    try write(session.makeSnapshot())
    var replayer = Replayer(
      session: session, events: events, until: frameCounters(at: frameCount - 1).iteration)
    do {
      while next < frameCount, let s = try replayer.nextFrame() {
        if s.sequence < frameCounters(at: next).sequence { continue }
        try write(s)
      }
    } catch let error as ReplayError {
      throw RecordingError("'\(name)': the event log does not replay: \(error.description)")
    } catch let error as RecordingError {
      throw error
    } catch {
      throw RecordingError("'\(name)': \(error)")
    }
    guard next == frameCount else {
      throw RecordingError("'\(name)': the re-simulation ended after \(next) frames")
    }
    encoder.end(into: &out)
    // Whole, or not at all: beside the target, then renamed (a full disk leaves nothing).
    let bytes = out
    do {
      try OutputFile.replace(path, inputs: [name]) { temporary in
        let fd = open(temporary, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFile.cannot(path, errno) }
        var file = RecordFile(fd: fd)
        file.pending = bytes
        guard file.close() else {
          throw OutputError("cannot write '\(RecordingError.quoted(path))': \(file.failureText)")
        }
      }
    } catch {
      throw RecordingError("\(error)")
    }
  }
}
