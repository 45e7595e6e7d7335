import GANCore
import GANRuntime
import GANView

/// Why the replay screen ended.
enum ReplayExit {
  case quit
  case signal(Int32)
  /// `b`: continue live from this runtime (branched at `frame`, not started), with the
  /// replay's view.
  case branch(runtime: TrainingRuntime, frame: Int, view: ViewState)
}

/// The replay's main loop, on the main thread: wait for a key for at most one frame, apply
/// it (`ReplayKeyHandler`), move playback on by the time that passed, and draw the
/// recorded snapshot with the live view's screen.
@MainActor
final class ReplayLoop {
  private let recording: RecordingFrames
  private let warning: String?
  private let frameMilliseconds: Int32
  private var state: ReplayState
  /// The grid on screen, which the mouse is looked up in.
  private var shown: CellGrid?
  private var mouse = MouseTracker()
  /// The spectrum of the frame shown, re-simulated in the background while the spectrum
  /// view is shown.
  private let spectra: RecordingSpectrum

  init(recording: RecordingFrames, state: ReplayState, warning: String?, framesPerSecond: Int) {
    self.recording = recording
    spectra = RecordingSpectrum(reader: recording.reader)
    self.state = state
    self.warning = warning
    frameMilliseconds = Int32(1000 / min(max(framesPerSecond, 1), 120))
  }

  /// Runs on a terminal already in curses mode until `q`, a signal, or a branch.
  func run(on terminal: Terminal, signals: QuitSignals) -> ReplayExit {
    var clock = Clock.now()
    var jumps: Int?
    return FrameLoop.run(
      on: terminal, signals: signals, frameMilliseconds: frameMilliseconds,
      signalled: ReplayExit.signal, handle: handle
    ) {
      let now = Clock.now()
      state.advance(seconds: now - clock)
      clock = now

      let snapshot = recording.snapshot(at: state.frame)
      // After a jump the sparklines must show what led to the new frame, not what was on
      // screen before: rebuild them from the recording.
      if jumps != state.jumps {
        jumps = state.jumps
        state.view.replaceHistory(
          with: recording.metrics(through: state.frame, count: ReplayState.historyWindow),
          through: snapshot.sequence)
      }
      state.view.advanceFrame(with: snapshot)
      let spectrum = spectra.reading(
        forFrame: state.frame, wanted: state.view.pane == .spectrum)
      state.view.spectrum = SpectrumFeed(
        reading: spectrum.reading, computing: spectrum.computing)
      let size = terminal.size
      let grid = Screen.render(
        snapshot: snapshot, replay: state, warning: warning, width: size.width,
        height: size.height, symbols: terminal.symbols)
      terminal.paint(grid)
      shown = grid
    }
  }

  /// Applies one key; returns how the replay ends, if it does.
  private func handle(_ key: Key) -> ReplayExit? {
    if case .mouse(let event) = key {
      for intent in mouse.intents(for: event, on: shown, helpShown: state.view.showHelp) {
        if let key = state.apply(intent), let exit = handle(key) { return exit }
      }
      return nil
    }
    let outcome = ReplayKeyHandler.handle(key, state: state)
    state = outcome.state
    switch outcome.effect {
    case nil: return nil
    case .quit: return .quit
    case .branch(let frame):
      do {
        let runtime = try recording.branch(at: frame)
        return .branch(runtime: runtime, frame: frame, view: state.view)
      } catch {
        state.view.post("cannot branch here: \(error.description)")
        return nil
      }
    }
  }
}
