import GANCore
import GANView

/// Why the live view ended. Every reason is a normal exit (status 0).
enum LiveExit: Equatable {
  case quit
  /// SIGINT (Ctrl-C), SIGTERM or SIGHUP.
  case signal(Int32)
}

/// The live view's main loop, on the main thread: wait for a key for at most one frame,
/// apply it, take the latest snapshot, compose the screen and paint what changed. It never
/// trains and never waits for the trainer.
@MainActor
final class LiveLoop {
  private let hooks: LiveHooks
  private let frameMilliseconds: Int32
  private var state: ViewState
  private var rate = IterationRate()

  /// `state`: the view to start from (a run branched from a replay keeps the replay's
  /// toggles and metric history).
  init(hooks: LiveHooks, framesPerSecond: Int = 30, state: ViewState = ViewState()) {
    self.hooks = hooks
    self.state = state
    frameMilliseconds = Int32(1000 / min(max(framesPerSecond, 1), 120))
  }

  /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP. The terminal is restored on every way out,
  /// including a thrown error; diagnostics written meanwhile through `HeldDiagnostics` are
  /// printed after that. Throws `TerminalError` when curses cannot start.
  func run() throws -> LiveExit {
    try FullScreen.run { terminal, signals in run(on: terminal, signals: signals) }
  }

  /// Runs on a terminal already in curses mode, until `q` or a signal.
  func run(on terminal: Terminal, signals: QuitSignals) -> LiveExit {
    while true {
      if let number = signals.received { return .signal(number) }
      var key = terminal.readKey(timeoutMilliseconds: frameMilliseconds)
      // Take every key already typed before drawing, so held-down keys never lag behind.
      while let pressed = key {
        if handle(pressed) { return .quit }
        key = terminal.readKey(timeoutMilliseconds: 0)
      }
      if let line = hooks.notice?() { state.post(line) }
      let snapshot = hooks.latestSnapshot()
      var status = hooks.status()
      if status.iterationsPerSecond == nil {
        status.iterationsPerSecond = rate.update(iteration: snapshot?.iteration, at: Clock.now())
      }
      state.advanceFrame(with: snapshot)
      let size = terminal.size
      terminal.paint(
        Screen.render(
          snapshot: snapshot, state: state, status: status, width: size.width,
          height: size.height, symbols: terminal.symbols))
    }
  }

  /// Applies one key; returns true when it ends the live view.
  private func handle(_ key: Key) -> Bool {
    let outcome = LiveKeyHandler.handle(
      key, state: state, snapshot: hooks.latestSnapshot(), status: hooks.status())
    state = outcome.state
    for command in outcome.commands { hooks.send(command) }
    if outcome.toggleRecording {
      if let toggle = hooks.toggleRecording {
        do {
          state.post(try toggle())
        } catch {
          state.post("recording failed: \(error)")
        }
      } else {
        state.post("recording not available yet")
      }
    }
    return outcome.quit
  }
}

/// Iterations per second, measured over about the last second of snapshots.
struct IterationRate {
  private var samples: [(time: Double, iteration: Int)] = []
  private var current = 0.0

  mutating func update(iteration: Int?, at time: Double) -> Double {
    guard let iteration else { return 0 }
    // A reset or a new target may restart the count: start measuring afresh.
    if let last = samples.last, iteration < last.iteration { samples = [] }
    if samples.last?.iteration != iteration || samples.isEmpty {
      samples.append((time, iteration))
    }
    while samples.count > 2, time - samples[0].time > 1.5 { samples.removeFirst() }
    guard let first = samples.first, time - first.time > 0.2 else { return current }
    current = Double(iteration - first.iteration) / (time - first.time)
    return current
  }
}
