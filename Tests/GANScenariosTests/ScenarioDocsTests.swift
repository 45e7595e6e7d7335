import Foundation
import Testing

@testable import GANScenarios

/// The scenario list of docs/scenarios.md is generated from `Scenario.table`: it sits between
/// `<!-- list: scenarios -->` and `<!-- end list -->`, as the lists of DocListsTests
/// (GANViewTests, which cannot import GANScenarios) do. This test fails while the page's list
/// differs from the table (a scenario added, renamed, or its claim restated and not
/// documented); with GANSCOPE_RECORD_GOLDEN=1 it rewrites the list instead.
@Suite struct ScenarioDocsTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let lists: [(name: String, text: String, page: String)] = [
    ("scenarios", ScenarioFormat.markdownTable(Scenario.table), "docs/scenarios.md")
  ]

  @Test func theScenarioListIsTheTable() throws {
    let record = ProcessInfo.processInfo.environment["GANSCOPE_RECORD_GOLDEN"] != nil
    for list in Self.lists {
      let url = Self.root.appendingPathComponent(list.page)
      var text = try String(contentsOf: url, encoding: .utf8)
      let marker = "<!-- list: \(list.name) -->\n"
      let start = try #require(text.range(of: marker), "\(list.page) has no list '\(list.name)'")
      let end = try #require(
        text.range(of: "<!-- end list -->", range: start.upperBound..<text.endIndex))
      let wanted = list.text + "\n"
      if record {
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: wanted)
        try text.write(to: url, atomically: true, encoding: .utf8)
      } else {
        #expect(
          String(text[start.upperBound..<end.lowerBound]) == wanted,
          "\(list.page): the \(list.name) are not those of the table; GANSCOPE_RECORD_GOLDEN=1 rewrites them"
        )
      }
    }
  }

  /// docs/replication.md gives every scenario's setting in words (hand-written: a setting is
  /// more than its flags), one entry each; this fails when a scenario has none.
  @Test func replicationDescribesEveryScenario() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("docs/replication.md"), encoding: .utf8)
    for scenario in Scenario.table {
      #expect(
        text.contains("- **`\(scenario.name)`** — "),
        "docs/replication.md has no entry for \(scenario.name)")
    }
  }

  /// Every row is one line and has its four cells: no summary or claim breaks the table.
  @Test func everyScenarioIsOneRowOfFourCells() {
    let rows = ScenarioFormat.markdownTable(Scenario.table).split(separator: "\n").dropFirst(2)
    #expect(rows.count == Scenario.table.count)
    for (row, scenario) in zip(rows, Scenario.table) {
      #expect(row.hasPrefix("| `\(scenario.name)` | "))
      // Cells are split at a `|` that is not escaped.
      var cells = 0
      var previous: Character = " "
      for character in row {
        if character == "|" && previous != "\\" { cells += 1 }
        previous = character
      }
      #expect(cells == 5, "\(scenario.name): \(cells - 1) cells")
    }
  }
}
