/// A density drawn by hand (the live view's target editor): `heights` over equal columns
/// that split [lower, upper], each column's density proportional to its height. It is a
/// target like any other — its spec `drawn(lower,upper,h1,...,hn)` is what the recording
/// logs, `--target` takes and the user can save — and it means a mixture of uniform pieces,
/// one per run of equal non-zero heights, weighted by height × width, so sampling, the exact
/// density, the divergences and the mode metric need nothing new.
public struct DrawnDensity: Sendable, Hashable {
  public var lower: Double
  public var upper: Double
  public var heights: [Double]

  /// At most this many columns (a 500-column terminal's plot is narrower).
  public static let maximumColumns = 512
  /// The name of the spec's function and of the target.
  public static let name = "drawn"
  public static let signature = "drawn(a,b,h1,...,hn)"

  public init(lower: Double, upper: Double, heights: [Double]) {
    self.lower = lower
    self.upper = upper
    self.heights = heights
  }

  /// Why these numbers make no density, or nil when they do.
  public var problem: String? {
    guard lower.isFinite, upper.isFinite, lower < upper else {
      return "\(Self.signature) needs a < b, got a = \(Distribution.format(lower)), "
        + "b = \(Distribution.format(upper))"
    }
    guard !heights.isEmpty, heights.count <= Self.maximumColumns else {
      return "\(Self.signature) needs 1 to \(Self.maximumColumns) heights, got \(heights.count)"
    }
    if let bad = heights.first(where: { !($0 >= 0) || !$0.isFinite }) {
      return "\(Self.signature) needs heights >= 0, got \(Distribution.format(bad))"
    }
    guard heights.contains(where: { $0 > 0 }) else {
      return "\(Self.signature) needs at least one height > 0 (an empty drawing has no mass)"
    }
    guard abs(lower) <= Target.maximumMagnitude, abs(upper) <= Target.maximumMagnitude else {
      return "\(Self.signature) needs a and b within ±1e30"
    }
    guard pieces != nil else {
      return "\(Self.signature): the columns' masses (height × width) overflow or are too "
        + "far apart to share one density; use heights closer together"
    }
    return nil
  }

  /// Where column `index` starts (index == heights.count: `upper`).
  public func edge(_ index: Int) -> Double {
    index == heights.count
      ? upper : lower + (upper - lower) * Double(index) / Double(heights.count)
  }

  /// The mixture of uniform pieces it means; nil when `problem` is not nil.
  public var distribution: Distribution? {
    guard problem == nil else { return nil }
    return pieces
  }

  /// The pieces, or nil when their weights (height × width) overflow or are too far apart
  /// to share one mixture.
  private var pieces: Distribution? {
    var pieces: [MixtureComponent] = []
    var start = 0
    while start < heights.count {
      var end = start + 1
      while end < heights.count, heights[end] == heights[start] { end += 1 }
      if heights[start] > 0 {
        let a = edge(start)
        let b = edge(end)
        pieces.append(
          MixtureComponent(
            weight: heights[start] * (b - a), distribution: .uniform(lower: a, upper: b)))
      }
      start = end
    }
    // One piece is a plain uniform: the same distribution, one level of mixture less.
    if pieces.count == 1 { return pieces[0].distribution }
    return Distribution.normalizedMixture(pieces)
  }

  /// The canonical spec, which parses back to these numbers exactly.
  public var spec: String {
    let numbers = [lower, upper] + heights
    return "\(Self.name)(" + numbers.map(Distribution.format).joined(separator: ",") + ")"
  }
}
