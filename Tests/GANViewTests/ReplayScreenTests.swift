import GANCore
import Testing

@testable import GANView

/// The replay's screen against golden files: the live figure of a recorded snapshot with the
/// replay's status words, the timeline and, for a damaged file, the warning row.
@Suite struct ReplayScreenTests {
  static let markers = [
    TimelineMarker(frame: 12, kind: .other, label: "pace = 30"),
    TimelineMarker(frame: 40, kind: .discriminatorSteps, label: "k = 2"),
    TimelineMarker(frame: 95, kind: .stepSize, label: "lrD = 0.001"),
    TimelineMarker(frame: 160, kind: .loss, label: "loss = nonsaturating"),
    TimelineMarker(frame: 220, kind: .target, label: "target = gaussian"),
    TimelineMarker(frame: 260, kind: .optimizer, label: "opt = adam"),
    TimelineMarker(frame: 285, kind: .reset, label: "both nets re-initialized"),
  ]
  static let warning =
    "replaying 300 complete frames; 56 bytes ignored: truncated at byte 123456"

  /// A replay of 300 frames at frame 150 (1-based), paused, at 2x, having shown 60 frames.
  static func replay(playing: Bool = false, configure: (inout ViewState) -> Void = { _ in })
    -> ReplayState
  {
    var state = ReplayState(frameCount: 300, markers: markers, playing: playing)
    state.seek(to: 149)
    state.changeSpeed(by: 1)
    // The view of a replay that has shown 60 frames, without the speed change's notice.
    state.view = Fixture.state(configure: configure)
    return state
  }

  func render(
    _ width: Int, _ height: Int, replay: ReplayState = replay(), warning: String? = nil,
    symbols: SymbolSet = .unicode
  ) -> CellGrid {
    Screen.render(
      snapshot: Fixture.snapshot(), replay: replay, warning: warning, width: width,
      height: height, symbols: symbols)
  }

  func expectGolden(_ grid: CellGrid, _ name: String) throws {
    let problem = try Golden.mismatch(grid, named: name)
    #expect(problem == nil, "\(problem ?? "")")
  }

  /// In a replay the panes over time come from the recording's history (not fed by the
  /// frames shown) and stop at the frame shown, as the live view looked then.
  @Test(arguments: ScreenTests.panesOverTime)
  func replayOfAPaneOverTime(pane: MainPane) throws {
    var state = Self.replay()
    let live = ScreenTests.overTime(pane)
    state.view.pane = pane
    state.view.replaceRunHistory(live.runHistory, feeding: false)
    let grid = Screen.render(
      snapshot: Fixture.snapshot(sequence: 1500, iteration: 15_000), replay: state,
      width: 120, height: 40, symbols: .unicode)
    try expectGolden(grid, "replay-\(pane.rawValue)-120x40")
  }

  @Test func replayAt120x40() throws {
    let grid = render(120, 40, replay: Self.replay { $0.showOptimalOverlay = true })
    try expectGolden(grid, "replay-120x40")
    let text = grid.text
    for token in ["frame=150/300", "iter=12345", "speed=2x", "PAUSED", "k=2", "target=gaussian"] {
      #expect(text.contains(token), "\(token)")
    }
    #expect(!text.contains("it/s=") && !text.contains("pace="))
    #expect(grid.row(39).contains("space play") && grid.row(39).contains("q quit"))
    #expect(grid.row(38).contains("█"))
  }

  @Test func replayAt80x24WithDamageWarning() throws {
    let grid = render(80, 24, warning: Self.warning)
    try expectGolden(grid, "replay-80x24")
    #expect(grid.row(21).contains("replaying 300 complete frames; 56 bytes ignored"))
    #expect(grid.row(22).contains("█"))
    #expect(grid.text.contains("frame=150/300"))
  }

  @Test func replayAt80x24InASCII() throws {
    let grid = render(80, 24, warning: Self.warning, symbols: .ascii)
    #expect(grid.cells.allSatisfy { $0.character.isASCII })
    #expect(grid.row(22).contains("#"))
  }

  @Test func replayHelpAt80x24ListsKeysAndLegend() throws {
    let grid = render(80, 24, replay: Self.replay { $0.showHelp = true })
    try expectGolden(grid, "replay-help-80x24")
    let text = grid.text
    for binding in ReplayKeys.table.bindings {
      let row = (0..<24).map(grid.row).first { $0.contains(binding.summary) }
      #expect(row?.contains(binding.label + " ") == true, "\(binding.label)")
    }
    for kind in TimelineMarker.Kind.allCases {
      #expect(text.contains("\(kind.symbol(.unicode)) \(kind.legend)"), "\(kind)")
    }
    #expect(text.contains("ganscope replay keys") && text.contains(SharedKeys.helpClosing))
  }

  @Test func playingHidesPaused() {
    let text = render(120, 40, replay: Self.replay(playing: true)).text
    #expect(!text.contains("PAUSED") && text.contains("speed=2x"))
  }

  @Test func aNoticeReplacesTheFooterButNotTheTimeline() {
    var replay = Self.replay()
    replay.view.post("k = 2")
    let grid = render(120, 40, replay: replay)
    #expect(grid.row(39).contains("k = 2") && grid.row(38).contains("█"))
  }

  @Test func everySizeFromTheMinimumUpRenders() {
    for width in stride(from: 80, through: 200, by: 9) {
      for height in stride(from: 24, through: 64, by: 5) {
        for symbols in SymbolSet.allCases {
          for warning in [nil, Self.warning] {
            let grid = render(width, height, warning: warning, symbols: symbols)
            #expect(grid.text.contains("frame=150/300"), "\(width)x\(height)")
            #expect(grid.row(height - 1).contains("q quit"), "\(width)x\(height)")
            #expect(grid.row(height - 2).contains(Timeline.playhead(symbols)))
          }
        }
      }
    }
  }

  @Test func tooSmallShowsTheMessage() {
    #expect(render(60, 20).text.contains("terminal too small"))
  }

  @Test func theLiveScreenIsUnchangedByTheReplay() {
    // The live golden files pin this too; the live footer has no timeline row above it.
    let live = Screen.render(
      snapshot: Fixture.snapshot(), state: Fixture.state(), status: LiveStatus(), width: 120,
      height: 40, symbols: .unicode)
    #expect(!live.row(38).contains("█") && live.row(39).contains("space pause"))
  }
}
