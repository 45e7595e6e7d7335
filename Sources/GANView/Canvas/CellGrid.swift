/// One terminal cell: a single-column character and the role it is drawn in.
public struct Cell: Sendable, Equatable, Hashable {
  public var character: Character
  public var style: Style

  public init(_ character: Character, _ style: Style = .text) {
    self.character = character
    self.style = style
  }

  public static let blank = Cell(" ")
}

/// A screen as a value: `width × height` cells, row by row. Everything the view composes is
/// written into one of these; the backend paints it and tests compare it with golden files.
/// Writes outside the grid are dropped, so panes can clip without checking bounds.
public struct CellGrid: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// The regions the mouse can act on, as the panes marked them (`mark`).
  public internal(set) var hotspots: [Hotspot] = []

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
    set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
  }

  /// Writes `text` from column `x` of row `y`, at most `limit` columns; returns the columns
  /// used. Every character must be one column wide (the view only uses such characters).
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style, limit: Int = .max)
    -> Int
  {
    var column = x
    for character in text {
      if column - x >= limit { break }
      self[column, y] = Cell(character, style)
      column += 1
    }
    return column - x
  }

  /// Fills a rectangle with one character.
  public mutating func fill(
    x: Int, y: Int, width: Int, height: Int, with character: Character = " ",
    style: Style = .text
  ) {
    for row in max(y, 0)..<max(min(y + height, self.height), 0) {
      for column in max(x, 0)..<max(min(x + width, self.width), 0) {
        self[column, row] = Cell(character, style)
      }
    }
  }

  /// The characters of row `y`.
  public func row(_ y: Int) -> String {
    guard y >= 0, y < height else { return "" }
    return String(cells[(y * width)..<((y + 1) * width)].map(\.character))
  }

  /// The whole screen as text, one line per row (trailing blanks kept, so columns line up).
  public var text: String { (0..<height).map(row).joined(separator: "\n") }

  /// The roles as compact runs, one line per row: `12: axis*6 data*2 text*72`. Golden
  /// tests keep this beside the text so a role change is caught as surely as a glyph.
  public var styleRuns: String {
    (0..<height).map { y in
      guard width > 0 else { return "\(y):" }
      var runs: [String] = []
      var current = cells[y * width].style
      var length = 0
      for x in 0..<width {
        let style = cells[y * width + x].style
        if style == current {
          length += 1
        } else {
          runs.append("\(current.rawValue)*\(length)")
          current = style
          length = 1
        }
      }
      runs.append("\(current.rawValue)*\(length)")
      return "\(y): " + runs.joined(separator: " ")
    }.joined(separator: "\n")
  }
}
