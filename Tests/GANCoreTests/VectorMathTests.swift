import Testing

@testable import GANCore

/// The SIMD helpers against libm in Double, and the normal sampler built on them.
@Suite struct VectorMathTests {
  @Test func logarithmMatchesLibm() {
    var worst = 0.0
    var x = 1e-10
    while x <= 1 {
      let got = Double(vectorLog(SIMD16(repeating: Float(x)))[0])
      worst = max(worst, abs(got - _log(Double(Float(x)))))
      x *= 1.0007
    }
    #expect(worst < 2e-6)
  }

  @Test func sineAndCosineMatchLibm() {
    var worst = 0.0
    for i in 0..<(1 << 16) {
      let u = Float(i) / Float(1 << 16)
      let (s, c) = vectorSinCosTwoPi(SIMD16(repeating: u))
      let angle = 2 * Double.pi * Double(u)
      worst = max(worst, abs(Double(s[0]) - _sin(angle)), abs(Double(c[0]) - _cos(angle)))
    }
    #expect(worst < 1e-6)
  }

  @Test func squareRootMatchesLibm() {
    var worst = 0.0
    var x: Float = 1e-30
    while x < 1e30 {
      let got = Double(vectorSquareRoot(SIMD16(repeating: x))[0])
      worst = max(worst, abs(got / Double(x).squareRoot() - 1))
      x *= 1.37
    }
    #expect(worst < 3e-7)
    #expect(vectorSquareRoot(SIMD16(repeating: 0))[0] == 0)
  }

  @Test func normalSamplesHaveTheRightMoments() {
    var rng = Xoshiro256(seed: 5)
    let n = 1 << 20
    var values = [Float](repeating: 0, count: n)
    values.withUnsafeMutableBufferPointer { rng.fillStandardNormal($0) }
    let mean = values.reduce(0.0) { $0 + Double($1) } / Double(n)
    let variance = values.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n) - mean * mean
    let fourth = values.reduce(0.0) { $0 + pow4(Double($1) - mean) } / Double(n)
    #expect(abs(mean) < 0.005)
    #expect(abs(variance - 1) < 0.005)
    #expect(abs(fourth / (variance * variance) - 3) < 0.03)
    // The tails: P(|Z| > 3) = 0.0027.
    let beyond3 = Double(values.filter { abs($0) > 3 }.count) / Double(n)
    #expect(abs(beyond3 - 0.0027) < 0.0003)
  }

  private func pow4(_ x: Double) -> Double { x * x * x * x }
}
