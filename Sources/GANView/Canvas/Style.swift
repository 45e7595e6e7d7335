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
    case .text, .axis, .heading, .metric, .status, .warning: -1
    }
  }
}
