#if canImport(Glibc)
  import Glibc
#endif

/// A refused or failed output: one line for the user. Every output problem is exit status 1
/// (the work's output failed), whether found before the work or after it.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The one way ganscope writes a whole file (export, figure, samples, a sweep's merge,
/// summary, heatmap and resorted output, asciicast, bench): into a temporary file beside the
/// target, flushed to the disk, then renamed over it. A failure at any point leaves the old
/// file exactly as it was and no stub; a reader never sees half a file.
///
/// Before anything is written the target is checked: it may not be one of the command's
/// `inputs` (compared by device and inode, so links count), a file another ganscope holds
/// locked (a recording or a sweep output being written), or a ganscope recording at all — a
/// recording is never replaced by another kind of output, even with `--force`.
///
/// A target that exists and is not a regular file (`/dev/null`, a FIFO, a terminal) is
/// written in place: there is nothing to rename over.
public enum OutputFile {
  /// Checks, creating nothing, that `path` may be written by a command reading `inputs`.
  /// Commands call it before their work, so a bad `--out` costs nothing; `replace` checks
  /// again.
  public static func check(
    _ path: String, inputs: [String] = [], lockHeldBy ownLock: Int32? = nil
  ) throws(OutputError) {
    let target = FilePath.followingLinks(path)
    let shown = RecordingError.quoted(path)
    for input in inputs where FileIdentity.same(target, input) {
      throw OutputError(
        "cannot write '\(shown)': it is also an input of this command "
          + "('\(RecordingError.quoted(input))'); choose another output name")
    }
    var info = stat()
    if stat(target, &info) == 0 {
      guard info.st_mode & S_IFMT != S_IFDIR else { throw cannot(path, EISDIR) }
      guard info.st_mode & S_IFMT == S_IFREG else { return }
      let ours = ownLock.map { FileIdentity(fd: $0) == FileIdentity(path: target) } ?? false
      guard ours || !FilePath.isLockedByAnother(target) else {
        throw OutputError(
          "cannot write '\(shown)': another ganscope is writing it (it is locked)")
      }
      guard !FilePath.isRecording(target) else {
        throw OutputError(
          "cannot write '\(shown)': it is a ganscope recording, which ganscope never "
            + "replaces with another kind of output; choose another name")
      }
      guard access(target, W_OK) == 0 else { throw cannot(path, errno) }
    } else {
      guard errno == ENOENT else { throw cannot(path, errno) }
    }
    guard access(FilePath.directory(target), W_OK | X_OK) == 0 else { throw cannot(path, errno) }
  }

  /// Replaces the file at `path` by what `fill` writes to the temporary path it is given
  /// (for a program that writes a file by name, like rsvg-convert). The temporary file is
  /// removed whatever happens; the target changes only if `fill` returns and the file is
  /// on the disk.
  ///
  /// `ownLock` is a descriptor through which this process itself holds the target's lock (a
  /// sweep rewriting its own output in cell order): the rename happens while it still holds
  /// it, so no other writer can slip in between.
  public static func replace(
    _ path: String, inputs: [String] = [], lockHeldBy ownLock: Int32? = nil,
    by fill: (_ temporary: String) throws -> Void
  ) throws {
    try check(path, inputs: inputs, lockHeldBy: ownLock)
    // A device's name (/dev/stdout, /proc/self/fd/3) stands for whatever it is open to,
    // which a rename would replace: it is written in place, like any file that is not
    // regular.
    if FilePath.namesAnOpenFile(path) {
      try fill(path)
      return
    }
    let target = FilePath.followingLinks(path)
    if !isRegularOrAbsent(target) {
      try fill(target)
      return
    }
    let (temporary, fd) = try makeTemporary(beside: target)
    close(fd)
    temporaries.withLock { _ = $0.insert(temporary) }
    var renamed = false
    defer {
      if !renamed { unlink(temporary) }
      temporaries.withLock { _ = $0.remove(temporary) }
    }
    try fill(temporary)
    try durable(temporary, shownAs: path)
    // Checked again at the last moment: another ganscope may have started recording to
    // the target while this one worked.
    try check(path, inputs: inputs, lockHeldBy: ownLock)
    guard rename(temporary, target) == 0 else { throw cannot(path, errno) }
    renamed = true
  }

