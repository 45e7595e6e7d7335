// Distances between distributions on a line, from histograms or from sorted samples.

/// The probability of each of `bins` equal bins on [lower, upper] for `samples`, with values
/// outside the range counted in the edge bins (so no mass is silently dropped) and
/// non-finite values ignored. Sums to 1 unless no sample is finite.
public func binProbabilities<C: Collection>(
  _ samples: C, lower: Double, upper: Double, bins: Int
) -> [Double] where C.Element: BinaryFloatingPoint {
  var counts = [Double](repeating: 0, count: bins)
  let scale = Double(bins) / (upper - lower)
  var total = 0.0
  for sample in samples {
    let x = Double(sample)
    guard x.isFinite else { continue }
    // Clamp in floating point first: a far-away sample must not overflow Int.
    let position = ((x - lower) * scale).rounded(.down)
    let index = position <= 0 ? 0 : (position >= Double(bins - 1) ? bins - 1 : Int(position))
    counts[index] += 1
    total += 1
  }
  if total > 0 { for i in 0..<bins { counts[i] /= total } }
  return counts
}

/// The exact probability of each bin under a distribution, from differences of its CDF, with
/// the tails folded into the edge bins as `binProbabilities` does for samples.
public func binProbabilities(
  _ distribution: Distribution, lower: Double, upper: Double, bins: Int
) -> [Double] {
  let width = (upper - lower) / Double(bins)
  var cdfs = (0...bins).map { distribution.cdf(lower + Double($0) * width) }
  cdfs[0] = 0
  cdfs[bins] = 1
  return (0..<bins).map { max(cdfs[$0 + 1] - cdfs[$0], 0) }
}

/// Jensen–Shannon divergence in nats between two probability vectors (maximum ln 2).
/// JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M) with M = (P + Q)/2; terms with zero mass contribute 0.
public func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count)
  var sum = 0.0
  for i in p.indices {
    let m = 0.5 * (p[i] + q[i])
    if p[i] > 0 { sum += 0.5 * p[i] * _log(p[i] / m) }
    if q[i] > 0 { sum += 0.5 * q[i] * _log(q[i] / m) }
  }
  return max(sum, 0)
}

/// The additive smoothing of `kullbackLeibler`: each bin of both histograms receives this
/// much extra mass before renormalizing, so that an empty bin of Q costs a large but finite
/// amount (at most about ln(1/ε) ≈ 13.8 nats) instead of infinity.
public let klSmoothing = 1e-6

/// KL(P‖Q) in nats between two probability vectors after additive smoothing by ε per bin:
/// P′ = (P + ε)/(1 + Bε), likewise Q′.
public func kullbackLeibler(_ p: [Double], _ q: [Double], smoothing epsilon: Double = klSmoothing)
  -> Double
{
  precondition(p.count == q.count)
  let norm = 1 + Double(p.count) * epsilon
  var sum = 0.0
  for i in p.indices {
    let a = (p[i] + epsilon) / norm
    let b = (q[i] + epsilon) / norm
    if a > 0 { sum += a * _log(a / b) }
  }
  return max(sum, 0)
}

/// The exact Wasserstein-1 distance between the empirical distributions of two sorted
/// samples: the integral of |F_a − F_b| over the line, from one merge of the two samples.
public func wasserstein1(sorted a: [Double], sorted b: [Double]) -> Double {
  guard !a.isEmpty, !b.isEmpty else { return .nan }
  if a.count == b.count {
    // Equal sizes: the optimal coupling pairs order statistics.
    var sum = 0.0
    for i in a.indices { sum += abs(a[i] - b[i]) }
    return sum / Double(a.count)
  }
  var i = 0
  var j = 0
  var x = min(a[0], b[0])
  var total = 0.0
  let na = Double(a.count)
  let nb = Double(b.count)
  while i < a.count || j < b.count {
    let next: Double
    if j >= b.count || (i < a.count && a[i] <= b[j]) {
      next = a[i]
    } else {
      next = b[j]
    }
    total += abs(Double(i) / na - Double(j) / nb) * (next - x)
    x = next
    if j >= b.count || (i < a.count && a[i] <= b[j]) { i += 1 } else { j += 1 }
  }
  return total
}
