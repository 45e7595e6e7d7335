/// One mixture component: a distribution and its share of the total mass.
public struct MixtureComponent: Sendable, Hashable {
  public var weight: Double
  public var distribution: Distribution

  public init(weight: Double, distribution: Distribution) {
    self.weight = weight
    self.distribution = distribution
  }
}

/// A data set used as a target: the values, sorted ascending, with their mean and (population)
/// standard deviation computed once.
///
/// Resampling uniformly from the values is the distribution this stands for, so the standard
/// deviation divides by n, not n − 1.
public struct EmpiricalSamples: Sendable, Hashable {
  /// The values, sorted ascending; never empty, every value finite.
  public let sorted: [Double]
  /// The mean of the values.
  public let mean: Double
  /// The population standard deviation of the values.
  public let standardDeviation: Double

  /// Keeps the finite values of `values`, sorted. Callers are expected to validate their data
  /// (`EmpiricalDataParser` rejects empty or non-finite input); so that this initializer never
  /// traps, non-finite values are dropped and an input with no finite value becomes `[0]`.
  public init(values: [Double]) {
    var kept = values.filter { $0.isFinite }
    if kept.isEmpty { kept = [0] }
    kept.sort()
    sorted = kept
    let n = Double(kept.count)
    var sum = 0.0
    for v in kept { sum += v }
    let m = sum / n
    var squares = 0.0
    for v in kept {
      let d = v - m
      squares += d * d
    }
    mean = m
    standardDeviation = (squares / n).squareRoot()
  }

  /// The number of values.
  public var count: Int { sorted.count }

  /// The empirical CDF: the fraction of values ≤ x.
  public func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    // Upper bound: the first index whose value is > x.
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      if sorted[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return Double(lo) / Double(sorted.count)
  }

  /// The order statistic inverting the ECDF: the smallest value v with cdf(v) ≥ p.
  public func quantile(_ p: Double) -> Double {
    if p.isNaN { return .nan }
    let n = sorted.count
    let t = min(max(p, 0), 1) * Double(n)
    // p = k/n computed in floating point may land a hair above k; snap it back.
    let nearest = t.rounded()
    let k = abs(t - nearest) <= 1e-9 * max(1, t) ? nearest : t.rounded(.up)
    let index = min(max(Int(k) - 1, 0), n - 1)
    return sorted[index]
  }

  /// One uniformly chosen value (exactly one draw from `rng`).
  func pick(using rng: inout Xoshiro256) -> Double {
    let index = Int(UInt64(sorted.count).multipliedFullWidth(by: rng.next()).high)
    return sorted[index]
  }
}

