import Foundation
import Testing

@testable import GANRuntime

/// docs/recording-format.md states the format version this ganscope writes and the event
/// tags it knows; this test fails when a new format version or a new tag is not documented
/// (the page said version 5 in its prelude for a whole format version after 6 came).
@Suite struct RecordingFormatDocTests {
  static let page = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/recording-format.md")

  @Test func thePageStatesTheVersionWritten() throws {
    let text = try String(contentsOf: Self.page, encoding: .utf8)
    let version = RecordingFormat.version
    #expect(text.hasPrefix("# The ganscope recording format (version \(version))\n"))
    #expect(
      text.contains(
        "| u16 format version (\(version); versions \(RecordingFormat.oldestVersion)–\(version - 1) still read) |"
      ))
    #expect(text.contains("**Version \(version)**"))
  }

  /// The event section names every tag's number, in order.
  @Test func thePageNamesEveryEventTag() throws {
    let text = try String(contentsOf: Self.page, encoding: .utf8)
    let start = try #require(text.range(of: "### Event (type 5)"))
    let end = try #require(text.range(of: "\n### ", range: start.upperBound..<text.endIndex))
    var section = text[start.upperBound..<end.lowerBound]
    for tag in EventTag.allCases {
      // "… 22 pack size P …": the number, as a word, followed by what it sets.
      let found = section.firstMatch(of: try Regex("(^|[\\s(:])\(tag.rawValue) [A-Za-zη]"))
      let match = try #require(found, "docs/recording-format.md: no event tag \(tag.rawValue)")
      section = section[match.range.upperBound...]
    }
  }
}
