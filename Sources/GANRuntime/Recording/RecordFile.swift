#if canImport(Glibc)
  import Glibc
#endif

/// The output side of a recording: records are appended to a buffer and written to the file
/// descriptor in batches (at least twice a second while frames come, and whenever the
/// recorder is idle), so a killed process loses at most the last half second. Plain
/// `write(2)`: once written, the bytes survive the process (not a power cut; `close` syncs).
struct RecordFile {
  let fd: Int32
  var pending = ByteWriter(capacity: 1 << 16)
  private(set) var bytesWritten = 0
  /// The errno of the first failed write; nothing more is written after it.
  private(set) var failure: Int32?
  /// For tests: fail with ENOSPC once this many bytes have been written (a full disk).
  let writeLimit: Int?
  /// Complete frames written to the file (their last byte is on disk).
  private(set) var framesOnDisk = 0
  /// Where pending frames end (file offsets) and how many frames the file then holds.
  private var frameEnds: [(offset: Int, frames: Int)] = []

  init(fd: Int32, writeLimit: Int? = nil) {
    self.fd = fd
    self.writeLimit = writeLimit
  }

  /// Notes that a frame record ends at the end of what is pending (the file then holds
  /// `frames` frames).
  mutating func noteFrameEnd(frames: Int) {
    frameEnds.append((bytesWritten + pending.bytes.count, frames))
  }

  /// Writes everything pending; false once a write has failed.
  @discardableResult
  mutating func flush() -> Bool {
    guard failure == nil else { return false }
    defer {
      pending.bytes.removeAll(keepingCapacity: true)
      // Frames whose last byte made it to the file count; the rest never will.
      while let first = frameEnds.first, first.offset <= bytesWritten {
        framesOnDisk = first.frames
        frameEnds.removeFirst()
      }
      frameEnds.removeAll()
    }
    var offset = 0
    let bytes = pending.bytes
    while offset < bytes.count {
      var count = bytes.count - offset
      if let writeLimit {
        count = min(count, writeLimit - bytesWritten)
        if count <= 0 {
          failure = ENOSPC
          return false
        }
      }
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, count) }
      if n < 0 {
        if errno == EINTR { continue }
        failure = errno
        return false
      }
      offset += n
      bytesWritten += n
    }
    return true
  }

  /// Flushes, syncs and closes; false if anything failed.
  @discardableResult
  mutating func close() -> Bool {
    let flushed = flush()
    // Devices and pipes cannot be synced (EINVAL); that is no failure of the recording.
    let synced = fsync(fd) == 0 || errno == EINVAL || errno == EROFS
    Glibc.close(fd)
    return flushed && synced
  }

  var failureText: String { failure.map { String(cString: strerror($0)) } ?? "" }
}
