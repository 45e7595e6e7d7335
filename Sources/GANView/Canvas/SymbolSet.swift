/// The characters the view may use. `.unicode` draws braille curves and box lines; `.ascii`
/// is for terminals whose locale is not UTF-8, where those characters would render as blanks,
/// and it uses nothing outside printable ASCII.
public enum SymbolSet: Sendable, Equatable, CaseIterable {
  case unicode
  case ascii

  public var usesBraille: Bool { self == .unicode }

  /// Picks the Unicode or the ASCII spelling of a piece of text.
  public func pick(_ unicode: String, _ ascii: String) -> String {
    self == .unicode ? unicode : ascii
  }

  private func pick(_ unicode: Character, _ ascii: Character) -> Character {
    self == .unicode ? unicode : ascii
  }

  public var horizontal: Character { pick("─", "-") }
  public var vertical: Character { pick("│", "|") }
  public var bottomLeft: Character { pick("└", "+") }
  public var bottomRight: Character { pick("┘", "+") }
  public var topLeft: Character { pick("┌", "+") }
  public var topRight: Character { pick("┐", "+") }
  /// A horizontal line with a stem going down (an x tick, or where G(z) lands on the x line).
  public var teeDown: Character { pick("┬", "+") }
  /// A horizontal line with a stem going up (where a z sample leaves the z line).
  public var teeUp: Character { pick("┴", "+") }
  /// A vertical axis with a tick to the left / to the right.
  public var tickLeft: Character { pick("┤", "+") }
  public var tickRight: Character { pick("├", "+") }
  public var leftArrow: Character { pick("←", "<") }
  public var rightArrow: Character { pick("→", ">") }
  /// Marks a value that is not a finite number in a sparkline.
  public var notFinite: Character { pick("×", "x") }
  /// Separates hints in the footer.
  public var separator: String { pick(" · ", "  ") }
  /// One-column ellipsis for truncated text.
  public var ellipsis: Character { pick("…", "~") }

  /// Eight sparkline levels, lowest first.
  public var sparkLevels: [Character] {
    self == .unicode
      ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", ",", "-", "~", "=", "*", "#"]
  }

  /// Nine shades of a space-time cell, empty first: what shows the level without colours.
  public var shades: [Character] {
    self == .unicode
      ? [" ", "░", "░", "▒", "▒", "▓", "▓", "█", "█"]
      : [" ", ".", ":", "-", "=", "+", "*", "#", "@"]
  }

  /// The mark of a target point (the phase plane's (μ, σ)).
  public var targetMark: Character { pick("✚", "+") }
  /// The newest point of a trajectory.
  public var currentMark: Character { pick("●", "@") }

  /// The ASCII character a plot cell of this role is drawn with (braille needs none).
  public func plotGlyph(for style: Style) -> Character {
    switch style {
    case .data: "."
    case .model: "*"
    case .modelFill: "#"
    case .model2: "o"
    case .model3: "x"
    case .model4: "%"
    case .discriminator: "-"
    case .optimal: ":"
    case .dim: "-"
    case .text, .axis, .heading, .metric, .status, .warning, .modelShade1, .modelShade2,
      .modelShade3, .modelShade4, .modelShade5, .modelShade6,
      .modelShade7, .modelShade8, .discriminatorShade1, .discriminatorShade2,
      .discriminatorShade3, .discriminatorShade4, .discriminatorShade5, .discriminatorShade6,
      .discriminatorShade7, .discriminatorShade8:
      "+"
    }
  }

  /// `text` cut to `width` columns, ending in an ellipsis when something was cut.
  public func truncated(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    guard text.count > width else { return text }
    return String(text.prefix(width - 1)) + String(ellipsis)
  }
}
