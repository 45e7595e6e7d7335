import GANCore

/// The target being drawn in the live view's editor (`T`, `live --draw`): a height per
/// column over an x interval, painted with the mouse or raised and lowered with the keys,
/// then applied as a `drawn(...)` target (`DrawnDensity`). Pure: every edit is a value
/// change the tests can make.
public struct TargetSketch: Sendable, Equatable {
  /// A column's height runs from 0 to this many steps.
  public static let levels = 16
  /// How many edits `undo` can take back.
  public static let undoDepth = 64

  public let lower: Double
  public let upper: Double
  public private(set) var heights: [Int]
  /// The column the arrow keys act on.
  public private(set) var cursor: Int
  private var undoStack: [[Int]] = []
  /// The column and height the current mouse stroke last painted, to fill the columns a
  /// fast drag skipped.
  private var strokeEnd: StrokeEnd?

  private struct StrokeEnd: Sendable, Equatable {
    var column: Int
    var level: Int
  }

  /// A sketch of `columns` columns over [lower, upper], all zero.
  public init(lower: Double, upper: Double, columns: Int) {
    self.lower = lower
    self.upper = upper
    heights = Array(repeating: 0, count: max(columns, 1))
    cursor = heights.count / 2
  }

  /// A sketch over `canvas` of the current target, so a drawing can start from it (add a
  /// hill, lower one): `density` sampled on `domain`'s bins, its peak at three quarters of
  /// the height.
  public init(domain: ViewGrid, columns: Int, density: [Float], canvas: ClosedRange<Double>) {
    self.init(lower: canvas.lowerBound, upper: canvas.upperBound, columns: columns)
    let values = heights.indices.map { Self.value(of: density, on: domain, at: center(of: $0)) }
    let peak = values.compactMap { $0 }.max() ?? 0
    guard peak > 0 else { return }
    heights = values.map { value in
      Int(((value ?? 0) / peak * Double(Self.levels) * 0.75).rounded())
    }
  }

  /// The interval a drawing spans: the view around the target, at least `minimumWidth`
  /// wide (the default target's view is 4 wide, too narrow to draw two modes apart), its
  /// ends on whole numbers.
  public static func canvas(around domain: ViewGrid) -> ClosedRange<Double> {
    let center = (domain.lower + domain.upper) / 2
    let half = max((domain.upper - domain.lower) / 2, minimumWidth / 2)
    return (center - half).rounded(.down)...(center + half).rounded(.up)
  }

  /// The narrowest canvas.
  public static let minimumWidth = 12.0

  /// How many columns a drawing over `canvas` has: about 64 (a column is narrower than a
  /// cell at 80 columns, wider at 200), each a round width (0.1, 0.2, 0.25, 0.5, 1, … ×
  /// 10^k), so the spec's numbers stay short. The same strokes make the same target at
  /// every terminal size.
  public static func columns(for canvas: ClosedRange<Double>) -> Int {
    let width = canvas.upperBound - canvas.lowerBound
    var best = 64
    var bestDistance = Double.infinity
    var decade = 1e-3
    while decade < 1e6 {
      for step in [1.0, 2, 2.5, 5].map({ $0 * decade }) {
        let count = width / step
        guard abs(count - count.rounded()) < 1e-9 else { continue }
        let distance = abs(count - 64)
        if count >= 16, count <= Double(DrawnDensity.maximumColumns), distance < bestDistance {
          best = Int(count.rounded())
          bestDistance = distance
        }
      }
      decade *= 10
    }
    return best
  }

  /// A curve sampled on `domain`'s bins at x (nil outside it).
  static func value(of curve: [Float], on domain: ViewGrid, at x: Double) -> Double? {
    guard !curve.isEmpty, x >= domain.lower, x < domain.upper else { return nil }
    let bin = min(Int((x - domain.lower) / domain.binWidth), curve.count - 1)
    return Double(curve[bin])
  }

  /// The canvas as a grid for the plot's frame.
  var domain: ViewGrid { ViewGrid(lower: lower, upper: upper, bins: heights.count) }

  /// The column whose span holds x (clamped to the sketch).
  public func column(at x: Double) -> Int {
    let fraction = (x - lower) / (upper - lower)
    return min(max(Int((fraction * Double(heights.count)).rounded(.down)), 0), heights.count - 1)
  }

  /// The x at the centre of a column.
  public func center(of column: Int) -> Double {
    lower + (Double(column) + 0.5) / Double(heights.count) * (upper - lower)
  }

  // MARK: Edits

  /// Left, Right (by 1), Shift+Left, Shift+Right (by an eighth of the width).
  public mutating func moveCursor(by delta: Int) {
    cursor = min(max(cursor + delta, 0), heights.count - 1)
  }

