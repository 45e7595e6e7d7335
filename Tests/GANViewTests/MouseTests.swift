import GANCore
import Testing

@testable import GANView

/// The mouse, the way a terminal sends it: SGR reports decoded into events, looked up in the
/// screen the views really drew, and turned into the same actions as the keys.
@Suite struct MouseTests {
  static let running = LiveStatus(paused: false, pace: .iterationsPerSecond(300))

  /// The body of a report as `Terminal` hands it over (after "ESC [ <").
  func decode(_ sequence: String) -> MouseEvent? {
    let prefix = "\u{1B}[<"
    guard sequence.hasPrefix(prefix) else { return nil }
    return MouseEvent.decodeSGR(String(sequence.dropFirst(prefix.count)))
  }

  @Test func sgrReportsDecodeToEvents() {
    #expect(decode("\u{1B}[<0;10;5M") == MouseEvent(.left, .press, x: 9, y: 4))
    #expect(decode("\u{1B}[<2;1;1M") == MouseEvent(.right, .press, x: 0, y: 0))
    #expect(decode("\u{1B}[<32;11;5M") == MouseEvent(.left, .drag, x: 10, y: 4))
    #expect(decode("\u{1B}[<34;11;5M") == MouseEvent(.right, .drag, x: 10, y: 4))
    #expect(decode("\u{1B}[<0;11;5m") == MouseEvent(.left, .release, x: 10, y: 4))
    #expect(decode("\u{1B}[<64;300;200M") == MouseEvent(.wheelUp, .press, x: 299, y: 199))
    #expect(decode("\u{1B}[<65;3;3M") == MouseEvent(.wheelDown, .press, x: 2, y: 2))
    // Shift, Meta and Control (+4 +8 +16) do not change what the button does.
    #expect(decode("\u{1B}[<20;10;5M") == MouseEvent(.left, .press, x: 9, y: 4))
  }

  @Test func garbledReportsAreDropped() {
    for body in [
      "0;10M", "0;10;5", "0;10;5X", "a;1;1M", "0;0;1M", "0;1;0M", ";1;1M", "0;1;1;1M",
      "66;1;1M", "0;999999;1M", "0;-1;1M", "", "M",
    ] {
      #expect(MouseEvent.decodeSGR(body) == nil, "\(body)")
    }
  }

  @Test func everyEventRoundTripsThroughItsSequence() {
    let buttons: [MouseEvent.Button] = [.left, .middle, .right]
    for button in buttons {
      for kind in [MouseEvent.Kind.press, .drag, .release] {
        let event = MouseEvent(button, kind, x: 41, y: 17)
        #expect(decode(event.sgrSequence) == event)
      }
    }
    for wheel in [MouseEvent.Button.wheelUp, .wheelDown] {
      let event = MouseEvent(wheel, .press, x: 0, y: 0)
      #expect(decode(event.sgrSequence) == event)
    }
  }

  // MARK: The live view

  func live(_ state: ViewState, _ width: Int = 120, _ height: Int = 40) -> CellGrid {
    Screen.render(
      snapshot: Fixture.snapshot(), state: state, status: Self.running, width: width,
      height: height, symbols: .unicode)
  }

  /// The centre cell of the first hotspot that is `target`.
  func center(of target: HotTarget, in grid: CellGrid) throws -> (x: Int, y: Int) {
    let spot = try #require(grid.hotspots.first { $0.target == target }, "\(target)")
    return (spot.x + spot.width / 2, spot.y + spot.height / 2)
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func clickingAMetricShowsItsHistory(size: (Int, Int)) throws {
    let grid = live(Fixture.state(), size.0, size.1)
    let metricSpots = grid.hotspots.compactMap { spot -> (Hotspot, Int)? in
      if case .metric(let index) = spot.target { return (spot, index) }
      return nil
    }
    #expect(metricSpots.count >= 6)
    for (spot, index) in metricSpots {
      // The row clicked names the metric it selects.
      let metric = Metric.table[index]
      let row = grid.row(spot.y)
      #expect(
        row.contains(metric.label(for: nil, ascii: false, short: true))
          || row.contains(metric.label(for: nil, ascii: false, short: false))
          || row.contains(metric.label(for: .nonsaturating, ascii: false, short: true)),
        "\(metric.key) at row \(spot.y): \(row)")
      var tracker = MouseTracker()
      let intents = tracker.intents(
        for: MouseEvent(.left, .press, x: spot.x + 1, y: spot.y), on: grid, helpShown: false)
      #expect(intents == [.showMetric(index)])
      var state = Fixture.state()
      #expect(state.apply(intents[0]) == nil)
      #expect(state.pane == .history && state.lens.metric == index)
    }
  }

