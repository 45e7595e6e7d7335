/// Prose in the terminal: a caption or a tour page is wrapped at blanks into lines of at
/// most a width, and shown in ASCII when the terminal cannot show more.
enum TextWrap {
  /// Greedy wrapping at blanks; a word longer than `width` is cut into pieces. At most
  /// `maxLines` lines: when more would be needed, the last shown ends in an ellipsis.
  static func lines(_ text: String, width: Int, maxLines: Int = .max, symbols: SymbolSet)
    -> [String]
  {
    guard width > 0, maxLines > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in plain(text, symbols).split(separator: " ") {
      var word = Substring(word)
      while word.count > width {
        if !line.isEmpty {
          lines.append(line)
          line = ""
        }
        lines.append(String(word.prefix(width)))
        word = word.dropFirst(width)
      }
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    guard lines.count > maxLines else { return lines }
    var shown = Array(lines.prefix(maxLines))
    let last = shown[maxLines - 1]
    shown[maxLines - 1] =
      last.count < width
      ? last + String(symbols.ellipsis) : String(last.prefix(width - 1)) + String(symbols.ellipsis)
    return shown
  }

  /// A title made of `parts` (most important first) joined by `separator` into at most
  /// `maxRows` rows of at most `width` columns. A part is never split or cut: one that does
  /// not fit is left out, with every part after it, so a title never ends in an ellipsis.
  static func titleRows(
    _ parts: [String], width: Int, maxRows: Int, separator: String, symbols: SymbolSet
  ) -> [String] {
    var rows: [String] = []
    var row = ""
    for part in parts.map({ plain($0, symbols) }) where !part.isEmpty {
      if row.isEmpty, part.count <= width {
        row = part
      } else if row.count + separator.count + part.count <= width {
        row += separator + part
      } else if rows.count + 1 < maxRows, part.count <= width {
        rows.append(row)
        row = part
      } else {
        break
      }
    }
    if !row.isEmpty { rows.append(row) }
    return rows
  }

  /// The text as the symbol set can show it: in ASCII, the few non-ASCII characters the
  /// captions use get an ASCII stand-in (× x, · -, − -), any other a question mark.
  static func plain(_ text: String, _ symbols: SymbolSet) -> String {
    guard !symbols.usesBraille else { return text }
    let standIns: [Character: Character] = ["×": "x", "·": "-", "−": "-", "—": "-", "…": "~"]
    return String(
      text.map { character -> Character in
        if let standIn = standIns[character] { return standIn }
        return character.isASCII && !character.isNewline ? character : "?"
      })
  }
}
