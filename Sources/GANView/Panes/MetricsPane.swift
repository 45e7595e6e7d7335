import GANCore

/// The numbers of the game over time: a sparkline per metric (oldest left, newest right)
/// and its current value. C(G) is drawn down to its floor −log 4, so the line reaching the
/// bottom means p_g = p_data (Theorem 1).
enum MetricsPane {
  /// The cell style of a metric's value and sparkline.
  static func style(_ role: Metric.Role) -> Style {
    switch role {
    case .divergence: .metric
    case .discriminator: .discriminator
    case .generator: .model
    }
  }

  /// Draws the pane. With room for two rows per metric the label and value get their own
  /// row above a full-width sparkline; otherwise all three share one row.
  static func draw(
    history: MetricHistory, loss: Loss?, into grid: inout CellGrid, x: Int, y: Int,
    width: Int, height: Int, symbols: SymbolSet
  ) {
    grid.put("metrics (nats)", x: x, y: y, style: .heading, limit: width)
    let latest = history.samples.last
    let primaryCount = Metric.table.filter(\.isPrimary).count
    let twoRows = height - 1 >= 2 * primaryCount
    // The primary metrics first, then the others while there is room.
    let ordered = Metric.table.filter(\.isPrimary) + Metric.table.filter { !$0.isPrimary }
    let shown = ordered.prefix(twoRows ? (height - 1) / 2 : height - 1)
    let valueWidth = 9
    for (index, metric) in shown.enumerated() {
      let label = metric.label(for: loss, ascii: !symbols.usesBraille)
      let style = style(metric.role)
      let value = latest.map { NumberFormat.general(metric.value($0), significant: 4) } ?? "-"
      let valueText = String(value.prefix(valueWidth))
      let values = history.suffix(width).map(metric.value)
      if twoRows {
        let row = y + 1 + 2 * index
        grid.put(label, x: x, y: row, style: .text, limit: width - valueWidth - 1)
        grid.put(valueText, x: x + width - valueText.count, y: row, style: style)
        drawSparkline(
          values, scale: metric.scale, style: style, into: &grid, x: x, y: row + 1,
          width: width, symbols: symbols)
      } else {
        let row = y + 1 + index
        guard row < y + height else { break }
        let labelWidth = 8
        grid.put(label, x: x, y: row, style: .text, limit: labelWidth)
        let sparkWidth = max(width - labelWidth - valueWidth - 2, 1)
        drawSparkline(
          Array(values.suffix(sparkWidth)), scale: metric.scale, style: style,
          into: &grid, x: x + labelWidth + 1, y: row, width: sparkWidth, symbols: symbols)
        grid.put(valueText, x: x + width - valueText.count, y: row, style: style)
      }
    }
  }

  /// The last `width` values, right-aligned so the newest is always at the right edge.
  static func drawSparkline(
    _ values: [Double], scale: Metric.Scale, style: Style, into grid: inout CellGrid,
    x: Int, y: Int, width: Int, symbols: SymbolSet
  ) {
    let shown = values.suffix(width)
    let (lower, upper) = range(of: Array(shown), scale: scale)
    let levels = symbols.sparkLevels
    var column = x + width - shown.count
    for value in shown {
      if value.isFinite {
        let fraction = upper > lower ? (value - lower) / (upper - lower) : 0
        let level = Int((min(max(fraction, 0), 1) * Double(levels.count - 1)).rounded())
        grid[column, y] = Cell(levels[level], style)
      } else {
        grid[column, y] = Cell(symbols.notFinite, .warning)
      }
      column += 1
    }
  }

  /// The value range a sparkline spans.
  static func range(of values: [Double], scale: Metric.Scale) -> (Double, Double) {
    let finite = values.filter(\.isFinite)
    let low = finite.min() ?? 0
    let high = finite.max() ?? 1
    switch scale {
    case .fromZero: return (min(0, low), high)
    case .floor(let floor): return (floor, max(high, floor))
    case .unit: return (0, 1)
    case .automatic: return (low, high)
    }
  }
}
