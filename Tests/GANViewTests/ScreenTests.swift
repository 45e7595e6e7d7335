import Foundation
import GANCore
import Testing

@testable import GANView

/// Whole screens against golden files, at the two sizes the issue names and in the cases
/// that change what is drawn (overlay, arrows, bars, ASCII, help, too small).
@Suite struct ScreenTests {
  static let running = LiveStatus(paused: false, pace: .maximum, iterationsPerSecond: 2400)
  static let paused = LiveStatus(
    paused: true, pace: .iterationsPerSecond(30), iterationsPerSecond: 0,
    recordingPath: "/tmp/run.gans", canRecord: true)

  func render(
    _ width: Int, _ height: Int, snapshot: Snapshot? = Fixture.snapshot(),
    state: ViewState = Fixture.state(), status: LiveStatus = running,
    symbols: SymbolSet = .unicode
  ) -> CellGrid {
    Screen.render(
      snapshot: snapshot, state: state, status: status, width: width, height: height,
      symbols: symbols)
  }

  func expectGolden(_ grid: CellGrid, _ name: String) throws {
    let problem = try Golden.mismatch(grid, named: name)
    #expect(problem == nil, "\(problem ?? "")")
  }

  @Test func figureAt120x40WithOverlayAndArrows() throws {
    let state = Fixture.state {
      $0.showOptimalOverlay = true
      $0.showArrows = true
    }
    try expectGolden(render(120, 40, state: state), "figure-120x40")
  }

  @Test func figureAt80x24PausedWithBars() throws {
    let state = Fixture.state { $0.showHistogram = true }
    let grid = render(80, 24, state: state, status: Self.paused)
    try expectGolden(grid, "figure-80x24")
  }

  @Test func figureAt80x24InASCII() throws {
    let grid = render(80, 24, status: Self.paused, symbols: .ascii)
    try expectGolden(grid, "figure-80x24-ascii")
    #expect(grid.cells.allSatisfy { $0.character.isASCII })
  }

  /// A state that has seen a run long enough for merged buckets, with a knob turned, on
  /// the pane `pane`.
  static func overTime(_ pane: MainPane) -> ViewState {
    var state = ViewState()
    for t in 1...3000 {
      var snapshot = Fixture.snapshot(sequence: UInt64(t), iteration: t * 10, t: t / 30)
      if t > 1800 { snapshot.hyperparameters.discriminatorSteps = 5 }
      let shift = 2 * exp(-Double(t) / 600)
      snapshot.metrics.generatorMean = 4 - shift * cos(Double(t) / 200)
      snapshot.metrics.generatorStandardDeviation = 0.5 + shift / 3 * sin(Double(t) / 200)
      snapshot.modelHistogram = Fixture.domain.centers.map {
        Float(Fixture.normal($0, mean: snapshot.metrics.generatorMean, sd: 0.6))
      }
      state.advanceFrame(with: snapshot)
    }
    state.pane = pane
    if pane == .spectrum { state.spectrum = SpectrumPaneTests.feed }
    return state
  }

  /// The pictures of the `v` cycle that get goldens here: every one but the plot (every
  /// other golden's) and the spectrum (SpectrumPaneTests'), so a new pane gets its goldens
  /// without a list to extend.
  static let panesOverTime = MainPane.allCases.filter { $0 != .plot && $0 != .spectrum }

  @Test(arguments: panesOverTime)
  func panesOverTimeAtBothSizesInUnicodeAndASCII(pane: MainPane) throws {
    let state = Self.overTime(pane)
    let snapshot = Fixture.snapshot(sequence: 3000, iteration: 30_000)
    try expectGolden(render(120, 40, snapshot: snapshot, state: state), "\(pane.rawValue)-120x40")
    try expectGolden(render(80, 24, snapshot: snapshot, state: state), "\(pane.rawValue)-80x24")
    let ascii = render(80, 24, snapshot: snapshot, state: state, symbols: .ascii)
    try expectGolden(ascii, "\(pane.rawValue)-80x24-ascii")
    #expect(ascii.cells.allSatisfy { $0.character.isASCII })
  }

  @Test func helpAt80x24() throws {
    let state = Fixture.state { $0.showHelp = true }
    try expectGolden(render(80, 24, state: state), "help-80x24")
  }

