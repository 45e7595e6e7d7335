/// A point of a recording where a knob was turned, as the replay's timeline shows it. The
/// executable maps the recording's markers to these, so the view needs no runtime types.
public struct TimelineMarker: Sendable, Equatable {
  /// What changed; each kind has its own symbol and colour on the timeline.
  public enum Kind: String, Sendable, CaseIterable {
    case discriminatorSteps
    case stepSize
    case loss
    case target
    case optimizer
    /// A fix turned on or off: a penalty, unrolling, the update scheme, instance noise.
    case fix
    case reset
    case other

    public func symbol(_ symbols: SymbolSet) -> Character {
      switch self {
      case .discriminatorSteps: "k"
      case .stepSize: symbols.usesBraille ? "η" : "e"
      case .loss: "L"
      case .target: "T"
      case .optimizer: "O"
      case .fix: "F"
      case .reset: "R"
      case .other: symbols.usesBraille ? "•" : "*"
      }
    }

    /// A distinct colour per kind: k takes D's colour, the loss G's (it is G's loss), and a
    /// reset, the most drastic change, is red.
    public var style: Style {
      switch self {
      case .discriminatorSteps: .discriminator
      case .stepSize: .metric
      case .loss: .model
      case .target: .optimal
      case .optimizer: .heading
      case .fix: .optimal
      case .reset: .warning
      case .other: .text
      }
    }

    /// The help legend's words for it.
    public var legend: String {
      switch self {
      case .discriminatorSteps: "k (D steps)"
      case .stepSize: "step size"
      case .loss: "loss"
      case .target: "target"
      case .optimizer: "optimizer"
      case .fix: "fix"
      case .reset: "reset"
      case .other: "other"
      }
    }

    /// When several markers share a column, the one that changes the run most is shown.
    var priority: Int {
      switch self {
      case .reset: 6
      case .target: 5
      case .loss: 4
      case .optimizer: 3
      case .fix: 3
      case .discriminatorSteps: 2
      case .stepSize: 1
      case .other: 0
      }
    }
  }

  /// The 0-based index of the first frame that shows the change.
  public var frame: Int
  public var kind: Kind
  /// What changed, for the notice shown when the replay reaches it ("k = 3").
  public var label: String

  public init(frame: Int, kind: Kind, label: String) {
    self.frame = frame
    self.kind = kind
    self.label = label
  }
}

/// The replay's timeline: one row, a track across the screen with the markers on it, the
/// part already played drawn heavier, and the current frame as a block.
public enum Timeline {
  /// The column (0 ..< width) of a 0-based frame: the first frame at the left end, the last
  /// at the right end, evenly in between.
  public static func column(of frame: Int, count: Int, width: Int) -> Int {
    guard count > 1, width > 1 else { return 0 }
    let clamped = min(max(frame, 0), count - 1)
    return Int((Double(clamped) * Double(width - 1) / Double(count - 1)).rounded())
  }

  /// The character and role of each of `width` columns. `gaps`: the frames before which
  /// frames were lost to damage, marked with a cross over any marker there.
  public static func cells(
    frame: Int, count: Int, markers: [TimelineMarker], gaps: [Int] = [], width: Int,
    symbols: SymbolSet
  ) -> [Cell] {
    guard width > 0 else { return [] }
    let here = column(of: frame, count: count, width: width)
    var cells = (0..<width).map { x in
      x < here
        ? Cell(symbols.pick("━", "=").first!, .text) : Cell(symbols.horizontal, .dim)
    }
    var shown: [Int: TimelineMarker.Kind] = [:]
    for marker in markers where (0..<max(count, 1)).contains(marker.frame) {
      let x = column(of: marker.frame, count: count, width: width)
      if let other = shown[x], other.priority >= marker.kind.priority { continue }
      shown[x] = marker.kind
      cells[x] = Cell(marker.kind.symbol(symbols), marker.kind.style)
    }
    for gap in gaps {
      cells[column(of: gap, count: count, width: width)] = Cell(gapMark(symbols), .warning)
    }
    cells[here] = Cell(playhead(symbols), .heading)
    return cells
  }

  /// The mark of frames lost to damage.
  public static func gapMark(_ symbols: SymbolSet) -> Character { symbols.usesBraille ? "✕" : "x" }

  /// The current frame's mark.
  public static func playhead(_ symbols: SymbolSet) -> Character { symbols.usesBraille ? "█" : "#" }

  /// Draws the timeline across row `y`, one blank column at each side.
  static func draw(
    frame: Int, count: Int, markers: [TimelineMarker], gaps: [Int] = [],
    into grid: inout CellGrid, y: Int, symbols: SymbolSet
  ) {
    let width = grid.width - 2
    grid.mark(.timeline(count: count), x: 1, y: y, width: width, height: 1)
    for (offset, cell) in cells(
      frame: frame, count: count, markers: markers, gaps: gaps, width: width, symbols: symbols
    ).enumerated() {
      grid[1 + offset, y] = cell
    }
  }

  /// The help's legend: the playhead, then each marker kind.
  static func legend(_ symbols: SymbolSet) -> [HelpOverlay.LegendItem] {
    [HelpOverlay.LegendItem(symbol: playhead(symbols), style: .heading, words: "this frame")]
      + TimelineMarker.Kind.allCases.map { kind in
        HelpOverlay.LegendItem(symbol: kind.symbol(symbols), style: kind.style, words: kind.legend)
      }
  }
}
