import GANCore

/// What a region of the screen is, for the mouse: each pane marks the cells it drew
/// (`CellGrid.mark`) while it draws them, and a click is looked up in the grid on screen,
/// so what the mouse hits is exactly what was drawn, at every size.
public enum HotTarget: Sendable, Equatable {
  /// The plot's canvas and the x axis under it: its columns span x from `domain.lower` to
  /// `domain.upper`, its top row is the density axis' top and its last row (the axis) 0
  /// (the target editor paints here).
  case plotCanvas(domain: ViewGrid)
  /// The replay's timeline: `count` frames from the hotspot's left column to its right.
  case timeline(count: Int)
  /// A metric's rows in the metrics pane (an index into `Metric.table`).
  case metric(Int)
  /// The history or space-time picture: the wheel zooms it, a drag pans it.
  case overTime
  /// A run's column (or its legend) in the comparison: 1-based, as the keys 1-4 select.
  case compareRun(Int)
  /// A scenario's caption or a tour page's footer: a click goes on, like space.
  case next
  /// A word of the status line: a click shows what it means in the footer.
  case explanation(String)
}

/// A rectangle of cells and what it is.
public struct Hotspot: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public var target: HotTarget

  public init(x: Int, y: Int, width: Int, height: Int, target: HotTarget) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
    self.target = target
  }

  public func contains(x: Int, y: Int) -> Bool {
    x >= self.x && x < self.x + width && y >= self.y && y < self.y + height
  }

  /// Where `x` lies across the hotspot, 0 at its left column's centre to 1 at its right
  /// column's, clamped.
  public func fractionAcross(_ x: Int) -> Double {
    guard width > 1 else { return 0 }
    return min(max(Double(x - self.x) / Double(width - 1), 0), 1)
  }

  /// Where `y` lies down the hotspot, 0 at its top row to 1 at its bottom row, clamped.
  public func fractionDown(_ y: Int) -> Double {
    guard height > 1 else { return 0 }
    return min(max(Double(y - self.y) / Double(height - 1), 0), 1)
  }
}

extension CellGrid {
  /// Marks a rectangle as `target` for the mouse (clipped to the grid; a later mark over an
  /// earlier one wins, as an overlay drawn over a pane does).
  public mutating func mark(_ target: HotTarget, x: Int, y: Int, width: Int, height: Int) {
    guard width > 0, height > 0 else { return }
    hotspots.append(Hotspot(x: x, y: y, width: width, height: height, target: target))
  }

  /// What the mouse hits at a cell: the last mark that covers it, or nil.
  public func hotspot(atX x: Int, y: Int) -> Hotspot? {
    hotspots.last { $0.contains(x: x, y: y) }
  }
}
