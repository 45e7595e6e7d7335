/// The role of a screen cell. The renderer says *what* a cell shows; the terminal backend
/// decides how that looks (colour pair, attributes, monochrome fallback), and golden tests
/// list roles as runs, so a colour change never touches a golden file.
public enum Style: String, Sendable, CaseIterable, Hashable {
  /// Ordinary text: labels, numbers, the help.
  case text
  /// Secondary text and the ½ reference line.
  case dim
  /// Axis lines, ticks and their labels.
  case axis
  /// Titles and transient notices.
  case heading
  /// p_data (the paper's black dotted curve; drawn in the terminal's default colour).
  case data
  /// p_g and G's map z → G(z) (green, solid).
  case model
  /// The interior of p_g's histogram bars (green, below p_data so the target stays visible).
  case modelFill
  /// D(x), ∇D arrows and D's numbers (blue, dashed).
  case discriminator
  /// The D*(x) overlay (magenta).
  case optimal
  /// Divergences and distances: JSD, C(G), KL, W1 (yellow).
  case metric
  /// p_g and D(x) of the second, third and fourth run of a comparison (`live --compare`,
  /// `replay a.gans b.gans`); the first run keeps `model`. One role per run, so each run
  /// is told apart by its colour on every terminal that has colours.
  case model2, model3, model4
  /// The status bar (reverse video).
  case status
  /// The space-time view's shades of p_g (1 faint … 8 densest) and of D(x) (1 near 0 … 8
  /// near 1): a colour ramp where the terminal has colours; the shade character the pane
  /// draws carries the level where it has none.
  case modelShade1, modelShade2, modelShade3, modelShade4
  case modelShade5, modelShade6, modelShade7, modelShade8
  case discriminatorShade1, discriminatorShade2, discriminatorShade3, discriminatorShade4
  case discriminatorShade5, discriminatorShade6, discriminatorShade7, discriminatorShade8
  /// States that need attention: PAUSED, DIVERGED, REC, a too-small terminal (red, bold).
  case warning

  /// Which role a plot cell takes when several series put dots into it: the highest wins.
  /// The ½ line is a faint reference and loses to everything; p_g's bar interior sits under
  /// p_data so the target shows through the bars; p_data is the fixed reference the moving
  /// curves are compared with, so the moving ones win over it; D* is a guide under p_g and
  /// D(x); D(x) is dashed, so winning its cells still leaves gaps where the others show.
  public var plotPriority: Int {
    switch self {
    case .dim: 0
    case .modelFill: 1
    case .data: 2
    case .optimal: 3
    case .model, .model2, .model3, .model4: 4
    case .discriminator: 5
    case .text, .axis, .heading, .metric, .status, .warning, .modelShade1, .modelShade2,
      .modelShade3, .modelShade4, .modelShade5, .modelShade6,
      .modelShade7, .modelShade8, .discriminatorShade1, .discriminatorShade2,
      .discriminatorShade3, .discriminatorShade4, .discriminatorShade5, .discriminatorShade6,
      .discriminatorShade7, .discriminatorShade8:
      -1
    }
  }

  /// The shade role of level 1…8 of a ramp (clamped), for p_g or for D(x).
  public static func shade(_ level: Int, discriminator: Bool) -> Style {
    let ramp = discriminator ? discriminatorShades : modelShades
    return ramp[min(max(level, 1), ramp.count) - 1]
  }

  public static let modelShades: [Style] = [
    .modelShade1, .modelShade2, .modelShade3, .modelShade4, .modelShade5, .modelShade6,
    .modelShade7, .modelShade8,
  ]
  public static let discriminatorShades: [Style] = [
    .discriminatorShade1, .discriminatorShade2, .discriminatorShade3, .discriminatorShade4,
    .discriminatorShade5, .discriminatorShade6, .discriminatorShade7, .discriminatorShade8,
  ]

  /// The level (1…8) of a shade role, and whether it is D's ramp; nil for other roles.
  public var shadeLevel: (level: Int, discriminator: Bool)? {
    if let i = Self.modelShades.firstIndex(of: self) { return (i + 1, false) }
    if let i = Self.discriminatorShades.firstIndex(of: self) { return (i + 1, true) }
    return nil
  }
}
