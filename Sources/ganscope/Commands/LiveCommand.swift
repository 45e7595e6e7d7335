import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// `ganscope live` (the default): train in the background and animate Figure 1.
struct LiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "live",
    abstract: "Train in the background and animate Figure 1 live (the default command).")

  @OptionGroup var model: ModelOptions

  @Option(parsing: .unconditional, help: "Frames per second of the view (1...120).")
  var fps: Int = 30

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Training pace in iterations per second, or 'max'.", valueName: "rate|max"))
  var pace: String = "100"

  @Flag(help: "Start paused (press space to run, '.', 'd', 'g' to single-step).")
  var paused = false

  @Option(help: "Record the session to this file (see 'ganscope replay', 'info', 'verify').")
  var record: String?

  @Flag(help: "Let --record write over an existing file.") var force = false

  @Flag(
    help:
      "Open the target editor at once: paint p_data with the mouse (or the arrow keys), Enter trains on it; T opens it again."
  )
  var draw = false

  @Option(
    help: ArgumentHelp(
      "Compare 2-4 runs that differ only in these knobs (the names of 'ganscope sweep'), e.g. loss=minimax,nonsaturating or k=1,5; repeat for several knobs. --record PREFIX then writes PREFIX-1.gans, PREFIX-2.gans, ...",
      valueName: "knob=v1,v2"))
  var compare: [String] = []

  func validate() throws {
    guard (1...120).contains(fps) else {
      throw ValidationError("--fps must be between 1 and 120, got \(fps)")
    }
    _ = try parsedPace()
    if !compare.isEmpty { _ = try parsedComparison() }
    if draw && !compare.isEmpty {
      throw ValidationError("--draw opens the editor of one run; it does not go with --compare")
    }
  }

  func parsedPace() throws -> Pace {
    if pace == "max" { return .maximum }
    guard let rate = Double(pace), rate.isFinite, rate > 0, rate <= 1e7 else {
      throw ValidationError(
        "--pace must be a positive number of iterations/s or 'max', got '\(pace)'")
    }
    return .iterationsPerSecond(rate)
  }

  func run() throws {
    if !compare.isEmpty { return try runComparison() }
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    let config = try model.config()
    let initialPace = try parsedPace()
    let runtime = TrainingRuntime(
      config: config, publishInterval: LiveCommand.publishInterval(for: initialPace, fps: fps),
      pace: initialPace, startPaused: paused)
    // An unwritable --record path is found before the terminal changes (exit 1, as every
    // output that cannot be written).
    if let record { try model.checkNotInput(record: record) }
    let recorder: Recorder?
    do {
      recorder = try record.map { path throws(RecordingError) in
        try Recorder(runtime: runtime, path: path, overwrite: force)
      }
    } catch {
      throw RunFailure.runtime(error.description)
    }
    runtime.start()
    let frameRate = fps
    let outcome: Result<[String], RunFailure> = MainActor.assumeIsolated {
      let recording = RecordingControl(runtime: runtime, initial: recorder)
      let hooks = LiveHooks(runtime: runtime, fps: frameRate, recording: recording)
      var failure: RunFailure?
      let loop = LiveLoop(hooks: hooks, framesPerSecond: frameRate, draw: draw)
      do {
        _ = try loop.run()
      } catch {
        failure = RunFailure.runtime("\(error)")
      }
      if let spec = loop.drawnSpec {
        Output.line("the target you drew, to train on it again: --target '\(spec)'")
      }
      // The runtime stops first, so each recorder then takes every frame left and closes.
      runtime.stop()
      let failures = recording.finish()
      return failure.map { .failure($0) } ?? .success(failures)
    }
    runtime.stop()
    // A recording that failed during the session (a full disk) is reported and exits 1.
    if let first = try outcome.get().first { throw RunFailure.runtime(first) }
  }

  /// Iterations between published snapshots so that a pace yields about `fps` frames/s (at
  /// full speed, assume about 10,000 iterations/s).
  static func publishInterval(for pace: Pace, fps: Int) -> Int {
    let rate: Double
    switch pace {
    case .maximum: rate = 10_000
    case .iterationsPerSecond(let r): rate = r
    }
    return max(1, Int((rate / Double(fps)).rounded(.down)))
  }
}
