import GANCore

/// The metrics of a comparison, a column per run: its number and label (`1 loss=minimax`)
/// in the run's role, its iteration, state and fixes, then a row per metric with a sparkline of
/// the run's history and the newest value. The metric rows share one label column on the
/// left, so the same metric of every run reads across one row.
enum ComparisonColumns {
  /// What each column shows, by `Metric.table` key: the distances to p_data, both losses,
  /// and G's mean and spread (a collapse shows as sd G going to 0).
  static let metricKeys = ["jsd", "w1", "loss_d", "loss_g", "g_mean", "g_std"]

  /// Rows the pane needs: the heading, the iteration, one per metric.
  static var rows: Int { 2 + metricKeys.count }

  static let labelWidth = 10
  static let valueWidth = 8

  /// One column's content.
  struct Column {
    var label: String
    var snapshot: Snapshot?
    var history: MetricHistory
    /// PAUSED, REC … shown after the iteration.
    var flags: [String]
  }

  static func draw(
    _ columns: [Column], selected: Int?, into grid: inout CellGrid, x: Int, y: Int,
    width: Int, symbols: SymbolSet
  ) {
    let metrics = metricKeys.compactMap(Metric.named)
    guard !columns.isEmpty else { return }
    let columnWidth = max((width - labelWidth) / columns.count, valueWidth + 2)
    // A label too long for its column loses its knob names (`minimax 1` for `loss=minimax
    // k=1`); the names then head the label column instead, once for every run.
    let short = columns.contains { "\($0.label)".count + 2 > columnWidth - 2 }
    let knobNames = columns[0].label.split(separator: " ").map { $0.split(separator: "=")[0] }
    let heading = short ? knobNames.joined(separator: " ") : "run"
    grid.put(heading, x: x, y: y, style: .heading, limit: labelWidth - 1)
    grid.put("iteration", x: x, y: y + 1, style: .text)
    for (row, metric) in metrics.enumerated() {
      grid.put(
        metric.label(for: nil, ascii: !symbols.usesBraille), x: x, y: y + 2 + row,
        style: .text, limit: labelWidth - 1)
    }
    for (index, column) in columns.enumerated() {
      let left = x + labelWidth + index * columnWidth
      let inner = columnWidth - 1
      let role = ComparisonPlot.style(ofRun: index)
      let mark = selected == index ? symbols.pick("▸", ">") : " "
      grid.put(mark, x: left, y: y, style: .heading)
      grid.put(
        symbols.truncated(
          "\(index + 1) "
            + (short
              ? values(of: column.label, fitting: inner - 3, symbols: symbols) : column.label),
          to: inner - 1),
        x: left + 1, y: y,
        style: role)
      var state = column.snapshot.map { "\($0.iteration)" } ?? "-"
      if column.snapshot?.divergedAtIteration != nil { state += " DIVERGED" }
      if !column.flags.isEmpty { state += " " + column.flags.joined(separator: " ") }
      // The fixes this run has now (keys reach one run at a time), as the status line says
      // them for a single run.
      if let snapshot = column.snapshot {
        let fixes = StatusBar.fixWords(
          snapshot.hyperparameters.stabilizers, at: snapshot.iteration)
        if !fixes.isEmpty { state += " " + fixes.joined(separator: " ") }
      }
      let warns = state.contains("DIVERGED") || state.contains("PAUSED")
      grid.put(
        symbols.truncated(state, to: inner - 1), x: left + 1, y: y + 1,
        style: warns ? .warning : .text)
      let latest = column.history.samples.last
      let sparkWidth = max(inner - valueWidth - 2, 0)
      for (row, metric) in metrics.enumerated() {
        let line = y + 2 + row
        let style = MetricsPane.style(metric.role)
        if sparkWidth > 0 {
          MetricsPane.drawSparkline(
            column.history.suffix(sparkWidth).map(metric.value), scale: metric.scale,
            style: role, into: &grid, x: left + 1, y: line, width: sparkWidth, symbols: symbols)
        }
        let text = latest.map { NumberFormat.fitting(metric.value($0), width: valueWidth) } ?? "-"
        grid.put(text, x: left + inner - text.count, y: line, style: style)
      }
    }
  }

  /// A label's values without their knob names (`minimax 1` for `loss=minimax k=1`), the
  /// longest value shortened first until they fit `width`, so that no run loses the value
  /// that tells it apart (`nonsatura… 1`, not `nonsaturatin…`).
  static func values(of label: String, fitting width: Int, symbols: SymbolSet) -> String {
    var words = label.split(separator: " ").map {
      String($0.split(separator: "=", maxSplits: 1).last ?? $0)
    }
    var lengths = words.map(\.count)
    func total() -> Int { lengths.reduce(words.count - 1, +) }
    while total() > width, let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] }),
      lengths[longest] > 2
    {
      lengths[longest] -= 1
    }
    for index in words.indices {
      words[index] = symbols.truncated(words[index], to: lengths[index])
    }
    return words.joined(separator: " ")
  }
}
