import GANCore
import Testing

@testable import GANView

/// At 80×24 and at 120×40 no screen cuts a word: every view (`v`), live and replayed, the
/// Dirac-GAN, four runs compared (one collapsed) live and replayed, and the helps. On screen
/// an ellipsis only ever means that something was cut, so none may appear; each screen is
/// also pinned as a golden file (`nothing-cut-NAME-WxH`).
@Suite struct NothingCutTests {
  static let sizes = [(80, 24), (120, 40)]

  /// Live views: the plot running and paused while recording, and each view over time.
  static func liveScreens(width: Int, height: Int) -> [(String, CellGrid)] {
    var screens: [(String, CellGrid)] = []
    let snapshot = Fixture.snapshot(sequence: 3000, iteration: 30_000)
    for pane in MainPane.allCases {
      var state = ScreenTests.overTime(pane)
      state.pane = pane
      for (name, status) in [("running", ScreenTests.running), ("paused", ScreenTests.paused)] {
        screens.append(
          (
            "live-\(pane.rawValue)-\(name)",
            Screen.render(
              snapshot: snapshot, state: state, status: status, width: width, height: height,
              symbols: .unicode)
          ))
      }
      var replay = ReplayScreenTests.replay()
      replay.view = state
      // A replay computes the frame's spectrum by re-simulation: it has no age.
      if pane == .spectrum {
        replay.view.spectrum = SpectrumFeed(reading: SpectrumPaneTests.reading, computing: true)
      }

      screens.append(
        (
          "replay-\(pane.rawValue)",
          Screen.render(
            snapshot: snapshot, replay: replay, width: width, height: height, symbols: .unicode)
        ))
    }
    screens.append(
      (
        "dirac",
        Screen.render(
          snapshot: DiracViewTests.frames.last, state: DiracViewTests.state,
          status: ScreenTests.paused, width: width, height: height, symbols: .unicode)
      ))
    var help = Fixture.state()
    help.showHelp = true
    screens.append(
      (
        "live-help",
        Screen.render(
          snapshot: Fixture.snapshot(), state: help, status: ScreenTests.running, width: width,
          height: height, symbols: .unicode)
      ))
    return screens
  }

  /// Four runs, the fourth collapsed onto a spike, run 1 sent `K K l` (k = 3 and the next
  /// loss) and R1, live and replayed.
  static func compareScreens(width: Int, height: Int) -> [(String, CellGrid)] {
    var runs = (0..<4).map { index in
      CompareScreen.Run(
        label: CompareScreenTests.labels[index],
        snapshot: CompareScreenTests.snapshot(run: index),
        status: LiveStatus(
          paused: index == 2, pace: .iterationsPerSecond(100), iterationsPerSecond: 100,
          recordingPath: "/tmp/ganscope-20261207-081500-1.gans", canRecord: true))
    }
    runs[0].snapshot?.hyperparameters.discriminatorSteps = 3
    runs[0].snapshot?.hyperparameters.loss = .nonsaturating
    runs[0].snapshot?.hyperparameters.stabilizers.penalty = .r1
    runs[3].snapshot?.modelHistogram = Fixture.domain.centers.map {
      abs($0 - 4.05) < 0.06 ? 20 : 0
    }
    let state = CompareScreenTests.state(runs: 4) { $0.selected = 0 }
    var screens = [
      (
        "compare",
        CompareScreen.render(
          runs: runs, state: state, width: width, height: height, symbols: .unicode)
      )
    ]
    var replay = ReplayState(frameCount: 12, playing: false)
    replay.seek(to: 5)
    screens.append(
      (
        "compare-replay",
        CompareScreen.renderReplay(
          runs: runs, state: state, replay: replay, iteration: 600, width: width,
          height: height, symbols: .unicode)
      ))
    var help = state
    help.view.showHelp = true
    screens.append(
      (
        "compare-help",
        CompareScreen.render(
          runs: runs, state: help, width: width, height: height, symbols: .unicode)
      ))
    return screens
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func noScreenCutsAWord(size: (Int, Int)) throws {
    let (width, height) = size
    for (name, grid) in Self.liveScreens(width: width, height: height)
      + Self.compareScreens(width: width, height: height)
    {
      for row in 0..<height {
        #expect(!grid.row(row).contains("…"), "\(name) at \(width)x\(height), row \(row)")
      }
      let problem = try Golden.mismatch(grid, named: "nothing-cut-\(name)-\(width)x\(height)")
      #expect(problem == nil, "\(problem ?? "")")
    }
  }

  /// The comparison's column names what its run has now, after keys sent to it alone.
  @Test func aComparedRunsColumnFollowsItsKeys() {
    for (width, height) in Self.sizes {
      let grid = Self.compareScreens(width: width, height: height)[0].1
      let text = grid.text
      #expect(
        text.contains("1 loss=nonsaturating k=3") || text.contains("1 nonsaturat. 3")
          || text.contains("1 nonsaturating 3"), "\(width)x\(height)")
      #expect(text.contains("R1=10"))
      #expect(text.contains("↑"), "the collapsed run's spike is marked")
    }
  }
}