  @Test func theWheelZoomsTheHistoryAndADragMovesIt() throws {
    var state = Fixture.state()
    state.pane = .history
    var tracker = MouseTracker()
    let (x, y) = try center(of: .overTime, in: live(state))
    // Wheel up: z (zoom in), twice; wheel down: Z.
    for _ in 0..<2 {
      let intents = tracker.intents(
        for: MouseEvent(.wheelUp, .press, x: x, y: y), on: live(state), helpShown: false)
      #expect(intents == [.key("z")])
      state =
        LiveKeyHandler.handle(
          "z", state: state, snapshot: Fixture.snapshot(), status: Self.running
        ).state
    }
    #expect(state.lens.zoom == 2)
    // Drag right by half the picture's width: one half-window earlier, as '(' does.
    let grid = live(state)
    let spot = try #require(grid.hotspots.first { $0.target == .overTime })
    #expect(
      tracker.intents(for: MouseEvent(.left, .press, x: x, y: y), on: grid, helpShown: false)
        .isEmpty)
    let dragged = tracker.intents(
      for: MouseEvent(.left, .drag, x: x + spot.width / 2, y: y), on: grid, helpShown: false)
    #expect(dragged == [.pan(1)])
    #expect(state.apply(dragged[0]) == nil)
    #expect(state.lens.pan == 1)
    // The wheel over the plot does nothing (no zoom there).
    state.pane = .plot
    let plot = live(state)
    #expect(
      tracker.intents(for: MouseEvent(.wheelUp, .press, x: 30, y: 20), on: plot, helpShown: false)
        .isEmpty)
  }

  @Test func anyClickClosesTheHelp() {
    var state = Fixture.state()
    state.showHelp = true
    var tracker = MouseTracker()
    let intents = tracker.intents(
      for: MouseEvent(.left, .press, x: 5, y: 5), on: live(state), helpShown: true)
    #expect(intents == [.closeHelp])
    #expect(state.apply(intents[0]) == nil && !state.showHelp)
  }

  @Test func withoutAScreenNothingHappens() {
    var tracker = MouseTracker()
    #expect(
      tracker.intents(for: MouseEvent(.left, .press, x: 5, y: 5), on: nil, helpShown: false).isEmpty
    )
  }

  // MARK: The replay

  @Test(arguments: [(80, 24), (120, 40)])
  func clickingAndDraggingOnTheTimelineSeeks(size: (Int, Int)) throws {
    var replay = ReplayState(frameCount: 300, markers: [], playing: false)
    let grid = Screen.render(
      snapshot: Fixture.snapshot(), replay: replay, width: size.0, height: size.1,
      symbols: .unicode)
    let spot = try #require(grid.hotspots.first { $0.target == .timeline(count: 300) })
    #expect(spot.width == size.0 - 2)
    var tracker = MouseTracker()
    // The right end is the last frame, the left end the first, as the timeline draws them.
    for (x, frame) in [(spot.x + spot.width - 1, 299), (spot.x, 0)] {
      let intents = tracker.intents(
        for: MouseEvent(.left, .press, x: x, y: spot.y), on: grid, helpShown: false)
      _ = replay.apply(intents[0])
      #expect(replay.frame == frame)
      #expect(Timeline.column(of: frame, count: 300, width: spot.width) == x - spot.x)
      _ = tracker.intents(
        for: MouseEvent(.left, .release, x: x, y: spot.y), on: grid, helpShown: false)
    }
    // A drag that leaves the timeline's row still scrubs.
    _ = tracker.intents(
      for: MouseEvent(.left, .press, x: spot.x, y: spot.y), on: grid, helpShown: false)
    let middle = spot.x + (spot.width - 1) / 2
    let dragged = tracker.intents(
      for: MouseEvent(.left, .drag, x: middle, y: spot.y - 5), on: grid, helpShown: false)
    _ = replay.apply(dragged[0])
    #expect(abs(replay.frame - 150) <= 2)
  }

  // MARK: Captions, the tour, compare

  @Test func aCaptionIsClickableOnlyAtAPausePoint() throws {
    for waiting in [false, true] {
      let caption = Caption(
        heading: "figure1", text: "look here", prompt: "space: go on", waiting: waiting)
      let grid = Screen.render(
        snapshot: Fixture.snapshot(), state: Fixture.state(), status: Self.running,
        caption: caption, width: 80, height: 24, symbols: .unicode)
      #expect(grid.hotspots.contains { $0.target == .next } == waiting)
      if waiting {
        var tracker = MouseTracker()
        let (x, y) = try center(of: .next, in: grid)
        #expect(
          tracker.intents(for: MouseEvent(.left, .press, x: x, y: y), on: grid, helpShown: false)
            == [.key(" ")])
      }
    }
  }

  @Test func aClickOnATourPageStartsIt() throws {
    let page = TourPage(heading: "tour", title: "Prop. 1", subtitle: "D*", paragraphs: ["text"])
    let grid = Screen.render(tour: page, width: 80, height: 24, symbols: .unicode)
    var tracker = MouseTracker()
    #expect(
      tracker.intents(for: MouseEvent(.left, .press, x: 40, y: 12), on: grid, helpShown: false) == [
        .key(" ")
      ])
    #expect(TourKeys.action(for: " ") == .start)
  }

  @Test func everyMouseGestureIsOnTheHelpsMousePageWithItsKeys() {
    let tables: [(String, [(label: String, summary: String)], HelpOverlay.Content)] = [
      ("live", LiveKeys.table.mouseEntries, HelpOverlay.Content(keys: LiveKeys.table)),
      ("replay", ReplayKeys.table.mouseEntries, HelpOverlay.Content(keys: ReplayKeys.table)),
      ("compare", CompareKeys.table.mouseEntries, HelpOverlay.Content(keys: CompareKeys.table)),
      ("draw", SketchKeys.table.mouseEntries, HelpOverlay.Content(keys: SketchKeys.table)),
    ]
    for (name, entries, content) in tables {
      #expect(!entries.isEmpty, "\(name)")
      for (width, height) in [(80, 24), (120, 40)] {
        var grid = CellGrid(width: width, height: height)
        HelpOverlay.draw(.mouse, keys: content, into: &grid, symbols: .unicode)
        for entry in entries {
          #expect(grid.text.contains(entry.summary), "\(name) \(width)x\(height): \(entry.summary)")
        }
      }
    }
  }
}