  /// Up, Down: the cursor's column one step higher or lower. False when it cannot move.
  @discardableResult
  public mutating func raise(by delta: Int) -> Bool {
    let level = min(max(heights[cursor] + delta, 0), Self.levels)
    guard level != heights[cursor] else { return false }
    remember()
    heights[cursor] = level
    return true
  }

  /// The mouse paints: the column under x takes the height `fraction` (0 bottom, 1 top) of
  /// the canvas, or 0 when `erase` (the right button). A press starts a stroke (one undo
  /// step); a drag continues it, filling the columns between its last point and this one
  /// along a straight line, so a fast drag leaves no gaps.
  public mutating func paint(at x: Double, height fraction: Double, erase: Bool, continuing: Bool) {
    let column = column(at: x)
    let level =
      erase ? 0 : min(max(Int((fraction * Double(Self.levels)).rounded()), 0), Self.levels)
    if !continuing || strokeEnd == nil {
      remember()
      strokeEnd = nil
    }
    if let end = strokeEnd, end.column != column {
      let (start, startLevel) = (end.column, end.level)
      let step = column > start ? 1 : -1
      for c in stride(from: start + step, to: column, by: step) {
        let t = Double(c - start) / Double(column - start)
        heights[c] = Int((Double(startLevel) + t * Double(level - startLevel)).rounded())
      }
    }
    heights[column] = level
    cursor = column
    strokeEnd = StrokeEnd(column: column, level: level)
  }

  /// The mouse button went up: the stroke is over.
  public mutating func endStroke() { strokeEnd = nil }

  /// s: each column averaged with its neighbours (weights 1 2 1), so hand-drawn steps become
  /// hills. False when nothing changes.
  @discardableResult
  public mutating func smooth() -> Bool {
    let n = heights.count
    let smoothed = (0..<n).map { i in
      let left = heights[max(i - 1, 0)]
      let right = heights[min(i + 1, n - 1)]
      return (left + 2 * heights[i] + right + 2) / 4
    }
    guard smoothed != heights else { return false }
    remember()
    heights = smoothed
    return true
  }

  /// c: every column to zero. False when it already is.
  @discardableResult
  public mutating func clear() -> Bool {
    guard heights.contains(where: { $0 > 0 }) else { return false }
    remember()
    heights = Array(repeating: 0, count: heights.count)
    return true
  }

  /// u: back to before the last edit. False when there is none.
  @discardableResult
  public mutating func undo() -> Bool {
    guard let last = undoStack.popLast() else { return false }
    heights = last
    strokeEnd = nil
    return true
  }

  private mutating func remember() {
    undoStack.append(heights)
    if undoStack.count > Self.undoDepth { undoStack.removeFirst() }
  }

  // MARK: What it means

  /// The drawing as a density (nil when it is empty).
  public var drawn: DrawnDensity? {
    guard heights.contains(where: { $0 > 0 }) else { return nil }
    // Leading and trailing empty columns are left out, so the spec says only what was
    // drawn; the interval shrinks with them.
    let first = heights.firstIndex { $0 > 0 }!
    let last = heights.lastIndex { $0 > 0 }!
    let width = (upper - lower) / Double(heights.count)
    let edge = { (i: Int) in
      self.lower + (self.upper - self.lower) * Double(i) / Double(self.heights.count)
    }
    return DrawnDensity(
      lower: Self.rounded(edge(first), column: width),
      upper: Self.rounded(edge(last + 1), column: width),
      heights: heights[first...last].map(Double.init))
  }

  /// The target it means, parsed from its own spec (exactly what a recording logs and a
  /// replay reads back), or nil when the drawing is empty.
  public var target: Target? {
    guard let drawn else { return nil }
    return try? Target.parse(drawn.spec)
  }

  /// The separated hills drawn (runs of non-zero columns).
  public var hills: Int {
    var count = 0
    var inside = false
    for height in heights {
      if height > 0 && !inside { count += 1 }
      inside = height > 0
    }
    return count
  }

  /// An edge cleared of the floating-point dust of `lower + width × i / n` (2.1999999999999997
  /// for 2.2): rounded to a hundredth of a column's width, which every edge of a
  /// round-width column is a multiple of, so the spec prints the decimal and no column
  /// moves by more than 1/200 of its width, however far from 0 the canvas lies.
  static func rounded(_ x: Double, column width: Double) -> Double {
    guard x.isFinite, width > 0, width.isFinite else { return x }
    let exponent = decimalParts(width).exponent
    // Decimals that keep a hundredth of the width (e.g. 0.2 wide: 3; 5 wide: 1).
    let decimals = min(max(2 - exponent, 0), 15)
    let scale = pow10(decimals)
    let scaled = (x * scale).rounded()
    // Beyond 2^53 the product is already an integer: nothing to clean.
    return abs(scaled) < 9e15 ? scaled / scale : x
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent >= 0 ? result : 1 / result
  }
}