/// A one-dimensional target distribution p_data.
public indirect enum Distribution: Sendable, Hashable {
  /// N(mean, standardDeviation²).
  case normal(mean: Double, standardDeviation: Double)
  /// Uniform on [lower, upper].
  case uniform(lower: Double, upper: Double)
  /// Laplace (double exponential) with density exp(−|x − location| / scale) / (2·scale).
  case laplace(location: Double, scale: Double)
  /// exp(N(mu, sigma²)).
  case logNormal(mu: Double, sigma: Double)
  /// Σ wᵢ·pᵢ; the weights are normalized to sum to 1 by the parser and by
  /// `normalizedMixture(_:)`.
  case mixture([MixtureComponent])
  /// Resampling from a data set (from `file:PATH`).
  case empirical(EmpiricalSamples)
  /// δ_c: all the mass at c (no density; drawn as a one-bin spike).
  case point(Double)

  private static let inverseSqrtTwoPi = 1 / (2 * Double.pi).squareRoot()

  /// A mixture whose weights are normalized to sum to 1, or nil when `components` is empty, a
  /// weight is not finite and > 0, or a weight is so small relative to the others that it
  /// vanishes after normalization.
  public static func normalizedMixture(_ components: [MixtureComponent]) -> Distribution? {
    guard let weights = normalizedWeights(components.map(\.weight)) else { return nil }
    var result = components
    for i in result.indices { result[i].weight = weights[i] }
    return .mixture(result)
  }

  /// Weights scaled to sum to 1 (up to rounding), or nil if that is impossible.
  ///
  /// Idempotent: weights that already sum to 1 within rounding (`isNormalized`) are returned
  /// unchanged, and a normalized result always passes that test. Printing normalized weights
  /// with their shortest representation and parsing them again therefore gives back the same
  /// weights bit for bit, and equal shares stay exactly equal (⅓, ⅓, ⅓).
  static func normalizedWeights(_ weights: [Double]) -> [Double]? {
    guard !weights.isEmpty, weights.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
    if isNormalized(weights) { return weights }
    // Scale by the largest weight first, so that the sum cannot overflow.
    let largest = weights.max() ?? 1
    let scaled = weights.map { $0 / largest }
    let total = scaled.reduce(0, +)
    let w = scaled.map { $0 / total }
    guard w.allSatisfy({ $0 > 0 }) else { return nil }
    return w
  }

  /// Whether positive weights sum to 1 within the rounding error of normalizing them: two
  /// divisions per weight and n − 1 additions stay well inside 4n units of 2⁻⁵³.
  static func isNormalized(_ weights: [Double]) -> Bool {
    let tolerance = 4 * Double(weights.count) * 0x1p-53
    return abs(weights.reduce(0, +) - 1) <= tolerance
  }

  /// The exact density, or nil when there is none (an empirical target, or a mixture with an
  /// empirical component).
  public func density(_ x: Double) -> Double? {
    switch self {
    case .normal(let m, let s):
      let z = (x - m) / s
      return _exp(-0.5 * z * z) * Self.inverseSqrtTwoPi / s
    case .uniform(let a, let b):
      return x >= a && x <= b ? 1 / (b - a) : 0
    case .laplace(let m, let b):
      return _exp(-abs(x - m) / b) / (2 * b)
    case .logNormal(let mu, let sigma):
      guard x > 0 else { return 0 }
      let z = (_log(x) - mu) / sigma
      return _exp(-0.5 * z * z) * Self.inverseSqrtTwoPi / (x * sigma)
    case .mixture(let components):
      var total = 0.0
      for c in components {
        guard let d = c.distribution.density(x) else { return nil }
        total += c.weight * d
      }
      return total
    case .empirical, .point:
      return nil
    }
  }

  /// The exact CDF (for an empirical target, the ECDF).
  public func cdf(_ x: Double) -> Double {
    switch self {
    case .normal(let m, let s):
      return normalCDF((x - m) / s)
    case .uniform(let a, let b):
      if x <= a { return 0 }
      if x >= b { return 1 }
      return (x - a) / (b - a)
    case .laplace(let m, let b):
      return x < m ? 0.5 * _exp((x - m) / b) : 1 - 0.5 * _exp(-(x - m) / b)
    case .logNormal(let mu, let sigma):
      guard x > 0 else { return x.isNaN ? .nan : 0 }
      return normalCDF((_log(x) - mu) / sigma)
    case .mixture(let components):
      var total = 0.0
      for c in components { total += c.weight * c.distribution.cdf(x) }
      return total
    case .empirical(let samples):
      return samples.cdf(x)
    case .point(let c):
      return x >= c ? 1 : 0
    }
  }

  /// The quantile function: the smallest x with cdf(x) ≥ p. p is clamped to [0, 1]; at 0 and 1
  /// unbounded distributions give ∓∞. Mixtures are inverted by bisection on the CDF; empirical
  /// targets give an order statistic.
  public func quantile(_ p: Double) -> Double {
    if p.isNaN { return .nan }
    switch self {
    case .normal(let m, let s):
      if p <= 0 { return -.infinity }
      if p >= 1 { return .infinity }
      return m + s * inverseNormalCDF(p)
    case .uniform(let a, let b):
      let q = min(max(p, 0), 1)
      return q == 1 ? b : a + (b - a) * q
    case .laplace(let m, let b):
      if p <= 0 { return -.infinity }
      if p >= 1 { return .infinity }
      return p < 0.5 ? m + b * _log(2 * p) : m - b * _log(2 - 2 * p)
    case .logNormal(let mu, let sigma):
      if p <= 0 { return 0 }
      if p >= 1 { return .infinity }
      return _exp(mu + sigma * inverseNormalCDF(p))
    case .mixture(let components):
      return Self.mixtureQuantile(components, p)
    case .empirical(let samples):
      return samples.quantile(p)
    case .point(let c):
      return c
    }
  }

  private static func mixtureQuantile(_ components: [MixtureComponent], _ p: Double) -> Double {
    guard !components.isEmpty else { return .nan }
    // Every component's own quantile brackets the answer: below the smallest of them each
    // component CDF is < p, and at the largest each is ≥ p.
    var lo = Double.infinity
    var hi = -Double.infinity
    for c in components {
      let q = c.distribution.quantile(p)
      lo = min(lo, q)
      hi = max(hi, q)
    }
    guard lo.isFinite, hi.isFinite else { return p <= 0.5 ? lo : hi }
    let mixture = Distribution.mixture(components)
    if mixture.cdf(lo) >= p { return lo }
    for _ in 0..<256 {
      let mid = lo / 2 + hi / 2
      if mid <= lo || mid >= hi { break }
      if mixture.cdf(mid) >= p { hi = mid } else { lo = mid }
    }
    return hi
  }

  /// The mean (for a mixture, the weighted mean of the component means).
  public var mean: Double {
    switch self {
    case .normal(let m, _): return m
    case .uniform(let a, let b): return a / 2 + b / 2
    case .laplace(let m, _): return m
    case .logNormal(let mu, let sigma): return _exp(mu + sigma * sigma / 2)
    case .mixture(let components):
      guard !components.isEmpty else { return .nan }
      var total = 0.0
      for c in components { total += c.weight * c.distribution.mean }
      return total
    case .empirical(let samples): return samples.mean
    case .point(let c): return c
    }
  }

  /// The standard deviation (for an empirical target, the population standard deviation of
  /// the values).
  public var standardDeviation: Double {
    switch self {
    case .normal(_, let s): return s
    case .uniform(let a, let b): return (b - a) / 12.0.squareRoot()
    case .laplace(_, let b): return b * 2.0.squareRoot()
    case .logNormal(let mu, let sigma):
      let s2 = sigma * sigma
      return _expm1(s2).squareRoot() * _exp(mu + s2 / 2)
    case .mixture(let components):
      guard !components.isEmpty else { return .nan }
      let m = mean
      var variance = 0.0
      for c in components {
        let s = c.distribution.standardDeviation
        let d = c.distribution.mean - m
        variance += c.weight * (s * s + d * d)
      }
      return variance.squareRoot()
    case .empirical(let samples): return samples.standardDeviation
    case .point: return 0
    }
  }

  /// Whether `density(_:)` gives an exact value (false for empirical targets and mixtures
  /// that contain one).
  public var hasExactDensity: Bool {
    switch self {
    case .normal, .uniform, .laplace, .logNormal: return true
    case .mixture(let components): return components.allSatisfy { $0.distribution.hasExactDensity }
    case .empirical, .point: return false
    }
  }

  /// One draw.
  public func sample(using rng: inout Xoshiro256) -> Double {
    switch self {
    case .normal(let m, let s):
      return m + s * rng.nextStandardNormal()
    case .uniform(let a, let b):
      return a + (b - a) * rng.nextUnitDouble()
    case .laplace(let m, let b):
      return Self.laplace(m, b, Self.openUnit(&rng))
    case .logNormal(let mu, let sigma):
      return _exp(mu + sigma * rng.nextStandardNormal())
    case .mixture(let components):
      guard let c = Self.pick(components, rng.nextUnitDouble()) else { return .nan }
      return c.sample(using: &rng)
    case .empirical(let samples):
      return samples.pick(using: &rng)
    case .point(let c):
      return c
    }
  }

  /// Fills `buffer` with independent draws. Deterministic: the same generator state always
  /// gives the same values and leaves the generator in the same state.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Float>, using rng: inout Xoshiro256) {
    switch self {
    case .normal(let m, let s):
      rng.fillStandardNormal(buffer)
      let fm = Float(m)
      let fs = Float(s)
      for i in buffer.indices { buffer[i] = fm.addingProduct(buffer[i], fs) }
    case .uniform(let a, let b):
      let width = b - a
      for i in buffer.indices { buffer[i] = Float(a + width * rng.nextUnitDouble()) }
    case .laplace(let m, let b):
      for i in buffer.indices { buffer[i] = Float(Self.laplace(m, b, Self.openUnit(&rng))) }
    case .logNormal(let mu, let sigma):
      rng.fillStandardNormal(buffer)
      for i in buffer.indices { buffer[i] = Float(_exp(mu + sigma * Double(buffer[i]))) }
    case .mixture(let components):
      Self.fillMixture(components, buffer, &rng)
    case .empirical(let samples):
      for i in buffer.indices { buffer[i] = Float(samples.pick(using: &rng)) }
    case .point(let c):
      buffer.update(repeating: Float(c))
    }
  }

  private static func fillMixture(
    _ components: [MixtureComponent], _ buffer: UnsafeMutableBufferPointer<Float>,
    _ rng: inout Xoshiro256
  ) {
    var means: [Double] = []
    var deviations: [Double] = []
    var thresholds: [Double] = []  // cumulative weights of all but the last component
    var cumulative = 0.0
    for c in components {
      guard case .normal(let m, let s) = c.distribution else { break }
      means.append(m)
      deviations.append(s)
      cumulative += c.weight
      thresholds.append(cumulative)
    }
    if !components.isEmpty && means.count == components.count {
      // A mixture of normals: draw all the standard normals at once (both Box–Muller outputs),
      // then move each to the component chosen by one uniform.
      rng.fillStandardNormal(buffer)
      let last = components.count - 1
      means.withUnsafeBufferPointer { means in
        deviations.withUnsafeBufferPointer { deviations in
          thresholds.withUnsafeBufferPointer { thresholds in
            for i in buffer.indices {
              let u = rng.nextUnitDouble()
              var k = 0
              while k < last && u >= thresholds[k] { k += 1 }
              buffer[i] = Float(means[k] + deviations[k] * Double(buffer[i]))
            }
          }
        }
      }
      return
    }
    for i in buffer.indices {
      guard let c = pick(components, rng.nextUnitDouble()) else {
        buffer[i] = .nan
        continue
      }
      buffer[i] = Float(c.sample(using: &rng))
    }
  }

  /// The component whose cumulative-weight interval holds `u` ∈ [0, 1).
  private static func pick(_ components: [MixtureComponent], _ u: Double) -> Distribution? {
    var cumulative = 0.0
    for c in components.dropLast() {
      cumulative += c.weight
      if u < cumulative { return c.distribution }
    }
    return components.last?.distribution
  }

  /// A uniform in the open interval (0, 1), symmetric about ½, from one 64-bit draw.
  private static func openUnit(_ rng: inout Xoshiro256) -> Double {
    (Double(rng.next() >> 11) + 0.5) * 0x1p-53
  }

  /// The Laplace inverse CDF at u ∈ (0, 1).
  private static func laplace(_ m: Double, _ b: Double, _ u: Double) -> Double {
    u < 0.5 ? m + b * _log(2 * u) : m - b * _log(2 - 2 * u)
  }

  /// A finite interval holding all but `tail` of the mass on each side:
  /// quantile(tail)...quantile(1 − tail). `tail` is clamped to [1e-15, 0.5], so unbounded
  /// distributions still give a finite interval; the ends are clamped to finite values.
  public func range(tail: Double) -> ClosedRange<Double> {
    // A point mass has no spread to size a plot by: it is shown over c ± 1.
    if case .point(let c) = self { return (c - 1)...(c + 1) }
    let t = tail.isNaN ? 1e-15 : min(max(tail, 1e-15), 0.5)
    let big = Double.greatestFiniteMagnitude
    var lo = quantile(t)
    var hi = quantile(1 - t)
    lo = lo.isNaN ? -big : min(max(lo, -big), big)
    hi = hi.isNaN ? big : min(max(hi, -big), big)
    if hi < lo { swap(&lo, &hi) }
    return lo...hi
  }
}

extension Distribution: CustomStringConvertible {
  /// Spec-language text for the distribution (an empirical target, which has no spec text
  /// without its file, prints as `empirical(n=COUNT)`).
  public var description: String {
    let f = Self.format
    switch self {
    case .normal, .uniform, .laplace, .logNormal, .point:
      guard case let (family, parameters)? = family else { return "" }  // each has one
      return "\(family.name)(\(parameters.map(f).joined(separator: ",")))"
    case .mixture(let components):
      let parts = components.map { "\(f($0.weight))*\($0.distribution.description)" }
      return "mix(\(parts.joined(separator: ",")))"
    case .empirical(let samples): return "empirical(n=\(samples.count))"
    }
  }

  /// The shortest text that parses back to exactly `x`, without a trailing ".0" (4, not 4.0).
  public static func format(_ x: Double) -> String {
    let text = "\(x)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
