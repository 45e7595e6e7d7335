import GANCore

/// Composes one whole screen. Pure: the same snapshot, state, status, size and symbol set
/// always give the same grid, which is what the golden tests pin down and what lets a
/// replayed frame look exactly like a live one.
///
/// Layout (top to bottom): the status line (two rows: the moment, the settings); the body with the plot and
/// the z → x map on the left and the metrics on the right; in a replay, a damage warning and
/// the timeline (ReplayScreen.swift), in a played scenario its caption box (CaptionPane);
/// the footer. The help overlay, when shown, covers the
/// middle.
public enum Screen {
  public static let minimumWidth = 80
  public static let minimumHeight = 24

  /// `caption`: a played scenario's caption box above the footer (`ganscope demo NAME`,
  /// `ganscope tour`); its help then lists the playback keys before the live ones.
  public static func render(
    snapshot: Snapshot?, state: ViewState, status: LiveStatus, caption: Caption? = nil,
    width: Int, height: Int, symbols: SymbolSet
  ) -> CellGrid {
    var chrome = Chrome(
      tokens: StatusBar.tokens(
        snapshot: snapshot, status: status, singleStep: state.singleStep,
        densityScale: state.densityScale, symbols: symbols),
      footer: { LiveKeys.table.footer(width: $0, symbols: symbols) },
      help: HelpOverlay.Content(
        keys: LiveKeys.table, legendTitle: SymbolLegend.title, legend: SymbolLegend.items(symbols)))
    if let caption {
      chrome.bottomRows = CaptionPane.rows(caption, width: width, height: height, symbols: symbols)
      chrome.help = HelpOverlay.Content(playback: PlaybackKeys.table, live: LiveKeys.table)
      chrome.help.legendTitle = SymbolLegend.title
      chrome.help.legend = SymbolLegend.items(symbols)
    }
    if state.sketch != nil {
      // The target editor takes the keys: its footer and its help.
      chrome.footer = { SketchKeys.table.footer(width: $0, symbols: symbols) }
      chrome.help = HelpOverlay.Content(keys: SketchKeys.table)
    }
    return compose(
      snapshot: snapshot, state: state, chrome: chrome, width: width, height: height,
      symbols: symbols)
  }

  /// What differs between the live view and the replay around the same figure: the status
  /// words, the footer's key hints, the help, and rows between the body and the footer.
  struct Chrome {
    var tokens: [StatusBar.Token]
    var footer: (_ width: Int) -> String
    var help: HelpOverlay.Content
    /// Drawers of the rows above the footer, top to bottom; each gets its row.
    var bottomRows: [(inout CellGrid, Int) -> Void] = []
  }

  static func compose(
    snapshot: Snapshot?, state: ViewState, chrome: Chrome, width: Int, height: Int,
    symbols: SymbolSet
  ) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    guard width >= minimumWidth, height >= minimumHeight else {
      drawTooSmall(into: &grid, symbols: symbols)
      return grid
    }
    var statusRows = StatusBar.rows(chrome.tokens, width: width)
    // Only a pathological target name could need a third row; keep the body usable.
    if statusRows.count > 3 { statusRows = Array(statusRows.prefix(3)) }
    StatusBar.draw(statusRows, into: &grid, top: 0)
    StatusBar.drawFooter(
      into: &grid, row: height - 1, state: state, hint: chrome.footer(width - 2),
      symbols: symbols)
    let bottom = height - 1 - chrome.bottomRows.count
    for (offset, draw) in chrome.bottomRows.enumerated() { draw(&grid, bottom + offset) }

    let top = statusRows.count
    let bodyHeight = bottom - top
    let metricsWidth = min(40, max(26, width * 3 / 10))
    let separator = width - metricsWidth - 1
    grid.fill(
      x: separator, y: top, width: 1, height: bodyHeight, with: symbols.vertical,
      style: .dim)
    MetricsPane.draw(
      history: state.history, loss: snapshot?.hyperparameters.loss, into: &grid,
      x: separator + 2, y: top, width: metricsWidth - 2,
      height: bodyHeight, symbols: symbols)

    if let snapshot, let sketch = state.sketch {
      SketchPane.draw(
        sketch, snapshot: snapshot, into: &grid, x: 0, y: top, width: separator,
        height: bodyHeight, symbols: symbols)
    } else if let snapshot, state.pane != .plot {
      drawPaneOverTime(
        snapshot, state: state, into: &grid, y: top, width: separator, height: bodyHeight,
        symbols: symbols)
    } else if let snapshot {
      let segmentRows = bodyHeight >= 30 ? 3 : 2
      let mappingRows = MappingPane.rows(segmentRows: segmentRows)
      let frame = PlotPane.draw(
        snapshot, state: state, into: &grid, x: 0, y: top, width: separator,
        height: bodyHeight - mappingRows, symbols: symbols)
      MappingPane.draw(
        snapshot, state: state, frame: frame, into: &grid, top: top + bodyHeight - mappingRows,
        segmentRows: segmentRows, symbols: symbols)
    } else {
      let text = symbols.pick("waiting for the first snapshot…", "waiting for the first snapshot")
      grid.put(
        text, x: max((separator - text.count) / 2, 0), y: top + bodyHeight / 2, style: .dim)
    }

    if state.showHelp {
      HelpOverlay.draw(state.helpPage, keys: chrome.help, into: &grid, symbols: symbols)
    }
    return grid
  }

  /// The message for a terminal below 80 × 24, centred, instead of a squashed figure.
  static func drawTooSmall(into grid: inout CellGrid, symbols: SymbolSet) {
    let times = symbols.pick("×", "x")
    let lines: [(String, Style)] = [
      ("terminal too small (need \(minimumWidth)\(times)\(minimumHeight))", .warning),
      ("now \(grid.width)\(times)\(grid.height); q quits", .dim),
    ]
    let top = (grid.height - lines.count) / 2
    for (offset, (text, style)) in lines.enumerated() {
      let shown = symbols.truncated(text, to: grid.width)
      grid.put(shown, x: max((grid.width - shown.count) / 2, 0), y: top + offset, style: style)
    }
  }
}
