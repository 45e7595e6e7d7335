import GANCore

/// The target editor over the plot: the drawing as filled columns, the target now dotted
/// for reference, the column cursor on the x axis, and two rows that say what the mouse
/// and the keys do. The canvas (with its axis row) is marked for the mouse, which paints
/// on it. Its rectangle is the plot's; its x axis is the drawing's own interval (wider
/// than a narrow target's view, `TargetSketch.canvas`).
enum SketchPane {
  static func draw(
    _ sketch: TargetSketch, snapshot: Snapshot, into grid: inout CellGrid,
    x: Int, y: Int, width: Int, height: Int, symbols: SymbolSet
  ) {
    let instructionRows = 2
    let frame = PlotFrame(
      left: x + PlotPane.leftGutter,
      columns: max(width - PlotPane.leftGutter - DiscriminatorScale(snapshot).gutter, 1),
      domain: sketch.domain)
    let canvasTop = y + 1
    let canvasRows = max(height - 3 - instructionRows, 1)
    let hills = sketch.hills
    grid.put(
      "your p_data: \(hills) hill\(hills == 1 ? "" : "s")" + symbols.separator
        + "dotted: the target now", x: frame.left, y: y, style: .heading,
      limit: width - PlotPane.leftGutter)

    var canvas = BrailleCanvas(columns: frame.columns, rows: canvasRows)
    let dotHeight = canvas.dotHeight
    // The drawing: each dot column takes the height of the sketch column under its x.
    for dot in 0..<canvas.dotWidth {
      let value = frame.x(atDot: dot)
      guard value >= sketch.lower, value <= sketch.upper else { continue }
      let level = sketch.heights[sketch.column(at: value)]
      guard level > 0 else { continue }
      let top =
        dotHeight
        - Int(
          (Double(level) / Double(TargetSketch.levels) * Double(dotHeight)).rounded())
      canvas.fillColumn(x: dot, from: max(top, 0), style: .optimal)
    }
    // The target now, its peak where a fresh sketch of it puts its peak (¾ of the height).
    let density = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    let values = (0..<canvas.dotWidth).map {
      TargetSketch.value(of: density, on: snapshot.grid, at: frame.x(atDot: $0))
    }
    let peak = values.compactMap { $0 }.max() ?? 0
    if peak > 0 {
      let points = values.enumerated().compactMap { dot, value -> DotPoint? in
        value.map {
          DotPoint(x: dot, y: Series.dotY($0 / peak * 0.75, maximum: 1, dotHeight: dotHeight))
        }
      }
      canvas.drawPolyline(points, style: .data, pattern: .sparse)
    }
    canvas.draw(into: &grid, left: frame.left, top: canvasTop, symbols: symbols)

    let axisRow = canvasTop + canvasRows
    PlotPane.drawXAxis(frame, into: &grid, y: axisRow, symbols: symbols)
    // The cursor: a caret on the axis row under the column's centre.
    let cursorDot = frame.dotX(sketch.center(of: sketch.cursor))
    if cursorDot >= 0, cursorDot < Double(canvas.dotWidth) {
      grid[frame.left + Int(cursorDot) / 2, axisRow] = Cell(symbols.pick("▲", "^").first!, .heading)
    }
    grid.put("high", x: x, y: canvasTop, style: .dim, limit: PlotPane.leftGutter - 1)
    grid.put("0", x: x, y: axisRow - 1, style: .dim, limit: PlotPane.leftGutter - 1)
    grid.mark(
      .plotCanvas(domain: sketch.domain), x: frame.left, y: canvasTop, width: frame.columns,
      height: canvasRows + 1)

    // The footer lists the keys; these say what the mouse does and what Enter means.
    let lines = [
      "drag paints" + symbols.separator + "right-drag erases" + symbols.separator
        + "arrow keys too",
      "Enter trains on it, Esc keeps the old target",
    ]
    for (offset, line) in lines.enumerated() {
      grid.put(
        symbols.truncated(line, to: width - 1), x: x + 1, y: y + height - instructionRows + offset,
        style: offset == 0 ? .text : .dim)
    }
  }
}
