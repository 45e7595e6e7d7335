import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The one way ganscope writes an output file (`export --out`, `figure --out`,
/// `--samples-out`, `bench`): replaced, filled, flushed and closed, with every failure —
/// opening, writing, closing — one line and exit status 1.
enum OutputFile {
  /// Checks before any work is done that `path` can be written (creating nothing).
  static func check(_ path: String) throws(RunFailure) {
    if access(path, F_OK) == 0 {
      guard access(path, W_OK) == 0 else { throw failure(path, errno) }
      return
    }
    let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    guard access(directory.isEmpty ? "/" : directory, W_OK | X_OK) == 0 else {
      throw failure(path, errno)
    }
  }

  /// Writes to `path` what `body` passes to its argument (text, written as given; `ending`
  /// after each piece).
  static func write(
    _ path: String, ending: String = "", _ body: (_ write: (String) -> Void) throws -> Void
  ) throws {
    guard let file = fopen(path, "w") else { throw failure(path, errno) }
    var writeError: Int32 = 0
    do {
      try body { text in
        if writeError == 0 && fputs(text + ending, file) < 0 { writeError = errno }
      }
    } catch {
      fclose(file)
      throw error
    }
    if writeError == 0 && (fflush(file) != 0 || ferror(file) != 0) { writeError = errno }
    if fclose(file) != 0 && writeError == 0 { writeError = errno }
    if writeError != 0 { throw failure(path, writeError) }
  }

  /// Writes `lines` produced by `body`, each followed by a line feed.
  static func writeLines(_ path: String, _ body: (_ line: (String) -> Void) throws -> Void)
    throws
  {
    try write(path, ending: "\n", body)
  }

  private static func failure(_ path: String, _ error: Int32) -> RunFailure {
    .runtime("cannot write '\(RecordingError.quoted(path))': \(String(cString: strerror(error)))")
  }
}
