import GANCore
import Testing

@testable import GANView

/// The help's glossary pages: every term the screens, captions and tour pages use that a
/// newcomer cannot know is explained, and every page fits an 80 × 24 screen whole.
@Suite struct GlossaryTests {
  /// The terms issue #21 found unexplained, and the marks on screen.
  static let required = [
    "W1", "Lipschitz", "nats", "V(G,D)", "near a mode", "interpolates", "singular value", "R2",
    "unrolled", "z, G, x strip", "critic", "D*(x)", "C(G)", "JSD", "k",
  ]

  @Test(arguments: [SymbolSet.unicode, .ascii])
  func everyTermAndMarkIsExplained(symbols: SymbolSet) {
    let terms = (Glossary.words + Glossary.marks(symbols)).map(\.term).joined(separator: " | ")
    for term in Self.required { #expect(terms.contains(term), "\(term)") }
    for mark in [symbols.notFinite, symbols.targetMark, symbols.currentMark] {
      #expect(terms.contains(mark), "\(mark)")
    }
    #expect(terms.contains(symbols.pick("▲", "^")))
  }

  @Test(arguments: [HelpPage.words, .marks])
  func eachPageFitsOneColumnAt80x24(page: HelpPage) throws {
    let content = try #require(Glossary.content(page, symbols: .unicode))
    let labelWidth = content.entries.map(\.label.count).max() ?? 0
    #expect(content.entries.count + 4 <= 24)
    for entry in content.entries {
      #expect(labelWidth + 2 + entry.summary.count <= 76, "\(entry.label)")
    }
    var grid = CellGrid(width: 80, height: 24)
    HelpOverlay.draw(page, keys: content, into: &grid, symbols: .unicode)
    for entry in content.entries { #expect(grid.text.contains(entry.summary), "\(entry.label)") }
    #expect(grid.text.contains(content.closing))
  }

  @Test func theMarksPageIsPlainASCIIOnAnASCIITerminal() throws {
    let content = try #require(Glossary.content(.marks, symbols: .ascii))
    let words = try #require(Glossary.content(.words, symbols: .ascii))
    for entry in content.entries + words.entries {
      let ascii = (entry.label + entry.summary).allSatisfy { $0.isASCII }
      #expect(ascii, "\(entry.label)")
    }
  }
}
