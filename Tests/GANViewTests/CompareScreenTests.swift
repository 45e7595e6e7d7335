import Foundation
import GANCore
import Testing

@testable import GANView

/// The comparison screen (`live --compare`, `replay a.gans b.gans`) against golden files at
/// 120×40 and 80×24, in Unicode and ASCII, and what its keys do.
@Suite struct CompareScreenTests {
  /// Run `index` of a comparison: G centred a little further right and narrower each run,
  /// minimax for the first and non-saturating for the others.
  static func snapshot(run index: Int, t: Int = 60, sequence: UInt64 = 60) -> Snapshot {
    var snapshot = Fixture.snapshot(sequence: sequence, iteration: 12_000 + 10 * t, t: t)
    let mean = 3.0 + 0.3 * Double(index)
    let sd = 0.8 - 0.1 * Double(index)
    snapshot.modelHistogram = Fixture.domain.centers.map {
      Float(Fixture.normal($0, mean: mean, sd: sd))
    }
    snapshot.hyperparameters.loss = index == 0 ? .minimax : .nonsaturating
    snapshot.metrics.jensenShannon += 0.01 * Double(index)
    snapshot.metrics.generatorMean = mean
    snapshot.metrics.generatorStandardDeviation = sd
    return snapshot
  }

  static func state(runs: Int, configure: (inout CompareState) -> Void = { _ in })
    -> CompareState
  {
    var state = CompareState(runCount: runs)
    configure(&state)
    for t in 1...60 {
      state.advanceFrame(
        with: (0..<runs).map { snapshot(run: $0, t: t, sequence: UInt64(t)) })
    }
    return state
  }

  static let labels = [
    "loss=minimax k=1", "loss=minimax k=5", "loss=nonsaturating k=1", "loss=nonsaturating k=5",
  ]

  func runs(_ count: Int, labels: [String] = labels, paused: Set<Int> = []) -> [CompareScreen.Run] {
    (0..<count).map {
      CompareScreen.Run(
        label: labels[$0], snapshot: Self.snapshot(run: $0),
        status: LiveStatus(
          paused: paused.contains($0), pace: .iterationsPerSecond(100),
          iterationsPerSecond: 100, canRecord: true))
    }
  }

  func expectGolden(_ grid: CellGrid, _ name: String) throws {
    let problem = try Golden.mismatch(grid, named: name)
    #expect(problem == nil, "\(problem ?? "")")
  }

  @Test func twoRunsAt120x40WithTheirDiscriminators() throws {
    let state = Self.state(runs: 2) { $0.showDiscriminators = true }
    let grid = CompareScreen.render(
      runs: runs(2, labels: ["loss=minimax", "loss=nonsaturating"]), state: state, width: 120,
      height: 40, symbols: .unicode)
    try expectGolden(grid, "compare-120x40")
    #expect(grid.text.contains("1 loss=minimax"))
    #expect(grid.text.contains("2 loss=nonsaturating"))
    #expect(grid.text.contains("runs=2"))
  }

  @Test func fourRunsAt80x24OneSelectedAndPaused() throws {
    let state = Self.state(runs: 4) { $0.selected = 2 }
    let grid = CompareScreen.render(
      runs: runs(4, paused: [2]), state: state, width: 80, height: 24, symbols: .unicode)
    try expectGolden(grid, "compare-80x24")
    // Too long for a quarter of 80 columns: the knob names head the label column instead.
    #expect(grid.text.contains("loss k"))
    #expect(grid.text.contains("▸3 nonsaturat… 1"))
    #expect(grid.text.contains("PAUSED=3"))
    #expect(grid.text.contains("keys=run 3"))
  }

  /// A fix switched on one run (the keys reach the selected run) shows in that run's column,
  /// in the status line's words, and only there.
  @Test func eachColumnNamesItsRunsFixes() {
    var two = runs(2)
    two[0].snapshot?.hyperparameters.stabilizers.penalty = .r1
    two[0].snapshot?.hyperparameters.stabilizers.instanceNoise = 0.5
    two[0].snapshot?.hyperparameters.stabilizers.instanceNoiseAnneal = 0  // as the n key sets it
    two[1].snapshot?.hyperparameters.stabilizers.spectralNorm = true
    let grid = CompareScreen.render(
      runs: two, state: Self.state(runs: 2), width: 80, height: 24, symbols: .unicode)
    let row = grid.text.split(separator: "\n").first { $0.hasPrefix(" iteration") } ?? ""
    #expect(row.contains("R1=10 noise=0.5"), "\(row)")
    #expect(row.components(separatedBy: "SN").count == 2, "\(row)")
    let plain = CompareScreen.render(
      runs: runs(2), state: Self.state(runs: 2), width: 80, height: 24, symbols: .unicode)
    #expect(!plain.text.contains("noise="))
  }

