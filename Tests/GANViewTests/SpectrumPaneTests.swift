import GANCore
import Testing

@testable import GANView

/// The spectrum view (`v`): the eigenvalues of J and the step's multipliers as marks in two
/// complex planes, with what is shown, how old it is and the three numbers in words; a
/// refusal's reason instead of a picture; the first spectrum being computed; the replay's
/// line.
@Suite struct SpectrumPaneTests {
  /// A spectrum like the k = 1 oscillation's: pairs near the imaginary axis (D's and G's),
  /// a few damped modes, and multipliers just inside and just outside the unit circle.
  static let reading: SpectrumReading = {
    let jacobian: [GameEigenvalue] = [
      .init(re: 0.061, im: 0.31, discriminatorShare: 0.7, residual: 1e-6),
      .init(re: 0.061, im: -0.31, discriminatorShare: 0.7, residual: 1e-6),
      .init(re: -0.02, im: 0.12, discriminatorShare: 0.2, residual: 1e-5),
      .init(re: -0.02, im: -0.12, discriminatorShare: 0.2, residual: 1e-5),
      .init(re: -0.45, im: 0, discriminatorShare: 0.9, residual: 1e-8),
      .init(re: -0.21, im: 0.05, discriminatorShare: 0.1, residual: 1e-4),
      .init(re: -0.21, im: -0.05, discriminatorShare: 0.1, residual: 1e-4),
      .init(re: 0.004, im: 0, discriminatorShare: 0.05, residual: 1e-3),
    ]
    let step: [GameEigenvalue] = [
      .init(re: 1.0004, im: 0.031, discriminatorShare: 0.7, residual: 1e-6),
      .init(re: 1.0004, im: -0.031, discriminatorShare: 0.7, residual: 1e-6),
      .init(re: 0.955, im: 0, discriminatorShare: 0.9, residual: 1e-8),
      .init(re: 0.99, im: 0.012, discriminatorShare: 0.2, residual: 1e-5),
      .init(re: 0.99, im: -0.012, discriminatorShare: 0.2, residual: 1e-5),
      .init(re: -0.3, im: 0.2, discriminatorShare: 0.1, residual: 1e-2),
    ]
    return SpectrumReading(
      iteration: 4200,
      content: .spectrum(
        GameSpectrum(
          iteration: 4200, dimension: 594, method: .arnoldi(steps: 40), jacobian: jacobian,
          step: step)))
  }()

  static let feed = SpectrumFeed(reading: reading, age: 1.3, computing: false)

  func render(_ feed: SpectrumFeed, _ width: Int, _ height: Int, symbols: SymbolSet = .unicode)
    -> CellGrid
  {
    var state = Fixture.state()
    state.pane = .spectrum
    state.spectrum = feed
    return Screen.render(
      snapshot: Fixture.snapshot(sequence: 420, iteration: 4200), state: state,
      status: ScreenTests.running, width: width, height: height, symbols: symbols)
  }

  func expectGolden(_ grid: CellGrid, _ name: String) throws {
    let problem = try Golden.mismatch(grid, named: name)
    #expect(problem == nil, "\(problem ?? "")")
  }

  @Test func theSpectrumAtBothSizesInUnicodeAndASCII() throws {
    try expectGolden(render(Self.feed, 120, 40), "spectrum-120x40")
    try expectGolden(render(Self.feed, 80, 24), "spectrum-80x24")
    let ascii = render(Self.feed, 80, 24, symbols: .ascii)
    try expectGolden(ascii, "spectrum-80x24-ascii")
    #expect(ascii.cells.allSatisfy { $0.character.isASCII })
  }

  /// The title says what is shown and how old; the numbers are written out; every value is
  /// a mark in its player's colour.
  @Test func itSaysWhatAndHowOldAndMarksEveryPlayer() {
    let grid = render(Self.feed, 80, 24)
    let text = grid.text
    #expect(text.contains("spectrum at iteration 4200, 1.3 s ago"))
    #expect(text.contains("rightmost Re λ 0.061 (grows)"))
    #expect(text.contains("step radius 1.00088 (grows)"))
    #expect(!text.contains("…"))
    let d = grid.cells.filter { $0.character == "◆" && $0.style == .discriminator }
    let g = grid.cells.filter { $0.character == "■" && $0.style == .model }
    // At least one mark of each player in each plane (marks may share a cell).
    #expect(d.count >= 3)
    #expect(g.count >= 3)
  }

  @Test func aRefusalIsWrittenInsteadOfAPicture() throws {
    let refused = SpectrumFeed(
      reading: SpectrumReading(
        iteration: 300,
        content: .refused(
          "the Jacobian is not computed under --spectral-norm: it would need the derivative "
            + "of the normalisation through its power iteration")),
      age: 0.4, computing: false)
    let grid = render(refused, 80, 24)
    try expectGolden(grid, "spectrum-refused-80x24")
    #expect(grid.text.contains("not drawn: the Jacobian is not computed"))
    #expect(!grid.cells.contains { $0.character == "◆" || $0.character == "●" })
  }

  @Test func theFirstSpectrumIsSaidToBeComputing() {
    let grid = render(SpectrumFeed(computing: true), 80, 24)
    #expect(grid.text.contains("computing the first spectrum"))
    let next = render(
      SpectrumFeed(reading: Self.reading, age: 1.3, computing: true), 80, 24)
    #expect(next.text.contains("1.3 s ago") && next.text.contains("next one computing"))
  }

  @Test func aViewWithoutARuntimeSaysHowToGetTheSpectrum() {
    let grid = render(.notLive(file: "run.gans", iteration: 4200), 80, 24)
    #expect(grid.text.contains("the spectrum is computed live"))
    #expect(grid.text.contains("ganscope spectrum run.gans --at 4200"))
  }

  /// Live, each new reading keeps the ones it replaced (three at most) as a dim trail.
  @Test func newReadingsLeaveATrail() throws {
    var state = Fixture.state()
    state.pane = .spectrum
    func reading(_ iteration: Int, shift: Double) -> SpectrumReading {
      let spectrum = try! #require(Self.reading.spectrum)
      let moved = spectrum.jacobian.map {
        GameEigenvalue(
          re: $0.re - shift, im: $0.im, discriminatorShare: $0.discriminatorShare,
          residual: $0.residual)
      }
      return SpectrumReading(
        iteration: iteration,
        content: .spectrum(
          GameSpectrum(
            iteration: iteration, dimension: 594, method: .arnoldi(steps: 40), jacobian: moved,
            step: spectrum.step)))
    }
    for (index, shift) in [0.0, 0.05, 0.1, 0.15, 0.2].enumerated() {
      let feed = SpectrumFeed(reading: reading(1000 * index, shift: shift), age: 0.5)
      state.showSpectrum(feed)
      state.showSpectrum(feed)  // the same reading, next frame: no new trail
    }
    #expect(state.spectrum.trail.map(\.iteration) == [1000, 2000, 3000])
    state.spectrum.computing = true
    // The mark is explained at both sizes, while the next one is computed too.
    for (width, height) in [(80, 24), (120, 40)] {
      let grid = Screen.render(
        snapshot: Fixture.snapshot(sequence: 420, iteration: 4200), state: state,
        status: ScreenTests.running, width: width, height: height, symbols: .unicode)
      #expect(grid.text.contains("∙ earlier"))
      #expect(grid.text.contains("next one computing"))
      #expect(grid.cells.contains { $0.character == "∙" && $0.style == .dim })
      #expect(!grid.text.contains("…"))
    }
  }
}
