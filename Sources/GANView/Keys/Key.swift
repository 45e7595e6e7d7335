/// One key press, the only input type of the program: the terminal backend decodes what the
/// terminal sends into it, the key tables bind it, the handlers take it. A character (Esc
/// included: curses delivers it as one), one of the cursor and paging keys, whatever
/// escape sequence the terminal sends for them — or a mouse report, which no table binds:
/// each view's `MouseMap` turns it into the action of a key row.
public enum Key: Sendable, Hashable, ExpressibleByExtendedGraphemeClusterLiteral {
  case character(Character)
  case left
  case right
  case up
  case down
  case shiftLeft
  case shiftRight
  case pageUp
  case pageDown
  case home
  case end
  /// The key above Enter, as curses decodes it (terminals that send ^? or ^H for it deliver
  /// a character instead: tables bind those too).
  case backspace
  /// A click, drag or wheel notch (`MouseEvent`).
  case mouse(MouseEvent)

  public static let escape = Key.character("\u{1B}")

  /// So a table can write `"q"` for `.character("q")`.
  public init(extendedGraphemeClusterLiteral character: Character) {
    self = .character(character)
  }

  /// The key as a notice names it: printable ASCII as itself in quotes ('x'), any other
  /// character by its code (0x7), the others by the name on the keyboard.
  public var name: String {
    switch self {
    case .character(let character):
      if let ascii = character.asciiValue, ascii >= 0x21, ascii < 0x7F { return "'\(character)'" }
      let code = character.unicodeScalars.first.map { String($0.value, radix: 16) } ?? "?"
      return "0x" + code
    case .left: return "Left"
    case .right: return "Right"
    case .up: return "Up"
    case .down: return "Down"
    case .shiftLeft: return "Shift+Left"
    case .shiftRight: return "Shift+Right"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .backspace: return "Backspace"
    case .mouse: return "the mouse"
    }
  }
}
