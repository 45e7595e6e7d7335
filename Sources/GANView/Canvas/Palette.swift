/// How a role looks on a terminal: a foreground colour and attributes. One table for every
/// backend, so the curses view and an exported asciicast show the same colours.
public struct Look: Sendable, Equatable {
  /// A colour index (0–7 for 8-colour terminals, 0–255 for 256), or nil for the
  /// terminal's own foreground.
  public var foreground: Int?
  public var bold: Bool
  public var dim: Bool
  public var reverse: Bool

  public init(
    _ foreground: Int? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false
  ) {
    self.foreground = foreground
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
  }
}

/// What a terminal can show.
public enum ColorDepth: Sendable, Equatable, CaseIterable {
  case colors256
  case colors8
  /// No colours (or NO_COLOR is set): attributes alone keep the status bar and the warnings
  /// apart.
  case monochrome
}

/// The colour scheme: p_data in the terminal's default colour (the paper's black dotted
/// curve), p_g green, D blue, D* magenta, divergences yellow, warnings red. With 256 colours
/// the shades carry the distinction; with 8, bold and dim stand in for the missing shades.
public enum Palette {
  public static func look(for style: Style, depth: ColorDepth) -> Look {
    if let shade = style.shadeLevel { return look(shade: shade.level, shade.discriminator, depth) }
    switch depth {
    case .colors256: return colors256(style)
    case .colors8: return colors8(style)
    case .monochrome: return monochrome(style)
    }
  }

  // ANSI colour numbers (the same as curses' COLOR_* constants).
  private static let red = 1
  private static let green = 2
  private static let yellow = 3
  private static let blue = 4
  private static let magenta = 5
  private static let cyan = 6

  /// The space-time ramps: at 256 colours eight steps from dark to bright green (p_g) and
  /// dark to bright blue (D); at 8 colours dim, plain and bold of green or blue; without
  /// colours dim for the lower half (the shade character carries the level).
  private static func look(shade level: Int, _ discriminator: Bool, _ depth: ColorDepth) -> Look {
    let i = min(max(level, 1), 8) - 1
    switch depth {
    case .colors256:
      return Look(discriminator ? blueRamp[i] : greenRamp[i])
    case .colors8:
      let colour = discriminator ? blue : green
      return Look(colour, bold: i >= 6, dim: i < 3)
    case .monochrome:
      return Look(bold: i >= 6, dim: i < 3)
    }
  }

  private static let greenRamp = [22, 28, 34, 40, 46, 82, 118, 157]
  private static let blueRamp = [17, 18, 19, 20, 26, 33, 39, 81]

  private static func colors256(_ style: Style) -> Look {
    switch style {
    case .text, .data: Look()
    case .dim: Look(244)
    case .axis: Look(246)
    case .heading: Look(bold: true)
    case .model: Look(41)
    case .modelFill: Look(22)
    case .model2: Look(208)
    case .model3: Look(201)
    case .model4: Look(51)
    case .discriminator: Look(39, bold: true)
    case .optimal: Look(170)
    case .metric: Look(178)
    case .status: Look(reverse: true)
    case .warning: Look(196, bold: true)
    // The shades have looks of their own (`shade`).
    case .modelShade1, .modelShade2, .modelShade3, .modelShade4, .modelShade5, .modelShade6,
      .modelShade7, .modelShade8, .discriminatorShade1, .discriminatorShade2,
      .discriminatorShade3, .discriminatorShade4, .discriminatorShade5, .discriminatorShade6,
      .discriminatorShade7, .discriminatorShade8:
      Look()
    }
  }

  private static func colors8(_ style: Style) -> Look {
    switch style {
    case .text, .data, .axis: Look()
    case .dim: Look(dim: true)
    case .heading: Look(bold: true)
    case .model: Look(green, bold: true)
    case .modelFill: Look(green, dim: true)
    case .model2: Look(yellow, bold: true)
    case .model3: Look(magenta, bold: true)
    case .model4: Look(cyan, bold: true)
    case .discriminator: Look(blue, bold: true)
    case .optimal: Look(magenta)
    case .metric: Look(yellow)
    case .status: Look(reverse: true)
    case .warning: Look(red, bold: true)
    // The shades have looks of their own (`shade`).
    case .modelShade1, .modelShade2, .modelShade3, .modelShade4, .modelShade5, .modelShade6,
      .modelShade7, .modelShade8, .discriminatorShade1, .discriminatorShade2,
      .discriminatorShade3, .discriminatorShade4, .discriminatorShade5, .discriminatorShade6,
      .discriminatorShade7, .discriminatorShade8:
      Look()
    }
  }

  private static func monochrome(_ style: Style) -> Look {
    switch style {
    case .text, .data, .axis, .discriminator, .optimal, .metric, .model2, .model4: Look()
    case .dim, .modelFill, .model3: Look(dim: true)
    case .heading, .model: Look(bold: true)
    case .status: Look(reverse: true)
    case .warning: Look(bold: true, reverse: true)
    // The shades have looks of their own (`shade`).
    case .modelShade1, .modelShade2, .modelShade3, .modelShade4, .modelShade5, .modelShade6,
      .modelShade7, .modelShade8, .discriminatorShade1, .discriminatorShade2,
      .discriminatorShade3, .discriminatorShade4, .discriminatorShade5, .discriminatorShade6,
      .discriminatorShade7, .discriminatorShade8:
      Look()
    }
  }
}