/// Every mark on screen is explained, and no label drops out when marks crowd.
@Suite struct MarksExplainedTests {
  /// k turned five times within a few hundred iterations of a 30000-iteration run: every
  /// turn keeps its label at 80×24, stacked into the plot where the label row is full.
  @Test func crowdedEventLabelsAreAllShown() {
    var state = ViewState()
    for t in 1...3000 {
      var snapshot = Fixture.snapshot(sequence: UInt64(t), iteration: t * 10, t: t / 30)
      snapshot.hyperparameters.discriminatorSteps = 2 + min(max((t - 1790) / 10, 0), 5)
      state.advanceFrame(with: snapshot)
    }
    state.pane = .history
    let grid = Screen.render(
      snapshot: Fixture.snapshot(sequence: 3000, iteration: 30_000), state: state,
      status: ScreenTests.running, width: 80, height: 24, symbols: .unicode)
    for k in 3...7 { #expect(grid.text.contains("k=\(k)"), "k=\(k)") }
    #expect(grid.text.contains("grey: lowest to highest"))
  }

  /// The space-time view: round time ticks and a key for both shade ramps.
  @Test func spaceTimeHasRoundTicksAndAKey() {
    let state = ScreenTests.overTime(.spaceTime)
    let grid = Screen.render(
      snapshot: Fixture.snapshot(sequence: 3000, iteration: 30_000), state: state,
      status: ScreenTests.running, width: 80, height: 24, symbols: .unicode)
    let ticks = SpaceTimePane.timeTicks(range: 10...30_000, rows: 16).map(\.iteration)
    #expect(ticks == [10_000, 20_000, 30_000])
    #expect(grid.text.contains("p_g low ░░▒▒▓▓██ peak") && grid.text.contains("D 0 ░░▒▒▓▓██ 1"))
    #expect(grid.text.contains("▲ p_data's modes"))
  }

  /// A metric that is not a number is marked × and the pane says what × means.
  @Test func notANumberIsExplained() {
    var state = ViewState()
    for t in 1...40 {
      var snapshot = Fixture.snapshot(sequence: UInt64(t), t: t)
      if t > 30 { snapshot.metrics.klDataModel = .infinity }
      state.advanceFrame(with: snapshot)
    }
    let grid = Screen.render(
      snapshot: Fixture.snapshot(sequence: 40), state: state, status: ScreenTests.running,
      width: 80, height: 24, symbols: .unicode)
    #expect(grid.text.contains("×") && grid.text.contains("× not a number"))
    // Whole words at 80 columns: the pane has no room for "(NaN or infinite)".
    #expect(grid.text.contains("× not a number (NaN/inf) "))
    let plain = Screen.render(
      snapshot: Fixture.snapshot(), state: Fixture.state(), status: ScreenTests.running,
      width: 80, height: 24, symbols: .unicode)
    #expect(!plain.text.contains("not a number"))
  }

  /// A loss before the first step has no value yet: its sparkline starts blank, not with
  /// ×; a NaN after values (a divergence) is still marked.
  @Test func notYetMeasuredIsBlankNotMarked() {
    func render(nanAt: (Int) -> Bool) -> CellGrid {
      var state = ViewState()
      for t in 1...40 {
        var snapshot = Fixture.snapshot(sequence: UInt64(t), t: t)
        if nanAt(t) {
          snapshot.metrics.discriminatorLoss = .nan
          snapshot.metrics.generatorLoss = .nan
        }
        state.advanceFrame(with: snapshot)
      }
      return Screen.render(
        snapshot: Fixture.snapshot(sequence: 40), state: state, status: ScreenTests.running,
        width: 80, height: 24, symbols: .unicode)
    }
    let first = render { $0 <= 3 }
    #expect(!first.text.contains("×") && !first.text.contains("not a number"))
    let later = render { $0 > 37 }
    #expect(later.text.contains("×") && later.text.contains("× not a number"))
  }

  /// The live help gathers the symbols where it has room (120×40); at 80×24 the keys keep
  /// the room and every one is still listed.
  @Test func theHelpExplainsTheSymbols() {
    var state = Fixture.state()
    state.showHelp = true
    for (width, height) in NothingCutTests.sizes {
      let grid = Screen.render(
        snapshot: Fixture.snapshot(), state: state, status: ScreenTests.running, width: width,
        height: height, symbols: .unicode)
      for binding in LiveKeys.table.bindings {
        #expect(grid.text.contains(binding.summary), "\(binding.summary) at \(width)x\(height)")
      }
      if height >= 40 {
        for item in SymbolLegend.items(.unicode) {
          #expect(grid.text.contains("\(item.symbol) \(item.words)"), "\(item.words)")
        }
      }
    }
  }
}

/// The status line is two rows at 80 columns, never three, in the states a lecture shows.
@Suite struct StatusLayoutTests {
  @Test func pausedRecordingAfterADStepIsTwoRowsAt80Columns() {
    let status = LiveStatus(
      paused: true, pace: .iterationsPerSecond(1000), iterationsPerSecond: 0,
      recordingPath: "/home/me/ganscope-20261207-081500.gans", canRecord: true)
    let tokens = StatusBar.tokens(
      snapshot: Fixture.snapshot(iteration: 123_456, lastStep: .discriminator), status: status,
      singleStep: .discriminator, symbols: .unicode)
    let rows = StatusBar.rows(tokens, width: 80)
    #expect(rows.count == 2)
    #expect(rows[0].map(\.text).contains("PAUSED"))
    #expect(rows[0].map(\.text).contains { $0.hasPrefix("REC") })
    #expect(rows[0].map(\.text).contains { $0.hasPrefix("panel (b)") })
    // At 120 columns the same words, whole.
    let wide = StatusBar.rows(tokens, width: 120)
    #expect(wide.count == 2)
    #expect(wide[0].map(\.text).contains("REC ganscope-20261207-081500.gans"))
    #expect(wide[0].map(\.text).contains("panel (b): D → D*"))
  }
}