  @Test func twoRunsAt80x24InASCII() throws {
    let state = Self.state(runs: 2) { $0.showDiscriminators = true }
    let grid = CompareScreen.render(
      runs: runs(2, labels: ["k=1", "k=5"]), state: state, width: 80, height: 24,
      symbols: .ascii)
    try expectGolden(grid, "compare-80x24-ascii")
    #expect(grid.cells.allSatisfy { $0.character.isASCII })
    // Each run has its own role on the plot.
    #expect(grid.cells.contains { $0.style == .model })
    #expect(grid.cells.contains { $0.style == .model2 })
  }

  @Test func recordingsSideBySideAt80x24() throws {
    let state = Self.state(runs: 2)
    var replay = ReplayState(frameCount: 12, playing: false)
    replay.seek(to: 5)
    var shown = runs(2, labels: ["loss=minimax", "loss=nonsaturating"])
    shown[1].snapshot = nil
    let grid = CompareScreen.renderReplay(
      runs: shown, state: state, replay: replay, iteration: 600, width: 80, height: 24,
      symbols: .unicode)
    try expectGolden(grid, "compare-replay-80x24")
    #expect(grid.text.contains("point=6/12"))
    #expect(grid.text.contains("iter=600"))
    #expect(grid.text.contains("not started"))
  }

  @Test func comparedTargetsDrawEachRunsDataOverTheUnionOfTheirRanges() {
    var other = Self.snapshot(run: 1)
    other.targetName = "bimodal"
    other.grid = ViewGrid(lower: -5, upper: 3, bins: 80)
    let shown = [
      CompareScreen.Run(label: "target=gaussian", snapshot: Self.snapshot(run: 0)),
      CompareScreen.Run(label: "target=bimodal", snapshot: other),
    ]
    let grid = CompareScreen.render(
      runs: shown, state: Self.state(runs: 2), width: 120, height: 40, symbols: .unicode)
    // The x axis spans -5 ... 7; p_data is dotted in each run's role, never in `data`'s
    // (which only the legend's sample keeps).
    #expect(grid.text.contains("-4"))
    #expect(grid.cells.filter { $0.style == .data }.count == 3)
    #expect(grid.cells.contains { $0.style == .model2 })
  }

  @Test func helpListsTheComparisonKeysAt80x24() {
    var state = Self.state(runs: 2)
    state.view.showHelp = true
    let grid = CompareScreen.render(
      runs: runs(2), state: state, width: 80, height: 24, symbols: .unicode)
    #expect(grid.text.contains("ganscope compare keys"))
    #expect(grid.text.contains("select the next run"))
  }

  @Test func tooSmallIsTheLiveViewsMessage() {
    let grid = CompareScreen.render(
      runs: runs(2), state: Self.state(runs: 2), width: 60, height: 20, symbols: .unicode)
    #expect(grid.text.contains("terminal too small (need 80×24)"))
  }
}

/// What the comparison's keys do: select, act on all runs or one, as the live keys do.
@Suite struct CompareKeyHandlerTests {
  let snapshots: [Snapshot?] = [
    CompareScreenTests.snapshot(run: 0), CompareScreenTests.snapshot(run: 1),
  ]
  let statuses = [LiveStatus(), LiveStatus()]
  let labels = ["k=1", "k=5"]

  func press(_ key: Key, _ state: CompareState) -> CompareKeyOutcome {
    CompareKeyHandler.handle(
      key, state: state, snapshots: snapshots, statuses: statuses, labels: labels)
  }