  @Test func tooSmallAt60x20() throws {
    let grid = render(60, 20)
    try expectGolden(grid, "too-small-60x20")
    #expect(grid.text.contains("terminal too small (need 80×24)"))
    let ascii = render(60, 20, symbols: .ascii)
    #expect(ascii.text.contains("terminal too small (need 80x24)"))
  }

  @Test(arguments: [(79, 24), (80, 23), (1, 1), (0, 0), (30, 2)])
  func everySizeBelowTheMinimumShowsTheMessageWithoutCrashing(size: (Int, Int)) {
    let grid = render(size.0, size.1)
    #expect(grid.width == size.0 && grid.height == size.1)
    if size.0 >= 40 && size.1 >= 2 { #expect(grid.text.contains("too small")) }
  }

  @Test func everySizeFromTheMinimumUpRenders() {
    for width in stride(from: 80, through: 200, by: 7) {
      for height in stride(from: 24, through: 70, by: 5) {
        for symbols in SymbolSet.allCases {
          let grid = render(width, height, symbols: symbols)
          #expect(grid.text.contains("iter=12345"), "\(width)x\(height)")
          #expect(grid.text.contains("q quit"), "\(width)x\(height)")
        }
      }
    }
  }

  /// A view state that has shown `before`, then `after`.
  func state(after before: Snapshot, _ after: Snapshot) -> ViewState {
    var state = ViewState()
    state.advanceFrame(with: before)
    state.advanceFrame(with: after)
    return state
  }

  /// `s` one single D step (or G step) after the fixture's frame.
  func afterSingleStep(_ step: StepKind, diverged: Int? = nil) -> (Snapshot, Snapshot) {
    let before = Fixture.snapshot(sequence: 59, lastStep: .generator)
    var after = Fixture.snapshot(sequence: 60, lastStep: step, diverged: diverged)
    after.discriminatorSteps = before.discriminatorSteps + (step == .discriminator ? 1 : 0)
    after.generatorSteps = before.generatorSteps + (step == .generator ? 1 : 0)
    return (before, after)
  }

  @Test func statusLineHasEveryTokenAt80Columns() {
    let (before, snapshot) = afterSingleStep(.discriminator, diverged: 12_000)
    let text = render(
      80, 24, snapshot: snapshot, state: state(after: before, snapshot), status: Self.paused
    ).text
    for token in [
      "iter=12345", "it/s=0", "k=2", "lrD=0.001", "lrG=0.001", "loss=nonsaturating",
      "opt=adam", "target=gaussian", "pace=30", "PAUSED", "DIVERGED", "REC",
      "panel (b): D → D*",
    ] {
      #expect(text.contains(token), "\(token)")
    }
  }

  @Test func phaseIsNamedOnlyWhenSingleStepping() {
    let (before, afterG) = afterSingleStep(.generator)
    let stepped = state(after: before, afterG)
    #expect(
      render(120, 40, snapshot: afterG, state: stepped, status: Self.paused).text.contains(
        "panel (c): G follows ∇D"))
    #expect(
      !render(120, 40, snapshot: afterG, state: stepped, status: Self.running).text.contains(
        "panel (c)"))
    let ascii = render(
      120, 40, snapshot: afterG, state: stepped, status: Self.paused, symbols: .ascii
    ).text
    #expect(ascii.contains("panel (c): G follows grad D"))
    // An ordinary frame that happens to end with a G step (every iteration does): no caption.
    #expect(!render(120, 40, snapshot: afterG, status: Self.paused).text.contains("panel"))
  }

  @Test func waitsForTheFirstSnapshot() {
    let grid = render(120, 40, snapshot: nil, state: ViewState())
    #expect(grid.text.contains("waiting for the first snapshot"))
    #expect(grid.text.contains("pace=max"))
  }

  @Test func noticeReplacesTheFooterHint() {
    var state = Fixture.state()
    #expect(render(120, 40, state: state).row(39).contains("? help"))
    state.post("k = 3")
    #expect(render(120, 40, state: state).row(39).contains("k = 3"))
  }

  @Test func togglesChangeTheScreen() {
    let base = render(120, 40)
    for flip in [
      { (s: inout ViewState) in s.showOptimalOverlay = true },
      { (s: inout ViewState) in s.showHistogram = true },
      { (s: inout ViewState) in s.showArrows = true },
      { (s: inout ViewState) in s.showHelp = true },
    ] {
      #expect(render(120, 40, state: Fixture.state(configure: flip)) != base)
    }
  }

  @Test func divergedValuesDoNotBreakTheScreen() {
    var snapshot = Fixture.snapshot(sequence: 61, diverged: 99)
    snapshot.modelHistogram = snapshot.modelHistogram.map { _ in .nan }
    snapshot.mappingX = snapshot.mappingX.map { _ in .infinity }
    snapshot.discriminator[3] = .nan
    snapshot.metrics.wasserstein = .infinity
    var state = Fixture.state()
    state.advanceFrame(with: snapshot)
    let text = render(120, 40, snapshot: snapshot, state: state).text
    #expect(text.contains("DIVERGED"))
    #expect(text.contains("diverged at iteration 99"))
    #expect(text.contains("inf"))
  }
}

