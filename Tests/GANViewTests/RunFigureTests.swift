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

  @Test func anEmptyHistorySaysSo() {
    let svg = RunFigure.render(
      kind: .history, history: RunHistory(), snapshot: Fixture.snapshot(),
      metric: Metric.table[0], width: 900, height: 520)
    #expect(svg.contains("no frames to draw") && XMLTreeBuilder.parse(svg) != nil)
  }
}
