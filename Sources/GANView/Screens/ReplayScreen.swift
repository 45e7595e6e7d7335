import GANCore

extension Screen {
  /// The replay's screen: the live view's figure of the recorded snapshot, with the
  /// replay's status words (`frame=`, `speed=`), a timeline row above the footer, and above
  /// it, when the recording was damaged, a warning row that stays up.
  public static func render(
    snapshot: Snapshot?, replay: ReplayState, warning: String? = nil, width: Int, height: Int,
    symbols: SymbolSet
  ) -> CellGrid {
    var rows: [(inout CellGrid, Int) -> Void] = []
    if let warning {
      rows.append { grid, y in
        grid.put(symbols.truncated(warning, to: grid.width - 2), x: 1, y: y, style: .warning)
      }
    }
    rows.append { grid, y in
      Timeline.draw(
        frame: replay.frame, count: replay.frameCount, markers: replay.markers,
        gaps: replay.gaps.map(\.before), into: &grid, y: y, symbols: symbols)
    }
    let chrome = Chrome(
      tokens: StatusBar.replayTokens(snapshot: snapshot, replay: replay, symbols: symbols),
      footer: { ReplayKeys.table.footer(width: $0, symbols: symbols) },
      help: replayHelp(symbols), bottomRows: rows)
    return compose(
      snapshot: snapshot, state: replay.view, chrome: chrome, width: width, height: height,
      symbols: symbols)
  }

  static func replayHelp(_ symbols: SymbolSet) -> HelpOverlay.Content {
    HelpOverlay.Content(
      keys: ReplayKeys.table, legendTitle: "timeline:", legend: Timeline.legend(symbols))
  }
}
