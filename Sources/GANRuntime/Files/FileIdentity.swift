#if canImport(Glibc)
  import Glibc
#endif

/// Which file a path names, by device and inode, so that two names of one file (a hard
/// link, a symbolic link, `./a` and `a`) are seen as one: the rule that no output may be
/// one of the command's inputs or a file another ganscope holds locked rests on it.
public struct FileIdentity: Hashable, Sendable {
  public let device: UInt64
  public let inode: UInt64

  /// The file at `path` (following links), or nil when there is none.
  public init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self.init(info)
  }

  /// The file open as `fd`.
  public init?(fd: Int32) {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    self.init(info)
  }

  private init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }

  /// Whether two paths name one file. When one of them does not exist yet, they are one
  /// file if they would be created at the same place: the same directory and name.
  public static func same(_ a: String, _ b: String) -> Bool {
    if let x = FileIdentity(path: a), let y = FileIdentity(path: b) { return x == y }
    guard let x = FilePath.resolvedPlace(a), let y = FilePath.resolvedPlace(b) else {
      return false
    }
    return x == y
  }
}

/// Path helpers shared by every output.
public enum FilePath {
  /// The directory part of `path` ("." for a bare name, "/" for a file at the root).
  public static func directory(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let directory = String(path[..<slash])
    return directory.isEmpty ? "/" : directory
  }

  /// The last component of `path`.
  public static func name(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Where `path` is or would be created: its directory resolved (links and `..` followed)
  /// and its name; nil when the directory does not exist.
  static func resolvedPlace(_ path: String) -> String? {
    guard let directory = realpath(directory(path), nil) else { return nil }
    defer { free(directory) }
    return String(cString: directory) + "/" + name(path)
  }

  /// The file a link at `path` points to (its final target), or `path` itself.
  static func followingLinks(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
      let resolved = realpath(path, nil)
    else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether `path` is a name the system gives to an open file (/dev/stdout, /dev/fd/N,
  /// /proc/self/fd/N): written in place, never renamed over.
  public static func namesAnOpenFile(_ path: String) -> Bool {
    path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
  }

  /// The descriptor a name like /dev/stdout, /dev/fd/3 or /proc/self/fd/3 stands for.
  public static func openDescriptor(named path: String) -> Int32? {
    switch path {
    case "/dev/stdin": return 0
    case "/dev/stdout": return 1
    case "/dev/stderr": return 2
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        return Int32(path.dropFirst(prefix.count))
      }
      return nil
    }
  }

  /// Whether the regular file at `path` starts with a ganscope recording's magic number.
  public static func isRecording(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
    var head = [UInt8](repeating: 0, count: RecordingFormat.magic.count)
    let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    return n == head.count && head == RecordingFormat.magic
  }

  /// Whether another process holds a write lock on the file at `path` (a ganscope
  /// recording or sweep output being written). Asks for a shared lock, so readers are not
  /// disturbed, and lets it go at once.
  public static func isLockedByAnother(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
    guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
    flock(fd, LOCK_UN)
    return false
  }

  /// `strerror` as a Swift string.
  public static func reason(_ error: Int32) -> String { String(cString: strerror(error)) }
}
