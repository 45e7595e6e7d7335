import GANCore

/// The comparison screen (`live --compare`, `replay a.gans b.gans`): the status line, one
/// plot with every run (ComparisonPlot), a column of metrics per run (ComparisonColumns),
/// the footer. Pure, like `Screen`, and built from the same chrome, panes and canvas.
public enum CompareScreen {
  /// One run as the screen shows it.
  public struct Run: Sendable, Equatable {
    /// What sets the run apart (`loss=minimax`).
    public var label: String
    public var snapshot: Snapshot?
    public var status: LiveStatus

    public init(label: String, snapshot: Snapshot?, status: LiveStatus = LiveStatus()) {
      self.label = label
      self.snapshot = snapshot
      self.status = status
    }
  }

  /// The live comparison.
  public static func render(
    runs: [Run], state: CompareState, width: Int, height: Int, symbols: SymbolSet
  ) -> CellGrid {
    let chrome = Screen.Chrome(
      tokens: liveTokens(runs, state: state),
      footer: { CompareKeys.table.footer(width: $0, symbols: symbols) },
      help: HelpOverlay.Content(keys: CompareKeys.table))
    return compose(
      runs: runs, flags: runs.map { liveFlags($0.status) }, state: state, view: state.view,
      chrome: chrome, width: width, height: height, symbols: symbols)
  }

  /// Recordings replayed side by side: the replay's status words and timeline, on the
  /// common iteration axis (`iteration`: the axis' value at the replay's position). A run
  /// with no frame that early shows none; `warnings` are the damaged files' lines.
  public static func renderReplay(
    runs: [Run], state: CompareState, replay: ReplayState, iteration: Int?,
    warnings: [String] = [], width: Int, height: Int, symbols: SymbolSet
  ) -> CellGrid {
    var rows: [(inout CellGrid, Int) -> Void] = warnings.prefix(2).map { warning in
      { grid, y in
        grid.put(symbols.truncated(warning, to: grid.width - 2), x: 1, y: y, style: .warning)
      }
    }
    rows.append { grid, y in
      Timeline.draw(
        frame: replay.frame, count: replay.frameCount, markers: [], into: &grid, y: y,
        symbols: symbols)
    }
    var words: [StatusBar.Token] = []
    func add(_ text: String, _ style: Style = .status) {
      words.append(StatusBar.Token(text: text, style: style))
    }
    add("replay")
    add("runs=\(runs.count)")
    add("point=\(replay.frame + 1)/\(replay.frameCount)")
    if let iteration { add("iter=\(iteration)") }
    add("speed=\(replay.speedLabel)")
    add(state.densityScale.statusWord)
    if !replay.playing { add("PAUSED", .warning) }
    let chrome = Screen.Chrome(
      tokens: words,
      footer: { CompareReplayKeys.table.footer(width: $0, symbols: symbols) },
      help: HelpOverlay.Content(keys: CompareReplayKeys.table), bottomRows: rows)
    var grid = compose(
      runs: runs, flags: runs.map { $0.snapshot == nil ? ["not started"] : [] }, state: state,
      view: replay.view, chrome: chrome, width: width, height: height, symbols: symbols)
    // Side by side there is no run to select (the digits jump through the recordings):
    // a click on a run's column does nothing.
    grid.hotspots.removeAll { if case .compareRun = $0.target { true } else { false } }
    return grid
  }

  /// `iter=` of the run furthest behind (they train at one pace, so they stay close),
  /// then the pace, the runs paused, recording, and whom the keys act on.
  static func liveTokens(_ runs: [Run], state: CompareState) -> [StatusBar.Token] {
    var words: [StatusBar.Token] = []
    func add(_ text: String, _ style: Style = .status) {
      words.append(StatusBar.Token(text: text, style: style))
    }
    add("compare")
    add("runs=\(runs.count)")
    let iterations = runs.compactMap { $0.snapshot?.iteration }
    if let lowest = iterations.min() { add("iter=\(lowest)") }
    if let pace = runs.first?.status.pace { add("pace=\(pace.label)") }
    let paused = runs.indices.filter { runs[$0].status.paused }
    if !paused.isEmpty {
      add(
        paused.count == runs.count
          ? "PAUSED" : "PAUSED=" + paused.map { "\($0 + 1)" }.joined(separator: ","), .warning)
    }
    let diverged = runs.indices.filter { runs[$0].snapshot?.divergedAtIteration != nil }
    if !diverged.isEmpty {
      add("DIVERGED=" + diverged.map { "\($0 + 1)" }.joined(separator: ","), .warning)
    }
    // The second row: the recording, the axis and whom the keys reach.
    if let path = runs.compactMap(\.status.recordingPath).first {
      words.append(StatusBar.recording(path, group: .settings))
    }
    words.append(
      StatusBar.Token(text: state.densityScale.statusWord, style: .status, group: .settings))
    words.append(
      StatusBar.Token(
        text: "keys=" + (state.selected.map { "run \($0 + 1)" } ?? "all"), style: .status,
        group: .settings))
    return words
  }

  /// A live run's words in its column.
  static func liveFlags(_ status: LiveStatus) -> [String] {
    status.paused ? ["PAUSED"] : []
  }

  static func compose(
    runs: [Run], flags: [[String]], state: CompareState, view: ViewState,
    chrome: Screen.Chrome, width: Int, height: Int, symbols: SymbolSet
  ) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    guard width >= Screen.minimumWidth, height >= Screen.minimumHeight else {
      Screen.drawTooSmall(into: &grid, symbols: symbols)
      return grid
    }
    var statusRows = StatusBar.rows(chrome.tokens, width: width)
    if statusRows.count > 2 { statusRows = Array(statusRows.prefix(2)) }
    StatusBar.draw(statusRows, into: &grid, top: 0)
    StatusBar.drawFooter(
      into: &grid, row: height - 1, state: view, hint: chrome.footer(width - 2),
      symbols: symbols)
    let bottom = height - 1 - chrome.bottomRows.count
    for (offset, draw) in chrome.bottomRows.enumerated() { draw(&grid, bottom + offset) }

    let top = statusRows.count
    // Each column's label says what its run has now: a key that reached one run changes it.
    let labels = RunLabels.live(runs.map(\.label), snapshots: runs.map(\.snapshot))
    let columns = runs.enumerated().map { index, run in
      ComparisonColumns.Column(
        label: labels[index], snapshot: run.snapshot,
        history: index < state.runs.count ? state.runs[index].history : MetricHistory(),
        flags: index < flags.count ? flags[index] : [])
    }
    let tableTop = bottom - ComparisonColumns.rows(columns, width: width - 2)
    grid.fill(
      x: 0, y: tableTop - 1, width: width, height: 1, with: symbols.horizontal, style: .dim)
    ComparisonPlot.draw(
      runs.map(\.snapshot), state: state, into: &grid, x: 0, y: top, width: width,
      height: tableTop - 1 - top, symbols: symbols)
    ComparisonColumns.draw(
      columns, selected: state.selected, into: &grid, x: 1, y: tableTop, width: width - 2,
      symbols: symbols)

    if view.showHelp {
      HelpOverlay.draw(view.helpPage, keys: chrome.help, into: &grid, symbols: symbols)
    }
    return grid
  }
}
