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

    // Rows: title, an event-label row, the plot, the x axis and its labels, the key.
    let top = y + 2
    let rows = height - 5
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
    drawKey(style: style, into: &grid, x: left, y: top + rows + 2, width: columns, symbols: symbols)
  }

  /// One line saying what the marks are: the line is each stretch's mean, the grey band
  /// its lowest to highest value, a dotted vertical line a knob turned (in its kind's
  /// colour, as on the replay's timeline).
  static func drawKey(
    style: Style, into grid: inout CellGrid, x: Int, y: Int, width: Int, symbols: SymbolSet
  ) {
    let items: [(String, Style, String)] = [
      (symbols.pick("⠒⠒", "**"), style, "mean"),
      (symbols.pick("⡇", "|"), .dim, "grey: lowest to highest"),
      (symbols.pick("┊", ":"), .heading, "a knob turned"),
    ]
    var column = x
    for (sample, sampleStyle, words) in items {
      guard column + sample.count + 1 + words.count <= x + width else { break }
      column += grid.put(sample, x: column, y: y, style: sampleStyle) + 1
      column += grid.put(words, x: column, y: y, style: .dim) + 3
    }
  }

  /// The events inside `range` as vertical lines of their kind's colour, each labelled: on
  /// the row above the plot where its label fits, else on the highest row of the plot with
  /// room beside its line (right of it, or left), so no label is ever dropped; only where
  /// nothing fits at all does a label cover what is under it.
  static func drawEvents(
    _ events: [HistoryEvent], frame: PlotFrame, range: ClosedRange<Int>,
    into grid: inout CellGrid, labelRow: Int, top: Int, rows: Int, symbols: SymbolSet
  ) {
    let shown = events.filter { range.contains($0.iteration) }
    let columns = shown.map { event -> Int in
      let dot = Int(frame.dotX(Double(event.iteration)).rounded(.down))
      return frame.left + min(max(dot, 0), frame.dotWidth - 1) / 2
    }
    for (event, column) in zip(shown, columns) {
      for row in top..<(top + rows) where grid[column, row].character == " " {
        grid[column, row] = Cell(symbols.usesBraille ? "┊" : ":", event.kind.style)
      }
    }
    let right = frame.left + frame.columns
    for (event, column) in zip(shown, columns) {
      let text = event.label
      var spot = (min(column, right - text.count), labelRow)
      // On the label row it starts at its line, a blank after the label before it; in the
      // plot it stands beside its line (the line itself stays), a blank after it.
      search: for y in [labelRow] + Array(top..<(top + rows)) {
        let starts = y == labelRow ? [column] : [column + 1, column - text.count - 1]
        for x in starts where x >= frame.left && x + text.count <= right {
          let first = y == labelRow ? max(x - 1, 0) : x
          if (first...min(x + text.count, right - 1)).allSatisfy({ grid[$0, y].character == " " }) {
            spot = (x, y)
            break search
          }
        }
      }
      grid.put(text, x: spot.0, y: spot.1, style: event.kind.style)
    }
  }
}
