#if canImport(Glibc)
  import Glibc
#endif

/// Opening the file a recording is written to, so that no recording is ever destroyed: an
/// existing file is written over only when asked (`overwrite`, the `--force` flag), only
/// regular files are written (a FIFO would block, a device makes no recording), and the file
/// is locked for as long as it is written, so a second ganscope writing to it gets one clear
/// line instead of interleaving records with the first.
public enum RecordingTarget {
  /// Checks, without creating anything, that a recording could be started at `path` (for
  /// `train`, before it trains). The open that follows checks again.
  static func check(_ path: String, overwrite: Bool) throws(RecordingError) {
    var info = stat()
    if stat(path, &info) == 0 {
      guard overwrite else { throw exists(path) }
      guard info.st_mode & S_IFMT == S_IFREG else { throw notRegular(path) }
      // Another ganscope recording to it holds the lock: say so now, not after training.
      let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else { throw cannot(path, errno) }
      defer { close(fd) }
      guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw locked(path) }
    } else {
      guard errno == ENOENT else { throw cannot(path, errno) }
      guard access(FilePath.directory(path), W_OK | X_OK) == 0 else {
        throw cannot(path, errno)
      }
    }
  }

  /// Opens `path` for a new recording: created, or (with `overwrite`) an existing regular
  /// file emptied once it is locked. Returns the descriptor and whether the file is new.
  static func open(_ path: String, overwrite: Bool) throws(RecordingError) -> (
    fd: Int32, created: Bool
  ) {
    // Non-blocking: opening a FIFO for writing would wait for a reader.
    var fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NONBLOCK, 0o644)
    var created = fd >= 0
    if fd < 0 && errno == EEXIST {
      guard overwrite else { throw exists(path) }
      fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
      created = false
    }
    guard fd >= 0 else { throw cannot(path, errno) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw notRegular(path)
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      if created { unlink(path) }
      throw locked(path)
    }
    guard created || ftruncate(fd, 0) == 0 else {
      let error = errno
      close(fd)
      throw cannot(path, error)
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    return (fd, created)
  }

  private static func exists(_ path: String) -> RecordingError {
    RecordingError(
      "'\(RecordingError.quoted(path))' exists; ganscope does not write over it unless asked "
        + "(--force)")
  }

  private static func locked(_ path: String) -> RecordingError {
    RecordingError(
      "cannot record to '\(RecordingError.quoted(path))': another ganscope is recording to it")
  }

  private static func notRegular(_ path: String) -> RecordingError {
    RecordingError(
      "cannot record to '\(RecordingError.quoted(path))': not a regular file")
  }

  private static func cannot(_ path: String, _ error: Int32) -> RecordingError {
    RecordingError(
      "cannot record to '\(RecordingError.quoted(path))': \(String(cString: strerror(error)))")
  }
}
