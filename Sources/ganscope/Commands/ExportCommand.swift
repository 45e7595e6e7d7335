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
    let signals = HeadlessSignals()
    defer { signals.stop() }
    // Where the export goes is checked before the recording is read.
    if let out { try OutputFile.check(out, inputs: [file]) }
    let reader = try RecordingReader.opening(commandLineFile: file)
    let rows: RowFormat
    switch format {
    case .csv: rows = .csv
    case .jsonl: rows = .jsonl
    case .asciicast:
      // The replay as the view draws it (ExportAsciicast.swift).
      try Self.writeAsciicast(reader, name: file, size: size, to: out, inputs: [file])
      Self.reportGaps(reader)
      return
    }
    let prefix =
      configColumns
      ? RowPrinter.configColumns(architecture: reader.header.config.architecture) : []
    try Self.writeRows(reader, format: rows, prefix: prefix, to: out, inputs: [file])
    // Said only once the export is written: a failed one says why instead.
    Self.reportGaps(reader)
  }

  /// Every frame's row, in order, to `path` (nil: stdout).
  static func writeRows(
    _ reader: RecordingReader, format: RowFormat, prefix: [PrefixColumn] = [], to path: String?,
    inputs: [String]
  ) throws {
    guard let path else {
      emitRows(reader, RowPrinter(format: format, prefix: prefix))
      return
    }
    try OutputFile.writeLines(path, inputs: inputs) { line in
      withoutActuallyEscaping(line) { line in
        emitRows(reader, RowPrinter(format: format, prefix: prefix, write: line))
      }
    }
  }

  /// Says on stderr what the export lacks: the frames lost to damage, an incomplete end.
  static func reportGaps(_ reader: RecordingReader) {
    let name = RecordingError.quoted(reader.name)
    if reader.isDamaged {
      let missing = reader.damage.flatMap(\.missingFrames)
      let lost =
        missing.isEmpty ? "no frame lost" : DamagedSpan.frameList(missing, limit: 20) + " missing"
      Output.error(
        "'\(name)' is damaged in \(reader.damage.count) place(s): \(lost); exported the "
          + "\(reader.frameCount) readable frames")
    }
    if !reader.isComplete {
      Output.error(
        "'\(name)' is incomplete (not stopped cleanly); exported its \(reader.frameCount) frames")
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
