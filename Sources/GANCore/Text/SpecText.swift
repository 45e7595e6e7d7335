/// Text helpers of the spec language and its messages.
public enum SpecText {
  /// `'text'` for an error message (see `shortened`).
  public static func quoted(_ text: String) -> String { "'\(shortened(text))'" }

  /// `text` fit for a one-line message: control and format characters escaped (`\u{1B}`), so
  /// that a binary file or a pasted escape sequence cannot reach the terminal raw, and text longer
  /// than 120 characters shortened in the middle, so that a megabyte of input never becomes a
  /// megabyte of message.
  public static func shortened(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > 120 else { return escaped(scalars[...]) }
    return "\(escaped(scalars[..<80]))…\(escaped(scalars[(scalars.count - 30)...]))"
  }

  private static func escaped(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var result = ""
    for scalar in scalars {
      switch scalar.properties.generalCategory {
      // Controls (escape sequences), invisible formatting (bidirectional overrides) and line
      // breaks: nothing that could move the cursor, reorder the text or end the line.
      case .control, .format, .lineSeparator, .paragraphSeparator:
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `s` without leading and trailing whitespace.
  static func trimmed(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    var lo = 0
    var hi = scalars.count
    while lo < hi && scalars[lo].properties.isWhitespace { lo += 1 }
    while hi > lo && scalars[hi - 1].properties.isWhitespace { hi -= 1 }
    return String(String.UnicodeScalarView(scalars[lo..<hi]))
  }

  /// The last path component (the whole path if it has none).
  static func basename(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
    let tail = scalars.split(separator: "/", omittingEmptySubsequences: false).last ?? []
    let name = String(String.UnicodeScalarView(tail))
    return name.isEmpty ? path : name
  }
}
