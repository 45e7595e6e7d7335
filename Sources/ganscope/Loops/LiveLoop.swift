import GANCore
import GANScenarios
import GANView

/// Why the live view ended. Every reason is a normal exit (status 0).
enum LiveExit: Equatable {
  case quit
  /// SIGINT (Ctrl-C), SIGTERM or SIGHUP.
  case signal(Int32)
  /// A played scenario: Backspace (start it over, or back to its tour page).
  case back
  /// A played scenario whose script is over and ends the view (the tour's next page).
  case onward
}

/// A scenario's script playing in the live view (`ScenarioPlayer`): the caption it shows,
/// and space at its pause points. Every other key is the live view's.
struct LiveScript {
  /// Called once per frame, before drawing: the caption to show.
  var caption: @MainActor () -> Caption
  /// Whether the run waits at a pause point (space then goes to the script).
  var isWaiting: @MainActor () -> Bool
  /// Space at a pause point; true when the script is over and the view should end.
  var goOn: @MainActor () -> Bool
  /// Called once per frame, before drawing: what the steps applied since the last frame
  /// switch on screen, in order.
  var views: @MainActor () -> [StepView]
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
  private let script: LiveScript?
  /// The grid on screen, which the mouse is looked up in (`MouseTracker`).
  private var shown: CellGrid?
  private var mouse = MouseTracker()
  /// `live --draw`: open the target editor once the first snapshot is in.
  private var drawWhenReady: Bool
  /// The spec of the last drawn target applied, printed after the view closes so the user
  /// can train on it again (`--target`).
  private(set) var drawnSpec: String?

  /// `state`: the view to start from (a run branched from a replay keeps the replay's
  /// toggles and metric history). `script`: a scenario playing (`ganscope demo NAME`).
  init(
    hooks: LiveHooks, framesPerSecond: Int = 30, state: ViewState = ViewState(),
    script: LiveScript? = nil, draw: Bool = false
  ) {
    self.hooks = hooks
    self.state = state
    self.script = script
    drawWhenReady = draw
    frameMilliseconds = Int32(1000 / min(max(framesPerSecond, 1), 120))
  }

  /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP. The terminal is restored on every way out,
  /// including a thrown error; diagnostics written meanwhile through `HeldDiagnostics` are
  /// printed after that. Throws `TerminalError` when curses cannot start.
  func run() throws -> LiveExit {
    try FullScreen.run { terminal, signals in run(on: terminal, signals: signals) }
  }

  /// Runs on a terminal already in curses mode, until `q` or a signal (or, with a script,
  /// Backspace or the script's end).
  func run(on terminal: Terminal, signals: QuitSignals) -> LiveExit {
    FrameLoop.run(
      on: terminal, signals: signals, frameMilliseconds: frameMilliseconds,
      signalled: LiveExit.signal, handle: handle
    ) {
      if let line = hooks.notice?() { state.post(line) }
      let snapshot = hooks.latestSnapshot()
      var status = hooks.status()
      if status.iterationsPerSecond == nil {
        status.iterationsPerSecond = rate.update(iteration: snapshot?.iteration, at: Clock.now())
      }
      state.advanceFrame(with: snapshot)
      for view in script?.views() ?? [] { state.show(view) }
      if let spectrum = hooks.spectrum { state.showSpectrum(spectrum(state.pane == .spectrum)) }
      if drawWhenReady, snapshot != nil {
        drawWhenReady = false
        _ = handle("T")
      }
      let size = terminal.size
      let grid = Screen.render(
        snapshot: snapshot, state: state, status: status, caption: script?.caption(),
        width: size.width, height: size.height, symbols: terminal.symbols)
      terminal.paint(grid)
      shown = grid
    }
  }

  /// A mouse report: its intents, each applied as the key of the same action would be.
  private func handle(_ event: MouseEvent) -> LiveExit? {
    for intent in mouse.intents(for: event, on: shown, helpShown: state.showHelp) {
      if let key = state.apply(intent), let exit = handle(key) { return exit }
    }
    return nil
  }

  /// Applies one key; returns how the live view ends, if it does.
  private func handle(_ key: Key) -> LiveExit? {
    if case .mouse(let event) = key { return handle(event) }
    let outcome: LiveKeyOutcome
    if let script {
      switch PlaybackKeyHandler.handle(
        key, waiting: script.isWaiting(), state: state, snapshot: hooks.latestSnapshot(),
        status: hooks.status())
      {
      case .goOn: return script.goOn() ? .onward : nil
      case .back: return .back
      case .live(let live): outcome = live
      }
    } else {
      outcome = LiveKeyHandler.handle(
        key, state: state, snapshot: hooks.latestSnapshot(), status: hooks.status())
    }
    // A drawing applied in the editor (not `t` back to a drawn --target).
    if let drawn = outcome.state.drawnTarget, drawn != state.drawnTarget {
      drawnSpec = drawn.spec
    }
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
    return outcome.quit ? .quit : nil
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
