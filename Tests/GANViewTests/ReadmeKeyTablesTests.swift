import Foundation
import Testing

@testable import GANView

/// The docs' key tables (docs/views.md, commands.md, scenarios.md) are generated from the key
/// tables: each sits between a marker naming its table and a blank line before
/// `<!-- end keys -->` (without the blank line, Markdown could read the marker as one more
/// row of the table). This test fails while one differs or is missing from every page; with
/// GANSCOPE_RECORD_GOLDEN=1 it rewrites them instead, like the golden screens.
@Suite struct ReadmeKeyTablesTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let pages = ["docs/views.md", "docs/commands.md", "docs/scenarios.md"].map {
    root.appendingPathComponent($0)
  }

  static let tables = [
    ("<!-- keys: live (LiveKeys.table) -->\n", LiveKeys.table.markdown),
    ("<!-- keys: replay (ReplayKeys.table) -->\n", ReplayKeys.table.markdown),
    ("<!-- keys: demo (PlaybackKeys.table) -->\n", PlaybackKeys.table.markdown),
    ("<!-- keys: tour (TourKeys.table) -->\n", TourKeys.table.markdown),
    ("<!-- keys: compare (CompareKeys.table) -->\n", CompareKeys.table.markdown),
    ("<!-- keys: draw the target (SketchKeys.table) -->\n", SketchKeys.table.markdown),
    (
      "<!-- keys: replay side by side (CompareReplayKeys.table) -->\n",
      CompareReplayKeys.table.markdown
    ),
  ]
  static let end = "\n\n<!-- end keys -->"

  @Test func theReadmeShowsTheKeyTablesAsTheyAre() throws {
    var texts = try Self.pages.map { try String(contentsOf: $0, encoding: .utf8) }
    for (marker, markdown) in Self.tables {
      let found = texts.indices.lazy.compactMap { page -> (Int, Range<String.Index>)? in
        let text = texts[page]
        guard let start = text.range(of: marker),
          let end = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
        else { return nil }
        return (page, start.upperBound..<end.lowerBound)
      }.first
      guard let (page, range) = found else {
        Issue.record("no page has '\(marker.dropLast())' with a blank line and end marker after it")
        continue
      }
      if Golden.recording {
        texts[page].replaceSubrange(range, with: markdown)
      } else {
        #expect(
          String(texts[page][range]) == markdown,
          "\(Self.pages[page].lastPathComponent): the table after \(marker.dropLast()) is not the table; GANSCOPE_RECORD_GOLDEN=1 rewrites it"
        )
      }
    }
    if Golden.recording {
      for (page, text) in zip(Self.pages, texts) {
        try text.write(to: page, atomically: true, encoding: .utf8)
      }
    }
  }
}
