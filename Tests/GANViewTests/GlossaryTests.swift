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
    // The Dirac-GAN's short label in a comparison's columns.
    "dist eq",
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

  /// Every mark the spectrum view draws is on the marks page: the characters its pane
  /// draws (the picture and its captions, with a trail and the next spectrum computing, at
  /// both sizes), less words, numbers, braille dots (the unit circle, explained by its ◯) and
  /// the typography of numbers and formulas; and, in ASCII too, every one of its `Marks`.
  @Test(arguments: [SymbolSet.unicode, .ascii])
  func everyMarkOfTheSpectrumIsExplained(symbols: SymbolSet) throws {
    let terms = Glossary.marks(symbols).map(\.term)
    func explained(_ mark: String) -> Bool {
      terms.contains { $0.split(separator: " ").contains { $0.filter { $0 != "," } == mark } }
    }
    let marks = SpectrumPane.Marks(symbols)
    for mark in [
      marks.discriminator, marks.generator, marks.earlier, marks.axis, marks.realAxis,
      marks.circle, marks.lambda, marks.mu,
    ] {
      #expect(explained(mark), "\(mark)")
    }
    guard symbols.usesBraille else { return }
    let typography = Set("±·−|'()=,./:-+")
    var feed = SpectrumPaneTests.feed
    let earlier = try #require(SpectrumPaneTests.reading.spectrum)
    feed.trail = [
      SpectrumReading(
        iteration: 4000,
        content: .spectrum(
          GameSpectrum(
            iteration: 4000, dimension: 594, method: .arnoldi(steps: 40),
            jacobian: earlier.jacobian.map {
              GameEigenvalue(
                re: $0.re - 0.05, im: $0.im * 0.9, discriminatorShare: $0.discriminatorShare,
                residual: $0.residual)
            }, step: earlier.step)))
    ]
    feed.computing = true
    for (width, height) in [(52, 21), (80, 36)] {
      var grid = CellGrid(width: width, height: height)
      SpectrumPane.draw(
        feed, into: &grid, x: 0, y: 0, width: width, height: height, symbols: symbols)
      let drawn = Set(
        grid.cells.map(\.character).filter { character in
          !character.isLetter && !character.isNumber && !character.isWhitespace
            && !typography.contains(character)
            && !(0x2800...0x28FF).contains(character.unicodeScalars.first!.value)
        })
      #expect(drawn.contains(Character(marks.earlier)), "the trail is drawn")
      for mark in drawn { #expect(explained(String(mark)), "\(mark) at \(width)x\(height)") }
    }
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
