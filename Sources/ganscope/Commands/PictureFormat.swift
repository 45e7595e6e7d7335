import ArgumentParser
import Foundation
import GANCore

/// What `--out` asks for: SVG as drawn, or PNG / PDF converted from it by rsvg-convert
/// (librsvg). A picture is never written in a format its name does not say.
enum PictureFormat: Equatable {
  case svg
  /// `-f png` or `-f pdf` for rsvg-convert.
  case converted(String)

  init(path: String) throws {
    switch Self.fileExtension(path) {
    case "svg": self = .svg
    case "png", "pdf": self = .converted(Self.fileExtension(path))
    default:
      throw ValidationError(
        "--out must end in .svg, .png or .pdf, got \(SpecText.quoted(path))")
    }
  }

  /// The lowercased extension of a path's last component ("" when it has none).
  static func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// rsvg-convert's path on PATH, or nil.
  static var converter: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/rsvg-convert"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Writes `svg` to `path` in this format.
  func write(_ svg: String, to path: String) throws {
    switch self {
    case .svg:
      try writeText(svg, to: path)
    case .converted(let format):
      guard let converter = Self.converter else {
        throw RunFailure.runtime("cannot write '\(path)': rsvg-convert is not installed")
      }
      let source = FileManager.default.temporaryDirectory
        .appendingPathComponent("ganscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).svg")
      try writeText(svg, to: source.path)
      defer { try? FileManager.default.removeItem(at: source) }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: converter)
      process.arguments = ["-f", format, "-o", path, source.path]
      let errors = Pipe()
      process.standardError = errors
      do {
        try process.run()
      } catch {
        throw RunFailure.runtime("cannot run rsvg-convert: \(error.localizedDescription)")
      }
      let message = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        let why =
          String(decoding: message, as: UTF8.self)
          .split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
        throw RunFailure.runtime("cannot write '\(path)': rsvg-convert: \(why)")
      }
    }
  }
}
