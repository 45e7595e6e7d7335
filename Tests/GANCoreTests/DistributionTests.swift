import Foundation
import Testing

@testable import GANCore

/// A distribution with independently known moments.
struct MomentCase: Sendable, CustomTestStringConvertible {
  var spec: String
  var mean: Double
  var standardDeviation: Double
  var testDescription: String { spec }
}

let momentCases: [MomentCase] = [
  MomentCase(spec: "normal(4,0.5)", mean: 4, standardDeviation: 0.5),
  MomentCase(spec: "normal(-3, 2)", mean: -3, standardDeviation: 2),
  MomentCase(spec: "uniform(2,6)", mean: 4, standardDeviation: 4 / 12.0.squareRoot()),
  MomentCase(spec: "uniform(-1,0.5)", mean: -0.25, standardDeviation: 1.5 / 12.0.squareRoot()),
  MomentCase(spec: "laplace(0,1)", mean: 0, standardDeviation: 2.0.squareRoot()),
  MomentCase(spec: "laplace(2,0.25)", mean: 2, standardDeviation: 0.25 * 2.0.squareRoot()),
  MomentCase(
    spec: "lognormal(1,0.5)", mean: exp(1.125),
    standardDeviation: (exp(0.25) - 1).squareRoot() * exp(1.125)),
  MomentCase(spec: "bimodal", mean: 0, standardDeviation: 4.25.squareRoot()),
  MomentCase(spec: "trimodal", mean: 0, standardDeviation: 2.5),
  MomentCase(
    spec: "mix(1*normal(0,1), 3*uniform(0,4))", mean: 1.5, standardDeviation: 2.0.squareRoot()),
  // Weights 1/3 and 2/3: E[x] = 10/3, E[x²] = 4.25/3 + 2·25.5/3.
  MomentCase(
    spec: "mix(mix(normal(-2,0.5),normal(2,0.5)), 2*laplace(5,0.5))", mean: 10.0 / 3,
    standardDeviation: ((4.25 + 51) / 3 - 100.0 / 9).squareRoot()),
  MomentCase(spec: "mix(normal(7,1))", mean: 7, standardDeviation: 1),
]

/// Exactly-defined distributions (no empirical ones), for density/cdf/quantile checks.
let exactSpecs = [
  "normal(4,0.5)", "uniform(2,6)", "laplace(0,1)", "lognormal(1,0.5)", "lognormal(0,1)",
  "bimodal", "trimodal", "mix(0.2*normal(0,1), 0.8*laplace(3,0.5))",
  "mix(uniform(-1,1), mix(normal(5,0.3), lognormal(0,0.25)))",
]

func parsed(_ spec: String) -> Distribution {
  do {
    return try Target.parse(spec).distribution
  } catch {
    Issue.record("\(spec) failed to parse: \(error)")
    return .normal(mean: 0, standardDeviation: 1)
  }
}

func moments(_ values: some Collection<Double>) -> (mean: Double, standardDeviation: Double) {
  let n = Double(values.count)
  let mean = values.reduce(0, +) / n
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
  return (mean, variance.squareRoot())
}

@Suite struct DistributionTests {
  @Test(arguments: momentCases)
  func analyticMomentsMatch(_ c: MomentCase) {
    let d = parsed(c.spec)
    #expect(abs(d.mean - c.mean) <= 1e-12 * max(1, abs(c.mean)))
    #expect(abs(d.standardDeviation - c.standardDeviation) <= 1e-12 * c.standardDeviation)
  }

  @Test(arguments: momentCases)
  func sampleMomentsMatch(_ c: MomentCase) {
    let d = parsed(c.spec)
    let n = 200_000
    var rng = Xoshiro256(seed: 42)
    let drawn = (0..<n).map { _ in d.sample(using: &rng) }
    let sampled = moments(drawn)
    let meanTolerance = 5 * c.standardDeviation / Double(n).squareRoot()
    #expect(abs(sampled.mean - c.mean) < meanTolerance, "sample() mean \(sampled.mean)")
    #expect(
      abs(sampled.standardDeviation / c.standardDeviation - 1) < 0.015,
      "sample() sd \(sampled.standardDeviation)")

