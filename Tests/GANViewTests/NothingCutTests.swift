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
