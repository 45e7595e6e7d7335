import GANCore

/// The asciicast v2 format (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header
/// line, then one `[time, "o", text]` line per burst of terminal output. Written by hand
/// rather than with a JSON library so the view module stays free of Foundation and the key
/// order of the header is the documented one.
public enum Asciicast {
  /// The header line: size, the recording's creation time (Unix seconds), and the terminal
  /// type the escapes are meant for.
  public static func header(
    width: Int, height: Int, timestamp: Int64, title: String? = nil,
    term: String = "xterm-256color"
  ) -> String {
    var fields = [
      "\"version\": 2", "\"width\": \(width)", "\"height\": \(height)",
      "\"timestamp\": \(timestamp)",
    ]
    if let title { fields.append("\"title\": " + jsonString(title)) }
    fields.append("\"env\": {\"TERM\": \(jsonString(term))}")
    return "{" + fields.joined(separator: ", ") + "}"
  }

  /// An output event at `time` seconds from the start.
  public static func event(time: Double, output: String) -> String {
    "[\(seconds(time)), \"o\", \(jsonString(output))]"
  }

  /// A JSON string literal (`JSONText.string`).
  public static func jsonString(_ text: String) -> String { JSONText.string(text) }

  /// Seconds with microsecond resolution ("12.345678"); negative or non-finite times are 0.
  static func seconds(_ time: Double) -> String {
    let micro = time.isFinite && time > 0 ? Int64((time * 1e6).rounded()) : 0
    let fraction = String(micro % 1_000_000)
    return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}

/// A whole replay as an asciicast: every frame drawn by the replay's own screen at the
/// replay's 1× pace, each event holding only the cells that changed.
public enum AsciicastExport {
  /// Calls `write` with the header and then each line (without newlines). `frame` returns
  /// the recorded snapshot at a 0-based index; `warning` is the damaged-file notice.
  public static func write(
    frameCount: Int, frame: (Int) -> Snapshot, framesPerSecond: Double,
    markers: [TimelineMarker], warning: String?, width: Int, height: Int, symbols: SymbolSet,
    timestamp: Int64, title: String?, to write: (String) -> Void
  ) {
    write(Asciicast.header(width: width, height: height, timestamp: timestamp, title: title))
    var replay = ReplayState(
      frameCount: frameCount, framesPerSecond: framesPerSecond, markers: markers)
    var painter = AnsiPainter()
    var time = 0.0
    for index in 0..<frameCount {
      replay.seek(to: index)
      let snapshot = frame(index)
      replay.view.advanceFrame(with: snapshot)
      time = Double(index) / replay.framesPerSecond
      let grid = Screen.render(
        snapshot: snapshot, replay: replay, warning: warning, width: width, height: height,
        symbols: symbols)
      let output = painter.paint(grid)
      if !output.isEmpty { write(Asciicast.event(time: time, output: output)) }
    }
    // The cursor goes to the last row, so a shell prompt after `asciinema play` does not
    // land in the middle of the last frame.
    let end = AnsiPainter.tearDown + AnsiPainter.moveTo(x: 0, y: height - 1)
    write(Asciicast.event(time: time + 1 / replay.framesPerSecond, output: end))
  }
}
