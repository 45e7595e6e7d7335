import Testing

@testable import GANCore

@Suite struct DivergenceMetricTests {
  @Test func jensenShannonBounds() {
    let p = [0.5, 0.5, 0, 0]
    let q = [0, 0, 0.25, 0.75]
    #expect(abs(jensenShannon(p, q) - _log(2)) < 1e-12)
    #expect(jensenShannon(p, p) == 0)
    // Half overlapping: JSD = ½·ln 2 by direct computation of the two KL terms.
    #expect(
      abs(
        jensenShannon([1, 0], [0.5, 0.5])
          - (0.5 * _log(2 / 1.5) * 1 + 0.5 * (0.5 * _log(0.5 / 0.75) + 0.5 * _log(0.5 / 0.25))))
        < 1e-12)
  }

  @Test func kullbackLeiblerIsSmoothedAndAsymmetric() {
    let p = [0.5, 0.5, 0, 0]
    let q = [0.25, 0.25, 0.25, 0.25]
    #expect(abs(kullbackLeibler(p, q, smoothing: 0) - _log(2)) < 1e-12)
    // A missing mode of q costs a large but finite amount.
    let missing = kullbackLeibler(q, p)
    #expect(missing.isFinite && missing > 5)
    #expect(kullbackLeibler(p, q) < missing)
  }

  @Test func wassersteinOfAShiftIsTheShift() {
    let a = (0..<1000).map { Double($0) / 1000 }
    let b = a.map { $0 + 0.3 }
    #expect(abs(wasserstein1(sorted: a, sorted: b) - 0.3) < 1e-12)
    // Unequal sizes: point masses at 0 and at 1 are 1 apart.
    #expect(abs(wasserstein1(sorted: [0, 0, 0], sorted: [1, 1]) - 1) < 1e-12)
    // Uniform{0, 1} against the point mass ½: half the mass moves ½.
    #expect(abs(wasserstein1(sorted: [0, 1], sorted: [0.5, 0.5, 0.5]) - 0.5) < 1e-12)
  }

  @Test func binProbabilitiesClipIntoEdgeBinsAndMatchTheCDF() throws {
    let counts = binProbabilities([-100.0, 0.5, 100.0, .nan], lower: 0, upper: 1, bins: 2)
    #expect(counts == [1.0 / 3, 2.0 / 3])
    let normal = try Target.parse("normal(0,1)").distribution
    let exact = binProbabilities(normal, lower: -1, upper: 1, bins: 2)
    #expect(abs(exact[0] - 0.5) < 1e-12 && abs(exact.reduce(0, +) - 1) < 1e-12)
  }

  @Test func viewGridStaysStillUnderSmallChanges() {
    var tracker = ViewGridTracker(bins: 100)
    let first = tracker.update(target: 2...6, sortedSamples: [-0.3, 0, 0.3])
    for shift in stride(from: 0.0, through: 0.2, by: 0.01) {
      #expect(
        tracker.update(target: 2...6, sortedSamples: [-0.3 + shift, shift, 0.3 + shift]) == first)
    }
    // Mass far outside moves the grid, to round bounds.
    let moved = tracker.update(target: 2...6, sortedSamples: [8, 9, 10])
    #expect(moved.upper >= 10 && moved != first)
    #expect(moved.lower == moved.lower.rounded())
  }
}
