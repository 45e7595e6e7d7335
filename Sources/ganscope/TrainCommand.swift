import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// Headless training: a row of metrics every E iterations, as a table, CSV or JSON lines.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train without the view and print metrics rows (table, csv or jsonl).")

  @OptionGroup var model: ModelOptions

  @Option(help: "Training iterations (each: k D steps and one G step).")
  var iterations: Int = 5000

  @Option(help: "Print a row every E iterations.")
  var every: Int = 500

  @Option(help: "Row format: table, csv or jsonl.")
  var format: RowFormat = .table

  @Option(help: "At the end, write 10,000 samples of G to this file, one per line.")
  var samplesOut: String?

  @Option(help: "Record every row's frame to this file (see 'ganscope replay', 'info', 'verify').")
  var record: String?

  @Flag(help: "Let --record write over an existing file.") var force = false

  func validate() throws {
    guard iterations >= 0 else {
      throw ValidationError("--iterations must be >= 0, got \(iterations)")
    }
    guard every >= 1 else { throw ValidationError("--every must be >= 1, got \(every)") }
  }

  func run() throws {
    let config = try model.config()
    // Where the results go is checked before training, not after it.
    if let record {
      do {
        try Recorder.checkTarget(record, overwrite: force)
      } catch {
        throw RunFailure.badInput(error.description)
      }
    }
    if let samplesOut { try OutputFile.check(samplesOut) }
    let printer = RowPrinter(format: format)
    printer.header()
    // The same runtime as the live view, at full speed, publishing a frame per row: a frame
    // at iteration 0, every E iterations, at the end, and at a divergence (which ends it).
    let run = TrainingRuntime.runHeadless(
      config: config, iterations: iterations, publishInterval: every,
      samples: samplesOut.map { _ in
        SampleRequest(count: 10_000, seed: derivedSeed(config.seed, 7))
      }, recordTo: record, overwriteRecording: force
    ) { printer.row($0) }
    let diverged = run.lastFrame?.divergedAtIteration
    if let at = diverged {
      Output.error("diverged at iteration \(at) (NaN or infinity); try a smaller step size")
    }
    if let samplesOut, let samples = run.samples {
      try writeSamples(samples, to: samplesOut)
    }
    // A failed recording never stops the training; it is reported at the end.
    if let problem = run.recordingError { throw RunFailure.runtime(problem) }
    if diverged != nil { throw ExitCode(1) }
  }
}

/// Output formats of metric rows.
enum RowFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, jsonl
}

/// Prints metric rows with the columns every tabular output of ganscope shares.
struct RowPrinter {
  static let columns = [
    "iteration", "loss_d", "loss_g", "jsd", "kl", "w1", "v", "d_real", "d_fake", "g_mean",
    "g_std",
  ]
  var format: RowFormat
  /// Where lines go: stdout, or a file (`ganscope export --out`).
  var write: (String) -> Void = { Output.line($0) }

  static func values(_ s: Snapshot) -> [Double] {
    let m = s.metrics
    return [
      Double(s.iteration), m.discriminatorLoss, m.generatorLoss, m.jensenShannon, m.klDataModel,
      m.wasserstein, m.value, m.meanDReal, m.meanDFake, m.generatorMean,
      m.generatorStandardDeviation,
    ]
  }

  func header() {
    switch format {
    case .table:
      write(Self.columns.map { pad($0, $0 == "iteration" ? 9 : 8) }.joined(separator: " "))
    case .csv: write(Self.columns.joined(separator: ","))
    case .jsonl: break
    }
  }

  func row(_ s: Snapshot) {
    let values = Self.values(s)
    switch format {
    case .table:
      let cells = values.enumerated().map { i, v in
        i == 0 ? pad("\(s.iteration)", 9) : pad(fixed(v, 4), 8)
      }
      write(cells.joined(separator: " "))
    case .csv:
      write(
        values.enumerated().map { i, v in i == 0 ? "\(s.iteration)" : plain(v) }.joined(
          separator: ","))
    case .jsonl:
      let fields = zip(Self.columns, values).enumerated().map { i, pair in
        "\"\(pair.0)\":" + (i == 0 ? "\(s.iteration)" : jsonNumber(pair.1))
      }
      write("{" + fields.joined(separator: ",") + "}")
    }
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }
}

/// A value with `digits` decimals for a table column (scientific beyond ±10⁶).
func fixed(_ x: Double, _ digits: Int) -> String {
  abs(x) >= 1e6 && x.isFinite
    ? NumberFormat.general(x, significant: 3) : NumberFormat.fixed(x, decimals: digits)
}

/// Full precision for CSV (pandas reads nan and inf).
func plain(_ x: Double) -> String {
  x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)")
}

/// JSON has no NaN or infinity: they become null.
func jsonNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
