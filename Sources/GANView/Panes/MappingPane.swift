import GANCore

/// The two lines under the paper's Figure 1: the z domain below, a stretch of the x domain
/// above, and a segment from each evenly spaced z up to x = G(z). Where the segments
/// converge G contracts (p_g is dense); where they fan out G expands (p_g is thin).
/// Optionally each G(z) carries an arrow in the direction of ∇D there: where the G step
/// pushes that sample.
enum MappingPane {
  /// Rows needed: the x line, `segmentRows` rows of segments, the z line.
  static func rows(segmentRows: Int) -> Int { segmentRows + 2 }

  static func draw(
    _ snapshot: Snapshot, state: ViewState, frame: PlotFrame, into grid: inout CellGrid,
    top: Int, segmentRows: Int, symbols: SymbolSet
  ) {
    let xLine = top
    let zLine = top + segmentRows + 1
    for row in [xLine, zLine] {
      grid.fill(
        x: frame.left, y: row, width: frame.columns, height: 1, with: symbols.horizontal,
        style: .axis)
    }
    grid.put("x", x: frame.left - 2, y: xLine, style: .axis)
    grid.put("G", x: frame.left - 2, y: top + 1 + segmentRows / 2, style: .model)
    grid.put("z", x: frame.left - 2, y: zLine, style: .axis)

    let count = min(snapshot.mappingZ.count, snapshot.mappingX.count)
    guard count > 0 else { return }
    // Every segment drawn would merge into a solid band on a terminal; about one per six
    // columns keeps each one distinct, as in the paper's figure. Arrows use every sample.
    let most = max(frame.columns / 6, 4)
    let spacing = max((count + most - 1) / most, 1)
    var canvas = BrailleCanvas(columns: frame.columns, rows: segmentRows)
    var pushes = [Double](repeating: 0, count: frame.columns)
    var landed = [Bool](repeating: false, count: frame.columns)
    for i in 0..<count {
      let drawn = i % spacing == spacing / 2
      // z is placed by its rank: the samples are the prior's evenly spaced quantiles, so
      // even spacing on the z line is the paper's "z sampled uniformly" for any prior.
      let zDot = Int((Double(i) + 0.5) / Double(count) * Double(frame.dotWidth))
      if drawn { grid[frame.left + zDot / 2, zLine] = Cell(symbols.teeUp, .model) }
      let x = Double(snapshot.mappingX[i])
      guard x.isFinite else { continue }
      // Samples outside the domain are pinned to its edge: their direction still shows.
      // Clamped while still a Double: a diverging G puts x far beyond Int's range.
      let xDot = Int(min(max(frame.dotX(x).rounded(.down), 0), Double(frame.dotWidth - 1)))
      if drawn {
        var step = 0
        canvas.drawLine(
          from: DotPoint(x: zDot, y: canvas.dotHeight - 1), to: DotPoint(x: xDot, y: 0),
          style: .model, step: &step)
        landed[xDot / 2] = true
      }
      if i < snapshot.mappingSlope.count, snapshot.mappingSlope[i].isFinite {
        pushes[xDot / 2] += Double(snapshot.mappingSlope[i])
      }
    }
    canvas.draw(into: &grid, left: frame.left, top: top + 1, symbols: symbols)

    // An arrow only where the push is a visible fraction of the strongest one, so
    // numerical noise around D's flat regions does not draw arrows.
    let strongest = pushes.map(abs).max() ?? 0
    for column in 0..<frame.columns {
      if state.showArrows, strongest > 0, abs(pushes[column]) >= 0.05 * strongest {
        let arrow = pushes[column] > 0 ? symbols.rightArrow : symbols.leftArrow
        grid[frame.left + column, xLine] = Cell(arrow, .discriminator)
      } else if landed[column] {
        grid[frame.left + column, xLine] = Cell(symbols.teeDown, .model)
      }
    }
  }
}
