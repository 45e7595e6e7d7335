/// One mode of a target: where a sample counts as "near" it, and its share of p_data's mass.
/// A normal's mode reaches `ModeCoverage.reach` standard deviations from its centre; a
/// uniform's is its support, and uniform pieces that touch are one mode (a drawn target's
/// columns: each separated hill is a mode).
public struct DataMode: Sendable, Equatable {
  public var interval: ClosedRange<Double>
  public var weight: Double

  public init(interval: ClosedRange<Double>, weight: Double) {
    self.interval = interval
    self.weight = weight
  }
}

extension Distribution {
  /// The target's modes when it is made of separable pieces — normals, uniforms, mixtures
  /// of them (nested mixtures flattened, weights multiplied) — in order along x; nil for
  /// any other family (laplace, lognormal, a data file, a point), which has no modes to
  /// count.
  public var modes: [DataMode]? {
    guard let pieces = modePieces(share: 1) else { return nil }
    var modes = pieces.filter { !$0.uniform }.map(\.mode)
    // Uniform pieces that touch or overlap (a drawn target's neighbouring columns) are one.
    var joined: [DataMode] = []
    for piece in pieces.filter(\.uniform).map(\.mode).sorted(by: {
      $0.interval.lowerBound < $1.interval.lowerBound
    }) {
      if let last = joined.last, piece.interval.lowerBound <= last.interval.upperBound {
        joined[joined.count - 1] = DataMode(
          interval: last.interval
            .lowerBound...max(
              last.interval.upperBound, piece.interval.upperBound),
          weight: last.weight + piece.weight)
      } else {
        joined.append(piece)
      }
    }
    modes += joined
    return modes.sorted { $0.interval.lowerBound < $1.interval.lowerBound }
  }

  /// Whether the target has uniform pieces, whose modes ganscope counts since drawn
  /// targets (recording format 6 files made before then hold NaN for `modes` and
  /// `near_modes` of such a target; verification accepts that).
  public var hasUniformModes: Bool {
    modePieces(share: 1)?.contains { $0.uniform } ?? false
  }

  /// The normal and uniform pieces with their share of the whole, or nil.
  private func modePieces(share: Double) -> [(mode: DataMode, uniform: Bool)]? {
    switch self {
    case .normal(let mean, let sd):
      let reach = ModeCoverage.reach * sd
      return [(DataMode(interval: (mean - reach)...(mean + reach), weight: share), false)]
    case .uniform(let lower, let upper):
      return [(DataMode(interval: lower...upper, weight: share), true)]
    case .mixture(let components):
      let total = components.reduce(0) { $0 + $1.weight }
      var pieces: [(mode: DataMode, uniform: Bool)] = []
      for component in components {
        guard let inner = component.distribution.modePieces(share: share * component.weight / total)
        else { return nil }
        pieces += inner
      }
      return pieces
    case .laplace, .logNormal, .empirical, .point:
      return nil
    }
  }
}

/// The mode-coverage measures of the unrolled-GAN paper (Metz et al. 2016), for a target
/// made of modes (`Distribution.modes`): how many modes p_g keeps, and how many of G's
/// samples are "high quality" (near some mode).
public enum ModeCoverage {
  /// A mode counts as kept when p_g puts at least this share of the mode's own weight near
  /// it (a quarter: 5% of all samples for one of five equal modes).
  public static let keptShareOfWeight = 0.25
  /// "Near" a normal mode: within this many of its standard deviations.
  public static let reach = 3.0

  /// (modes kept, share of samples near some mode) of `sorted` samples of p_g; NaNs when
  /// there are no modes or no samples.
  public static func measure(sorted samples: [Double], modes: [DataMode]?) -> (
    kept: Double, nearShare: Double
  ) {
    guard let modes, !modes.isEmpty, !samples.isEmpty else { return (.nan, .nan) }
    let n = Double(samples.count)
    var kept = 0
    for mode in modes {
      let inside = count(samples, within: mode.interval)
      if Double(inside) / n >= keptShareOfWeight * mode.weight { kept += 1 }
    }
    // Overlapping intervals are merged so that no sample is counted twice.
    let intervals = modes.map(\.interval).sorted { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<Double>] = []
    for next in intervals {
      if let last = merged.last, next.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, next.upperBound)
      } else {
        merged.append(next)
      }
    }
    let near = merged.reduce(0) { $0 + count(samples, within: $1) }
    return (Double(kept), Double(near) / n)
  }

  /// How many of the sorted samples lie in `range`, by two binary searches.
  private static func count(_ sorted: [Double], within range: ClosedRange<Double>) -> Int {
    func firstIndex(where predicate: (Double) -> Bool) -> Int {
      var low = 0
      var high = sorted.count
      while low < high {
        let mid = (low + high) / 2
        if predicate(sorted[mid]) { high = mid } else { low = mid + 1 }
      }
      return low
    }
    return firstIndex { $0 > range.upperBound } - firstIndex { $0 >= range.lowerBound }
  }
}
