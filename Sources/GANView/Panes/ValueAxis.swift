import Foundation
import GANCore

/// A vertical axis over any range of values, linear or in decades, with round ticks and
/// their labels left of it: the y axis of the panes over time (the density axis of the plot
/// always starts at 0 and has its own).
struct ValueAxis: Equatable {
  var lower: Double
  var upper: Double
  var logarithmic: Bool

  /// The axis over `values` (finite ones; positive ones for a log axis), widened to
  /// include `including`, with a little room above and below so no line touches the frame.
  init(values: [Double], including: [Double] = [], logarithmic: Bool) {
    self.logarithmic = logarithmic
    var all = (values + including).filter { $0.isFinite && (!logarithmic || $0 > 0) }
    if all.isEmpty { all = logarithmic ? [1e-3, 1] : [0, 1] }
    var low = all.min()!
    var high = all.max()!
    if logarithmic {
      low = log10(low)
      high = log10(high)
    }
    if high - low < 1e-12 {
      let pad = max(abs(high) * 0.1, logarithmic ? 0.5 : 1e-3)
      low -= pad
      high += pad
    } else {
      let pad = (high - low) * 0.05
      low -= pad
      high += pad
    }
    lower = low
    upper = high
  }

  /// Where `value` lies, 0 at the bottom and 1 at the top (nil when it cannot be drawn).
  func fraction(_ value: Double) -> Double? {
    guard value.isFinite, !logarithmic || value > 0 else { return nil }
    let v = logarithmic ? log10(value) : value
    return (v - lower) / (upper - lower)
  }

  /// The dot row of `value` on a canvas `dotHeight` dots tall (clamped to it).
  func dotY(_ value: Double, dotHeight: Int) -> Int? {
    guard let f = fraction(value) else { return nil }
    let y = ((1 - f) * Double(dotHeight - 1)).rounded()
    return Int(min(max(y, 0), Double(max(dotHeight - 1, 0))))
  }

  /// Which side of the plot an axis stands on: its labels are outside, away from the plot.
  enum Side {
    case left
    case right
  }

  /// Draws the axis line at column `axis` over `rows` rows from `top`, with tick labels in
  /// the `gutter` columns outside it: right-aligned on the left of a plot, left-aligned on
  /// its right (a second metric's axis).
  func draw(
    into grid: inout CellGrid, axis: Int, top: Int, rows: Int, gutter: Int, symbols: SymbolSet,
    side: Side = .left
  ) {
    for row in top..<(top + rows) { grid[axis, row] = Cell(symbols.vertical, .axis) }
    for (value, label) in ticks(count: max(rows / 3, 2)) {
      guard let y = dotY(value, dotHeight: rows * 4) else { continue }
      let row = top + y / 4
      switch side {
      case .left:
        grid[axis, row] = Cell(symbols.tickLeft, .axis)
        let shown = String(label.suffix(gutter))
        grid.put(shown, x: axis - shown.count, y: row, style: .axis)
      case .right:
        grid[axis, row] = Cell(symbols.tickRight, .axis)
        grid.put(String(label.prefix(gutter - 1)), x: axis + 1, y: row, style: .axis)
      }
    }
  }

  /// Round values inside the axis and their labels: decades on a log axis, 1-2-5 steps on
  /// a linear one.
  func ticks(count: Int) -> [(Double, String)] {
    if logarithmic {
      let first = Int(lower.rounded(.up))
      let last = Int(upper.rounded(.down))
      guard first <= last else { return [] }
      let stride = max((last - first + 1) / max(count, 1), 1)
      return Swift.stride(from: first, through: last, by: stride).map { e in
        (NumberFormat.power10(e), "1e" + String(e))
      }
    }
    let (step, decimals) = NumberFormat.tickStep(span: upper - lower, count: count)
    var result: [(Double, String)] = []
    var index = (lower / step).rounded(.up)
    while index * step <= upper {
      let value = index * step
      result.append(
        (value, NumberFormat.fixed(abs(value) < step * 1e-9 ? 0 : value, decimals: decimals)))
      index += 1
    }
    return result
  }
}
