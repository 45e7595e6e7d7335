import GANCore
import Testing

@testable import GANScenarios
@testable import GANView

/// Every caption of every scenario, and every page of the tour, is read whole at 80×24 and
/// at 120×40: the caption box wraps to three lines and a page wraps its paragraphs, and
/// neither ever ends in an ellipsis. The text itself is the scenarios' (it may be
/// rewritten); only that it fits is checked here.
@Suite struct CaptionFitTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func everyCaptionFitsItsBox(size: (Int, Int)) {
    let (width, height) = size
    for scenario in Scenario.table {
      let playback = ScenarioPlayback(scenario)
      for text in [playback.summary] + playback.cues.map(\.caption)
      where Self.isCut(text, width: width, height: height) {
        Issue.record("\(scenario.name) at \(width)x\(height): \(text)")
      }
    }
  }

  /// Whether the caption box would end `text` in an ellipsis, in Unicode or in ASCII.
  static func isCut(_ text: String, width: Int, height: Int) -> Bool {
    SymbolSet.allCases.contains { symbols in
      CaptionPane.textLines(
        Caption(heading: "", text: text), width: width, height: height, symbols: symbols
      ).contains { $0.last == symbols.ellipsis }
    }
  }

  /// Each tour page as the tour builds it (TourLoop.page: the heading, the paper's
  /// reference and topic, the statement and what to watch).
  @Test(arguments: [(80, 24), (120, 40)])
  func everyTourPageFitsTheScreen(size: (Int, Int)) {
    let (width, height) = size
    for (index, stop) in TourStop.all.enumerated() {
      let page = TourPage(
        heading: "ganscope tour · \(index + 1) of \(TourStop.all.count) · \(stop.scenario.name)",
        title: stop.reference, subtitle: stop.topic, paragraphs: [stop.statement, stop.watch])
      let grid = Screen.render(tour: page, width: width, height: height, symbols: .unicode)
      #expect(!grid.text.contains("…"), "\(stop.scenario.name) at \(width)x\(height)")
      // Every word of the page is on it: no paragraph was dropped for room.
      let shown = grid.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      for paragraph in page.paragraphs where !paragraph.isEmpty {
        let words = paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown.contains(words), "\(stop.scenario.name) at \(width)x\(height)")
      }
    }
  }
}
