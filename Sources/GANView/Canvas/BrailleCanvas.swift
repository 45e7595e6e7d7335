/// A point of a braille canvas's dot space (x to the right, y down).
public struct DotPoint: Sendable, Equatable, Hashable {
  public var x: Int
  public var y: Int

  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

/// How a series skips dots along its path: the paper draws p_data dotted and D dashed, so a
/// series is recognizable without colour. Counted in dots plotted along the path.
public struct LinePattern: Sendable, Equatable, Hashable {
  public var on: Int
  public var off: Int

  public init(on: Int, off: Int) {
    self.on = max(on, 1)
    self.off = max(off, 0)
  }

  public static let solid = LinePattern(on: 1, off: 0)
  public static let dotted = LinePattern(on: 1, off: 1)
  public static let dashed = LinePattern(on: 4, off: 3)
  /// For faint reference lines.
  public static let sparse = LinePattern(on: 1, off: 7)

  /// Whether the `step`-th dot along a path is drawn.
  public func draws(_ step: Int) -> Bool { step % (on + off) < on }
}

/// A drawing surface of `columns × rows` cells with 2 × 4 dots per cell, the resolution of
/// Unicode braille (U+2800…U+28FF). Each cell keeps the union of its dots and the role of
/// the highest-`plotPriority` series drawn into it. With the ASCII symbol set a cell with
/// any dot becomes its role's glyph (see `SymbolSet.plotGlyph`), so the shapes survive at
/// cell resolution.
public struct BrailleCanvas: Sendable, Equatable {
  public let columns: Int
  public let rows: Int
  private var bits: [UInt8]
  private var roles: [Style?]

  public init(columns: Int, rows: Int) {
    self.columns = max(columns, 0)
    self.rows = max(rows, 0)
    bits = Array(repeating: 0, count: self.columns * self.rows)
    roles = Array(repeating: nil, count: self.columns * self.rows)
  }

  public var dotWidth: Int { columns * 2 }
  public var dotHeight: Int { rows * 4 }

  /// Braille dot bits by (x mod 2, y mod 4): dots 1-2-3-7 down the left, 4-5-6-8 down the
  /// right.
  private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  /// Sets one dot; dots outside the canvas are ignored.
  public mutating func setDot(x: Int, y: Int, style: Style) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let index = (y / 4) * columns + x / 2
    bits[index] |= Self.dotBits[x % 2][y % 4]
    if let current = roles[index], current.plotPriority >= style.plotPriority { return }
    roles[index] = style
  }

  public func isSet(x: Int, y: Int) -> Bool {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
    return bits[(y / 4) * columns + x / 2] & Self.dotBits[x % 2][y % 4] != 0
  }

  /// The role a cell is drawn in, or nil when it has no dot.
  public func style(column: Int, row: Int) -> Style? {
    guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
    return roles[row * columns + column]
  }

  /// Draws a straight segment (Bresenham), both ends included. `step` counts dots along a
  /// longer path, so a pattern continues across the segments of a polyline.
  public mutating func drawLine(
    from a: DotPoint, to b: DotPoint, style: Style, pattern: LinePattern = .solid,
    step: inout Int, skipFirst: Bool = false
  ) {
    let dx = abs(b.x - a.x)
    let dy = -abs(b.y - a.y)
    let sx = a.x < b.x ? 1 : -1
    let sy = a.y < b.y ? 1 : -1
    var error = dx + dy
    var x = a.x
    var y = a.y
    var first = true
    while true {
      if !(first && skipFirst) {
        if pattern.draws(step) { setDot(x: x, y: y, style: style) }
        step += 1
      }
      first = false
      if x == b.x && y == b.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += sx
      }
      if doubled <= dx {
        error += dx
        y += sy
      }
    }
  }

  /// Draws a path through `points`; a nil point (a value that is not finite) breaks it.
  public mutating func drawPolyline(
    _ points: [DotPoint?], style: Style, pattern: LinePattern = .solid
  ) {
    var step = 0
    var previous: DotPoint?
    for point in points {
      guard let point else {
        previous = nil
        continue
      }
      if let previous {
        drawLine(
          from: previous, to: point, style: style, pattern: pattern, step: &step,
          skipFirst: true)
      } else {
        drawLine(from: point, to: point, style: style, pattern: pattern, step: &step)
      }
      previous = point
    }
  }

  /// Fills dot column `x` from `top` down to the bottom edge (a histogram bar).
  public mutating func fillColumn(x: Int, from top: Int, style: Style) {
    guard dotHeight > 0 else { return }
    for y in max(top, 0)..<dotHeight { setDot(x: x, y: y, style: style) }
  }

  /// The character of one cell, or nil when the cell has no dot.
  public func character(column: Int, row: Int, symbols: SymbolSet) -> Character? {
    guard let role = style(column: column, row: row) else { return nil }
    guard symbols.usesBraille else { return symbols.plotGlyph(for: role) }
    let scalar = Unicode.Scalar(0x2800 + UInt32(bits[row * columns + column]))!
    return Character(scalar)
  }

  /// Copies the cells that have dots into `grid` with the top-left cell at (left, top);
  /// empty cells leave what is already there (axes, grid lines) untouched.
  public func draw(into grid: inout CellGrid, left: Int, top: Int, symbols: SymbolSet) {
    for row in 0..<rows {
      for column in 0..<columns {
        guard let character = self.character(column: column, row: row, symbols: symbols),
          let role = style(column: column, row: row)
        else { continue }
        grid[left + column, top + row] = Cell(character, role)
      }
    }
  }
}
