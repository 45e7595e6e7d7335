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

  @Option(parsing: .unconditional, help: "Training iterations (each: k D steps and one G step).")
  var iterations: Int = 5000

  @Option(parsing: .unconditional, help: "Print a row every E iterations.")
  var every: Int = 500

  @Option(help: "Row format: table, csv or jsonl.")
  var format: RowFormat = .table

  @Option(help: "At the end, write 10,000 samples of G to this file, one per line.")
  var samplesOut: String?

  @Option(help: "Record every row's frame to this file (see 'ganscope replay', 'info', 'verify').")
  var record: String?

  @Flag(help: "Let --record write over an existing file.") var force = false

  @Flag(
    help:
      "Start each row with the run's configuration: seed, k, lr_d, lr_g, loss, optimizer, batch, hidden, layers, activation, target, prior, penalty, gamma, unroll, updates, instance_noise, beta1, beta2, epsilon, momentum, clip, pack (the columns of sweep's lines)."
  )
  var configColumns = false

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
      try model.checkNotInput(record: record)
      do {
        try Recorder.checkTarget(record, overwrite: force)
      } catch {
        throw RunFailure.runtime(error.description)
      }
    }
    if let samplesOut {
      if let record, FileIdentity.same(samplesOut, record) {
        throw OutputError(
          "--samples-out and --record name the same file '\(RecordingError.quoted(record))'")
      }
      try OutputFile.check(samplesOut, inputs: model.inputFiles)
    }
    // A signal stops the run at its next iteration, like its end: the rows so far are
    // printed and the recording is closed cleanly. A second signal ends the program at once.
    let caught = SignalLatch()
    let stop = StopRequest()
    let signals = HeadlessSignals { number in
      guard caught.note(number) else { HeadlessSignals.exit(after: number) }
      stop.request()
    }
    defer { signals.stop() }
    let printer = RowPrinter(
      format: format,
      prefix: configColumns ? RowPrinter.configColumns(architecture: config.architecture) : [])
    printer.header()
    // The same runtime as the live view, at full speed, publishing a frame per row: a frame
    // at iteration 0, every E iterations, at the end, and at a divergence (which ends it).
    let run = TrainingRuntime.runHeadless(
      config: config, iterations: iterations, publishInterval: every,
      samples: samplesOut.map { _ in
        SampleRequest(count: 10_000, seed: derivedSeed(config.seed, 7))
      }, recordTo: record, overwriteRecording: force,
      onRecordingFailure: { problem in
        Output.error(problem + "; training goes on without recording")
      }, stop: stop
    ) { printer.row($0) }
    if let number = caught.signal {
      let at = run.lastFrame.map { " at iteration \($0.iteration)" } ?? ""
      let recorded =
        record.map { path in
          run.recordingError == nil
            ? "; '\(RecordingError.quoted(path))' is complete (\(run.framesRecorded) frames)" : ""
        } ?? ""
      Output.error("stopped by \(HeadlessSignals.name(number))\(at)\(recorded)")
      throw ExitCode(HeadlessSignals.status(number))
    }
    let diverged = run.lastFrame?.divergedAtIteration
    if let at = diverged {
      Output.error("diverged at iteration \(at) (NaN or infinity); try a smaller step size")
    }
    if let samplesOut, let samples = run.samples {
      try writeSamples(samples, to: samplesOut, inputs: model.inputFiles)
    }
    // A failed recording never stops the training; it was reported when it happened, and
    // the exit status says the output is incomplete.
    if run.recordingError != nil { throw ExitCode(1) }
    if diverged != nil { throw ExitCode(1) }
    // A signal after the run ended (while the samples were written) still says so.
    if let number = caught.signal { throw ExitCode(HeadlessSignals.status(number)) }
  }
}

extension RowFormat: ExpressibleByArgument {}

extension RowPrinter {
  /// Rows to standard output.
  init(format: RowFormat, prefix: [PrefixColumn] = []) {
    self.init(format: format, prefix: prefix) { Output.line($0) }
  }
}

/// A value with `digits` decimals for a table column.
func fixed(_ x: Double, _ digits: Int) -> String { RowPrinter.fixed(x, digits) }

/// Full precision for CSV.
func plain(_ x: Double) -> String { RowPrinter.plain(x) }

/// JSON has no NaN or infinity: they become null.
func jsonNumber(_ x: Double) -> String { RowPrinter.jsonNumber(x) }
