import GANCore
import GANView

/// The comparison's main loop, on the main thread: like `LiveLoop`, but with one
/// `LiveHooks` per run (each its own runtime, queue and ring). It waits for a key for at
/// most one frame, sends each run the commands the key means for it, takes every run's
/// latest snapshot and paints the combined screen. It never trains and never waits.
@MainActor
final class CompareLoop {
  private let hooks: [LiveHooks]
  private let labels: [String]
  private let frameMilliseconds: Int32
  private var state: CompareState
  private var rates: [IterationRate]
  /// Starts or stops every run's recording at once; returns a line for the footer.
  private let toggleRecording: (@MainActor () throws -> String)?

  init(
    hooks: [LiveHooks], labels: [String], framesPerSecond: Int = 30,
    toggleRecording: (@MainActor () throws -> String)? = nil
  ) {
    self.hooks = hooks
    self.labels = labels
    self.toggleRecording = toggleRecording
    state = CompareState(runCount: hooks.count)
    rates = Array(repeating: IterationRate(), count: hooks.count)
    frameMilliseconds = Int32(1000 / min(max(framesPerSecond, 1), 120))
  }

  /// Runs until `q` or a quit signal; the terminal is restored on every way out.
  func run() throws -> LiveExit {
    try FullScreen.run { terminal, signals in run(on: terminal, signals: signals) }
  }

  func run(on terminal: Terminal, signals: QuitSignals) -> LiveExit {
    var shown: CellGrid?
    var mouse = MouseTracker()
    return FrameLoop.run(
      on: terminal, signals: signals, frameMilliseconds: frameMilliseconds,
      signalled: LiveExit.signal,
      handle: { key in
        guard case .mouse(let event) = key else { return handle(key) ? LiveExit.quit : nil }
        for intent in mouse.intents(for: event, on: shown, helpShown: state.view.showHelp) {
          if let key = state.view.apply(intent), handle(key) { return LiveExit.quit }
        }
        return nil
      }
    ) {
      for hook in hooks { if let line = hook.notice?() { state.view.post(line) } }
      let snapshots = hooks.map { $0.latestSnapshot() }
      let statuses = self.statuses(snapshots)
      state.advanceFrame(with: snapshots)
      let runs = hooks.indices.map { index in
        CompareScreen.Run(label: labels[index], snapshot: snapshots[index], status: statuses[index])
      }
      let size = terminal.size
      let grid = CompareScreen.render(
        runs: runs, state: state, width: size.width, height: size.height,
        symbols: terminal.symbols)
      terminal.paint(grid)
      shown = grid
    }
  }

  /// Each run's status, its speed measured here when the runtime does not report one.
  private func statuses(_ snapshots: [Snapshot?]) -> [LiveStatus] {
    let now = Clock.now()
    return hooks.indices.map { index in
      var status = hooks[index].status()
      if status.iterationsPerSecond == nil {
        status.iterationsPerSecond = rates[index].update(
          iteration: snapshots[index]?.iteration, at: now)
      }
      return status
    }
  }

  /// Applies one key; true when the view ends.
  private func handle(_ key: Key) -> Bool {
    let snapshots = hooks.map { $0.latestSnapshot() }
    let outcome = CompareKeyHandler.handle(
      key, state: state, snapshots: snapshots, statuses: hooks.map { $0.status() },
      labels: labels)
    state = outcome.state
    for (index, commands) in outcome.commands.enumerated() {
      for command in commands { hooks[index].send(command) }
    }
    if outcome.toggleRecording {
      if let toggleRecording {
        do {
          state.view.post(try toggleRecording())
        } catch {
          state.view.post("recording failed: \(error)")
        }
      } else {
        state.view.post("recording not available")
      }
    }
    return outcome.quit
  }
}
