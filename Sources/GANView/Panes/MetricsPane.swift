import Foundation
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
    // Only the numbers that mean something for the model: the Dirac-GAN (the only run with
    // a ψ) has no density, so its JSD and KL say nothing; its distance from (c, 0) does.
    let model = latest?.model ?? .perceptron
    let meaningful = Metric.table.filter { $0.applies.holds(model: model) }
    let primaryCount = meaningful.filter(\.isPrimary).count
    let twoRows = height - 1 >= 2 * primaryCount
    // The primary metrics first, then the others while there is room; a secondary metric
    // that has no value in the whole history (the modes of a target without normal modes,
    // a metric an older recording lacks) is left out.
    let secondary = meaningful.filter { metric in
      !metric.isPrimary && history.samples.contains { !metric.value($0).isNaN }
    }
    let ordered = meaningful.filter(\.isPrimary) + secondary
    // A value that is not a number is marked × in its sparkline; while one is on screen,
    // the last row says so.
    // A NaN before the metric's first value is not yet measured (a loss before the first
    // step): blank, not ×.
    let marked = ordered.contains { metric in
      let window = measured(metric, in: history, last: width)
      return window.values.dropFirst(window.notYet).contains { !$0.isFinite }
    }
    let room = height - 1 - (marked ? 1 : 0)
    let shown = ordered.prefix(twoRows ? room / 2 : room)
    if marked {
      grid.put(String(symbols.notFinite), x: x, y: y + height - 1, style: .warning)
      // As much of the explanation as the pane has room for, never a cut word (at 80
      // columns: "not a number (NaN/inf)").
      let words =
        [" not a number (NaN or infinite)", " not a number (NaN/inf)", " not a number"].first {
          $0.count <= width - 1
        } ?? ""
      grid.put(words, x: x + 1, y: y + height - 1, style: .dim)
    }
    let valueWidth = 9
    for (index, metric) in shown.enumerated() {
      // A click on a metric's rows shows its history.
      if let tableIndex = Metric.table.firstIndex(where: { $0.key == metric.key }) {
        let rows = twoRows ? 2 : 1
        let top = y + 1 + rows * index
        if top + rows <= y + height {
          grid.mark(.metric(tableIndex), x: x, y: top, width: width, height: rows)
        }
      }
      // One row each: the short label, so the sparkline keeps its room; over two rows the
      // full label, or the short one where the full one would be cut before the value (the
      // Dirac-GAN's in ASCII at 80 columns: "psi (D = psi*x)").
      let ascii = !symbols.usesBraille
      let full = metric.label(for: loss, ascii: ascii)
      let label =
        twoRows && full.count <= width - valueWidth - 1
        ? full : metric.label(for: loss, ascii: ascii, short: true)
      let scale = metric.scale(for: loss)
      let style = style(metric.role)
      let valueText =
        latest.map { NumberFormat.fitting(metric.value($0), width: valueWidth) } ?? "-"
      let window = measured(metric, in: history, last: width)
      let values = window.values
      if twoRows {
        let row = y + 1 + 2 * index
        grid.put(label, x: x, y: row, style: .text, limit: width - valueWidth - 1)
        // A fixed logarithmic scale says its range, so a flat line at the bottom reads as
        // "below 1e-08", not as "small compared with its own past".
        if let range = rangeLabel(scale, symbols: symbols) {
          let start = x + label.count + 1
          if start + range.count < x + width - valueText.count - 1 {
            grid.put(range, x: start, y: row, style: .dim)
          }
        }
        grid.put(valueText, x: x + width - valueText.count, y: row, style: style)
        drawSparkline(
          values, notYet: window.notYet, scale: scale, style: style, into: &grid, x: x,
          y: row + 1, width: width, symbols: symbols)
      } else {
        let row = y + 1 + index
        guard row < y + height else { break }
        let labelWidth = Metric.shortLabelWidth
        grid.put(label, x: x, y: row, style: .text, limit: labelWidth)
        let sparkWidth = max(width - labelWidth - valueWidth - 2, 1)
        drawSparkline(
          Array(values.suffix(sparkWidth)),
          notYet: max(window.notYet - max(values.count - sparkWidth, 0), 0), scale: scale,
          style: style, into: &grid, x: x + labelWidth + 1, y: row, width: sparkWidth,
          symbols: symbols)
        grid.put(valueText, x: x + width - valueText.count, y: row, style: style)
      }
    }
  }

  /// A metric's last `count` values, and how many of them come before its first value in
  /// the whole history (not yet measured: a loss before the first step).
  static func measured(_ metric: Metric, in history: MetricHistory, last count: Int) -> (
    values: [Double], notYet: Int
  ) {
    let all = history.samples.map(metric.value)
    let first = all.firstIndex { !$0.isNaN } ?? all.count
    let start = max(all.count - max(count, 0), 0)
    return (Array(all[start...]), min(max(first - start, 0), all.count - start))
  }

  /// The last `width` values, right-aligned so the newest is always at the right edge; the
  /// first `notYet` of them (not measured yet) are left blank, any other value that is not
  /// finite is marked ×.
  static func drawSparkline(
    _ values: [Double], notYet: Int = 0, scale: Metric.Scale, style: Style,
    into grid: inout CellGrid, x: Int, y: Int, width: Int, symbols: SymbolSet
  ) {
    let shown = values.suffix(width)
    let blank = max(notYet - (values.count - shown.count), 0)
    let (lower, upper) = range(of: Array(shown), scale: scale)
    let levels = symbols.sparkLevels
    var column = x + width - shown.count
    for (offset, value) in shown.enumerated() {
      if offset < blank {
        column += 1
        continue
      }
      if value.isFinite {
        let fraction = scale.fraction(value, lower: lower, upper: upper)
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
    case .fixed(let lower, let upper): return (lower, upper)
    case .automatic: return (low, high)
    case .logarithmic(let lower, let upper): return (lower, upper)
    }
  }

  /// The fixed range of a logarithmic sparkline as a label ("1e-8..100"), nil for others.
  static func rangeLabel(_ scale: Metric.Scale, symbols: SymbolSet) -> String? {
    guard case .logarithmic(let lower, let upper) = scale else { return nil }
    // ".." rather than "…": on screen an ellipsis only ever means text was cut.
    return "log " + decade(lower) + ".." + decade(upper)
  }

  /// A range end in few characters: "0.01", "100", "1e-8".
  static func decade(_ v: Double) -> String {
    let e = Int(log10(v).rounded())
    guard abs(v - pow(10, Double(e))) <= v * 1e-9, abs(e) > 3 else {
      return NumberFormat.general(v, significant: 3)
    }
    return "1e\(e)"
  }
}

extension Metric.Scale {
  /// Where `value` lies between `lower` and `upper` (0 bottom, 1 top; clamped by the caller):
  /// linear, or in decades for a logarithmic scale, where 0 and below sit at the bottom.
  func fraction(_ value: Double, lower: Double, upper: Double) -> Double {
    guard upper > lower else { return 0 }
    if case .logarithmic = self {
      guard value > 0, lower > 0 else { return 0 }
      return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
    return (value - lower) / (upper - lower)
  }
}

extension TrainingMetrics {
  /// The model these numbers are of, as far as a view can tell from them: only the
  /// Dirac-GAN has a ψ (NaN for the perceptron, and in a recording older than the metric).
  /// The metrics pane, the comparison's columns and the status line leave out what does not
  /// apply to it (`Metric.Applicability`).
  var model: NetModel { discriminatorSlope.isNaN ? .perceptron : .dirac }
}
