import GANCore
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// What the live view needs from whoever runs the training. Closures rather than the
/// runtime's type, so the loop works with the live runtime, a replayer, or a test double.
/// All of them are called on the main thread only.
struct LiveHooks {
  /// The newest published snapshot (nil before the first).
  var latestSnapshot: @MainActor () -> Snapshot?
  /// Queues a command for the trainer (applied at the next iteration boundary).
  var send: @MainActor (ControlCommand) -> Void
  /// Paused, pace and recording state. When its `iterationsPerSecond` is nil the loop
  /// fills it in from the snapshots' iteration counts.
  var status: @MainActor () -> LiveStatus
  /// Starts or stops recording and returns a line to show ("recording to run.gans"); nil
  /// until the recorder exists. Set `LiveStatus.canRecord` when this is non-nil.
  var toggleRecording: (@MainActor () throws -> String)?
  /// A line to show at once, polled every frame (a recording that just failed).
  var notice: (@MainActor () -> String?)?

  init(
    latestSnapshot: @escaping @MainActor () -> Snapshot?,
    send: @escaping @MainActor (ControlCommand) -> Void,
    status: @escaping @MainActor () -> LiveStatus,
    toggleRecording: (@MainActor () throws -> String)? = nil,
    notice: (@MainActor () -> String?)? = nil
  ) {
    self.notice = notice
    self.latestSnapshot = latestSnapshot
    self.send = send
    self.status = status
    self.toggleRecording = toggleRecording
  }
}

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

  /// Runs from a nonisolated context (a command's `run()`) that is on the main thread.
  nonisolated static func runOnMainThread(
    hooks: sending LiveHooks, framesPerSecond: Int = 30
  ) throws -> LiveExit {
    try MainActor.assumeIsolated {
      try LiveLoop(hooks: hooks, framesPerSecond: framesPerSecond).run()
    }
  }

  /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP. The terminal is restored on every way out,
  /// including a thrown error; diagnostics written meanwhile through `HeldDiagnostics` are
  /// printed after that. Throws `TerminalError` when curses cannot start.
  func run() throws -> LiveExit {
    try TerminalSession.run { terminal, signals in run(on: terminal, signals: signals) }
  }

  /// Runs on a terminal already in curses mode, until `q` or a signal.
  func run(on terminal: Terminal, signals: LiveSignals) -> LiveExit {
    while true {
      if let number = signals.received { return .signal(number) }
      var key = terminal.readKey(timeoutMilliseconds: frameMilliseconds)
      // Take every key already typed before drawing, so held-down keys never lag behind.
      while let pressed = key {
        switch pressed {
        case .resize: terminal.invalidate()
        case .character(let character): if handle(character) { return .quit }
        case .other, .function: break
        }
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
  private func handle(_ key: Character) -> Bool {
    let outcome = KeyHandler.handle(
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

/// One environment variable, or nil when unset.
func environmentValue(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
