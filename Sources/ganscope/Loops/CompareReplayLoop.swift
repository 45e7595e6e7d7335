import GANCore
import GANRuntime
import GANView

/// Recordings replayed side by side, on the main thread: like `ReplayLoop`, but the
/// position is a point of the common `IterationAxis`, and each run shows its frame at (or
/// nearest before) that point's iteration.
@MainActor
final class CompareReplayLoop {
  private let recordings: [RecordingFrames]
  private let labels: [String]
  private let axis: IterationAxis
  private let warnings: [String]
  private let frameMilliseconds: Int32
  private var replay: ReplayState
  private var compare: CompareState

  init(
    recordings: [RecordingFrames], labels: [String], warnings: [String], playing: Bool,
    framesPerSecond: Int
  ) {
    self.recordings = recordings
    self.labels = labels
    self.warnings = warnings
    axis = IterationAxis(
      frames: recordings.map { recording in
        (0..<recording.frameCount).map { recording.reader.frameCounters(at: $0).iteration }
      })
    // 1× plays the longest recording in about its own time.
    let seconds = recordings.map(\.reader.durationSeconds).max() ?? 0
    replay = ReplayState(
      frameCount: axis.count,
      framesPerSecond: ReplayState.framesPerSecond(
        durationSeconds: seconds, frameCount: axis.count),
      playing: playing)
    compare = CompareState(runCount: recordings.count)
    frameMilliseconds = Int32(1000 / min(max(framesPerSecond, 1), 120))
  }

  /// Runs on a terminal already in curses mode until `q` or a signal.
  func run(on terminal: Terminal, signals: QuitSignals) -> LiveExit {
    var clock = Clock.now()
    var jumps: Int?
    var shown: CellGrid?
    var mouse = MouseTracker()
    func apply(_ key: Key) -> LiveExit? {
      let outcome = CompareReplayKeyHandler.handle(key, replay: replay, compare: compare)
      replay = outcome.replay
      compare = outcome.compare
      return outcome.quit ? LiveExit.quit : nil
    }
    return FrameLoop.run(
      on: terminal, signals: signals, frameMilliseconds: frameMilliseconds,
      signalled: LiveExit.signal,
      handle: { key in
        guard case .mouse(let event) = key else { return apply(key) }
        // The timeline seeks the shared axis; the rest acts on the replay's view, whose
        // help and footer this screen shows.
        for intent in mouse.intents(for: event, on: shown, helpShown: replay.view.showHelp) {
          if let key = replay.apply(intent), let exit = apply(key) { return exit }
        }
        return nil
      }
    ) {
      let now = Clock.now()
      replay.advance(seconds: now - clock)
      CompareReplayKeyHandler.dropBranchHint(&replay)
      clock = now

      let frames = recordings.indices.map { axis.frame(ofRun: $0, at: replay.frame) }
      let snapshots = zip(recordings, frames).map { recording, frame in
        frame.map { recording.snapshot(at: $0) }
      }
      // After a jump each run's sparklines show what led to its new frame.
      if jumps != replay.jumps {
        jumps = replay.jumps
        for index in recordings.indices {
          compare.runs[index].replaceHistory(
            with: recordings[index].metrics(
              through: frames[index] ?? -1, count: ReplayState.historyWindow),
            through: snapshots[index]?.sequence)
        }
      }
      compare.advanceFrame(with: snapshots)
      let runs = recordings.indices.map {
        CompareScreen.Run(label: labels[$0], snapshot: snapshots[$0])
      }
      let size = terminal.size
      let grid = CompareScreen.renderReplay(
        runs: runs, state: compare, replay: replay,
        iteration: axis.iterations.indices.contains(replay.frame)
          ? axis.iterations[replay.frame] : nil,
        warnings: warnings, width: size.width, height: size.height,
        symbols: terminal.symbols)
      terminal.paint(grid)
      shown = grid
    }
  }
}
