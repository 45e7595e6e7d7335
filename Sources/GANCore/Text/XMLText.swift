/// XML text for the SVG pictures (the figure, a sweep's heatmap).
public enum XMLText {
  /// `text` safe inside XML character data and inside quoted attribute values. Characters
  /// XML 1.0 forbids (most C0 controls) are dropped: they cannot be written at all.
  public static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let forbidden = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        if !forbidden { result.unicodeScalars.append(scalar) }
      }
    }
    return result
  }
}
