/// The look of each series, after the paper's Figure 1: p_data black and dotted, p_g green
/// and solid, D(x) blue and dashed; D*(x) a faint light blue guide under D.
enum FigureStyle {
  static let data: [(String, String)] = [
    ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "2"),
    ("stroke-dasharray", "0.1 3.6"), ("stroke-linecap", "round"),
  ]
  static let model: [(String, String)] = [
    ("fill", "none"), ("stroke", "#1e9e1e"), ("stroke-width", "2"),
    ("stroke-linejoin", "round"),
  ]
  static let discriminator: [(String, String)] = [
    ("fill", "none"), ("stroke", "#1f3fd6"), ("stroke-width", "2"),
    ("stroke-dasharray", "7 4"),
  ]
  static let optimal: [(String, String)] = [
    ("fill", "none"), ("stroke", "#8fb8ff"), ("stroke-width", "1.5"),
    ("stroke-linejoin", "round"),
  ]
  /// p_g before panel (c)'s G step: a faint ghost of the green curve.
  static let modelBefore: [(String, String)] = [
    ("fill", "none"), ("stroke", "#1e9e1e"), ("stroke-opacity", "0.3"), ("stroke-width", "3"),
    ("stroke-linejoin", "round"),
  ]
  /// The samples' moves in panel (c), magnified: orange, apart from every curve.
  static let move = "#d9480f"
  /// A white outline drawn under a label's letters, so a curve passing behind it does not
  /// cross them out.
  static let halo: [(String, String)] = [
    ("stroke", "#ffffff"), ("stroke-width", "4"), ("stroke-linejoin", "round"),
    ("paint-order", "stroke"),
  ]
  /// The D = ½ reference line.
  static let half: [(String, String)] = [
    ("fill", "none"), ("stroke", "#b0b0b0"), ("stroke-width", "0.8"),
    ("stroke-dasharray", "2 3"),
  ]
  static let axis: [(String, String)] = [("stroke", "#444444"), ("stroke-width", "1")]
  static let arrow = "#222222"
  static let axisText = "#333333"
  static let discriminatorText = "#1f3fd6"
  static let modelText = "#1a7a1a"
  static let noteText = "#555555"
  static let warningText = "#c00000"
}
