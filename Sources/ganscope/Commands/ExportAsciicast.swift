import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope export FILE --format asciicast`: the replay as the view draws it, frame by
/// frame at the replay's 1× pace, for `asciinema play` or a web player.
extension ExportCommand {
  /// The smallest and largest sizes a cast may have: below 80 × 24 the view only shows its
  /// "too small" message.
  static let castWidths = Screen.minimumWidth...1000
  static let castHeights = Screen.minimumHeight...500

  /// "120x40" as a width and a height within the limits.
  static func castSize(_ text: String) throws(RunFailure) -> (width: Int, height: Int) {
    let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
      throw .badInput("--size must be WIDTHxHEIGHT, e.g. 120x40, got '\(text)'")
    }
    guard castWidths.contains(width), castHeights.contains(height) else {
      throw .badInput(
        "--size must be from \(castWidths.lowerBound)x\(castHeights.lowerBound) to "
          + "\(castWidths.upperBound)x\(castHeights.upperBound), got '\(text)'")
    }
    return (width, height)
  }

  /// Writes the cast of `reader` to `path` (nil: standard output).
  static func writeAsciicast(
    _ reader: RecordingReader, name: String, size: String, to path: String?, inputs: [String]
  ) throws {
    let (width, height) = try castSize(size)
    guard reader.frameCount > 0 else {
      throw RunFailure.badInput("\(name) holds no complete frame to export")
    }
    let recording = RecordingFrames(reader: reader)
    let base = name.split(separator: "/").last.map(String.init) ?? name
    func cast(_ write: (String) -> Void) {
      AsciicastExport.write(
        frameCount: recording.frameCount, frame: { recording.snapshot(at: $0) },
        framesPerSecond: recording.framesPerSecond, markers: recording.markers,
        warning: recording.warning, width: width, height: height, symbols: .unicode,
        timestamp: reader.header.createdAtUnixSeconds, title: "ganscope replay \(base)",
        to: write)
    }
    guard let path else {
      cast { Output.line($0) }
      return
    }
    try OutputFile.writeLines(path, inputs: inputs) { line in cast(line) }
  }
}
