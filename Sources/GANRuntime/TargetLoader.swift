import GANCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the data files of target specs, at the program's edge: GANCore parses specs and
/// data but opens no file, so whatever names a target (a flag, a key) loads it here, once,
/// and passes the complete `Target` on.
public enum TargetLoader {
  /// How long a pipe or FIFO may stay silent before reading it gives up: ample for a slow
  /// producer, and a FIFO that nobody writes to does not hang the program.
  public static let idleTimeout = 30.0

  /// The target `text` names, with the data file of every `file:` read once.
  public static func load(
    _ text: String, idleTimeout: Double = idleTimeout
  ) throws(TargetSpecError) -> Target {
    let spec = try TargetSpec.parse(text)
    var data: [String: EmpiricalSamples] = [:]
    for path in spec.dataFiles { data[path] = try readData(path, idleTimeout: idleTimeout) }
    return try spec.target(data: data)
  }

  /// The numbers in the data file at `path`: a regular file, or a pipe, FIFO or other stream,
  /// read to its end once (so `file:/dev/stdin` takes a pipe on standard input). A directory,
  /// a terminal and a stream silent for `idleTimeout` seconds are refused.
  static func readData(_ path: String, idleTimeout: Double) throws(TargetSpecError)
    -> EmpiricalSamples
  {
    let file = "file \(SpecText.quoted(path))"
    // Without O_NONBLOCK, opening a FIFO waits for a writer, possibly forever.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw TargetSpecError("cannot open \(file): \(errorText(errno))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw TargetSpecError("cannot read \(file): \(errorText(errno))")
    }
    let kind = info.st_mode & S_IFMT
    if kind == S_IFDIR { throw TargetSpecError("\(file) is a directory, not a data file") }
    if isatty(fd) != 0 {
      throw TargetSpecError(
        "\(file) is a terminal; pipe the numbers in instead "
          + "(seq 1 100 | ganscope train --target file:/dev/stdin)")
    }
    let isStream = kind != S_IFREG
    var parser = EmpiricalDataParser(path: path)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      if isStream, !waitUntilReadable(fd, seconds: idleTimeout) {
        throw TargetSpecError(
          "nothing arrived from \(file) for \(Int(idleTimeout.rounded())) s "
            + "(is anything writing to it?)")
      }
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        let code = errno
        if code == EINTR || code == EAGAIN { continue }
        throw TargetSpecError("cannot read \(file): \(errorText(code))")
      }
      if count == 0 { break }
      let consumed = buffer.withUnsafeBytes { raw in
        Result { () throws(TargetSpecError) in
          try parser.consume(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
      }
      try consumed.get()
    }
    return try parser.finish()
  }

  /// Waits until `fd` has bytes or has reached its end; false after `seconds` without either.
  /// (A FIFO that no writer has opened yet is not at its end: the wait covers the writer's
  /// arrival too.)
  private static func waitUntilReadable(_ fd: Int32, seconds: Double) -> Bool {
    var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    let milliseconds = Int32(min(max(seconds * 1000, 0), Double(Int32.max)))
    while true {
      let ready = poll(&request, 1, milliseconds)
      if ready < 0 && errno == EINTR { continue }
      return ready != 0
    }
  }

  private static func errorText(_ code: Int32) -> String {
    guard let message = strerror(code) else { return "error \(code)" }
    return String(cString: message)
  }
}
