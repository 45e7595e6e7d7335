import GANCore

/// The phase plane of the game as G sees it: the trajectory of (mean G(z), sd G(z)) over
/// the run, with the target's (μ, σ) marked. Older stretches are drawn dim and the newest
/// bright, so the direction of travel reads at a glance: a spiral into the mark converges,
/// a closed loop oscillates, a path to sd ≈ 0 collapses. It reads only the history's
/// buckets (G's mean and sd are metrics; the target's moments come from p_data on the view
/// grid), so any model whose snapshots carry them is drawn the same way.
enum PhasePane {
  static let gutter = 7

  static func draw(
    _ history: RunHistory, now: Int?, into grid: inout CellGrid, x: Int, y: Int, width: Int,
    height: Int, symbols: SymbolSet
  ) {
    let sep = symbols.pick("·", "-")
    grid.put(
      symbols.truncated(
        "phase plane: mean G(z) across \(sep) sd G(z) up \(sep) \(symbols.targetMark) target (mu, sigma)",
        to: width - 1), x: x + 1, y: y, style: .heading)
    guard let whole = history.iterations else {
      grid.put("no frames yet", x: x + 2, y: y + height / 2, style: .dim)
      return
    }
    let range = whole.lowerBound...min(now ?? whole.upperBound, whole.upperBound)
    let buckets = history.buckets(in: range)
    guard let meanIndex = Metric.table.firstIndex(where: { $0.key == "g_mean" }),
      let sdIndex = Metric.table.firstIndex(where: { $0.key == "g_std" }),
      let last = buckets.last
    else { return }
    let points = buckets.map { ($0.mean[meanIndex], $0.mean[sdIndex]) }
    let target = (last.dataMean, last.dataStandardDeviation)
    let xs = points.map(\.0) + [target.0]
    let ys = points.map(\.1) + [target.1, 0]
    let horizontal = ValueAxis(values: xs, logarithmic: false)
    let vertical = ValueAxis(values: ys, logarithmic: false)

    let top = y + 1
    let rows = height - 3
    let left = x + gutter + 1
    let columns = width - gutter - 4
    guard rows >= 3, columns >= 10 else { return }
    vertical.draw(
      into: &grid, axis: left - 1, top: top, rows: rows, gutter: gutter, symbols: symbols)
    var canvas = BrailleCanvas(columns: columns, rows: rows)
    func dot(_ p: (Double, Double)) -> DotPoint? {
      guard let fx = horizontal.fraction(p.0),
        let y = vertical.dotY(p.1, dotHeight: canvas.dotHeight)
      else { return nil }
      let dx = Int((fx * Double(canvas.dotWidth - 1)).rounded())
      return DotPoint(x: min(max(dx, 0), canvas.dotWidth - 1), y: y)
    }
    // The oldest two thirds dim, the newest third in G's colour.
    let split = points.count * 2 / 3
    canvas.drawPolyline(points[..<max(split + 1, 1)].map(dot), style: .dim)
    canvas.drawPolyline(points[split...].map(dot), style: .model)
    canvas.draw(into: &grid, left: left, top: top, symbols: symbols)
    if let mark = dot(target) {
      grid[left + mark.x / 2, top + mark.y / 4] = Cell(symbols.targetMark, .data)
    }
    if let current = points.last.flatMap(dot) {
      grid[left + current.x / 2, top + current.y / 4] = Cell(symbols.currentMark, .model)
    }
    let frame = PlotFrame(
      left: left, columns: columns,
      domain: ViewGrid(lower: horizontal.lower, upper: horizontal.upper, bins: 1))
    PlotPane.drawXAxis(frame, into: &grid, y: top + rows, symbols: symbols)
  }
}
