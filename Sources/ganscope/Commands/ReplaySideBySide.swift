import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// `ganscope replay a.gans b.gans [c.gans d.gans]`: recordings replayed side by side on a
/// common iteration axis (`CompareReplayLoop`), with the comparison's plot and columns.
extension ReplayCommand {
  /// At most this many recordings fit side by side (as many as `live --compare` runs).
  static let sideBySideLimit = Comparison.maximumRuns

  /// Problems of a side-by-side command line, found before any file is read.
  func validateSideBySide() throws {
    let count = 1 + others.count
    guard count <= Self.sideBySideLimit else {
      throw ValidationError(
        "replay shows at most \(Self.sideBySideLimit) recordings side by side, got \(count)")
    }
    if branchAt != nil || record != nil {
      throw ValidationError(
        "--branch-at and --record branch one recording: replay it alone to branch from it")
    }
  }

  func runSideBySide() throws {
    // Every file is read before curses starts: a damaged one gets the replay's message.
    let paths = [file] + others
    let readers = try paths.map { path throws(RunFailure) in
      try RecordingReader.opening(commandLineFile: path)
    }
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    let recordings = readers.map { RecordingFrames(reader: $0) }
    let labels = RunLabels.labels(
      first: recordings.map { $0.frameCount > 0 ? $0.snapshot(at: 0) : nil },
      architectures: readers.map(\.header.config.architecture),
      names: paths.map { String($0.split(separator: "/").last ?? Substring($0)) })
    let warnings = zip(paths, recordings).compactMap { path, recording in
      recording.warning.map { "\(String(path.split(separator: "/").last ?? "")): \($0)" }
    }
    let playing = !paused
    let frameRate = fps
    do {
      _ = try MainActor.assumeIsolated {
        try FullScreen.run { terminal, signals in
          CompareReplayLoop(
            recordings: recordings, labels: labels, warnings: warnings, playing: playing,
            framesPerSecond: frameRate
          ).run(on: terminal, signals: signals)
        }
      }
    } catch let error as TerminalError {
      throw RunFailure.runtime(error.description)
    }
  }
}
