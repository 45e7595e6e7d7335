import GANCore
import Testing

@testable import GANView

@Suite struct LiveKeyHandlerTests {
  static let snapshot = Fixture.snapshot()
  static let running = LiveStatus(paused: false, pace: .iterationsPerSecond(300))
  static let paused = LiveStatus(paused: true, pace: .maximum, canRecord: true)

  func press(
    _ key: Key, _ state: ViewState = ViewState(), snapshot: Snapshot? = snapshot,
    status: LiveStatus = running
  ) -> LiveKeyOutcome {
    LiveKeyHandler.handle(key, state: state, snapshot: snapshot, status: status)
  }

  func snapshot(_ change: (inout Hyperparameters) -> Void) -> Snapshot {
    var s = Self.snapshot
    change(&s.hyperparameters)
    return s
  }

  /// The expected commands for every key of the table, from the fixture (k = 2, both step
  /// sizes 1e-3, non-saturating loss, target gaussian) while running at 300 it/s.
  static let expected: [Key: [ControlCommand]] = [
    " ": [.pause],
    ".": [.pause, .stepIteration],
    "d": [.pause, .stepDiscriminator],
    "g": [.pause, .stepGenerator],
    "k": [.setDiscriminatorSteps(1)],
    "K": [.setDiscriminatorSteps(3)],
    "-": [.setDiscriminatorStepSize(5e-4), .setGeneratorStepSize(5e-4)],
    "+": [.setDiscriminatorStepSize(2e-3), .setGeneratorStepSize(2e-3)],
    "=": [.setDiscriminatorStepSize(2e-3), .setGeneratorStepSize(2e-3)],
    "[": [.setDiscriminatorStepSize(5e-4)],
    "]": [.setDiscriminatorStepSize(2e-3)],
    "{": [.setGeneratorStepSize(5e-4)],
    "}": [.setGeneratorStepSize(2e-3)],
    "<": [.setPace(.iterationsPerSecond(100))],
    ">": [.setPace(.iterationsPerSecond(1000))],
    "l": [.setLoss(.leastSquares)],
    "t": [.setTarget(Target.preset("bimodal")!)],
    "r": [.resetNetworks],
    "p": [.setPenalty(.r1, weight: 10)],
    "u": [.setUnrolledSteps(5)],
    "x": [.setUpdateScheme(.simultaneous)],
    "n": [.setInstanceNoise(0.5)],
    "c": [.setConsensus(10)],
    "s": [.setSpectralNorm(true)],
    "P": [.setPack(2)],
    "v": [], "m": [], "M": [], "y": [], "z": [], "Z": [], "(": [], ")": [], "o": [], "h": [],
    "a": [], "f": [], "R": [], "?": [], "T": [],
    Key.escape: [], "q": [],
  ]

  @Test func everyKeyOfTheTableIsTested() {
    let keys = Set(LiveKeys.table.bindings.flatMap(\.keys))
    #expect(keys == Set(Self.expected.keys))
    let actions =
      LiveAction.allCases.map(KeyAction.own) + SharedAction.allCases.map(KeyAction.shared)
    #expect(Set(LiveKeys.table.bindings.map(\.action)) == Set(actions))
  }

  @Test(arguments: LiveKeys.table.bindings.flatMap(\.keys))
  func everyKeySendsItsCommands(key: Key) {
    let outcome = press(key)
    #expect(outcome.commands == Self.expected[key], "key \(key)")
    #expect(outcome.quit == (key == "q"))
  }

  @Test(
    arguments: LiveKeys.table.bindings.flatMap(\.keys).filter { !["q", "?", .escape].contains($0) })
  func everyKeyButQuitAndHelpPostsANotice(key: Key) {
    #expect(press(key).state.notice != nil, "key \(key)")
  }

  @Test func spaceResumesAPausedRun() {
    #expect(press(" ", status: Self.paused).commands == [.resume])
  }

  @Test func stepKeysDoNotPauseAgainWhenPaused() {
    #expect(press(".", status: Self.paused).commands == [.stepIteration])
    #expect(press("d", status: Self.paused).commands == [.stepDiscriminator])
    #expect(press("g", status: Self.paused).commands == [.stepGenerator])
  }

  @Test func kStaysWithinOneToFifty() {
    let atOne = snapshot { $0.discriminatorSteps = 1 }
    #expect(press("k", snapshot: atOne).commands.isEmpty)
    #expect(press("k", snapshot: atOne).state.notice?.contains("already 1") == true)
    let atFifty = snapshot { $0.discriminatorSteps = 50 }
    #expect(press("K", snapshot: atFifty).commands.isEmpty)
    #expect(press("k", snapshot: atFifty).commands == [.setDiscriminatorSteps(49)])
  }

