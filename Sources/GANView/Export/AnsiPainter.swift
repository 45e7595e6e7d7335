/// Paints cell grids as ANSI escape sequences, for output that is not a curses terminal (an
/// asciicast). Like the curses backend it sends only what changed since the last grid, with
/// the colours of `Palette`.
public struct AnsiPainter: Sendable {
  public let depth: ColorDepth
  private var previous: CellGrid?

  /// Written before the first grid: hide the cursor and turn autowrap off, so writing the
  /// last column never moves the cursor to the next row (or scrolls at the bottom right).
  public static let setUp = "\u{1B}[?25l\u{1B}[?7l"
  /// Gives the terminal back: default colours, autowrap and the cursor.
  public static let tearDown = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h"

  /// Unchanged cells between two changed ones are rewritten rather than skipped when there
  /// are at most this many: a cursor move costs about as many bytes.
  static let gapToRewrite = 6

  public init(depth: ColorDepth = .colors256) {
    self.depth = depth
  }

  /// The escapes that turn the screen from the previous grid into `grid`: everything the
  /// first time or after a size change, else only the runs of changed cells. Empty when
  /// nothing changed.
  public mutating func paint(_ grid: CellGrid) -> String {
    defer { previous = grid }
    var output = ""
    var current: Look?
    guard let previous, previous.width == grid.width, previous.height == grid.height else {
      output += (self.previous == nil ? Self.setUp : "") + "\u{1B}[0m\u{1B}[2J"
      for y in 0..<grid.height {
        output += Self.moveTo(x: 0, y: y)
        write(grid, y: y, from: 0, to: grid.width, into: &output, current: &current)
      }
      return output
    }
    for y in 0..<grid.height {
      for run in Self.changedRuns(from: previous, to: grid, y: y) {
        output += Self.moveTo(x: run.lowerBound, y: y)
        write(
          grid, y: y, from: run.lowerBound, to: run.upperBound, into: &output, current: &current)
      }
    }
    return output
  }

  /// The columns of row `y` to rewrite: changed cells, joined across short unchanged gaps.
  static func changedRuns(from old: CellGrid, to new: CellGrid, y: Int) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var x = 0
    while x < new.width {
      guard old[x, y] != new[x, y] else {
        x += 1
        continue
      }
      var end = x + 1
      var probe = end
      while probe < new.width && probe - end <= gapToRewrite {
        if old[probe, y] != new[probe, y] { end = probe + 1 }
        probe += 1
      }
      runs.append(x..<end)
      x = end
    }
    return runs
  }

  private func write(
    _ grid: CellGrid, y: Int, from start: Int, to end: Int, into output: inout String,
    current: inout Look?
  ) {
    for x in start..<end {
      let cell = grid[x, y]
      let look = Palette.look(for: cell.style, depth: depth)
      if look != current {
        output += sgr(look)
        current = look
      }
      output.append(cell.character)
    }
  }

  /// Select Graphic Rendition: reset, then the look's attributes and colour.
  func sgr(_ look: Look) -> String {
    var codes = ["0"]
    if look.bold { codes.append("1") }
    if look.dim { codes.append("2") }
    if look.reverse { codes.append("7") }
    if let colour = look.foreground {
      codes.append(depth == .colors256 ? "38;5;\(colour)" : "3\(colour)")
    }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  /// Cursor position (the terminal counts from 1).
  static func moveTo(x: Int, y: Int) -> String { "\u{1B}[\(y + 1);\(x + 1)H" }
}