extension MouseTests {
  /// A click anywhere in a run's column of the comparison selects that run, as its digit.
  @Test(arguments: [(80, 24), (120, 40)])
  func clickingARunsColumnSelectsIt(size: (Int, Int)) throws {
    let fixture = CompareScreenTests()
    let state = CompareScreenTests.state(runs: 4)
    let runs = fixture.runs(4)
    let grid = CompareScreen.render(
      runs: runs, state: state, width: size.0, height: size.1, symbols: .unicode)
    for run in 1...4 {
      let (x, y) = try center(of: .compareRun(run), in: grid)
      var tracker = MouseTracker()
      let intents = tracker.intents(
        for: MouseEvent(.left, .press, x: x, y: y), on: grid, helpShown: false)
      #expect(intents == [.key(.character(Character(String(run))))])
      let outcome = CompareKeyHandler.handle(
        .character(Character(String(run))), state: state, snapshots: runs.map(\.snapshot),
        statuses: runs.map(\.status), labels: runs.map(\.label))
      #expect(outcome.state.selected == run - 1)
    }
  }
}

extension MouseTests {
  /// Every word of the status line, with every fix on, says what it means when clicked,
  /// in a line that fits the footer at 80 columns.
  @Test(arguments: [(80, 24), (120, 40)])
  func clickingAStatusWordExplainsIt(size: (Int, Int)) throws {
    var snapshot = Fixture.snapshot(diverged: 12_000)
    snapshot.hyperparameters.stabilizers = Stabilizers(
      penalty: .r1, unrolledSteps: 5, updateScheme: .simultaneous, instanceNoise: 0.5,
      instanceNoiseAnneal: 0, spectralNorm: true, pack: 2, interpolateWeight: 5, consensus: 10)
    let status = LiveStatus(
      paused: true, pace: .iterationsPerSecond(300), recordingPath: "/tmp/run.gans",
      canRecord: true)
    let tokens = StatusBar.tokens(
      snapshot: snapshot, status: status, singleStep: nil, symbols: .unicode)
    for token in tokens {
      let explanation = try #require(StatusWords.explanation(of: token.text), "\(token.text)")
      #expect(explanation.count <= 78, "\(explanation)")
    }
    let grid = Screen.render(
      snapshot: snapshot, state: Fixture.state(), status: status, width: size.0,
      height: size.1, symbols: .unicode)
    let words = grid.hotspots.compactMap { spot -> (Hotspot, String)? in
      if case .explanation(let text) = spot.target { return (spot, text) }
      return nil
    }
    // Each word is marked where it is drawn (the recording's name may be cut to REC).
    #expect(words.count == tokens.count)
    for (spot, text) in words {
      let drawn = String(grid.row(spot.y).dropFirst(spot.x).prefix(spot.width))
      #expect(text.hasPrefix(drawn.split(separator: " ").first.map(String.init) ?? drawn))
      var tracker = MouseTracker()
      let intents = tracker.intents(
        for: MouseEvent(.left, .press, x: spot.x, y: spot.y), on: grid, helpShown: false)
      #expect(intents == [.explain(text)])
      var state = Fixture.state()
      _ = state.apply(intents[0])
      #expect(state.notice == text)
    }
    let k = try #require(words.first { $0.1.hasPrefix("k=2:") })
    #expect(k.1 == "k=2: D takes 2 step(s) for each G step (K one more, k one fewer)")
  }
}

