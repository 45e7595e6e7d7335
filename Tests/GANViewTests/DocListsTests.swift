import Foundation
import GANCore
import Testing

@testable import GANView

/// The lists the docs print are generated from their tables: each sits between
/// `<!-- list: NAME -->` and `<!-- end list -->` (a line of backquoted names, or a Markdown
/// table), indented like the marker. This test fails while a page's list differs from its
/// table (a setting or a metric added and not documented); with GANSCOPE_RECORD_GOLDEN=1 it
/// rewrites them, like the golden screens.
@Suite struct DocListsTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func names(_ list: [String]) -> String { "`" + list.joined(separator: ", ") + "`" }

  static let lists: [(name: String, text: String, pages: [String])] = [
    ("configuration columns", names(Setting.columnNames), ["docs/sweeps.md", "docs/commands.md"]),
    ("metric columns", names(Metric.table.map(\.column)), ["docs/sweeps.md"]),
    ("row columns", "`" + RowPrinter.columns.joined(separator: ",") + "`", ["docs/commands.md"]),
    ("settings", Setting.markdownTable, ["docs/commands.md"]),
    (
      "recorded metrics",
      names(Metric.recorded.map(\.column)) + " (\(Metric.recorded.count))",
      ["docs/recording-format.md"]
    ),
  ]

  @Test func everyListIsItsTable() throws {
    let record = ProcessInfo.processInfo.environment["GANSCOPE_RECORD_GOLDEN"] != nil
    for list in Self.lists {
      for page in list.pages {
        let url = Self.root.appendingPathComponent(page)
        var text = try String(contentsOf: url, encoding: .utf8)
        let marker = "<!-- list: \(list.name) -->\n"
        let start = try #require(text.range(of: marker), "\(page) has no list '\(list.name)'")
        let end = try #require(
          text.range(of: "<!-- end list -->", range: start.upperBound..<text.endIndex))
        // The list's own lines, indented like the marker.
        let lineStart = text[..<start.lowerBound].lastIndex(of: "\n").map(text.index(after:))
        let indent = String(text[(lineStart ?? text.startIndex)...].prefix { $0 == " " })
        let wanted = list.text.split(separator: "\n").map { indent + $0 + "\n" }.joined()
        let shown = String(text[start.upperBound..<end.lowerBound])
        if record {
          text.replaceSubrange(start.upperBound..<end.lowerBound, with: wanted + indent)
          try text.write(to: url, atomically: true, encoding: .utf8)
        } else {
          #expect(shown == wanted + indent, "\(page): the \(list.name) are not those of the table")
        }
      }
    }
  }
}
