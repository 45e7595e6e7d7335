import GANCore
import Testing

@testable import GANView

/// A played scenario's screen (the caption box) and the tour's pages, against golden files
/// at the two sizes the issue names.
@Suite struct PlaybackScreenTests {
  static let waiting = Caption(
    heading: "figure1 · step 2 of 5 · keys: d ×200 (hold d)",
    text: "(b) D steps only: D moves toward D* = p_data/(p_data+p_g) (o shows D*)",
    prompt: "space: go on", waiting: true)
  static let running = Caption(
    heading: "tour 5/8 · oscillation · step 1 of 3",
    text:
      "k = 1: p_g is a narrow spike that swings back and forth across p_data, and JSD never "
      + "settles; the claim measures the swing of mean G over iterations 1000-3000 and the "
      + "lowest JSD there, on three seeds, and then the calm after K K K K",
    prompt: "next step at iter=3000")
  static let page = TourPage(
    heading: "ganscope tour · 2 of 8 · optimal-discriminator", title: "Proposition 1",
    subtitle: "the optimal discriminator",
    paragraphs: [
      "For G fixed, the optimal discriminator is D*_G(x) = p_data(x) / (p_data(x) + p_g(x)).",
      "G is frozen and only D trains: the blue D(x) closes onto the D* overlay (o).",
    ])

  func render(_ width: Int, _ height: Int, _ caption: Caption, symbols: SymbolSet = .unicode)
    -> CellGrid
  {
    Screen.render(
      snapshot: Fixture.snapshot(), state: Fixture.state(), status: ScreenTests.paused,
      caption: caption, width: width, height: height, symbols: symbols)
  }

  func expectGolden(_ grid: CellGrid, _ name: String) throws {
    let problem = try Golden.mismatch(grid, named: name)
    #expect(problem == nil, "\(problem ?? "")")
  }

  /// The page after the last scenario: space ends the tour, and its footer says so.
  @Test func theEndPageFooterSaysSpaceEnds() {
    let end = TourPage(
      heading: "ganscope tour · the end", title: "The end", paragraphs: ["x"], isEnd: true)
    let grid = Screen.render(tour: end, width: 80, height: 24, symbols: .unicode)
    #expect(grid.row(23).contains("space end"))
    #expect(!grid.text.contains("space start"))
    let page = Screen.render(tour: Self.page, width: 80, height: 24, symbols: .unicode)
    #expect(page.row(23).contains("space start"))
  }

  @Test func captionAt120x40() throws {
    let grid = render(120, 40, Self.waiting)
    try expectGolden(grid, "caption-120x40")
    #expect(grid.row(36).contains("figure1 · step 2 of 5") && grid.row(36).contains("space: go on"))
    #expect(grid.row(37).contains("(b) D steps only"))
    #expect(grid.row(39).contains("q quit"))
  }

  @Test func captionAt80x24WrapsAndKeepsTheFigure() throws {
    let grid = render(80, 24, Self.running)
    try expectGolden(grid, "caption-80x24")
    // Two lines of text at 24 rows, cut with an ellipsis; the plot's axis is still drawn.
    #expect(grid.row(20).contains("k = 1: p_g is a narrow spike"))
    #expect(grid.row(21).contains("…") && grid.row(21).hasSuffix("│"))
    #expect(grid.text.contains("└"))
    #expect(grid.text.contains("iter=12345"))
  }

  @Test func captionAt80x24InASCII() throws {
    let grid = render(80, 24, Self.waiting, symbols: .ascii)
    try expectGolden(grid, "caption-80x24-ascii")
    #expect(grid.cells.allSatisfy { $0.character.isASCII })
    #expect(grid.text.contains("keys: d x200"))
  }

  @Test func theWaitingPromptAsksForAttention() {
    let grid = render(120, 40, Self.waiting)
    let prompt = grid.row(36).range(of: "space: go on")!
    let x = grid.row(36).distance(from: grid.row(36).startIndex, to: prompt.lowerBound)
    #expect(grid[x, 36].style == .warning)
    #expect(render(120, 40, Self.running)[1, 37].style != .warning)
  }

