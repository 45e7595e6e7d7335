import Foundation
import GANCore

/// The phase plane of the game (`PhasePlane`): for the perceptron, the trajectory of
/// (mean G(z), sd G(z)) with the target's (μ, σ) marked; for the Dirac-GAN, the trajectory
/// of (θ, ψ) over the arrows of the game's vector field, with the equilibrium marked. Older
/// stretches are drawn dim and the newest bright, so the direction of travel reads at a
/// glance: a spiral into the mark converges, a closed loop oscillates, a spiral outward
/// diverges, a path to sd ≈ 0 collapses. It reads only the history's buckets, so live and
/// replay draw it the same way.
enum PhasePane {
  static let gutter = 7

  static func draw(
    _ history: RunHistory, now: Int?, hyperparameters: Hyperparameters?, into grid: inout CellGrid,
    x: Int, y: Int, width: Int, height: Int, symbols: SymbolSet
  ) {
    guard let whole = history.iterations else {
      grid.put("phase plane", x: x + 1, y: y, style: .heading)
      grid.put("no frames yet", x: x + 2, y: y + height / 2, style: .dim)
      return
    }
    let range = whole.lowerBound...min(now ?? whole.upperBound, whole.upperBound)
    guard
      let plane = PhasePlane(
        history.buckets(in: range), hyperparameters: hyperparameters, ascii: !symbols.usesBraille)
    else { return }
    // Two rows at most: what the axes are, then what the marks mean.
    let title = TextWrap.titleRows(
      [
        "phase plane: \(plane.horizontalName) across", "\(plane.verticalName) up",
        "\(symbols.targetMark) \(plane.targetName)", "\(symbols.currentMark) now",
        plane.field == nil ? "" : "arrows: its vector field",
      ], width: width - 1, maxRows: 2, separator: symbols.pick(" · ", " - "), symbols: symbols)
    for (offset, line) in title.enumerated() {
      grid.put(line, x: x + 1, y: y + offset, style: .heading)
    }
    let (horizontal, vertical) = plane.axes

    let top = y + title.count
    let rows = height - 2 - title.count
    let left = x + gutter + 1
    let columns = width - gutter - 4
    guard rows >= 3, columns >= 10 else { return }
    vertical.draw(
      into: &grid, axis: left - 1, top: top, rows: rows, gutter: gutter, symbols: symbols)
    if let field = plane.field {
      drawField(
        field, horizontal: horizontal, vertical: vertical, into: &grid, left: left, top: top,
        columns: columns, rows: rows, symbols: symbols)
    }
    var canvas = BrailleCanvas(columns: columns, rows: rows)
    func dot(_ p: (Double, Double)) -> DotPoint? {
      guard let fx = horizontal.fraction(p.0),
        let y = vertical.dotY(p.1, dotHeight: canvas.dotHeight)
      else { return nil }
      let dx = Int((fx * Double(canvas.dotWidth - 1)).rounded())
      return DotPoint(x: min(max(dx, 0), canvas.dotWidth - 1), y: y)
    }
    // The oldest two thirds dim, the newest third in G's colour.
    let points = plane.points
    let split = points.count * 2 / 3
    canvas.drawPolyline(points[..<max(split + 1, 1)].map(dot), style: .dim)
    canvas.drawPolyline(points[split...].map(dot), style: .model)
    canvas.draw(into: &grid, left: left, top: top, symbols: symbols)
    if let mark = dot(plane.target) {
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

  /// Arrows of the field on a lattice of cells, dim, under the trajectory. A cell is about
  /// twice as tall as it is wide, so a direction is measured in braille dots (2 × 4 per
  /// cell), which are about square.
  private static func drawField(
    _ field: (Double, Double) -> (Double, Double), horizontal: ValueAxis, vertical: ValueAxis,
    into grid: inout CellGrid, left: Int, top: Int, columns: Int, rows: Int, symbols: SymbolSet
  ) {
    let arrows: [Character] =
      symbols.usesBraille
      ? ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"] : [">", "/", "^", "\\", "<", "/", "v", "\\"]
    let dotsAcross = Double(columns * 2)
    let dotsDown = Double(rows * 4)
    for row in stride(from: 1, to: rows - 1, by: 3) {
      for column in stride(from: 3, to: columns - 2, by: 6) {
        let fx = (Double(column) + 0.5) / Double(columns)
        let fy = 1 - (Double(row) + 0.5) / Double(rows)
        let theta = horizontal.lower + fx * (horizontal.upper - horizontal.lower)
        let psi = vertical.lower + fy * (vertical.upper - vertical.lower)
        let v = field(theta, psi)
        let across = v.0 / (horizontal.upper - horizontal.lower) * dotsAcross
        let up = v.1 / (vertical.upper - vertical.lower) * dotsDown
        guard across.isFinite, up.isFinite, across != 0 || up != 0 else { continue }
        let angle = atan2(up, across)
        let octant = Int((angle / (Double.pi / 4)).rounded())
        grid[left + column, top + row] = Cell(arrows[(octant + 8) % 8], .dim)
      }
    }
  }
}
