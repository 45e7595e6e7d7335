/// The peer benchmarks' correctness metrics (docs/performance.md) on 10,000 samples of G: mean,
/// standard deviation and the histogram JSD against 10,000 fresh data samples, 200 bins on
/// [−2, 8] (on [−5, 5] for a target with mass below −1), samples outside clipped to the edges.
public struct CanonicalScore: Sendable {
  public var mean: Double
  public var standardDeviation: Double
  public var jensenShannon: Double
  public var fractionPositive: Double
  public var finite: Bool

  public init(samples: [Float], target: Target, seed: UInt64 = 12345) {
    let values = samples.map(Double.init)
    finite = values.allSatisfy(\.isFinite)
    let n = Double(values.count)
    mean = values.reduce(0, +) / n
    let m = mean
    standardDeviation = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n).squareRoot()
    fractionPositive = Double(values.filter { $0 > 0 }.count) / n
    var rng = Xoshiro256(seed: seed)
    let real = (0..<values.count).map { _ in target.distribution.sample(using: &rng) }
    let (lower, upper) = target.distribution.quantile(0.01) < -1 ? (-5.0, 5.0) : (-2.0, 8.0)
    jensenShannon = GANCore.jensenShannon(
      binProbabilities(real, lower: lower, upper: upper, bins: 200),
      binProbabilities(values, lower: lower, upper: upper, bins: 200))
  }
}