  /// Writes to `path` the text `body` passes to its argument (each piece followed by
  /// `ending`), through `replace`.
  public static func write(
    _ path: String, inputs: [String] = [], lockHeldBy ownLock: Int32? = nil, ending: String = "",
    _ body: (_ write: (String) -> Void) throws -> Void
  ) throws {
    try replace(path, inputs: inputs, lockHeldBy: ownLock) { temporary in
      // The temporary file is new and empty; a device is written where it stands, and a name
      // of an open descriptor (/dev/stdout) through that descriptor, so that the shell's
      // `>>` still appends.
      let fd =
        FilePath.openDescriptor(named: temporary).map { dup($0) }
        ?? open(temporary, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else { throw cannot(path, errno) }
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
      var sink = BufferedSink(fd: fd)
      do {
        try body { text in sink.append(text + ending) }
      } catch {
        close(fd)
        throw error
      }
      sink.flush()
      // A reader that went away from a pipe (`--out /dev/stdout | head`) is a quiet end.
      let failure = sink.error == EPIPE ? 0 : sink.error
      if close(fd) != 0, failure == 0, errno != EINTR { throw cannot(path, errno) }
      if failure != 0 { throw cannot(path, failure) }
    }
  }

  /// Writes `lines`, each followed by a line feed.
  public static func writeLines(
    _ path: String, inputs: [String] = [], lockHeldBy ownLock: Int32? = nil,
    _ body: (_ line: (String) -> Void) throws -> Void
  ) throws {
    try write(path, inputs: inputs, lockHeldBy: ownLock, ending: "\n", body)
  }

  /// The temporary files being written now, removed by `removeTemporaries` when a signal
  /// ends the program before they are renamed into place.
  private static let temporaries = Locked(Set<String>())

  /// Removes every temporary file not yet renamed (called on SIGINT, SIGTERM, SIGHUP).
  public static func removeTemporaries() {
    for path in temporaries.withLock({ $0 }) { unlink(path) }
  }

  // MARK: - Pieces

  private static func isRegularOrAbsent(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) != 0 || info.st_mode & S_IFMT == S_IFREG
  }

  /// A new, empty temporary file in the target's directory (so the rename stays on one
  /// file system), named after the target so a leftover says whose it was. It gets the
  /// mode the target has, or 0644 for a new file.
  private static func makeTemporary(beside target: String) throws(OutputError) -> (String, Int32) {
    let directory = FilePath.directory(target)
    // Named after the target, unless that would pass the file system's 255 bytes.
    let name = FilePath.name(target)
    let stem = name.utf8.count <= 200 ? ".\(name).ganscope-" : ".ganscope-"
    var template = Array("\(directory)/\(stem)XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw cannot(target, errno) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var info = stat()
    // The target's permissions (not its set-id bits), or what a new file gets under the
    // process's umask.
    let mode = stat(target, &info) == 0 ? info.st_mode & 0o777 : 0o666 & ~currentUmask()
    fchmod(fd, mode)
    return (temporary, fd)
  }

  /// The process's umask, read without changing it (`umask(2)` can only set it, and setting
  /// it to read it would race with other threads creating files).
  private static func currentUmask() -> mode_t {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
      let mask = mode_t(
        line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
    else { return 0o022 }
    return mask
  }

  /// Flushes the finished temporary file to the disk, so the rename never publishes a file
  /// whose data a crash could still lose.
  private static func durable(_ temporary: String, shownAs path: String) throws(OutputError) {
    let fd = open(temporary, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw cannot(path, errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw cannot(path, errno) }
  }

  static func cannot(_ path: String, _ error: Int32) -> OutputError {
    OutputError("cannot write '\(RecordingError.quoted(path))': \(FilePath.reason(error))")
  }
}

/// Bytes gathered into blocks of 64 KiB and written with `write(2)`; the first error is
/// kept and everything after it dropped.
struct BufferedSink {
  let fd: Int32
  private var buffer: [UInt8] = []
  private(set) var error: Int32 = 0

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(1 << 16)
  }

  mutating func append(_ text: String) {
    guard error == 0 else { return }
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard error == 0 else { return }
    if !FileDescriptor.writeAll(buffer, to: fd) { error = errno }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Raw writes that finish what they start.
public enum FileDescriptor {
  /// Writes all of `bytes` to `fd`, retrying after a signal; false with `errno` set on an
  /// error.
  public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += n
    }
    return true
  }
}

/// The one way ganscope opens a file it appends to for a long time (a sweep's `--out`):
/// created if need be, a regular file, never a recording or one of the command's inputs,
/// and locked (`flock`, exclusive) for as long as the descriptor stays open, so a second
/// ganscope appending to it is refused with one line instead of writing every line twice.
public enum AppendingFile {
  public static func open(_ path: String, inputs: [String] = []) throws(OutputError) -> Int32 {
    let shown = RecordingError.quoted(path)
    for input in inputs where FileIdentity.same(path, input) {
      throw OutputError(
        "cannot write '\(shown)': it is also an input of this command; choose another name")
    }
    if FilePath.isRecording(path) {
      throw OutputError(
        "cannot write '\(shown)': it is a ganscope recording, which ganscope never "
          + "replaces with another kind of output; choose another name")
    }
    // Non-blocking: opening a FIFO for writing would wait for a reader.
    let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
    guard fd >= 0 else { throw OutputFile.cannot(path, errno) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw OutputError("cannot write '\(shown)': not a regular file")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw OutputError(
        "cannot write '\(shown)': another ganscope is writing it (it is locked); wait for it "
          + "to finish, or give another --out")
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    return fd
  }
}
