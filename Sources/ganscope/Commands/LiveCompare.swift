import ArgumentParser
import GANCore
import GANRuntime
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope live --compare K=V[,V…]`: 2–4 runs from the same seed and flags, differing only
/// in the compared knobs, each on its own `TrainingRuntime` (its own serial queue and ring),
/// drawn side by side by `CompareLoop`.
extension LiveCommand {
  /// The comparison the flags ask for; bad flags are one line and exit 2.
  func parsedComparison() throws -> Comparison {
    do {
      return try Comparison(flags: compare)
    } catch {
      throw ValidationError(error.description)
    }
  }

  /// Run i's file of a `--record PREFIX` or an `R` (PREFIX-1.gans, PREFIX-2.gans, …).
  static func comparisonPath(prefix: String, run index: Int) -> String {
    let stem = prefix.hasSuffix(".gans") ? String(prefix.dropLast(5)) : prefix
    return "\(stem)-\(index + 1).gans"
  }

  func runComparison() throws {
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    let comparison = try parsedComparison()
    let base = try model.config()
    let configs: [TrainingConfig]
    do {
      configs = try comparison.runs.map { run throws(SweepError) in try run.config(from: base) }
    } catch {
      throw RunFailure.badInput(error.description)
    }
    let initialPace = try parsedPace()
    let interval = LiveCommand.publishInterval(for: initialPace, fps: fps)
    let runtimes = configs.map {
      TrainingRuntime(
        config: $0, publishInterval: interval, pace: initialPace, startPaused: paused)
    }
    // Every file is checked, then opened, before the terminal changes: one that cannot be
    // written is exit 1 and leaves no file behind (none is created before all are checked;
    // one created before a later failure is removed unless --force may have replaced it).
    var recorders: [Recorder] = []
    if let record {
      for index in runtimes.indices {
        try model.checkNotInput(record: Self.comparisonPath(prefix: record, run: index))
      }
      do {
        for index in runtimes.indices {
          try Recorder.checkTarget(
            Self.comparisonPath(prefix: record, run: index), overwrite: force)
        }
        for (index, runtime) in runtimes.enumerated() {
          recorders.append(
            try Recorder(
              runtime: runtime, path: Self.comparisonPath(prefix: record, run: index),
              overwrite: force))
        }
      } catch {
        for recorder in recorders {
          recorder.stop()
          if !force { unlink(recorder.path) }
        }
        throw RunFailure.runtime(error.description)
      }
    }
    for runtime in runtimes { runtime.start() }
    let frameRate = fps
    let labels = comparison.runs.map(\.label)
    let outcome: Result<[String], RunFailure> = MainActor.assumeIsolated {
      let controls = runtimes.enumerated().map { index, runtime in
        RecordingControl(
          runtime: runtime, initial: index < recorders.count ? recorders[index] : nil)
      }
      let hooks = zip(runtimes, controls).map { runtime, control in
        LiveHooks(runtime: runtime, fps: frameRate, recording: control)
      }
      let loop = CompareLoop(
        hooks: hooks, labels: labels, framesPerSecond: frameRate,
        toggleRecording: { try Self.toggle(controls) })
      var failure: RunFailure?
      do {
        _ = try loop.run()
      } catch {
        failure = RunFailure.runtime("\(error)")
      }
      for runtime in runtimes { runtime.stop() }
      let failures = controls.flatMap { $0.finish() }
      return failure.map { .failure($0) } ?? .success(failures)
    }
    for runtime in runtimes { runtime.stop() }
    if let first = try outcome.get().first { throw RunFailure.runtime(first) }
  }

  /// `R`: stops every run's recording if any is running, else starts one per run under a
  /// new common prefix (ganscope-YYYYMMDD-HHMMSS-1.gans, -2.gans, …).
  @MainActor
  static func toggle(_ controls: [RecordingControl]) throws -> String {
    if controls.contains(where: \.isRecording) {
      let lines = try controls.filter(\.isRecording).map { try $0.toggle() }
      return lines.count == 1 ? lines[0] : "saved \(lines.count) recordings; " + lines[0]
    }
    let prefix = String(RecordingControl.newPath().dropLast(5))
    for (index, control) in controls.enumerated() {
      _ = try control.toggle(path: comparisonPath(prefix: prefix, run: index))
    }
    return "recording run i to \(prefix)-i.gans, i = 1...\(controls.count) (R stops)"
  }
}
