import GANCore

/// The metrics of a comparison, a column per run: its number and label (`1 loss=minimax`)
/// in the run's role, its iteration, state and fixes, then a row per metric with a sparkline of
/// the run's history and the newest value. The metric rows share one label column on the
/// left, so the same metric of every run reads across one row.
enum ComparisonColumns {
  /// What the columns may show, by `Metric.table` key: the distances to p_data, both
  /// losses, and G's mean and spread (a collapse shows as sd G going to 0); for the
  /// Dirac-GAN its distance from the equilibrium and ψ. Each comparison shows those that
  /// apply to its runs' model (`Metric.Applicability`, as the metrics pane does): six rows
  /// either way, not the JSD or G's spread of a point mass.
  static let metricKeys = [
    "jsd", "dirac_distance", "w1", "loss_d", "loss_g", "g_mean", "g_std", "psi",
  ]

  /// The metrics of `model`'s runs, in their rows' order.
  static func metrics(for model: NetModel) -> [Metric] {
    metricKeys.compactMap(Metric.named).filter { $0.applies.holds(model: model) }
  }

  /// The model of the compared runs (a comparison never mixes models), as their numbers
  /// tell it; the perceptron's before any run has a number.
  static func model(of columns: [Column]) -> NetModel {
    let latest = columns.lazy.compactMap { $0.snapshot?.metrics ?? $0.history.samples.last }
    return latest.first?.model ?? .perceptron
  }

  /// Rows the pane needs: the heading, the iteration and the run's state and fixes (on a
  /// second row when some column needs it), one per metric.
  static func rows(_ columns: [Column], width: Int) -> Int {
    let inner = columnWidth(count: columns.count, width: width) - 1
    let stateRows = columns.map { stateLines($0, width: inner - 1).count }.max() ?? 1
    return 1 + max(stateRows, 1) + metrics(for: model(of: columns)).count
  }

  /// A column's width for `count` runs across `width`.
  static func columnWidth(count: Int, width: Int) -> Int {
    max((width - labelWidth) / max(count, 1), valueWidth + 2)
  }

  /// The column's iteration, its state words and the fixes it has now (keys reach one run
  /// at a time), as the status line says them for a single run: on one row, or two when
  /// they do not fit; a word is never cut.
  static func stateLines(_ column: Column, width: Int) -> [String] {
    var words = [column.snapshot.map { "\($0.iteration)" } ?? "-"]
    if column.snapshot?.divergedAtIteration != nil { words.append("DIVERGED") }
    words += column.flags
    if let snapshot = column.snapshot {
      words += StatusBar.fixWords(snapshot.hyperparameters.stabilizers, at: snapshot.iteration)
    }
    return TextWrap.titleRows(words, width: width, maxRows: 2, separator: " ", symbols: .unicode)
  }

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
    let shown = metrics(for: model(of: columns))
    guard !columns.isEmpty else { return }
    let columnWidth = Self.columnWidth(count: columns.count, width: width)
    let stateRows = columns.map { stateLines($0, width: columnWidth - 2).count }.max() ?? 1
    let metricsTop = y + 1 + max(stateRows, 1)
    // A label too long for its column loses its knob names (`minimax 1` for `loss=minimax
    // k=1`); the names then head the label column instead, once for every run.
    let short = columns.contains { "\($0.label)".count + 2 > columnWidth - 2 }
    let knobNames = columns[0].label.split(separator: " ").map { $0.split(separator: "=")[0] }
    let heading = short ? knobNames.joined(separator: " ") : "run"
    grid.put(heading, x: x, y: y, style: .heading, limit: labelWidth - 1)
    grid.put("iteration", x: x, y: y + 1, style: .text)
    for (row, metric) in shown.enumerated() {
      grid.put(
        metric.label(for: nil, ascii: !symbols.usesBraille, short: true), x: x,
        y: metricsTop + row, style: .text, limit: labelWidth - 1)
    }
    for (index, column) in columns.enumerated() {
      let left = x + labelWidth + index * columnWidth
      let inner = columnWidth - 1
      // A click on a run's column selects it, as its digit does.
      grid.mark(
        .compareRun(index + 1), x: left, y: y, width: columnWidth,
        height: metricsTop + shown.count - y)
      let role = ComparisonPlot.style(ofRun: index)
      let mark = selected == index ? symbols.pick("▸", ">") : " "
      grid.put(mark, x: left, y: y, style: .heading)
      grid.put(
        "\(index + 1) "
          + (short ? values(of: column.label, fitting: inner - 3) : column.label),
        x: left + 1, y: y, style: role, limit: inner - 1)
      let lines = stateLines(column, width: inner - 1)
      let warns = column.snapshot?.divergedAtIteration != nil || column.flags.contains("PAUSED")
      for (offset, line) in lines.enumerated() {
        grid.put(line, x: left + 1, y: y + 1 + offset, style: warns ? .warning : .text)
      }
      let latest = column.history.samples.last
      let sparkWidth = max(inner - valueWidth - 2, 0)
      for (row, metric) in shown.enumerated() {
        let line = metricsTop + row
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
  /// longest value abbreviated first (cut, with a full stop) until they fit `width`, so that
  /// no run loses the value that tells it apart (`nonsatur. 1`, not `nonsaturatin`).
  static func values(of label: String, fitting width: Int) -> String {
    var words = label.split(separator: " ").map {
      String($0.split(separator: "=", maxSplits: 1).last ?? $0)
    }
    var lengths = words.map(\.count)
    func total() -> Int { lengths.reduce(words.count - 1, +) }
    while total() > width, let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] }),
      lengths[longest] > 3
    {
      lengths[longest] -= 1
    }
    for index in words.indices where lengths[index] < words[index].count {
      words[index] = String(words[index].prefix(lengths[index] - 1)) + "."
    }
    return words.joined(separator: " ")
  }
}
