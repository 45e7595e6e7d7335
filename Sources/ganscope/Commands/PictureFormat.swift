import ArgumentParser
import Foundation
import GANCore
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

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

  /// Writes `svg` to `path` in this format, through `OutputFile` (never over one of
  /// `inputs`, never a stub on failure). rsvg-convert reads the SVG on its standard input
  /// and writes the temporary file that replaces `path` once it succeeds.
  func write(_ svg: String, to path: String, inputs: [String]) throws {
    switch self {
    case .svg:
      try OutputFile.write(path, inputs: inputs) { write in write(svg) }
    case .converted(let format):
      guard let converter = Self.converter else {
        throw RunFailure.runtime("cannot write '\(path)': rsvg-convert is not installed")
      }
      try OutputFile.replace(path, inputs: inputs) { temporary in
        try Self.convert(svg, format: format, into: temporary, shownAs: path, with: converter)
      }
    }
  }

  /// Runs rsvg-convert on `svg` and writes what it prints into `file`. The converter writes
  /// to a pipe, never to a file by name: if ganscope is stopped by a signal, the converter
  /// (in a process group of its own) has nothing left to write to, and the temporary file
  /// that `OutputFile` removes stays removed.
  private static func convert(
    _ svg: String, format: String, into file: String, shownAs path: String, with converter: String
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: converter)
    process.arguments = ["-f", format]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw RunFailure.runtime("cannot run rsvg-convert: \(error.localizedDescription)")
    }
    // rsvg-convert reads all of its input before it writes, so writing it all, then
    // reading its picture and its messages, cannot deadlock.
    input.fileHandleForWriting.write(Data(svg.utf8))
    try? input.fileHandleForWriting.close()
    let picture = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, !picture.isEmpty else {
      let why =
        String(decoding: message, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
      throw RunFailure.runtime("cannot write '\(path)': rsvg-convert: \(why)")
    }
    let fd = open(file, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError("cannot write '\(path)': \(FilePath.reason(errno))") }
    defer { close(fd) }
    guard FileDescriptor.writeAll([UInt8](picture), to: fd) else {
      throw OutputError("cannot write '\(path)': \(FilePath.reason(errno))")
    }
  }
}
