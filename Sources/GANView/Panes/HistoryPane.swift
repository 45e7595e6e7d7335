import Foundation
import GANCore

/// One metric over the whole run (or the zoomed newest part of it) on real axes: iterations
/// across, the metric up (linear or in decades), the mean of each bucket as a line and its
/// lowest…highest as a faint band behind it, so an oscillation stays visible after its
/// frames are merged. C(G) shows its floor −log 4; the knobs turned during the run stand as
/// labelled vertical lines, as on the replay's timeline. A second metric (`M`) is drawn over
/// the first on an axis of its own at the right, so two numbers of different units can be
/// read against the same iterations.
enum HistoryPane {
  static let gutter = 8

  static func draw(
    _ history: RunHistory, lens: HistoryLens, now: Int?, loss: Loss?,
    into grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int, symbols: SymbolSet
  ) {
    let metric = lens.chosenMetric
    let label = metric.label(for: loss, ascii: !symbols.usesBraille)
    let second = lens.overlaidMetric
    let secondLabel = second.map { " and " + $0.label(for: loss, ascii: !symbols.usesBraille) }
    let scale = lens.isLogarithmic ? "log y" : "linear y"
    // The keys go first when the pane is narrow: they are in the help too.
    let title = TextWrap.titleRows(
      [
        "history: \(label)\(secondLabel.map { $0 + " (right)" } ?? "") over iterations",
        scale, "m M metrics", "y scale", "z Z ( ) zoom, move",
      ], width: width - 1, maxRows: 1, separator: symbols.pick(" · ", " - "), symbols: symbols)
    grid.put(title.first ?? "", x: x + 1, y: y, style: .heading)
    guard let whole = history.iterations else {
      grid.put("no frames yet", x: x + gutter + 2, y: y + height / 2, style: .dim)
      return
    }
    let range = lens.range(of: whole, end: now ?? whole.upperBound)
    let buckets = history.buckets(in: range)
    let index = Metric.table.firstIndex { $0.key == metric.key } ?? 0
    let isVirtualCriterion = metric.key == "c_g"
    let floor = Metric.floorOfVirtualCriterion
    let axis = ValueAxis(
      values: buckets.flatMap { [$0.minimum[index], $0.maximum[index]] },
      including: isVirtualCriterion ? [floor] : [], logarithmic: lens.isLogarithmic)

    // Rows: title, an event-label row, the plot, the x axis and its labels.
    let top = y + 2
    let rows = height - 4
    let left = x + gutter + 1
    let columns = width - gutter - 4 - (second == nil ? 0 : gutter)
    guard rows >= 3, columns >= 10 else { return }
    axis.draw(into: &grid, axis: left - 1, top: top, rows: rows, gutter: gutter, symbols: symbols)
    let frame = PlotFrame(
      left: left, columns: columns,
      domain: ViewGrid(
        lower: Double(range.lowerBound), upper: Double(max(range.upperBound, range.lowerBound + 1)),
        bins: 1))
    var canvas = BrailleCanvas(columns: columns, rows: rows)
    let style = MetricsPane.style(metric.role)
    if isVirtualCriterion, let floorY = axis.dotY(floor, dotHeight: canvas.dotHeight) {
      var step = 0
      canvas.drawLine(
        from: DotPoint(x: 0, y: floorY), to: DotPoint(x: canvas.dotWidth - 1, y: floorY),
        style: .dim, pattern: LinePattern(on: 1, off: 2), step: &step)
      let text = symbols.pick("−log 4", "-log 4")
      grid.put(text, x: left + columns - text.count, y: top + floorY / 4, style: .dim)
    }
    var line: [DotPoint?] = []
    for bucket in buckets {
      let dotX = Int(frame.dotX(bucket.middleIteration).rounded(.down))
      guard dotX >= 0, dotX < canvas.dotWidth else { continue }
      if bucket.frames > 1, let low = axis.dotY(bucket.minimum[index], dotHeight: canvas.dotHeight),
        let high = axis.dotY(bucket.maximum[index], dotHeight: canvas.dotHeight), low != high
      {
        var step = 0
        canvas.drawLine(
          from: DotPoint(x: dotX, y: high), to: DotPoint(x: dotX, y: low), style: .dim,
          step: &step)
      }
      let point = axis.dotY(bucket.mean[index], dotHeight: canvas.dotHeight).map {
        DotPoint(x: dotX, y: $0)
      }
      // A bucket landing in the same dot column as the last one replaces nothing: the line
      // goes through both.
      line.append(point)
    }
    if let second, let secondIndex = Metric.table.firstIndex(where: { $0.key == second.key }) {
      // Its own linear axis (log when its scale is), the mean line only.
      var logarithmic = false
      if case .logarithmic = second.scale { logarithmic = true }
      let secondAxis = ValueAxis(
        values: buckets.map { $0.mean[secondIndex] }, logarithmic: logarithmic)
      secondAxis.draw(
        into: &grid, axis: left + columns, top: top, rows: rows, gutter: gutter, symbols: symbols,
        side: .right)
      var secondStyle = MetricsPane.style(second.role)
      if secondStyle == style { secondStyle = .optimal }
      let secondLine = buckets.map { bucket -> DotPoint? in
        let dotX = Int(frame.dotX(bucket.middleIteration).rounded(.down))
        guard dotX >= 0, dotX < canvas.dotWidth,
          let dotY = secondAxis.dotY(bucket.mean[secondIndex], dotHeight: canvas.dotHeight)
        else { return nil }
        return DotPoint(x: dotX, y: dotY)
      }
      canvas.drawPolyline(secondLine, style: secondStyle, pattern: LinePattern(on: 3, off: 2))
    }
    canvas.drawPolyline(line, style: style)
    canvas.draw(into: &grid, left: left, top: top, symbols: symbols)
    drawEvents(
      history.events, frame: frame, range: range, into: &grid, labelRow: y + 1, top: top,
      rows: rows, symbols: symbols)
    PlotPane.drawXAxis(frame, into: &grid, y: top + rows, symbols: symbols)
  }

  /// The events inside `range` as vertical lines of their kind's colour, each labelled on
  /// the row above the plot where its label fits.
  static func drawEvents(
    _ events: [HistoryEvent], frame: PlotFrame, range: ClosedRange<Int>,
    into grid: inout CellGrid, labelRow: Int, top: Int, rows: Int, symbols: SymbolSet
  ) {
    var lastEnd = Int.min
    for event in events where range.contains(event.iteration) {
      let dot = Int(frame.dotX(Double(event.iteration)).rounded(.down))
      let column = frame.left + min(max(dot, 0), frame.dotWidth - 1) / 2
      for row in top..<(top + rows) where grid[column, row].character == " " {
        grid[column, row] = Cell(symbols.usesBraille ? "┊" : ":", event.kind.style)
      }
      let text = event.label
      if column > lastEnd + 1 {
        lastEnd = column + grid.put(text, x: column, y: labelRow, style: event.kind.style) - 1
      }
    }
  }
}
