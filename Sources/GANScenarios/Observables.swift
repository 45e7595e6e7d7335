import GANCore

// The quantities claims are stated in that the metric table does not hold: where G puts its
// mass, how far D is from D*, how much a metric swings.

extension Observation {
  /// The share of G's samples within `radius` of `centre`.
  public func share(near centre: Double, radius: Double = Observation.modeRadius) -> Double {
    guard !samples.isEmpty else { return 0 }
    let near = samples.reduce(0) { abs(Double($1) - centre) <= radius ? $0 + 1 : $0 }
    return Double(near) / Double(samples.count)
  }

  /// How many of the modes at `centres` G keeps: a mode is kept when at least
  /// `modeShare` of G's samples lie within `modeRadius` of its centre.
  public func modesKept(_ centres: [Double]) -> Int {
    centres.filter { share(near: $0) >= Observation.modeShare }.count
  }

  /// A mode is kept when ≥ 5% of G's samples lie within 0.9 of its centre.
  public static let modeRadius = 0.9
  public static let modeShare = 0.05
}

extension Snapshot {
  /// The mean |D(x) − D*(x)|, weighted by ½(p_data + p_g): how far D is from the optimal
  /// discriminator of the current G where there is mass to classify. D* comes from a
  /// histogram of G's 2,048 quantile samples, which is lumpy bin by bin; both curves are
  /// first averaged over groups of `binsPerGroup` bins of the view grid (the default, 5,
  /// makes 40 groups), so that the number measures D against D*, not the histogram's noise.
  public func distanceToOptimalDiscriminator(binsPerGroup: Int = 5) -> Double {
    var sum = 0.0
    var weight = 0.0
    var start = 0
    while start < grid.bins {
      let end = min(start + binsPerGroup, grid.bins)
      var data = 0.0
      var model = 0.0
      var d = 0.0
      for i in start..<end {
        data += Double(dataHistogram[i])
        model += Double(modelHistogram[i])
        // D's mean over the group, weighted like the mass it classifies.
        d += (Double(dataHistogram[i]) + Double(modelHistogram[i])) * Double(discriminator[i])
      }
      let mass = data + model
      if mass > 0 {
        sum += mass * abs(d / mass - data / mass)
        weight += mass
      }
      start = end
    }
    return weight > 0 ? sum / weight : .nan
  }

  /// The mean |D(x) − ½| over the view grid, weighted by p_data: ½ everywhere at the
  /// equilibrium of Theorem 1.
  public var distanceToOneHalf: Double {
    var sum = 0.0
    var weight = 0.0
    for i in 0..<grid.bins {
      let w = Double(dataHistogram[i])
      guard w > 0 else { continue }
      sum += w * abs(Double(discriminator[i]) - 0.5)
      weight += w
    }
    return weight > 0 ? sum / weight : .nan
  }
}

extension Array where Element == Snapshot {
  /// Highest minus lowest value of `metric` over these frames (0 when empty).
  public func swing(_ metric: (TrainingMetrics) -> Double) -> Double {
    let values = map { metric($0.metrics) }
    guard let low = values.min(), let high = values.max() else { return 0 }
    return high - low
  }

  /// The value of `metric` that a share `q` of these frames stay at or below (the nearest
  /// rank: the ⌈q·n⌉-th smallest); NaN when empty. "JSD < 0.05 in at least 95% of the
  /// frames" is "quantile(JSD, 0.95) < 0.05", and one excursion does not decide it.
  public func quantile(_ metric: (TrainingMetrics) -> Double, _ q: Double) -> Double {
    Self.quantile(map { metric($0.metrics) }, q)
  }

  /// The nearest-rank quantile of `values` (NaN sorts last, so a NaN frame counts as high).
  static func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted { a, b in a.isNaN ? false : (b.isNaN ? true : a < b) }
    let rank = Swift.max(Int((q * Double(sorted.count)).rounded(.up)), 1)
    return sorted[Swift.min(rank, sorted.count) - 1]
  }

  /// The mean of `metric` over these frames.
  public func mean(_ metric: (TrainingMetrics) -> Double) -> Double {
    guard !isEmpty else { return .nan }
    return map { metric($0.metrics) }.reduce(0, +) / Double(count)
  }
}
