import GANCore
import Testing

@testable import GANView

/// The pictures of a run over time as SVG: well-formed, each with its parts, and an empty
/// history says so instead of drawing nothing.
@Suite struct RunFigureTests {
  static let history: RunHistory = {
    var history = RunHistory(capacity: 64, levels: 4)
    for i in 0..<600 { history.append(RunHistoryTests.frame(i, k: i < 300 ? 2 : 3)) }
    return history
  }()

  @Test(arguments: RunFigure.Kind.allCases)
  func everyKindIsWellFormedWithItsParts(kind: RunFigure.Kind) throws {
    let svg = RunFigure.render(
      kind: kind, history: Self.history, snapshot: RunHistoryTests.frame(599),
      metric: Metric.named("c_g")!, width: 900, height: 520)
    #expect(XMLTreeBuilder.parse(svg) != nil)
    #expect(svg.hasSuffix("</svg>\n"))
    switch kind {
    case .history:
      #expect(svg.contains("class=\"series mean\"") && svg.contains("class=\"band\""))
      #expect(svg.contains("−log 4") && svg.contains(">k=3<"))
    case .spacetime:
      #expect(svg.contains("class=\"image p-g\"") && svg.contains("class=\"image d\""))
    case .phase:
      #expect(svg.contains("class=\"target\"") && svg.contains("class=\"current\""))
    }
  }

  /// A critic's D(x, t) (relativistic, drifting from 0 to −40) is shaded on −M…M over every
  /// value drawn, not clipped to 0…1, and the band says its range; the terminal's too.
  @Test func aCriticsSpaceTimeIsShadedOnItsOwnRange() throws {
    var history = RunHistory(capacity: 64, levels: 4)
    var last = RunHistoryTests.frame(0)
    for i in 0..<300 {
      var frame = RunHistoryTests.frame(i)
      frame.hyperparameters.loss = .relativistic
      frame.discriminator = frame.discriminator.map { $0 - Float(i) * 40 / 300 }
      history.append(frame)
      last = frame
    }
    let svg = RunFigure.render(
      kind: .spacetime, history: history, snapshot: last, metric: Metric.table[0], width: 900,
      height: 520)
    #expect(svg.contains("D(x, t), critic, −50 … 50"))
    let root = try #require(XMLTreeBuilder.parse(svg))
    let cells = try #require(root.elements(withClass: "d").first).all.filter { $0.name == "rect" }
    // Values from about +1 down to −40 on −50…50: shades from about ½ down to 0.1, and none
    // at full strength (clipped to 0…1 every cell would have been 0 or, above 0, dark).
    let opacities = cells.compactMap { $0.attributes["fill-opacity"].flatMap(Double.init) }
    #expect(!opacities.isEmpty && opacities.allSatisfy { $0 <= 0.55 })
    #expect(opacities.contains { $0 < 0.2 } && opacities.contains { $0 > 0.45 })

    var grid = CellGrid(width: 120, height: 30)
    SpaceTimePane.draw(
      history, snapshot: last, lens: HistoryLens(), now: nil, into: &grid, x: 0, y: 0,
      width: 120, height: 30, symbols: .unicode)
    #expect(grid.row(1).contains("D(x) -50..50"))

    // Back on a probability loss, the critic's rows are still drawn on the critic's scale.
    var back = last
    back.hyperparameters.loss = .nonsaturating
    var after = CellGrid(width: 120, height: 30)
    SpaceTimePane.draw(
      history, snapshot: back, lens: HistoryLens(), now: nil, into: &after, x: 0, y: 0,
      width: 120, height: 30, symbols: .unicode)
    #expect(after.row(1).contains("D(x) -50..50"))
  }

  @Test func anEmptyHistorySaysSo() {
    let svg = RunFigure.render(
      kind: .history, history: RunHistory(), snapshot: Fixture.snapshot(),
      metric: Metric.table[0], width: 900, height: 520)
    #expect(svg.contains("no frames to draw") && XMLTreeBuilder.parse(svg) != nil)
  }
}
