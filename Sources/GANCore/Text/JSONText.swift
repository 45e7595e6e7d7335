/// JSON text for the program's one-line outputs (bench, sweeps, exports, asciicasts): written
/// by hand, so that numbers keep their shortest round-trip form and lines their field order.
public enum JSONText {
  /// A JSON string literal. Control characters (the escape character above all) become
  /// `\u00XX`; everything else, braille included, stays UTF-8 as JSON allows.
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A number; JSON has no NaN or infinity, so those become null.
  public static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
}