extension ScreenTests {
  /// Under packing the screen says what it draws: D on the diagonal of packs, the word
  /// pack=P on the status line, and no D* (the optimum for single samples) even when asked.
  @Test func aPackedDIsNamedAndHasNoOptimum() {
    var snapshot = Fixture.snapshot()
    snapshot.hyperparameters.stabilizers.pack = 4
    let state = Fixture.state { $0.showOptimalOverlay = true }
    let packed = render(120, 40, snapshot: snapshot, state: state).text
    #expect(packed.contains("pack=4"))
    #expect(packed.contains("D(x,…,x) P=4"))
    #expect(packed.contains("no D* for packs"))
    #expect(!packed.contains("D*(x)"))
    let ascii = render(120, 40, snapshot: snapshot, state: state, symbols: .ascii).text
    #expect(ascii.contains("D(x,...,x) P=4"))
    let plain = render(120, 40, state: state).text
    #expect(plain.contains("D*(x)") && !plain.contains("pack="))
    // --gp λ off the papers' 10 is a word of its own; at 10 it is not shown.
    snapshot.hyperparameters.stabilizers.interpolateWeight = 5
    #expect(render(120, 40, snapshot: snapshot).text.contains("GP=5"))
    #expect(!plain.contains("GP="))
  }
}

/// The density axis keeps p_data in view when G collapses onto a spike.
@Suite struct DensityAxisScreenTests {
  /// The fixture with p_g collapsed onto two bins 25 high.
  static func collapsed(sequence: UInt64) -> Snapshot {
    var s = Fixture.snapshot(sequence: sequence)
    s.modelHistogram = s.modelHistogram.map { _ in 0 }
    s.modelHistogram[50] = 25
    s.modelHistogram[51] = 25
    return s
  }

  @Test func aSpikeIsClippedAndMarkedWhileTheDataFillsTheAxis() throws {
    var state = ViewState()
    for t in 1...60 { state.advanceFrame(with: Self.collapsed(sequence: UInt64(t))) }
    let grid = Screen.render(
      snapshot: Self.collapsed(sequence: 60), state: state, status: ScreenTests.running,
      width: 80, height: 24, symbols: .unicode)
    let problem = try Golden.mismatch(grid, named: "figure-collapsed-80x24")
    #expect(problem == nil, "\(problem ?? "")")
    // The spike's height is written over it, and the axis reaches twice p_data's 0.8.
    #expect(grid.text.contains("↑25"))
    #expect(grid.text.contains("1.5┤"))
    #expect(grid.row(0).contains("density=data"))

    // f twice: decades, where the spike and the data both fit and nothing is clipped.
    _ = SharedKeys.apply(.cycleDensityScale, to: &state)
    _ = SharedKeys.apply(.cycleDensityScale, to: &state)
    for t in 61...120 { state.advanceFrame(with: Self.collapsed(sequence: UInt64(t))) }
    let log = Screen.render(
      snapshot: Self.collapsed(sequence: 120), state: state, status: ScreenTests.running,
      width: 80, height: 24, symbols: .unicode)
    #expect(!log.text.contains("↑"))
    #expect(log.row(0).contains("density=log"))
    #expect(log.text.contains("10┤") && log.text.contains("0.1┤"))
  }
}