extension MouseTests {
  /// A terminal that ignores the SGR mode sends xterm's older report: three bytes, each
  /// + 32; a release names no button. Buttons 8-11 (back, forward) are not clicks.
  @Test func olderReportsAndSideButtons() {
    #expect(MouseEvent.decodeX10(32, 33 + 9, 33 + 4) == MouseEvent(.left, .press, x: 9, y: 4))
    #expect(MouseEvent.decodeX10(34, 33, 33) == MouseEvent(.right, .press, x: 0, y: 0))
    #expect(MouseEvent.decodeX10(35, 40, 40)?.kind == .release)
    #expect(MouseEvent.decodeX10(64, 40, 40) == MouseEvent(.left, .drag, x: 7, y: 7))
    #expect(MouseEvent.decodeX10(96, 33, 33) == MouseEvent(.wheelUp, .press, x: 0, y: 0))
    #expect(MouseEvent.decodeX10(31, 40, 40) == nil && MouseEvent.decodeX10(32, 32, 40) == nil)
    #expect(MouseEvent.decodeSGR("128;1;1M") == nil && MouseEvent.decodeSGR("129;5;5m") == nil)
  }

  /// The tour's footer names Backspace and q: a click there does not start the scenario.
  @Test func theTourFooterIsNotAStartButton() {
    let page = TourPage(heading: "tour", title: "Prop. 1", subtitle: "D*", paragraphs: ["text"])
    let grid = Screen.render(tour: page, width: 80, height: 24, symbols: .unicode)
    var tracker = MouseTracker()
    #expect(
      tracker.intents(for: MouseEvent(.left, .press, x: 10, y: 23), on: grid, helpShown: false)
        .isEmpty)
  }

  /// While the target editor is open, a click on a metric does not switch the hidden
  /// picture to the history.
  @Test func theEditorKeepsThePlot() {
    var state = LiveKeyHandler.handle(
      "T", state: Fixture.state(), snapshot: Fixture.snapshot(), status: Self.running
    ).state
    #expect(state.apply(.showMetric(3)) == nil)
    #expect(state.pane == .plot && state.sketch != nil)
  }

  /// Side by side, the digits jump through the recordings: a run's column is not a
  /// selection there, and `?` opens the help.
  @Test func theSideBySideReplayHasNoRunToSelectAndItsHelpOpens() {
    let fixture = CompareScreenTests()
    let replay = ReplayState(frameCount: 30, markers: [], playing: false)
    let grid = CompareScreen.renderReplay(
      runs: fixture.runs(2).map { CompareScreen.Run(label: $0.label, snapshot: $0.snapshot) },
      state: CompareScreenTests.state(runs: 2), replay: replay, iteration: 100, warnings: [],
      width: 120, height: 40, symbols: .unicode)
    #expect(!grid.hotspots.contains { if case .compareRun = $0.target { true } else { false } })
    #expect(grid.hotspots.contains { $0.target == .timeline(count: 30) })
    let help = CompareReplayKeyHandler.handle(
      "?", replay: replay, compare: CompareScreenTests.state(runs: 2))
    #expect(help.replay.view.showHelp)
    #expect(
      HelpOverlay.Content(keys: CompareReplayKeys.table).mouse.contains {
        $0.summary.contains("timeline")
      })
  }
}
