/// The x interval and bin count on which a snapshot's curves are sampled.
public struct ViewGrid: Sendable, Equatable, Hashable, Codable {
  public var lower: Double
  public var upper: Double
  public var bins: Int

  public init(lower: Double, upper: Double, bins: Int) {
    self.lower = lower
    self.upper = upper
    self.bins = bins
  }

  public var binWidth: Double { (upper - lower) / Double(bins) }
  public func center(_ i: Int) -> Double { lower + (Double(i) + 0.5) * binWidth }
  public var centers: [Double] { (0..<bins).map(center) }
}

/// Chooses the view grid from the target and G's samples and keeps it still: the grid moves
/// only when G's mass leaves it or occupies a small part of it, and its bounds snap outward
/// to round numbers, so curves never jitter from frame to frame.
public struct ViewGridTracker: Sendable, Equatable {
  public private(set) var grid: ViewGrid?
  public let bins: Int

  public init(bins: Int = 200) { self.bins = bins }

  /// A tracker that continues from a saved state (a recording's checkpoint): `grid` is the
  /// grid it had chosen, nil before the first update.
  public init(bins: Int, grid: ViewGrid?) {
    self.bins = bins
    self.grid = grid
  }

  /// `target` holds nearly all of p_data; `samples` are G's sorted samples.
  public mutating func update(target: ClosedRange<Double>, sortedSamples samples: [Double])
    -> ViewGrid
  {
    var lower = target.lowerBound
    var upper = target.upperBound
    if let first = samples.first, let last = samples.last, first.isFinite, last.isFinite {
      // Ignore the outer half percent of G's samples so one stray sample cannot zoom out.
      let cut = samples.count / 200
      lower = min(lower, samples[cut])
      upper = max(upper, samples[samples.count - 1 - cut])
    }
    // Never zoom out beyond a few target widths: far-away mass piles up in the edge bins.
    let span = max(target.upperBound - target.lowerBound, 1e-3)
    let center = (target.lowerBound + target.upperBound) / 2
    lower = max(lower, center - 4 * span)
    upper = min(upper, center + 4 * span)
    let pad = 0.08 * (upper - lower)
    let wanted = (lower - pad)...(upper + pad)
    if let grid,
      grid.lower <= wanted.lowerBound, grid.upper >= wanted.upperBound,
      wanted.upperBound - wanted.lowerBound > 0.6 * (grid.upper - grid.lower)
    {
      return grid
    }
    let new = Self.rounded(wanted, bins: bins)
    grid = new
    return new
  }

  /// Snaps a range outward to multiples of a round step (1, 2 or 5 × 10ⁿ, about a tenth of
  /// the span).
  static func rounded(_ range: ClosedRange<Double>, bins: Int) -> ViewGrid {
    let span = max(range.upperBound - range.lowerBound, 1e-6)
    let raw = span / 10
    let magnitude = _pow(10, (_log(raw) / _log(10)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    let lower = (range.lowerBound / step).rounded(.down) * step
    let upper = (range.upperBound / step).rounded(.up) * step
    return ViewGrid(lower: lower, upper: upper, bins: bins)
  }
}
