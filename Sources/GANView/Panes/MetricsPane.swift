import GANCore

/// The numbers of the game over time: a sparkline per metric (oldest left, newest right)
/// and its current value. C(G) is drawn down to its floor −log 4, so the line reaching the
/// bottom means p_g = p_data (Theorem 1).
enum MetricsPane {
  /// How a sparkline maps values to its eight levels.
  enum Scale: Equatable {
    /// From 0 (or the lowest value if negative) to the highest.
    case fromZero
    /// From a fixed floor to the highest value.
    case floor(Double)
    /// Fixed 0…1 (probabilities).
    case unit
    /// From the lowest to the highest value.
    case automatic
  }

  struct Metric {
    var label: String
    var asciiLabel: String
    var style: Style
    var scale: Scale
    var value: @Sendable (TrainingMetrics) -> Double
  }

  static let floorOfC = -2 * 0.693_147_180_559_945_3  // −log 4

  static let metrics: [Metric] = [
    Metric(
      label: "JSD", asciiLabel: "JSD", style: .metric, scale: .fromZero, value: \.jensenShannon),
    Metric(
      label: "C(G) ≥ −1.386", asciiLabel: "C(G) >= -1.386", style: .metric,
      scale: .floor(floorOfC), value: \.virtualCriterion),
    Metric(
      label: "KL(p_d‖p_g)", asciiLabel: "KL(p_d||p_g)", style: .metric, scale: .fromZero,
      value: \.klDataModel),
    Metric(
      label: "KL(p_g‖p_d)", asciiLabel: "KL(p_g||p_d)", style: .metric, scale: .fromZero,
      value: \.klModelData),
    Metric(label: "W1", asciiLabel: "W1", style: .metric, scale: .fromZero, value: \.wasserstein),
    Metric(
      label: "loss D", asciiLabel: "loss D", style: .discriminator, scale: .automatic,
      value: \.discriminatorLoss),
    Metric(
      label: "loss G", asciiLabel: "loss G", style: .model, scale: .automatic,
      value: \.generatorLoss),
    Metric(
      label: "D(real)", asciiLabel: "D(real)", style: .discriminator, scale: .unit,
      value: \.meanDReal),
    Metric(
      label: "D(fake)", asciiLabel: "D(fake)", style: .model, scale: .unit,
      value: \.meanDFake),
  ]

  /// Shown below the main ones when there is room, most telling first.
  static let extras: [Metric] = [
    Metric(
      label: "V(G,D)", asciiLabel: "V(G,D)", style: .metric, scale: .automatic, value: \.value),
    Metric(
      label: "‖∇D‖", asciiLabel: "|grad D|", style: .discriminator, scale: .fromZero,
      value: \.discriminatorGradientNorm),
    Metric(
      label: "‖∇G‖", asciiLabel: "|grad G|", style: .model, scale: .fromZero,
      value: \.generatorGradientNorm),
    Metric(
      label: "mean G(z)", asciiLabel: "mean G(z)", style: .model, scale: .automatic,
      value: \.generatorMean),
    Metric(
      label: "sd G(z)", asciiLabel: "sd G(z)", style: .model, scale: .fromZero,
      value: \.generatorStandardDeviation),
  ]

  /// Draws the pane. With room for two rows per metric the label and value get their own
  /// row above a full-width sparkline; otherwise all three share one row.
  static func draw(
    history: MetricHistory, into grid: inout CellGrid, x: Int, y: Int, width: Int,
    height: Int, symbols: SymbolSet
  ) {
    grid.put("metrics (nats)", x: x, y: y, style: .heading, limit: width)
    let latest = history.samples.last
    let twoRows = height - 1 >= 2 * metrics.count
    let shown = (metrics + extras).prefix(twoRows ? (height - 1) / 2 : height - 1)
    let valueWidth = 9
    for (index, metric) in shown.enumerated() {
      let label = symbols.pick(metric.label, metric.asciiLabel)
      let value = latest.map { NumberFormat.general(metric.value($0), significant: 4) } ?? "-"
      let valueText = String(value.prefix(valueWidth))
      let values = history.suffix(width).map(metric.value)
      if twoRows {
        let row = y + 1 + 2 * index
        grid.put(label, x: x, y: row, style: .text, limit: width - valueWidth - 1)
        grid.put(valueText, x: x + width - valueText.count, y: row, style: metric.style)
        drawSparkline(
          values, scale: metric.scale, style: metric.style, into: &grid, x: x, y: row + 1,
          width: width, symbols: symbols)
      } else {
        let row = y + 1 + index
        guard row < y + height else { break }
        let labelWidth = 8
        grid.put(label, x: x, y: row, style: .text, limit: labelWidth)
        let sparkWidth = max(width - labelWidth - valueWidth - 2, 1)
        drawSparkline(
          Array(values.suffix(sparkWidth)), scale: metric.scale, style: metric.style,
          into: &grid, x: x + labelWidth + 1, y: row, width: sparkWidth, symbols: symbols)
        grid.put(valueText, x: x + width - valueText.count, y: row, style: metric.style)
      }
    }
  }

  /// The last `width` values, right-aligned so the newest is always at the right edge.
  static func drawSparkline(
    _ values: [Double], scale: Scale, style: Style, into grid: inout CellGrid, x: Int, y: Int,
    width: Int, symbols: SymbolSet
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
  static func range(of values: [Double], scale: Scale) -> (Double, Double) {
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
