import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope export FILE`: a recording's per-frame metrics with the columns of `train`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a recording's per-frame metrics as CSV or JSON lines (train's columns).")

  @Argument(help: "The recording (written by --record).") var file: String

  @Option(help: "csv or jsonl.") var format: ExportFormat = .csv

  @Option(help: "Write to this file instead of standard output.") var out: String?

  @Option(help: "asciicast only: the terminal size, WIDTHxHEIGHT.") var size = "120x40"

  @Flag(help: "csv and jsonl: start each row with the run's configuration (as 'train').")
  var configColumns = false

  enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl, asciicast
  }

  func run() throws {
    let reader = try RecordingReader.opening(commandLineFile: file)
    let rows: RowFormat
    switch format {
    case .csv: rows = .csv
    case .jsonl: rows = .jsonl
    case .asciicast:
      // The replay as the view draws it (ExportAsciicast.swift).
      try Self.writeAsciicast(reader, name: file, size: size, to: out)
      return
    }
    let prefix =
      configColumns
      ? RowPrinter.configColumns(architecture: reader.header.config.architecture) : []
    try Self.writeRows(reader, format: rows, prefix: prefix, to: out)
  }

  /// Every frame's row, in order, to `path` (nil: stdout).
  static func writeRows(
    _ reader: RecordingReader, format: RowFormat, prefix: [PrefixColumn] = [], to path: String?
  ) throws {
    guard let path else {
      emitRows(reader, RowPrinter(format: format, prefix: prefix))
      return
    }
    guard let file = fopen(path, "w") else {
      throw RunFailure.badInput("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    emitRows(
      reader, RowPrinter(format: format, prefix: prefix) { line in fputs(line + "\n", file) })
    let failed = ferror(file) != 0
    if fclose(file) != 0 || failed {
      throw RunFailure.runtime("error while writing '\(path)': \(String(cString: strerror(errno)))")
    }
  }

  private static func emitRows(_ reader: RecordingReader, _ printer: RowPrinter) {
    printer.header()
    for i in 0..<reader.frameCount {
      // Rows need only the counters and the metrics, which are stored exactly.
      var frame = reader.frame(at: i)
      frame.metrics = reader.metrics(at: i)
      printer.row(frame)
    }
  }
}
