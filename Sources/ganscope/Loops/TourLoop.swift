import GANScenarios
import GANView

/// The tour's main loop, on the main thread: a page before each scenario (space plays it,
/// Backspace goes back a page, q quits), the scenario played by `ScenarioPlayer`, and after
/// the last one a closing page.
@MainActor
struct TourLoop {
  let stops: [TourStop]
  let seed: UInt64
  let fps = 30

  /// What a page's keys asked for.
  private enum PageExit {
    case start
    case back
    case quit
  }

  /// Runs until q or a signal (or space on the last page); returns recording failures.
  func run(on terminal: Terminal, signals: QuitSignals) -> [String] {
    var failures: [String] = []
    var index = 0
    while true {
      switch show(page(index), on: terminal, signals: signals) {
      case .quit: return failures
      case .back: index = max(index - 1, 0)
      case .start:
        guard index < stops.count else { return failures }
        let (exit, failed) = ScenarioPlayer.play(
          stops[index].scenario, seed: seed, fps: fps, endsView: true,
          place: "tour \(index + 1)/\(stops.count) · \(stops[index].reference)", on: terminal,
          signals: signals)
        failures += failed
        switch exit {
        case .quit, .signal: return failures
        case .back: continue
        case .onward: index += 1
        }
      }
    }
  }

  /// The page before scenario `index`, or the closing page after the last.
  func page(_ index: Int) -> TourPage {
    guard index < stops.count else {
      return TourPage(
        heading: "ganscope tour · the end",
        title: "The end", subtitle: "of the tour",
        paragraphs: [
          "Every claim shown here is measured over seeds by 'ganscope demo --check'.",
          "'ganscope demo NAME' plays one scenario again; 'ganscope live' is yours to try.",
          "In every view ? lists the keys, and pressed again the words and marks on screen.",
        ], isEnd: true)
    }
    let stop = stops[index]
    return TourPage(
      heading: "ganscope tour · \(index + 1) of \(stops.count) · \(stop.scenario.name)",
      title: stop.reference, subtitle: stop.topic, paragraphs: [stop.statement, stop.watch])
  }

  /// Shows a page until one of its keys or a signal.
  private func show(_ page: TourPage, on terminal: Terminal, signals: QuitSignals) -> PageExit {
    var shown: CellGrid?
    var mouse = MouseTracker()
    func exit(for key: Key) -> PageExit? {
      switch TourKeys.action(for: key) {
      case .start: .start
      case .back: .back
      case .quit: .quit
      case nil: nil
      }
    }
    return FrameLoop.run(
      on: terminal, signals: signals, frameMilliseconds: Int32(1000 / fps),
      signalled: { _ in PageExit.quit },
      handle: { key in
        guard case .mouse(let event) = key else { return exit(for: key) }
        for case .key(let key) in mouse.intents(for: event, on: shown, helpShown: false) {
          if let done = exit(for: key) { return done }
        }
        return nil
      }
    ) {
      let size = terminal.size
      let grid = Screen.render(
        tour: page, width: size.width, height: size.height, symbols: terminal.symbols)
      terminal.paint(grid)
      shown = grid
    }
  }
}
