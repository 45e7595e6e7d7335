import Foundation
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The files of `ganscope sweep`: reading lines back, resuming an output file, rewriting it.
enum SweepOutput {
  /// The text of `path`; an unreadable file is bad input.
  static func text(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
      throw RunFailure.badInput("cannot read '\(path)': \(reason)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw RunFailure.badInput("'\(path)' is not text (UTF-8)")
    }
    return text
  }

  /// The sweep lines of `path`. A partial last line (a run killed while writing it) is
  /// skipped with a warning when `allowTorn`, else it is bad input.
  static func read(_ path: String, allowTorn: Bool) throws -> [SweepLine] {
    let text = try text(path)
    let (lines, torn) = try badInput { () throws(SweepError) in
      try SweepLine.lines(of: text, name: path)
    }
    if torn {
      let message = "\(path) ends with a partial line (an interrupted run?)"
      guard allowTorn else {
        throw RunFailure.badInput(
          message + ": finish it with the same sweep flags and --out \(path)")
      }
      Output.errorNow(message + "; it is left out")
    }
    return lines
  }

  /// The cells of `grid` that the output file `path` (open and locked as `fd`) already
  /// holds, checked to be this grid's and this shard's. A partial last line is cut off the
  /// file, so the next line starts clean.
  static func resume(_ path: String, fd: Int32, grid: SweepGrid, shard: SweepShard?) throws
    -> Set<Int>
  {
    let text = try text(path)
    let (lines, torn) = try badInput { () throws(SweepError) in
      try SweepLine.lines(of: text, name: path)
    }
    let done = try badInput { () throws(SweepError) in
      try SweepMerge.done(lines, grid: grid, shard: shard, file: path)
    }
    if torn {
      let bytes = Array(text.utf8)
      let keep = (bytes.lastIndex(of: 0x0A) ?? -1) + 1
      // Only the start of one of this sweep's lines is cut: anything else means the file is
      // not this sweep's output, and it is left as it is.
      let tail = String(decoding: bytes[keep...], as: UTF8.self)
      let start = "{\"grid\":\"\(grid.hash)\""
      guard start.hasPrefix(tail) || tail.hasPrefix(start) else {
        throw RunFailure.badInput(
          "'\(RecordingError.quoted(path))' ends with a line that is not one of this sweep's: "
            + "it is not this sweep's output; give another --out")
      }
      guard ftruncate(fd, off_t(keep)) == 0 else {
        throw RunFailure.runtime("cannot cut the partial last line of '\(path)'")
      }
      Output.errorNow(
        "\(path): cut a partial last line (an interrupted write); that cell runs again")
    }
    return done
  }

  /// Rewrites an output file in cell order (after a resume appended to it), atomically,
  /// while this sweep still holds its lock.
  static func sortInPlace(_ path: String, lockHeldBy fd: Int32) throws {
    let lines = try read(path, allowTorn: false).sorted { $0.cell < $1.cell }
    try OutputFile.writeLines(path, lockHeldBy: fd) { write in
      for line in lines { write(line.text) }
    }
  }
}

/// The progress bar on standard error, drawn over itself with a carriage return.
final class SweepBar: Sendable {
  let width: Int
  let unicode: Bool

  private init(width: Int, unicode: Bool) {
    self.width = width
    self.unicode = unicode
  }

  /// A bar when standard error is a terminal, else nil.
  static func forStandardError() -> SweepBar? {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    var size = winsize()
    let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : 0
    return SweepBar(width: columns > 20 ? columns - 1 : 79, unicode: localeIsUTF8())
  }

  func draw(_ progress: SweepProgress) {
    Output.write(
      "\r" + progress.line(width: width, unicode: unicode) + "\u{1B}[K", to: STDERR_FILENO)
  }

  func clear() { Output.write("\r\u{1B}[K", to: STDERR_FILENO) }

  /// A duration for the closing line: "42.3 s", "3 min 5 s".
  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 60 ? "\(s / 60) min \(s % 60) s" : String(format: "%.1f s", seconds)
  }

  /// Whether the locale's character set is UTF-8 (else the heatmap and bar use ASCII).
  static func localeIsUTF8() -> Bool {
    setlocale(LC_CTYPE, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    return codeset == "UTF-8" || codeset == "UTF8"
  }
}
