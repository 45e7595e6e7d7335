import Testing

@testable import GANView

@Suite struct BrailleCanvasTests {
  func text(_ canvas: BrailleCanvas, _ symbols: SymbolSet = .unicode) -> String {
    var grid = CellGrid(width: canvas.columns, height: canvas.rows)
    canvas.draw(into: &grid, left: 0, top: 0, symbols: symbols)
    return grid.text
  }

  @Test func dotsMapToTheBrailleBitsOfTheirCell() {
    var canvas = BrailleCanvas(columns: 2, rows: 1)
    canvas.setDot(x: 0, y: 0, style: .model)  // dot 1
    canvas.setDot(x: 1, y: 3, style: .model)  // dot 8
    canvas.setDot(x: 2, y: 1, style: .model)  // second cell, dot 2
    #expect(text(canvas) == "\u{2881}\u{2802}")
    #expect(canvas.isSet(x: 1, y: 3))
    #expect(!canvas.isSet(x: 1, y: 2))
  }

  @Test func dotsOutsideTheCanvasAreIgnored() {
    var canvas = BrailleCanvas(columns: 1, rows: 1)
    canvas.setDot(x: -1, y: 0, style: .model)
    canvas.setDot(x: 2, y: 0, style: .model)
    canvas.setDot(x: 0, y: 4, style: .model)
    #expect(text(canvas) == " ")
  }

  @Test func aHorizontalLineFillsOneDotRow() {
    var canvas = BrailleCanvas(columns: 3, rows: 1)
    var step = 0
    canvas.drawLine(
      from: DotPoint(x: 0, y: 3), to: DotPoint(x: 5, y: 3), style: .model, step: &step)
    #expect(text(canvas) == "⣀⣀⣀")
    #expect(step == 6)
  }

  @Test func aDiagonalLineHasNoGaps() {
    var canvas = BrailleCanvas(columns: 2, rows: 2)
    var step = 0
    canvas.drawLine(
      from: DotPoint(x: 0, y: 7), to: DotPoint(x: 3, y: 0), style: .model, step: &step)
    // Every dot row holds exactly one dot, and x never moves by more than one between rows.
    var previous: Int?
    for y in 0..<8 {
      let xs = (0..<4).filter { canvas.isSet(x: $0, y: y) }
      #expect(!xs.isEmpty, "row \(y)")
      if let previous, let x = xs.first { #expect(abs(x - previous) <= 1) }
      previous = xs.first
    }
  }

  @Test func aCurveFollowsItsPoints() {
    // A parabola through 8 columns: its lowest dots are in the middle.
    var canvas = BrailleCanvas(columns: 4, rows: 2)
    let points = (0..<8).map { x -> DotPoint? in
      let d = Double(x) - 3.5
      return DotPoint(x: x, y: 7 - Int((d * d / 12.25 * 7).rounded()))
    }
    canvas.drawPolyline(points, style: .model)
    #expect(canvas.isSet(x: 0, y: 0))
    #expect(canvas.isSet(x: 7, y: 0))
    #expect(canvas.isSet(x: 3, y: 7))
    #expect(canvas.isSet(x: 4, y: 7))
    #expect(text(canvas) == "⢣  ⡜\n⠈⢆⡰⠁")
  }

  @Test func aNilPointBreaksThePolyline() {
    var canvas = BrailleCanvas(columns: 3, rows: 1)
    canvas.drawPolyline(
      [
        DotPoint(x: 0, y: 0), DotPoint(x: 1, y: 0), nil, DotPoint(x: 4, y: 0),
        DotPoint(x: 5, y: 0),
      ], style: .model)
    #expect(!canvas.isSet(x: 2, y: 0) && !canvas.isSet(x: 3, y: 0))
    #expect(text(canvas) == "⠉ ⠉")
  }

  @Test func patternsSkipDotsAlongThePath() {
    func row(_ pattern: LinePattern) -> String {
      var canvas = BrailleCanvas(columns: 8, rows: 1)
      canvas.drawPolyline(
        [DotPoint(x: 0, y: 0), DotPoint(x: 15, y: 0)], style: .data, pattern: pattern)
      return (0..<16).map { canvas.isSet(x: $0, y: 0) ? "o" : "." }.joined()
    }
    #expect(row(.solid) == "oooooooooooooooo")
    #expect(row(.dotted) == "o.o.o.o.o.o.o.o.")
    #expect(row(.dashed) == "oooo...oooo...oo")
    #expect(row(.sparse) == "o.......o.......")
  }

  @Test func overlapKeepsTheHighestPriorityRole() {
    var canvas = BrailleCanvas(columns: 1, rows: 1)
    canvas.setDot(x: 0, y: 0, style: .discriminator)
    canvas.setDot(x: 1, y: 0, style: .data)
    canvas.setDot(x: 0, y: 1, style: .model)
    #expect(canvas.style(column: 0, row: 0) == .discriminator)
    // The dots of every series stay: the cell shows their union.
    #expect(text(canvas) == "\u{280B}")

    var reversed = BrailleCanvas(columns: 1, rows: 1)
    reversed.setDot(x: 0, y: 0, style: .dim)
    reversed.setDot(x: 0, y: 1, style: .modelFill)
    reversed.setDot(x: 0, y: 2, style: .data)
    #expect(reversed.style(column: 0, row: 0) == .data)
    reversed.setDot(x: 0, y: 3, style: .optimal)
    #expect(reversed.style(column: 0, row: 0) == .optimal)
  }

  @Test func priorityOrderIsTheDocumentedOne() {
    let order: [Style] = [.dim, .modelFill, .data, .optimal, .model, .discriminator]
    #expect(order.map(\.plotPriority) == Array(0..<6))
  }

  @Test func asciiFallbackDrawsOneGlyphPerRole() {
    var canvas = BrailleCanvas(columns: 5, rows: 1)
    canvas.setDot(x: 0, y: 0, style: .data)
    canvas.setDot(x: 2, y: 0, style: .model)
    canvas.setDot(x: 4, y: 0, style: .discriminator)
    canvas.setDot(x: 6, y: 0, style: .optimal)
    canvas.setDot(x: 8, y: 3, style: .modelFill)
    #expect(text(canvas, .ascii) == ".*-:#")
    canvas.setDot(x: 1, y: 2, style: .model)
    #expect(text(canvas, .ascii) == "**-:#")
  }

  @Test func drawingLeavesEmptyCellsUntouched() {
    var grid = CellGrid(width: 3, height: 1)
    grid.put("abc", x: 0, y: 0, style: .axis)
    var canvas = BrailleCanvas(columns: 3, rows: 1)
    canvas.setDot(x: 2, y: 0, style: .model)
    canvas.draw(into: &grid, left: 0, top: 0, symbols: .unicode)
    #expect(grid.row(0) == "a⠁c")
    #expect(grid[1, 0].style == .model && grid[0, 0].style == .axis)
  }

  @Test func histogramBarsFillToTheBottom() {
    var canvas = BrailleCanvas(columns: 1, rows: 2)
    canvas.fillColumn(x: 0, from: 5, style: .modelFill)
    canvas.fillColumn(x: 1, from: 2, style: .modelFill)
    #expect(text(canvas) == "⢠\n⣾")
  }
}
