import Foundation
import GANCore

/// The plot's density axis: 0…top (linear) or three decades below top…top (log). Values
/// above the top are clipped at the top row; `clipMarks` says where and how high, so a
/// clipped spike is never mistaken for a short one. PlotPane and ComparisonPlot share it.
struct DensityAxis: Equatable {
  var top: Double
  var logarithmic: Bool

  /// Decades shown below the top on a log axis.
  static let decades = 3

  init(top: Double, scale: DensityScale) {
    self.top = top > 0 && top.isFinite ? top : 1
    switch scale {
    case .data, .all: logarithmic = false
    case .log: logarithmic = true
    }
  }

  /// The lowest value a log axis shows (values below sit on its bottom row).
  var bottom: Double { logarithmic ? top / NumberFormat.power10(Self.decades) : 0 }

  /// Where `value` lies, 0 at the bottom and 1 at the top (above 1 when clipped).
  func fraction(_ value: Double) -> Double {
    guard logarithmic else { return value / top }
    guard value > bottom else { return 0 }
    return (log10(value) - log10(bottom)) / Double(Self.decades)
  }

  /// Whether `value` is above the top.
  func clips(_ value: Double) -> Bool { value > top * (1 + 1e-9) }

  /// The dot row of `value` on a canvas `dotHeight` dots tall (clamped to it).
  func dotY(_ value: Double, dotHeight: Int) -> Int {
    Series.dotY(fraction(value), maximum: 1, dotHeight: dotHeight)
  }

  /// A polyline of `values`, one point per dot column.
  func points(_ values: [Double?], dotHeight: Int) -> [DotPoint?] {
    values.enumerated().map { column, value in
      value.map { DotPoint(x: column, y: dotY($0, dotHeight: dotHeight)) }
    }
  }

  /// Draws the axis line at column `x + gutter - 1` with round ticks and their labels left
  /// of it: 1-2-5 steps from 0, or one tick per decade.
  func draw(
    into grid: inout CellGrid, x: Int, gutter: Int, top row0: Int, rows: Int, symbols: SymbolSet
  ) {
    let axis = x + gutter - 1
    for row in row0..<(row0 + rows) { grid[axis, row] = Cell(symbols.vertical, .axis) }
    for (value, label) in ticks(rows: rows) {
      let row = row0 + dotY(value, dotHeight: rows * 4) / 4
      grid[axis, row] = Cell(symbols.tickLeft, .axis)
      let shown = String(label.suffix(gutter - 1))
      grid.put(shown, x: axis - shown.count, y: row, style: .axis)
    }
  }

  /// The ticks and their labels.
  func ticks(rows: Int) -> [(Double, String)] {
    if logarithmic {
      let first = Int((log10(bottom) - 1e-9).rounded(.up))
      let last = Int((log10(top) + 1e-9).rounded(.down))
      guard first <= last else { return [] }
      return (first...last).map { e in
        let value = NumberFormat.power10(e)
        return (value, NumberFormat.fixed(value, decimals: max(-e, 0)))
      }
    }
    let (step, decimals) = NumberFormat.tickStep(span: top, count: max(rows / 2, 2))
    var result: [(Double, String)] = []
    var index = 0
    while Double(index) * step <= top * (1 + 1e-9) {
      result.append(
        (Double(index) * step, NumberFormat.fixed(Double(index) * step, decimals: decimals)))
      index += 1
    }
    return result
  }

  /// A clipped stretch of a curve: the dot column of its peak and the peak's value.
  struct ClipMark: Equatable {
    var dot: Int
    var peak: Double
  }

  /// One mark per stretch of `values` (one per dot column) above the top.
  func clipMarks(_ values: [Double?]) -> [ClipMark] {
    var marks: [ClipMark] = []
    var current: ClipMark?
    for (dot, value) in values.enumerated() {
      if let value, clips(value) {
        if let mark = current, mark.peak >= value { continue }
        current = ClipMark(dot: dot, peak: value)
      } else if let mark = current {
        marks.append(mark)
        current = nil
      }
    }
    if let current { marks.append(current) }
    return marks
  }

  /// Writes each mark as "↑3.9" on row `y` just right of its peak's cell (left of it near
  /// the right edge), so the spike itself stays visible, in the curve's `style`; a mark
  /// that would touch another already written is left out (the tallest are written first).
  static func drawClipMarks(
    _ marks: [ClipMark], style: Style, into grid: inout CellGrid, left: Int, columns: Int,
    y: Int, taken: inout [ClosedRange<Int>], symbols: SymbolSet
  ) {
    for mark in marks.sorted(by: { $0.peak > $1.peak }) {
      let text =
        symbols.pick("↑", "^") + NumberFormat.fitting(mark.peak, width: 5, significant: 2)
      let cell = left + mark.dot / 2
      let start =
        cell + 1 + text.count <= left + columns ? cell + 1 : max(cell - text.count, left)
      let span = (start - 1)...(start + text.count)
      guard !taken.contains(where: { $0.overlaps(span) }) else { continue }
      taken.append(span)
      grid.put(text, x: start, y: y, style: style)
    }
  }
}
