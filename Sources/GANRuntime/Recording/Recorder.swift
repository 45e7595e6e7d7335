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

  /// Starts recording `runtime` (running or not yet started) to `path`, a new file (or,
  /// with `overwrite`, an existing one, emptied); throws when it cannot be written, leaving
  /// no file behind. The file stays locked while it is written. The recording starts at the
  /// runtime's next frame (or its latest, if nothing changed since), which carries a
  /// checkpoint.
  ///
  /// `onFailure` is called, on the recorder's queue, the moment a write fails (a full disk),
  /// with the same text `error` will hold, so that the user hears of it at once.
  public convenience init(
    runtime: TrainingRuntime, path: String, overwrite: Bool = false,
    onFailure: (@Sendable (String) -> Void)? = nil
  ) throws(RecordingError) {
    try self.init(
      runtime: runtime, path: path, overwrite: overwrite, checkpoints: .standard,
      onFailure: onFailure)
  }

  /// Checks, creating nothing, that `path` could be recorded to (see `init`).
  public static func checkTarget(_ path: String, overwrite: Bool) throws(RecordingError) {
    try RecordingTarget.check(path, overwrite: overwrite)
  }

  /// `writeLimit`: for tests, fail like a full disk after this many bytes.
  init(
    runtime: TrainingRuntime, path: String, overwrite: Bool = false,
    checkpoints policy: CheckpointPolicy, writeLimit: Int? = nil,
    onFailure: (@Sendable (String) -> Void)? = nil
  ) throws(RecordingError) {
    self.path = path
    self.runtime = runtime
    shared = Locked(RecorderState())
    let (fd, created) = try RecordingTarget.open(path, overwrite: overwrite)
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
      if created { unlink(path) }  // A failed start leaves no empty file.
      throw RecordingError("cannot record to '\(RecordingError.quoted(path))': \(why)")
    }
    let reader = runtime.subscribeRecording(policy)
    let shared = shared
    DispatchQueue(label: "ganscope.recorder", qos: .utility).async(group: finished) { [file] in
      Self.record(reader: reader, to: file, path: path, shared: shared, onFailure: onFailure)
    }
  }

  /// Stops a recording nobody holds any more at the frame published last.
  deinit { requestStop() }

  /// Why recording stopped early (the file holds every frame written before), or nil.
  public var error: String? { shared.withLock { $0.error } }

  /// Frames recorded so far: on disk (written within about half a second of their
  /// publication; after a failed write, exactly the complete frames the file holds).
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
    shared: Locked<RecorderState>, onFailure: (@Sendable (String) -> Void)?
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
        let onDisk = file.framesOnDisk
        shared.withLock { $0.framesWritten = onDisk }
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
        file.noteFrameEnd(frames: encoder.frameCount)
        if let checkpoint = frame.checkpoint { encoder.checkpoint(checkpoint, into: &file.pending) }
        let now = monotonicSeconds()
        if file.pending.bytes.count >= 1 << 18 || now - lastFlush >= 0.5 {
          file.flush()
          lastFlush = now
        }
        let onDisk = file.framesOnDisk
        shared.withLock { $0.framesWritten = onDisk }
        if file.failure == nil { continue }
      }
      break
    }
    // Stop holding the trainer back before the last (possibly slow) writes.
    reader.detach()
    if file.failure == nil { encoder.end(into: &file.pending) }
    let closed = file.close()
    let onDisk = file.framesOnDisk
    shared.withLock { $0.framesWritten = onDisk }
    if !closed {
      let why = file.failureText
      let error =
        "cannot write to '\(RecordingError.quoted(path))': \(why.isEmpty ? "write failed" : why); "
        + "recording stopped after \(onDisk) frames"
      shared.withLock { $0.error = error }
      onFailure?(error)
    }
  }
}