    var buffer = [Float](repeating: .nan, count: n)
    buffer.withUnsafeMutableBufferPointer { d.fill($0, using: &rng) }
    let filled = moments(buffer.map(Double.init))
    #expect(abs(filled.mean - c.mean) < meanTolerance, "fill() mean \(filled.mean)")
    #expect(
      abs(filled.standardDeviation / c.standardDeviation - 1) < 0.015,
      "fill() sd \(filled.standardDeviation)")
  }

  @Test(arguments: exactSpecs)
  func densityIntegratesToOne(_ spec: String) throws {
    let d = parsed(spec)
    #expect(d.hasExactDensity)
    let r = d.range(tail: 1e-12)
    let lo = r.lowerBound - 1
    let hi = r.upperBound + 1
    let steps = 200_000
    let h = (hi - lo) / Double(steps)
    var integral = 0.0
    var previous = try #require(d.density(lo))
    for i in 1...steps {
      let next = try #require(d.density(lo + Double(i) * h))
      integral += (previous + next) / 2 * h
      previous = next
    }
    #expect(abs(integral - 1) < 1e-3, "integral \(integral)")
  }

  @Test(arguments: exactSpecs)
  func densityIsTheCDFDerivative(_ spec: String) throws {
    let d = parsed(spec)
    let r = d.range(tail: 0.01)
    for i in 0...40 {
      let x = r.lowerBound + (r.upperBound - r.lowerBound) * Double(i) / 40
      // Skip kinks and jumps: the uniform edges and the Laplace peak.
      let kinks: [Double] = [-1, 1, 2, 6, 0, 3]
      if kinks.contains(where: { abs($0 - x) < 1e-3 }) { continue }
      let h = 1e-5
      let derivative = (d.cdf(x + h) - d.cdf(x - h)) / (2 * h)
      let density = try #require(d.density(x))
      #expect(
        abs(derivative - density) < 1e-5 * max(1, density), "x = \(x): \(derivative) vs \(density)"
      )
    }
  }

  @Test(arguments: exactSpecs)
  func quantileInvertsCDF(_ spec: String) {
    let d = parsed(spec)
    let r = d.range(tail: 0.001)
    for i in 0...50 {
      let x = r.lowerBound + (r.upperBound - r.lowerBound) * Double(i) / 50
      let p = d.cdf(x)
      guard p > 1e-6 && p < 1 - 1e-6, (d.density(x) ?? 0) > 1e-3 else { continue }
      #expect(abs(d.quantile(p) - x) < 1e-7 * max(1, abs(x)), "x = \(x), p = \(p)")
    }
    for p in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
      #expect(abs(d.cdf(d.quantile(p)) - p) < 1e-9, "p = \(p)")
    }
  }

  @Test(arguments: exactSpecs)
  func rangeHoldsTheMass(_ spec: String) {
    let d = parsed(spec)
    let r = d.range(tail: 0.001)
    #expect(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound)
    #expect(abs(d.cdf(r.lowerBound) - 0.001) < 1e-6)
    #expect(abs(d.cdf(r.upperBound) - 0.999) < 1e-6)
    for tail in [0, -1, .nan, 1e-300, 0.7] {
      let wide = d.range(tail: tail)
      #expect(wide.lowerBound.isFinite && wide.upperBound.isFinite)
    }
  }

  @Test func closedFormValues() throws {
    let normal = Distribution.normal(mean: 4, standardDeviation: 0.5)
    #expect(abs(try #require(normal.density(4)) - 0.7978845608028654) < 1e-15)
    #expect(normal.cdf(4) == 0.5)
    #expect(abs(normal.quantile(0.975) - (4 + 0.5 * 1.959963984540054)) < 1e-9)
    let uniform = Distribution.uniform(lower: 2, upper: 6)
    #expect(uniform.density(1.9) == 0 && uniform.density(3) == 0.25 && uniform.density(6.1) == 0)
    #expect(uniform.cdf(3) == 0.25 && uniform.quantile(0.25) == 3)
    #expect(uniform.quantile(0) == 2 && uniform.quantile(1) == 6)
    let laplace = Distribution.laplace(location: 0, scale: 1)
    #expect(laplace.density(0) == 0.5 && laplace.cdf(0) == 0.5)
    #expect(abs(laplace.quantile(0.25) - log(0.5)) < 1e-15)
    let logNormal = Distribution.logNormal(mu: 1, sigma: 0.5)
    #expect(logNormal.density(-1) == 0 && logNormal.cdf(0) == 0 && logNormal.quantile(0) == 0)
    #expect(abs(logNormal.quantile(0.5) - exp(1)) < 1e-12)
    #expect(normal.quantile(0) == -.infinity && normal.quantile(1) == .infinity)
    #expect(normal.quantile(.nan).isNaN)
  }

  @Test func mixtureDensityIsTheWeightedSum() throws {
    let a = Distribution.normal(mean: -2, standardDeviation: 0.5)
    let b = Distribution.laplace(location: 1, scale: 2)
    let mix = try #require(
      Distribution.normalizedMixture([
        MixtureComponent(weight: 1, distribution: a), MixtureComponent(weight: 3, distribution: b),
      ]))
    guard case .mixture(let components) = mix else {
      Issue.record("not a mixture")
      return
    }
    #expect(components.map(\.weight) == [0.25, 0.75])
    for x in stride(from: -5.0, through: 5, by: 0.5) {
      let expected = try 0.25 * #require(a.density(x)) + 0.75 * #require(b.density(x))
      #expect(abs(try #require(mix.density(x)) - expected) < 1e-15)
      #expect(abs(mix.cdf(x) - (0.25 * a.cdf(x) + 0.75 * b.cdf(x))) < 1e-15)
    }
  }

  @Test func normalizedWeightsSumToExactlyOneAndAreIdempotent() {
    var rng = Xoshiro256(seed: 7)
    for _ in 0..<2000 {
      let count = 1 + Int(rng.next() % 6)
      let weights = (0..<count).map { _ in exp(20 * (rng.nextUnitDouble() - 0.5)) }
      guard let w = Distribution.normalizedWeights(weights) else {
        Issue.record("\(weights) did not normalize")
        continue
      }
      #expect(Distribution.isNormalized(w), "\(weights)")
      #expect(abs(w.reduce(0, +) - 1) <= 1e-15, "\(weights)")
      #expect(Distribution.normalizedWeights(w) == w)
      // Printing and re-reading the weights gives the same weights.
      #expect(Distribution.normalizedWeights(w.map { Double(Distribution.format($0)) ?? 0 }) == w)
      for (original, normalized) in zip(weights, w) {
        let expected = original / weights.reduce(0, +)
        #expect(abs(normalized - expected) <= 1e-14)
      }
    }
    #expect(Distribution.normalizedWeights([]) == nil)
    #expect(Distribution.normalizedWeights([1, 0]) == nil)
    #expect(Distribution.normalizedWeights([1, -1]) == nil)
    #expect(Distribution.normalizedWeights([1, .infinity]) == nil)
    #expect(Distribution.normalizedWeights([1, .nan]) == nil)
    #expect(Distribution.normalizedWeights([1e-200, 1e200]) == nil)
    #expect(Distribution.normalizedWeights([1e308, 1e308]) == [0.5, 0.5])
    let third: Double = 1.0 / 3
    #expect(Distribution.normalizedWeights([1, 1, 1]) == [third, third, third])
    #expect(Distribution.normalizedWeights([0.25, 0.75]) == [0.25, 0.75])
  }

  @Test func fillIsDeterministic() {
    for spec in exactSpecs {
      let d = parsed(spec)
      var first = [Float](repeating: 0, count: 257)
      var second = [Float](repeating: 0, count: 257)
      var a = Xoshiro256(seed: 99)
      var b = Xoshiro256(seed: 99)
      first.withUnsafeMutableBufferPointer { d.fill($0, using: &a) }
      second.withUnsafeMutableBufferPointer { d.fill($0, using: &b) }
      #expect(first == second, "\(spec)")
      #expect(a.next() == b.next(), "\(spec)")
      #expect(first.allSatisfy { $0.isFinite }, "\(spec)")
      var empty = [Float]()
      empty.withUnsafeMutableBufferPointer { d.fill($0, using: &a) }
    }
  }

  @Test func uniformSamplesStayInside() {
    let d = Distribution.uniform(lower: 2, upper: 6)
    var rng = Xoshiro256(seed: 3)
    var buffer = [Float](repeating: 0, count: 10_000)
    buffer.withUnsafeMutableBufferPointer { d.fill($0, using: &rng) }
    #expect(buffer.allSatisfy { $0 >= 2 && $0 <= 6 })
    for _ in 0..<10_000 {
      let x = d.sample(using: &rng)
      #expect(x >= 2 && x < 6)
    }
  }

  @Test func empiricalSamples() throws {
    let samples = EmpiricalSamples(values: [3, 1, 2, 2, 10])
    #expect(samples.sorted == [1, 2, 2, 3, 10])
    #expect(samples.mean == 3.6)
    let (_, sd) = moments([1.0, 2, 2, 3, 10])
    #expect(abs(samples.standardDeviation - sd) < 1e-12)
    let d = Distribution.empirical(samples)
    #expect(d.density(2) == nil && !d.hasExactDensity)
    #expect(d.cdf(0.5) == 0 && d.cdf(1) == 0.2 && d.cdf(2) == 0.6 && d.cdf(9) == 0.8)
    #expect(d.cdf(10) == 1 && d.cdf(.infinity) == 1)
    #expect(d.quantile(0) == 1 && d.quantile(0.2) == 1 && d.quantile(0.21) == 2)
    #expect(d.quantile(0.6) == 2 && d.quantile(0.61) == 3 && d.quantile(1) == 10)
    for x in samples.sorted { #expect(d.quantile(d.cdf(x)) == x) }
    #expect(d.range(tail: 0.001) == 1...10)

    var rng = Xoshiro256(seed: 5)
    var counts: [Double: Int] = [:]
    for _ in 0..<50_000 { counts[d.sample(using: &rng), default: 0] += 1 }
    #expect(Set(counts.keys) == [1, 2, 3, 10])
    #expect(abs(Double(counts[2] ?? 0) / 50_000 - 0.4) < 0.01)
    var buffer = [Float](repeating: 0, count: 1000)
    buffer.withUnsafeMutableBufferPointer { d.fill($0, using: &rng) }
    #expect(buffer.allSatisfy { [1, 2, 3, 10].contains($0) })

    // Larger data: the ECDF inverts exactly at every order statistic.
    let many = EmpiricalSamples(values: (0..<997).map { Double($0 * 37 % 997) / 10 })
    let e = Distribution.empirical(many)
    for x in many.sorted { #expect(e.quantile(e.cdf(x)) == x) }

    // The initializer never traps, whatever it is given.
    #expect(EmpiricalSamples(values: []).sorted == [0])
    #expect(EmpiricalSamples(values: [.nan, 1, .infinity]).sorted == [1])
  }

  @Test func mixtureContainingEmpiricalHasNoExactDensity() {
    let mix = Distribution.mixture([
      MixtureComponent(weight: 0.5, distribution: .normal(mean: 0, standardDeviation: 1)),
      MixtureComponent(weight: 0.5, distribution: .empirical(EmpiricalSamples(values: [1, 2]))),
    ])
    #expect(!mix.hasExactDensity && mix.density(0) == nil)
    #expect(abs(mix.cdf(1.5) - (0.5 * normalCDF(1.5) + 0.25)) < 1e-15)
    #expect(abs(mix.mean - 0.75) < 1e-15)
    let q = mix.quantile(0.6)
    #expect(mix.cdf(q) >= 0.6)
  }

  @Test func degenerateValuesDoNotTrap() {
    var rng = Xoshiro256(seed: 1)
    let odd: [Distribution] = [
      .mixture([]), .normal(mean: 0, standardDeviation: .infinity),
      .uniform(lower: .nan, upper: 1),
      .mixture([MixtureComponent(weight: 1, distribution: .laplace(location: 0, scale: 0))]),
    ]
    for d in odd {
      _ = d.density(1)
      _ = d.cdf(1)
      _ = d.quantile(0.3)
      _ = d.mean
      _ = d.standardDeviation
      _ = d.sample(using: &rng)
      _ = d.range(tail: 0.01)
      var buffer = [Float](repeating: 0, count: 5)
      buffer.withUnsafeMutableBufferPointer { d.fill($0, using: &rng) }
    }
  }

  @Test func descriptionIsSpecText() {
    #expect(Distribution.normal(mean: 4, standardDeviation: 0.5).description == "normal(4,0.5)")
    #expect(Distribution.logNormal(mu: 1e-5, sigma: 2).description == "lognormal(1e-05,2)")
    #expect(Distribution.format(-2) == "-2" && Distribution.format(1e16) == "1e+16")
    #expect(
      Distribution.empirical(EmpiricalSamples(values: [1, 2, 3])).description == "empirical(n=3)")
  }
}
