/// Letters three rows tall, for the titles of the tour's pages on a projector: a 3×5 pixel
/// font drawn with half blocks (two pixel rows per cell). Capitals, digits, blank and the
/// hyphen only; the caller falls back to plain text for anything else, and in ASCII, where
/// half blocks are not available.
enum BigText {
  /// Rows of a glyph, top to bottom; "#" is a pixel.
  static let glyphs: [Character: [String]] = [
    "A": [".#.", "#.#", "###", "#.#", "#.#"], "B": ["##.", "#.#", "##.", "#.#", "##."],
    "C": [".##", "#..", "#..", "#..", ".##"], "D": ["##.", "#.#", "#.#", "#.#", "##."],
    "E": ["###", "#..", "##.", "#..", "###"], "F": ["###", "#..", "##.", "#..", "#.."],
    "G": [".##", "#..", "#.#", "#.#", ".##"], "H": ["#.#", "#.#", "###", "#.#", "#.#"],
    "I": ["###", ".#.", ".#.", ".#.", "###"], "J": ["..#", "..#", "..#", "#.#", ".#."],
    "K": ["#.#", "#.#", "##.", "#.#", "#.#"], "L": ["#..", "#..", "#..", "#..", "###"],
    "M": ["#.#", "###", "###", "#.#", "#.#"], "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
    "O": [".#.", "#.#", "#.#", "#.#", ".#."], "P": ["##.", "#.#", "##.", "#..", "#.."],
    "Q": [".#.", "#.#", "#.#", "##.", ".##"], "R": ["##.", "#.#", "##.", "#.#", "#.#"],
    "S": [".##", "#..", ".#.", "..#", "##."], "T": ["###", ".#.", ".#.", ".#.", ".#."],
    "U": ["#.#", "#.#", "#.#", "#.#", "###"], "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
    "W": ["#.#", "#.#", "###", "###", "#.#"], "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
    "Y": ["#.#", "#.#", ".#.", ".#.", ".#."], "Z": ["###", "..#", ".#.", "#..", "###"],
    "0": ["###", "#.#", "#.#", "#.#", "###"], "1": [".#.", "##.", ".#.", ".#.", "###"],
    "2": ["##.", "..#", ".#.", "#..", "###"], "3": ["##.", "..#", ".#.", "..#", "##."],
    "4": ["#.#", "#.#", "###", "..#", "..#"], "5": ["###", "#..", "##.", "..#", "##."],
    "6": [".##", "#..", "###", "#.#", "###"], "7": ["###", "..#", ".#.", ".#.", ".#."],
    "8": ["###", "#.#", "###", "#.#", "###"], "9": ["###", "#.#", "###", "..#", "##."],
    " ": ["...", "...", "...", "...", "..."], "-": ["...", "...", "###", "...", "..."],
  ]

  /// The columns `text` takes: three per letter and one blank between letters.
  static func width(_ text: String) -> Int { max(text.count * 4 - 1, 0) }

  /// The three rows of `text` in capitals, or nil when a character has no glyph.
  static func rows(_ text: String) -> [String]? {
    var pixels = Array(repeating: "", count: 6)  // five rows and an empty sixth
    for (index, character) in text.uppercased().enumerated() {
      guard let glyph = glyphs[character] else { return nil }
      for row in 0..<5 { pixels[row] += (index > 0 ? "." : "") + glyph[row] }
      pixels[5] += String(repeating: ".", count: index > 0 ? 4 : 3)
    }
    return stride(from: 0, to: 6, by: 2).map { top in
      String(
        zip(pixels[top], pixels[top + 1]).map { upper, lower -> Character in
          switch (upper == "#", lower == "#") {
          case (true, true): "█"
          case (true, false): "▀"
          case (false, true): "▄"
          case (false, false): " "
          }
        })
    }
  }
}
