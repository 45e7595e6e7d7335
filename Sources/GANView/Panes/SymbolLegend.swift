/// The help's section on the marks the screens draw (kept apart from the help's other
/// content, which the scenarios' glossary may extend): what ×, ▲, ✚, ●, ↑ and ┊ mean. Each
/// is also explained where it appears (the metrics pane's last row, the titles and keys of
/// the panes over time, the plot's legend); the help gathers them, where it has room.
enum SymbolLegend {
  static let title = "symbols:"

  static func items(_ symbols: SymbolSet) -> [HelpOverlay.LegendItem] {
    [
      HelpOverlay.LegendItem(
        symbol: symbols.notFinite, style: .warning, words: "value not a number"),
      HelpOverlay.LegendItem(
        symbol: symbols.usesBraille ? "↑" : "^", style: .model, words: "p_g peak off the axis (f)"),
      HelpOverlay.LegendItem(
        symbol: symbols.usesBraille ? "▲" : "^", style: .data, words: "a mode of p_data"),
      HelpOverlay.LegendItem(
        symbol: symbols.targetMark, style: .data, words: "target (mu, sd) or equilibrium"),
      HelpOverlay.LegendItem(symbol: symbols.currentMark, style: .model, words: "now"),
      HelpOverlay.LegendItem(
        symbol: symbols.usesBraille ? "┊" : ":", style: .heading, words: "a knob turned"),
    ]
  }
}
