import Dispatch
import GANCore

#if canImport(Glibc)
  import Glibc
#endif

/// Records a runtime's session to a file: every published frame, every applied command and
/// periodic checkpoints (docs/recording-format.md). It reads through a recording
/// `FrameReader`, so no frame is ever lost (a slow disk makes the trainer wait), on its own
/// queue. A failed write (a full disk) stops the recording, never the training: `error`
/// then says why.
public final class Recorder: Sendable {
  public let path: String
  private let runtime: TrainingRuntime
  private let shared: Locked<RecorderState>
  private let finished = DispatchGroup()

  private struct RecorderState: Sendable {
    var error: String?
    var framesWritten = 0
    /// Set by `stop`: the writer ends after the frame with this sequence number.
    var stopAfter: UInt64?
  }

  /// Starts recording `runtime` (running or not yet started) to `path`, which is created or
  /// truncated; throws when it cannot be written. The recording starts at the runtime's
  /// next frame (or its latest, if nothing changed since), which carries a checkpoint.
  public convenience init(runtime: TrainingRuntime, path: String) throws(RecordingError) {
    try self.init(runtime: runtime, path: path, checkpoints: .standard)
  }

  /// `writeLimit`: for tests, fail like a full disk after this many bytes.
  init(
    runtime: TrainingRuntime, path: String, checkpoints policy: CheckpointPolicy,
    writeLimit: Int? = nil
  ) throws(RecordingError) {
    self.path = path
    self.runtime = runtime
    shared = Locked(RecorderState())
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw RecordingError("cannot record to '\(path)': \(String(cString: strerror(errno)))")
    }
    var file = RecordFile(fd: fd, writeLimit: writeLimit)
    let header = RecordingHeader(
      config: runtime.config, publishInterval: runtime.initialPublishInterval,
      createdAtUnixSeconds: Int64(time(nil)), gridBins: ViewGridTracker().bins,
      isResumedRun: runtime.isResumed)
    file.pending.prelude()
    file.pending.record(.header) { $0.header(header) }
    guard file.flush() else {
      let why = file.failureText
      file.close()
      throw RecordingError("cannot record to '\(path)': \(why)")
    }
    let reader = runtime.subscribeRecording(policy)
    let shared = shared
    DispatchQueue(label: "ganscope.recorder", qos: .utility).async(group: finished) { [file] in
      Self.record(reader: reader, to: file, path: path, shared: shared)
    }
  }

  /// Stops a recording nobody holds any more at the frame published last.
  deinit { requestStop() }

  /// Why recording stopped early (the file holds every frame written before), or nil.
  public var error: String? { shared.withLock { $0.error } }

  /// Frames recorded so far (written within about half a second).
  public var framesWritten: Int { shared.withLock { $0.framesWritten } }

  /// Records every frame published so far, writes the end record and closes the file.
  /// Training goes on. Safe to call twice.
  public func stop() {
    requestStop()
    finished.wait()
  }

  private func requestStop() {
    let last = runtime.status.lastSequence
    shared.withLock { $0.stopAfter = $0.stopAfter ?? last }
  }

  /// The writer: runs on the recorder's queue until the run ends, `stop`, or a failed write.
  private static func record(
    reader: FrameReader, to initialFile: RecordFile, path: String,
    shared: Locked<RecorderState>
  ) {
    var file = initialFile
    var encoder = RecordingEncoder()
    var firstTime: Double?
    var lastSequence: UInt64 = 0
    var lastFlush = monotonicSeconds()
    while true {
      let stopAfter = shared.withLock { $0.stopAfter }
      if let stopAfter, lastSequence >= stopAfter { break }
      switch reader.take(timeout: 0.05) {
      case .ended:
        break
      case .timedOut:
        if !file.pending.bytes.isEmpty {
          file.flush()
          lastFlush = monotonicSeconds()
        }
        if file.failure == nil { continue }
      case .frame(let frame, let earlierEvents):
        lastSequence = frame.snapshot.sequence
        for event in earlierEvents + (frame.event.map { [$0] } ?? []) {
          encoder.event(event, into: &file.pending)
        }
        let start = firstTime ?? frame.time
        firstTime = start
        let micros = UInt64(max(frame.time - start, 0) * 1e6)
        encoder.frame(frame.snapshot, time: micros, into: &file.pending)
        if let checkpoint = frame.checkpoint { encoder.checkpoint(checkpoint, into: &file.pending) }
        let now = monotonicSeconds()
        if file.pending.bytes.count >= 1 << 18 || now - lastFlush >= 0.5 {
          file.flush()
          lastFlush = now
        }
        let written = encoder.frameCount
        shared.withLock { $0.framesWritten = written }
        if file.failure == nil { continue }
      }
      break
    }
    // Stop holding the trainer back before the last (possibly slow) writes.
    reader.detach()
    if file.failure == nil { encoder.end(into: &file.pending) }
    let closed = file.close()
    if !closed {
      let frames = encoder.frameCount
      let why = file.failureText
      shared.withLock {
        $0.error =
          "cannot write to '\(path)': \(why.isEmpty ? "write failed" : why); "
          + "recording stopped after \(frames) frames"
      }
    }
  }
}