  @Test func stepSizesClampToTheRange() {
    let small = snapshot {
      $0.discriminatorStepSize = 1.5e-6
      $0.generatorStepSize = 1e-6
    }
    #expect(press("-", snapshot: small).commands == [.setDiscriminatorStepSize(1e-6)])
    #expect(press("{", snapshot: small).commands.isEmpty)
    let large = snapshot {
      $0.discriminatorStepSize = 0.75
      $0.generatorStepSize = 1
    }
    #expect(press("+", snapshot: large).commands == [.setDiscriminatorStepSize(1)])
    #expect(press("}", snapshot: large).commands.isEmpty)
    #expect(press("}", snapshot: large).state.notice?.contains("limit") == true)
  }

  @Test func paceStopsAtTheEndsOfTheLadder() {
    #expect(press(">", status: LiveStatus(pace: .maximum)).commands.isEmpty)
    #expect(
      press("<", status: LiveStatus(pace: .maximum)).commands == [
        .setPace(.iterationsPerSecond(100_000))
      ])
    #expect(press("<", status: LiveStatus(pace: .iterationsPerSecond(1))).commands.isEmpty)
  }

  @Test func lossCyclesThroughEveryLoss() {
    var loss = Loss.minimax
    var seen: [Loss] = []
    for _ in Loss.allCases {
      let outcome = press("l", snapshot: snapshot { $0.loss = loss })
      guard case .setLoss(let next) = outcome.commands.first else {
        Issue.record("no loss command")
        return
      }
      seen.append(next)
      loss = next
    }
    #expect(Set(seen) == Set(Loss.allCases) && loss == .minimax)
  }

  @Test func targetCyclesThroughThePresets() {
    var s = Self.snapshot
    var names: [String] = []
    for _ in Target.presetNames {
      guard case .setTarget(let target) = press("t", snapshot: s).commands.first else {
        Issue.record("no target command")
        return
      }
      names.append(target.name)
      s.targetName = target.name
    }
    #expect(Set(names) == Set(Target.presetNames))
    s.targetName = "normal(1,2)"
    #expect(press("t", snapshot: s).commands == [.setTarget(Target.preset(Target.presetNames[0])!)])
  }

  /// `t` comes back to the user's own --target after the presets.
  @Test func targetCycleReturnsToTheUsersOwnTarget() throws {
    let own = try Target.parse("mix(normal(-4,0.4),normal(4,0.4))")
    var status = Self.running
    status.ownTarget = own
    var s = Self.snapshot
    s.targetName = Target.presetNames.last!
    #expect(press("t", snapshot: s, status: status).commands == [.setTarget(own)])
    s.targetName = own.name
    #expect(
      press("t", snapshot: s, status: status).commands == [
        .setTarget(Target.preset(Target.presetNames[0])!)
      ])
    // A preset as --target is already in the cycle, and a data file is left out.
    #expect(LiveKeyHandler.targetCycle(own: Target.preset("bimodal")).count == 6)
    let file = Target(name: "file:x", spec: "file:x", distribution: own.distribution)
    #expect(LiveKeyHandler.targetCycle(own: file).count == Target.presetNames.count)
    #expect(LiveKeyHandler.targetCycle(own: own).last == own)
  }

  @Test func quickSuccessivePressesBuildOnEachOther() {
    func twice(_ key: Key, status: LiveStatus = Self.running) -> [ControlCommand] {
      let first = press(key, status: status)
      return first.commands + press(key, first.state, status: status).commands
    }
    #expect(twice("K") == [.setDiscriminatorSteps(3), .setDiscriminatorSteps(4)])
    #expect(twice("]") == [.setDiscriminatorStepSize(2e-3), .setDiscriminatorStepSize(4e-3)])
    #expect(twice(" ") == [.pause, .resume])
    #expect(
      twice(">") == [.setPace(.iterationsPerSecond(1000)), .setPace(.iterationsPerSecond(3000))])
    #expect(
      twice("t") == [.setTarget(Target.preset("bimodal")!), .setTarget(Target.preset("trimodal")!)])
    #expect(twice("l") == [.setLoss(.leastSquares), .setLoss(.wasserstein)])
    #expect(twice("p") == [.setPenalty(.r1, weight: 10), .setPenalty(.r2, weight: 10)])
    #expect(twice("u") == [.setUnrolledSteps(5), .setUnrolledSteps(10)])
    #expect(twice("x") == [.setUpdateScheme(.simultaneous), .setUpdateScheme(.extragradient)])
    #expect(twice("n") == [.setInstanceNoise(0.5), .setInstanceNoise(0)])
    #expect(twice("s") == [.setSpectralNorm(true), .setSpectralNorm(false)])
    #expect(twice("c") == [.setConsensus(10), .setConsensus(0)])
    #expect(twice("P") == [.setPack(2), .setPack(4)])
    #expect(twice(".") == [.pause, .stepIteration, .stepIteration])
    // Different keys combine too: k changed, then η_G halved, both kept.
    let k = press("K")
    #expect(press("{", k.state).state.requested.hyperparameters?.discriminatorSteps == 3)
  }

  @Test func requestsEndWhenTheSnapshotShowsThemOrAfterAWhile() {
    var state = press("K").state
    #expect(state.requested.hyperparameters?.discriminatorSteps == 3)
    state.advanceFrame(with: Self.snapshot)
    #expect(state.requested.hyperparameters != nil)
    state.advanceFrame(with: snapshot { $0.discriminatorSteps = 3 })
    #expect(state.requested.hyperparameters == nil)

    var refused = press("K").state
    for _ in 0..<ViewState.requestFrames { refused.advanceFrame(with: Self.snapshot) }
    #expect(refused.requested == RequestedValues())
    #expect(press("K", refused).commands == [.setDiscriminatorSteps(3)])
  }

  @Test func togglesFlipTheViewState() {
    #expect(press("o").state.showOptimalOverlay)
    #expect(press("h").state.showHistogram)
    #expect(press("a").state.showArrows)
    #expect(press("?").state.showHelp)
    // ? pages through the keys, the mouse, the words and the marks, then closes.
    var pages = [press("?").state]
    for _ in 0..<2 { pages.append(press("?", pages.last!).state) }
    #expect(pages.map(\.helpPage) == [.keys, .mouse, .words])
    let marks = press("?", pages[2]).state
    #expect(marks.showHelp && marks.helpPage == .marks)
    #expect(!press("?", marks).state.showHelp)
    #expect(!press(.escape, press("?").state).state.showHelp)
    #expect(!press("o", press("o").state).state.showOptimalOverlay)
  }

  @Test func recordingIsRequestedOnlyWhenAvailable() {
    let unavailable = press("R")
    #expect(!unavailable.toggleRecording)
    #expect(unavailable.state.notice == "recording not available yet")
    #expect(press("R", status: Self.paused).toggleRecording)
  }

  @Test func keysThatNeedASnapshotWaitForOne() {
    for key: Key in ["k", "K", "-", "+", "[", "]", "{", "}", "l", "t", "p", "u", "x", "n", "s"] {
      let outcome = press(key, snapshot: nil)
      #expect(outcome.commands.isEmpty, "key \(key)")
      #expect(outcome.state.notice == "no snapshot yet")
    }
  }

  @Test func anUnboundKeySaysSo() {
    let outcome = press("j")
    #expect(outcome.commands.isEmpty && !outcome.quit)
    #expect(outcome.state.notice?.contains("'j'") == true)
    #expect(press("\u{7}").state.notice?.contains("0x7") == true)
    // The live view binds no cursor key: it says so rather than ignoring the key silently.
    #expect(press(.left).state.notice == "key Left does nothing; ? lists the keys")
  }

  @Test func helpListsEveryKeyOfTheTable() {
    for symbols in SymbolSet.allCases {
      for (width, height) in [(80, 24), (120, 40)] {
        var grid = CellGrid(width: width, height: height)
        HelpOverlay.draw(HelpOverlay.Content(keys: LiveKeys.table), into: &grid, symbols: symbols)
        let text = grid.text
        for binding in LiveKeys.table.bindings {
          let row = (0..<height).map(grid.row).first { $0.contains(binding.summary) }
          #expect(row != nil, "\(binding.summary) at \(width)x\(height)")
          #expect(row?.contains(binding.label + " ") == true, "\(binding.label)")
        }
        #expect(text.contains(SharedKeys.helpClosing))
      }
    }
  }

  @Test func footerIsGeneratedFromTheTable() {
    let wide = LiveKeys.table.footer(width: 200, symbols: .unicode)
    for binding in LiveKeys.table.bindings {
      guard let hint = binding.hint else { continue }
      #expect(wide.contains("\(binding.label) \(hint)"))
    }
    let narrow = LiveKeys.table.footer(width: 40, symbols: .ascii)
    #expect(narrow.count <= 40)
    #expect(narrow.hasSuffix("? help  q quit"))
  }
}

extension LiveKeyHandlerTests {
  /// A fix the trainer would refuse in this combination is not sent: the notice says why.
  @Test func packingWithSpectralNormIsRefusedWithAReason() {
    let normalized = snapshot { $0.stabilizers.spectralNorm = true }
    let outcome = press("P", snapshot: normalized)
    #expect(outcome.commands.isEmpty)
    #expect(outcome.state.notice?.hasPrefix("--pack does not combine with --spectral-norm") == true)
    let packed = snapshot { $0.stabilizers.pack = 4 }
    #expect(press("P", snapshot: packed).commands == [.setPack(1)])
    #expect(press("s", snapshot: packed).commands.isEmpty)
    #expect(press("p", snapshot: packed).commands == [.setPenalty(.r1, weight: 10)])
  }
}