  @Test func thePlaybackHelpListsItsKeysFirst() {
    var state = Fixture.state()
    state.showHelp = true
    let text = Screen.render(
      snapshot: Fixture.snapshot(), state: state, status: ScreenTests.paused,
      caption: Self.waiting, width: 120, height: 40, symbols: .unicode
    ).text
    #expect(text.contains("ganscope demo keys"))
    #expect(text.contains("at a pause point: go on"))
    #expect(text.contains("reset both nets"))
    #expect(!text.contains("pause / resume\n"))
  }

  @Test func tourPageAt80x24() throws {
    let grid = Screen.render(tour: Self.page, width: 80, height: 24, symbols: .unicode)
    try expectGolden(grid, "tour-80x24")
    #expect(grid.text.contains("▀"))
    #expect(grid.text.contains("the optimal discriminator"))
    #expect(grid.text.contains("For G fixed"))
    #expect(grid.row(23).contains("space start"))
  }

  @Test func tourPageAt120x40() throws {
    try expectGolden(
      Screen.render(tour: Self.page, width: 120, height: 40, symbols: .unicode), "tour-120x40")
  }

  @Test func tourPageInASCIIHasAPlainTitle() {
    let grid = Screen.render(tour: Self.page, width: 80, height: 24, symbols: .ascii)
    #expect(grid.text.contains("Proposition 1"))
    #expect(grid.cells.allSatisfy { $0.character.isASCII })
  }

  @Test func bigLettersAreThreeRowsOfHalfBlocks() {
    #expect(BigText.rows("1-") == ["▄█     ", " █  ▀▀▀", "▀▀▀    "])
    #expect(BigText.width("1-") == 7)
    #expect(BigText.rows("D*") == nil)
  }

  @Test func tourPageTooSmall() {
    let grid = Screen.render(tour: Self.page, width: 60, height: 20, symbols: .unicode)
    #expect(grid.text.contains("terminal too small (need 80×24)"))
  }

  @Test func longTextWrapsAtBlanksAndEndsInAnEllipsis() {
    #expect(
      TextWrap.lines("a bb ccc dddd", width: 6, symbols: .unicode) == ["a bb", "ccc", "dddd"])
    #expect(TextWrap.lines("abcdefgh", width: 3, symbols: .unicode) == ["abc", "def", "gh"])
    #expect(
      TextWrap.lines("a bb ccc dddd", width: 6, maxLines: 2, symbols: .ascii) == ["a bb", "ccc~"])
  }
}

/// The playback's keys: space goes on only at a pause point, Backspace goes back, every
/// other key is the live view's.
@Suite struct PlaybackKeyHandlerTests {
  func press(_ key: Key, waiting: Bool) -> PlaybackKeyOutcome {
    PlaybackKeyHandler.handle(
      key, waiting: waiting, state: Fixture.state(), snapshot: Fixture.snapshot(),
      status: ScreenTests.paused)
  }

  @Test func spaceGoesOnAtAPausePointElseResumes() {
    #expect(press(" ", waiting: true) == .goOn)
    guard case .live(let outcome) = press(" ", waiting: false) else {
      Issue.record("space outside a pause point is the live view's")
      return
    }
    #expect(outcome.commands == [.resume])
  }

  @Test(arguments: PlaybackKeys.backspaceKeys)
  func backspaceGoesBack(key: Key) {
    #expect(press(key, waiting: false) == .back)
    #expect(TourKeys.action(for: key) == .back)
  }

  @Test func everyLiveKeyStillWorks() {
    for key in LiveKeys.table.bindings.flatMap(\.keys) where key != " " {
      let live = LiveKeyHandler.handle(
        key, state: Fixture.state(), snapshot: Fixture.snapshot(), status: ScreenTests.paused)
      #expect(press(key, waiting: true) == .live(live), "\(key.name)")
    }
  }

  @Test func tourPagesBindSpaceBackspaceAndQ() {
    #expect(TourKeys.action(for: " ") == .start)
    #expect(TourKeys.action(for: "q") == .quit)
    #expect(TourKeys.action(for: "x") == nil)
    #expect(Key.backspace.name == "Backspace")
  }
}
