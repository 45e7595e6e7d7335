/// One mouse report from the terminal, in xterm's SGR encoding (mode 1006): a button pressed
/// or released, a drag (motion with a button held), or a wheel notch, at a cell. The
/// terminal backend decodes the escape sequence into this and hands it over as a `Key`, so
/// the views take the mouse through the same handlers as the keys.
public struct MouseEvent: Sendable, Hashable {
  public enum Button: Sendable, Hashable {
    case left, middle, right
    case wheelUp, wheelDown
    /// Motion with no button held (only reported in xterm's any-motion mode, which
    /// ganscope does not ask for; kept so such a report decodes to something harmless).
    case none
  }

  public enum Kind: Sendable, Hashable {
    case press, release, drag
  }

  public var button: Button
  public var kind: Kind
  /// The cell, 0-based from the top-left corner (the terminal counts from 1).
  public var x: Int
  public var y: Int

  public init(_ button: Button, _ kind: Kind, x: Int, y: Int) {
    self.button = button
    self.kind = kind
    self.x = x
    self.y = y
  }

  /// The bytes after "ESC [" that start an SGR mouse report.
  public static let sgrPrefix = "<"

  /// Decodes the body of an SGR report, the text after "ESC [ <": "Cb;Cx;Cy" and a final
  /// "M" (press, drag, wheel) or "m" (release). Cb's low two bits are the button (3: none),
  /// +4 +8 +16 are Shift, Meta and Control (ignored here), +32 motion, +64 the wheel.
  /// Nil for anything else, so a garbled report is dropped rather than misread.
  public static func decodeSGR(_ body: String) -> MouseEvent? {
    guard let final = body.last, final == "M" || final == "m" else { return nil }
    let fields = body.dropLast().split(separator: ";", omittingEmptySubsequences: false)
    guard fields.count == 3,
      fields.allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCII) }),
      let code = Int(fields[0]), let column = Int(fields[1]), let row = Int(fields[2]),
      column >= 1, row >= 1
    else { return nil }
    return decode(code: code, final: final, column: column, row: row)
  }

  /// Decodes xterm's older report (what a terminal that ignores mode 1006 sends after
  /// "ESC [ M"): three bytes, the button code, the column and the row, each + 32. A
  /// release says no button (code 3). Nil for anything out of range.
  public static func decodeX10(_ b: UInt32, _ x: UInt32, _ y: UInt32) -> MouseEvent? {
    guard (32...255).contains(b), (33...255).contains(x), (33...255).contains(y) else {
      return nil
    }
    let code = Int(b) - 32
    let release = code & 64 == 0 && code & 3 == 3
    return decode(
      code: release ? code & ~3 : code, final: release ? "m" : "M", column: Int(x) - 32,
      row: Int(y) - 32)
  }

  /// The event of a button code (SGR's or X10's) and a 1-based cell.
  private static func decode(code: Int, final: Character, column: Int, row: Int) -> MouseEvent? {
    // Buttons 8 to 11 (a mouse's back and forward, +128) are not clicks here.
    guard code & 128 == 0 else { return nil }
    let motion = code & 32 != 0
    let button: Button
    if code & 64 != 0 {
      // 64 up, 65 down; 66 and 67 (sideways wheels) mean nothing here.
      switch code & 3 {
      case 0: button = .wheelUp
      case 1: button = .wheelDown
      default: return nil
      }
    } else {
      button = [Button.left, .middle, .right, .none][code & 3]
    }
    let kind: Kind = final == "m" ? .release : (motion ? .drag : .press)
    return MouseEvent(button, kind, x: column - 1, y: row - 1)
  }

  /// The SGR report a terminal sends for this event (what tests and the tmux end-to-end
  /// test type), the inverse of `decodeSGR`.
  public var sgrSequence: String {
    var code: Int
    switch button {
    case .left: code = 0
    case .middle: code = 1
    case .right: code = 2
    case .none: code = 3
    case .wheelUp: code = 64
    case .wheelDown: code = 65
    }
    if kind == .drag { code += 32 }
    return "\u{1B}[<\(code);\(x + 1);\(y + 1)" + (kind == .release ? "m" : "M")
  }
}
