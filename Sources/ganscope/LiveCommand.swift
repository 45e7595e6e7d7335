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

  @Option(help: "Frames per second of the view (1...120).")
  var fps: Int = 30

  @Option(
    help: ArgumentHelp(
      "Training pace in iterations per second, or 'max'.", valueName: "rate|max"))
  var pace: String = "100"

  @Flag(help: "Start paused (press space to run, '.', 'd', 'g' to single-step).")
  var paused = false

  func validate() throws {
    guard (1...120).contains(fps) else {
      throw ValidationError("--fps must be between 1 and 120, got \(fps)")
    }
    _ = try parsedPace()
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
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    let config = try model.config()
    let initialPace = try parsedPace()
    let runtime = TrainingRuntime(
      config: config, publishInterval: LiveCommand.publishInterval(for: initialPace, fps: fps),
      pace: initialPace, startPaused: paused)
    runtime.start()
    defer { runtime.stop() }
    let frameRate = fps
    let hooks = LiveHooks(
      latestSnapshot: { runtime.latest() },
      send: { command in
        // Keep about one published frame per view frame at every pace: a pace change
        // carries its publication cadence with it (both are logged events).
        if case .setPace(let newPace) = command {
          let interval = LiveCommand.publishInterval(for: newPace, fps: frameRate)
          runtime.send(command, .setPublishInterval(interval))
        } else {
          runtime.send(command)
        }
      },
      status: {
        let s = runtime.status
        return LiveStatus(
          paused: s.isPaused, pace: s.pace, iterationsPerSecond: s.iterationsPerSecond)
      })
    do {
      _ = try LiveLoop.runOnMainThread(hooks: hooks, framesPerSecond: fps)
    } catch let error as TerminalError {
      throw RunFailure.runtime(error.description)
    }
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
