/// One normal component of a target: where a mode of p_data is, how wide, how heavy.
public struct NormalMode: Sendable, Equatable {
  public var center: Double
  public var standardDeviation: Double
  /// Its share of p_data's mass.
  public var weight: Double
}

extension Distribution {
  /// The target's modes when it is a normal or a mixture of normals (nested mixtures
  /// flattened, weights multiplied); nil for any other family, which has no modes to count.
  public var normalModes: [NormalMode]? {
    switch self {
    case .normal(let mean, let sd):
      return [NormalMode(center: mean, standardDeviation: sd, weight: 1)]
    case .mixture(let components):
      let total = components.reduce(0) { $0 + $1.weight }
      var modes: [NormalMode] = []
      for component in components {
        guard let inner = component.distribution.normalModes else { return nil }
        modes += inner.map {
          NormalMode(
            center: $0.center, standardDeviation: $0.standardDeviation,
            weight: $0.weight * component.weight / total)
        }
      }
      return modes
    case .uniform, .laplace, .logNormal, .empirical, .point:
      return nil
    }
  }
}

/// The mode-coverage measures of the unrolled-GAN paper (Metz et al. 2016), for a target
/// made of normal modes: how many modes p_g keeps, and how many of G's samples are "high
/// quality" (near some mode).
public enum ModeCoverage {
  /// A mode counts as kept when p_g puts at least this share of the mode's own weight
  /// within 3σ of its centre (a quarter: 5% of all samples for one of five equal modes).
  public static let keptShareOfWeight = 0.25
  /// "Near a mode": within this many of its standard deviations.
  public static let reach = 3.0

  /// (modes kept, share of samples within 3σ of some mode) of `sorted` samples of p_g;
  /// NaNs when there are no modes or no samples.
  public static func measure(sorted samples: [Double], modes: [NormalMode]?) -> (
    kept: Double, nearShare: Double
  ) {
    guard let modes, !modes.isEmpty, !samples.isEmpty else { return (.nan, .nan) }
    let n = Double(samples.count)
    var kept = 0
    for mode in modes {
      let inside = count(samples, within: interval(mode))
      if Double(inside) / n >= keptShareOfWeight * mode.weight { kept += 1 }
    }
    // Overlapping intervals are merged so that no sample is counted twice.
    let intervals = modes.map(interval).sorted { $0.lowerBound < $1.lowerBound }
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

  private static func interval(_ mode: NormalMode) -> ClosedRange<Double> {
    (mode.center - reach * mode.standardDeviation)...(mode.center + reach * mode.standardDeviation)
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
