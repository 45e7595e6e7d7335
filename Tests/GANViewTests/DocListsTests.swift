import Foundation
import GANCore
import Testing

@testable import GANView

/// The lists of names the docs print are generated from their tables: each sits between
/// `<!-- list: NAME -->` and `<!-- end list -->` as one line of backquoted names. This test
/// fails while a page's list differs from its table (a setting or a metric added and not
/// documented); with GANSCOPE_RECORD_GOLDEN=1 it rewrites them, like the golden screens.
@Suite struct DocListsTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let lists: [(name: String, names: [String], pages: [String])] = [
    ("configuration columns", Setting.columnNames, ["docs/sweeps.md", "docs/commands.md"]),
    ("metric columns", Metric.table.map(\.column), ["docs/sweeps.md"]),
  ]

  @Test func everyListIsItsTable() throws {
    let record = ProcessInfo.processInfo.environment["GANSCOPE_RECORD_GOLDEN"] != nil
    for list in Self.lists {
      let wanted = "`" + list.names.joined(separator: ", ") + "`"
      for page in list.pages {
        let url = Self.root.appendingPathComponent(page)
        var text = try String(contentsOf: url, encoding: .utf8)
        let marker = "<!-- list: \(list.name) -->\n"
        let start = try #require(text.range(of: marker), "\(page) has no list '\(list.name)'")
        let end = try #require(
          text.range(of: "<!-- end list -->", range: start.upperBound..<text.endIndex))
        // The list's own line, indented like the marker.
        let body = text[start.upperBound..<end.lowerBound]
        let indent = String(body.prefix { $0 == " " })
        let shown = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if record {
          text.replaceSubrange(
            start.upperBound..<end.lowerBound, with: indent + wanted + "\n" + indent)
          try text.write(to: url, atomically: true, encoding: .utf8)
        } else {
          #expect(shown == wanted, "\(page): the \(list.name) are not those of the table")
        }
      }
    }
  }
}
