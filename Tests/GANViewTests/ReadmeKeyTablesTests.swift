import Foundation
import Testing

@testable import GANView

/// The README's key tables are generated from the key tables: each sits between a marker
/// naming its table and a blank line before `<!-- end keys -->` (without the blank line,
/// Markdown could read the marker as one more row of the table). This test fails while one differs; with
/// GANSCOPE_RECORD_GOLDEN=1 it rewrites them instead, like the golden screens.
@Suite struct ReadmeKeyTablesTests {
  static let readme = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("README.md")

  static let tables = [
    ("<!-- keys: live (LiveKeys.table) -->\n", LiveKeys.table.markdown),
    ("<!-- keys: replay (ReplayKeys.table) -->\n", ReplayKeys.table.markdown),
    ("<!-- keys: demo (PlaybackKeys.table) -->\n", PlaybackKeys.table.markdown),
    ("<!-- keys: tour (TourKeys.table) -->\n", TourKeys.table.markdown),
    ("<!-- keys: compare (CompareKeys.table) -->\n", CompareKeys.table.markdown),
    (
      "<!-- keys: replay side by side (CompareReplayKeys.table) -->\n",
      CompareReplayKeys.table.markdown
    ),
  ]
  static let end = "\n\n<!-- end keys -->"

  @Test func theReadmeShowsTheKeyTablesAsTheyAre() throws {
    var text = try String(contentsOf: Self.readme, encoding: .utf8)
    for (marker, markdown) in Self.tables {
      guard let start = text.range(of: marker),
        let end = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
      else {
        Issue.record(
          "README.md lacks '\(marker.dropLast())' or the blank line and end marker after it")
        continue
      }
      if Golden.recording {
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: markdown)
      } else {
        #expect(
          String(text[start.upperBound..<end.lowerBound]) == markdown,
          "README.md's table after \(marker.dropLast()) is not the table; GANSCOPE_RECORD_GOLDEN=1 rewrites it"
        )
      }
    }
    if Golden.recording { try text.write(to: Self.readme, atomically: true, encoding: .utf8) }
  }
}
