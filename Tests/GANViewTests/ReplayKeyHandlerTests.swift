import Testing

@testable import GANView

/// Every key of the replay's table, from a replay of 300 frames paused at frame 150
/// (0-based 149), and the cases at the ends and the limits.
@Suite struct ReplayKeyHandlerTests {
  static let markers = [
    TimelineMarker(frame: 150, kind: .discriminatorSteps, label: "k = 3"),
    TimelineMarker(frame: 200, kind: .loss, label: "loss = minimax"),
  ]

  static func state(frame: Int = 149, playing: Bool = false, count: Int = 300) -> ReplayState {
    var state = ReplayState(frameCount: count, markers: markers, playing: playing)
    state.seek(to: frame)
    return state
  }

  func press(_ key: Key, _ state: ReplayState = state()) -> ReplayKeyOutcome {
    ReplayKeyHandler.handle(key, state: state)
  }

  /// Where each key takes the replay: (0-based frame, playing, speed, effect).
  static let expected: [Key: (frame: Int, playing: Bool, speed: Double, effect: ReplayEffect?)] =
    [
      " ": (149, true, 1, nil),
      .left: (148, false, 1, nil),
      .right: (150, false, 1, nil),
      .pageUp: (119, false, 1, nil),
      .pageDown: (179, false, 1, nil),
      .shiftLeft: (119, false, 1, nil),
      .shiftRight: (179, false, 1, nil),
      .home: (0, false, 1, nil),
      .end: (299, false, 1, nil),
      "0": (0, false, 1, nil),
      "1": (30, false, 1, nil),
      "2": (60, false, 1, nil),
      "3": (90, false, 1, nil),
      "4": (120, false, 1, nil),
      "5": (150, false, 1, nil),
      "6": (180, false, 1, nil),
      "7": (210, false, 1, nil),
      "8": (240, false, 1, nil),
      "9": (270, false, 1, nil),
      "<": (149, false, 0.5, nil),
      ">": (149, false, 2, nil),
      "b": (149, false, 1, .branch(frame: 149)),
      "v": (149, false, 1, nil),
      "m": (149, false, 1, nil),
      "y": (149, false, 1, nil),
      "z": (149, false, 1, nil),
      "Z": (149, false, 1, nil),
      "M": (149, false, 1, nil),
      "(": (149, false, 1, nil),
      ")": (149, false, 1, nil),
      "o": (149, false, 1, nil),
      "h": (149, false, 1, nil),
      "a": (149, false, 1, nil),
      "f": (149, false, 1, nil),
      "?": (149, false, 1, nil),
      Key.escape: (149, false, 1, nil),
      "q": (149, false, 1, .quit),
    ]

  @Test func everyKeyOfTheTableIsTested() {
    #expect(Set(ReplayKeys.table.bindings.flatMap(\.keys)) == Set(Self.expected.keys))
    let actions =
      ReplayAction.allCases.map(KeyAction.own) + SharedAction.allCases.map(KeyAction.shared)
    #expect(Set(ReplayKeys.table.bindings.map(\.action)) == Set(actions))
  }

  @Test(arguments: ReplayKeys.table.bindings.flatMap(\.keys))
  func everyKeyDoesWhatTheTableSays(key: Key) throws {
    let want = try #require(Self.expected[key])
    let outcome = press(key)
    #expect(outcome.state.frame == want.frame, "\(key)")
    #expect(outcome.state.playing == want.playing, "\(key)")
    #expect(outcome.state.speed == want.speed, "\(key)")
    #expect(outcome.effect == want.effect, "\(key)")
  }

  @Test func spacePausesAPlayingReplayAndReplaysFromTheEnd() {
    let playing = press(" ", Self.state(playing: true)).state
    #expect(!playing.playing && playing.frame == 149)
    #expect(playing.view.notice == "paused at frame 150 of 300")
    let fromEnd = press(" ", Self.state(frame: 299)).state
    #expect(fromEnd.playing && fromEnd.frame == 0)
  }