  @Test func aTrainingKeyGoesToEveryRunUntilOneIsSelected() {
    let all = press(" ", CompareState(runCount: 2))
    #expect(all.commands == [[.pause], [.pause]])
    #expect(all.state.view.notice == "all runs: paused")

    let tab = press("\t", CompareState(runCount: 2))
    #expect(tab.state.selected == 0)
    #expect(tab.state.view.notice == "keys act on run 1 (k=1)")
    let one = press("K", tab.state)
    #expect(one.commands == [[.setDiscriminatorSteps(3)], []])
    #expect(one.state.view.notice == "run 1: k = 3")
  }

  @Test func tabCyclesThroughTheRunsAndBackToAll() {
    var state = CompareState(runCount: 2)
    var seen: [Int?] = []
    for _ in 0..<3 {
      state = press("\t", state).state
      seen.append(state.selected)
    }
    #expect(seen == [0, 1, nil])
  }

  @Test func digitsSelectARunOrAllAndRefuseARunThatIsNotThere() {
    #expect(press("2", CompareState(runCount: 2)).state.selected == 1)
    var state = CompareState(runCount: 2)
    state.selected = 1
    #expect(press("0", state).state.selected == nil)
    let missing = press("4", CompareState(runCount: 2))
    #expect(missing.state.selected == nil)
    #expect(missing.state.view.notice?.contains("there are 2 runs") == true)
  }

  @Test func dShowsEveryDiscriminatorAndRRecordsAndQQuits() {
    #expect(press("D", CompareState(runCount: 2)).state.showDiscriminators)
    #expect(press("R", CompareState(runCount: 2)).toggleRecording)
    #expect(press("q", CompareState(runCount: 2)).quit)
    let unbound = press("d", CompareState(runCount: 2))
    #expect(unbound.commands == [[], []])
    #expect(unbound.state.view.notice?.contains("does nothing") == true)
  }

  @Test func everyTrainingRowMeansWhatTheLiveKeyMeans() {
    for binding in CompareKeys.table.bindings {
      guard case .own(.train(let action)) = binding.action else { continue }
      for key in binding.keys {
        #expect(LiveKeys.table.binding(for: key)?.action == .own(action), "\(key.name)")
      }
    }
    for binding in CompareReplayKeys.table.bindings {
      guard case .own(.replay(let action)) = binding.action else { continue }
      for key in binding.keys {
        #expect(ReplayKeys.table.binding(for: key)?.action == .own(action), "\(key.name)")
      }
    }
  }

  @Test func theSideBySideReplayMovesAsTheReplayAndNeverBranches() {
    let replay = ReplayState(frameCount: 10, playing: false)
    let compare = CompareState(runCount: 2)
    let end = CompareReplayKeyHandler.handle(.end, replay: replay, compare: compare)
    #expect(end.replay.frame == 9)
    let right = CompareReplayKeyHandler.handle(.right, replay: end.replay, compare: compare)
    #expect(right.replay.view.notice == "this is the last frame")
    let branch = CompareReplayKeyHandler.handle("b", replay: replay, compare: compare)
    #expect(branch.replay.view.notice?.contains("does nothing") == true)
    #expect(
      CompareReplayKeyHandler.handle("D", replay: replay, compare: compare).compare
        .showDiscriminators)
  }
}

/// The labels of recordings side by side: the configuration columns that differ.
@Suite struct RunLabelsTests {
  @Test func theDifferingColumnsNameEachRunAndIdenticalRunsTheirFiles() {
    var a = Fixture.snapshot()
    a.hyperparameters.loss = .minimax
    var b = Fixture.snapshot()
    b.hyperparameters.loss = .nonsaturating
    b.hyperparameters.discriminatorSteps = 5
    let labels = RunLabels.labels(
      first: [a, b], architectures: [Architecture(), Architecture()], names: ["a.gans", "b.gans"])
    #expect(labels == ["loss=minimax k=2", "loss=nonsaturating k=5"])
    // Every setting of the table is a column, so runs that differ only in a fix are told
    // apart (spectral normalisation had no column before the table).
    var normalised = a
    normalised.hyperparameters.stabilizers.spectralNorm = true
    #expect(
      RunLabels.labels(first: [a, normalised], architectures: [], names: ["a", "b"])
        == ["spectral_norm=false", "spectral_norm=true"])
    let same = RunLabels.labels(
      first: [a, a], architectures: [], names: ["a.gans", "a2.gans"])
    #expect(same == ["a.gans", "a2.gans"])
  }
}