  @Test func frameKeysPauseButSeeksKeepPlaying() {
    #expect(!press(.right, Self.state(playing: true)).state.playing)
    #expect(!press(.left, Self.state(playing: true)).state.playing)
    #expect(press(.pageDown, Self.state(playing: true)).state.playing)
    #expect(press("3", Self.state(playing: true)).state.playing)
    #expect(!press("b", Self.state(playing: true)).state.playing)
  }

  @Test func stepsStopAtTheEnds() {
    let first = press(.left, Self.state(frame: 0))
    #expect(first.state.frame == 0 && first.state.view.notice == "this is the first frame")
    let last = press(.right, Self.state(frame: 299))
    #expect(last.state.frame == 299)
    #expect(last.state.view.notice == ReplayKeyHandler.lastFrameNotice)
    #expect(press(.pageDown, Self.state(frame: 290)).state.frame == 299)
    #expect(press(.pageUp, Self.state(frame: 10)).state.frame == 0)
  }

  @Test func aTenthIsAtLeastOneFrame() {
    let short = Self.state(frame: 2, count: 5)
    #expect(press(.pageDown, short).state.frame == 3)
    #expect(press(.pageUp, short).state.frame == 1)
    #expect(press("9", short).state.frame == 4)
  }

  @Test func speedWalksFromAQuarterTo64() {
    var state = Self.state()
    var labels: [String] = []
    for _ in 0..<10 {
      state = press(">", state).state
      labels.append(state.speedLabel)
    }
    #expect(labels == ["2x", "4x", "8x", "16x", "32x", "64x", "64x", "64x", "64x", "64x"])
    #expect(state.view.notice == "speed is already 64x (0.25x...64x)")
    for _ in 0..<10 { state = press("<", state).state }
    #expect(state.speedLabel == "0.25x")
    #expect(press(">", Self.state()).state.view.notice == "speed = 2x")
  }

  @Test func landingOnAMarkerShowsItsLabel() {
    #expect(press(.right).state.view.notice == "k = 3")
    #expect(press("5").state.view.notice == "k = 3")
    #expect(press(.left).state.view.notice == nil)
  }

  @Test func jumpsAreCountedSoTheHistoryCanBeRebuilt() {
    let state = Self.state()
    #expect(press(.right, state).state.jumps == state.jumps)
    for key: Key in [
      .left, .home, .pageDown, "7",
    ] {
      #expect(press(key, state).state.jumps == state.jumps + 1, "\(key)")
    }
  }

  @Test func togglesFlipTheViewState() {
    #expect(press("o").state.view.showOptimalOverlay)
    #expect(press("h").state.view.showHistogram)
    #expect(press("a").state.view.showArrows)
    #expect(press("?").state.view.showHelp)
    #expect(press("?", press("?").state).state.view.helpPage == .mouse)
    #expect(press("?", press("?", press("?").state).state).state.view.helpPage == .words)
    #expect(!press(Key.escape, press("?").state).state.view.showHelp)
  }

  @Test func anUnboundKeySaysSo() {
    let outcome = press("x")
    #expect(outcome.effect == nil && outcome.state.frame == 149)
    #expect(outcome.state.view.notice == "key 'x' does nothing; ? lists the keys")
    #expect(press("\u{7}").state.view.notice?.contains("0x7") == true)
  }

  @Test func footerComesFromTheTable() {
    let wide = ReplayKeys.table.footer(width: 200, symbols: .unicode)
    for binding in ReplayKeys.table.bindings {
      guard let hint = binding.hint else { continue }
      #expect(wide.contains("\(binding.label) \(hint)"))
    }
    let narrow = ReplayKeys.table.footer(width: 40, symbols: .ascii)
    #expect(narrow.count <= 40 && narrow.hasSuffix("? help  q quit"))
  }
}
