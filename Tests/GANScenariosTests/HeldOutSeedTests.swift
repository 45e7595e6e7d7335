import GANCore
import Testing

@testable import GANScenarios

/// Claims are checked out of sample, and a claim about a share of seeds is judged by it.
@Suite struct HeldOutSeedTests {
  @Test func heldOutSeedsNeverIncludeATuningSeed() {
    for scenario in Scenario.table {
      #expect(!scenario.tuningSeeds.isEmpty, "\(scenario.name) lists no tuning seeds")
      let heldOut = scenario.heldOutSeeds()
      #expect(heldOut.count >= 10, "\(scenario.name)")
      #expect(Set(heldOut).count == heldOut.count, "\(scenario.name)")
      #expect(
        Set(heldOut).isDisjoint(with: scenario.tuningSeeds),
        "\(scenario.name): held-out \(heldOut) meets tuning \(scenario.tuningSeeds)")
      // Asking for more held-out seeds extends the same list and still avoids the tuning ones.
      let more = scenario.heldOutSeeds(count: 40)
      #expect(Array(more.prefix(heldOut.count)) == heldOut, "\(scenario.name)")
      #expect(Set(more).isDisjoint(with: scenario.tuningSeeds), "\(scenario.name)")
    }
  }

  @Test func aQuotaScalesWithTheSeedsChecked() {
    #expect(SeedQuota.every.required(of: 10) == 10)
    #expect(SeedQuota.every.required(of: 3) == 3)
    let eight = SeedQuota.atLeast(8, of: 10)
    #expect(eight.required(of: 10) == 8)
    #expect(eight.required(of: 20) == 16)
    #expect(eight.required(of: 3) == 3)  // 2.4, rounded up
    #expect(eight.required(of: 1) == 1)
    #expect(eight.words == "at least 8 of 10 seeds")
    #expect(SeedQuota.atLeast(10, of: 10).isUniversal)
  }

  func check(_ values: [Double], quota: SeedQuota) -> ScenarioCheck {
    ScenarioCheck(
      scenario: "s", statement: "x < 1", quota: quota,
      seeds: values.enumerated().map { (UInt64($0.offset + 101), [.below("x", $0.element, 1)]) })
  }

  @Test func aClaimOnAShareOfSeedsPassesAtItsQuotaAndFailsBelowIt() {
    let values = [0.5, 0.2, 1.3, 0.9, 0.1, 0.4, 0.3, 0.6, 0.7, 1.1]  // 8 of 10 below 1
    #expect(check(values, quota: .atLeast(8, of: 10)).passed)
    #expect(!check(values, quota: .atLeast(9, of: 10)).passed)
    #expect(!check(values, quota: .every).passed)
    #expect(check(values.filter { $0 < 1 }, quota: .every).passed)
    #expect(!check([], quota: .every).passed)  // no seed shows nothing
    let verdict = check(values, quota: .atLeast(8, of: 10)).verdict
    #expect(verdict.hasPrefix("  PASS 8/10 seeds (needs 8: at least 8 of 10 seeds)"))
  }

  @Test func theWorstSeedIsTheOneNearestToFailing() throws {
    let passing = check([0.5, 0.86, 0.2], quota: .every)
    let worst = try #require(passing.worst)
    #expect(worst.seed == 102)
    #expect(abs(try #require(worst.measurement.margin) - 0.14) < 1e-12)
    #expect(passing.verdict.hasSuffix("worst: seed 102, x 0.86 vs < 1, margin 14%"))
    // A failing seed is worse than any passing one, and the worst failure wins.
    let failing = check([0.5, 1.3, 1.1], quota: .atLeast(1, of: 3))
    #expect(failing.worst?.seed == 102)
    #expect(failing.verdict.hasSuffix("margin -30%"))
  }

  @Test func marginsAreRelativeToTheThreshold() {
    #expect(abs(Measurement.above("m", 4, 3.5).margin! - 0.5 / 3.5) < 1e-12)
    #expect(abs(Measurement.below("m", 0.045, 0.05).margin! - 0.1) < 1e-12)
    #expect(abs(Measurement.atMost("n", 2, 2).margin! - 0.2) < 1e-12)
    #expect(Measurement.within("t", nil, 200).margin == -.infinity)
    #expect(abs(Measurement.within("t", 150, 200).margin! - 0.25) < 1e-12)
    // A range: the nearer end decides.
    #expect(abs(Measurement.inside("j", 0.28, 0.05...0.3).margin! - 0.02 / 0.3) < 1e-12)
    #expect(Measurement.inside("j", 0.4, 0.05...0.3).margin! < 0)
    #expect(Measurement.below("nan", .nan, 1).margin == -.infinity)
    #expect(Measurement.holds("b", true).margin == nil)
  }

  @Test func percentagesRead() {
    #expect(ScenarioFormat.percent(0.14) == "14%")
    #expect(ScenarioFormat.percent(-0.3) == "-30%")
    #expect(ScenarioFormat.percent(0.004) == "0.4%")
    #expect(ScenarioFormat.percent(-.infinity) == "-inf%")
  }

  @Test func seedsAreACountOfHeldOutSeedsOrAList() throws {
    let scenario = try #require(Scenario.named("oscillation"))
    let count = try SeedChoice("3")
    #expect(count.seeds(for: scenario) == Array(scenario.heldOutSeeds().prefix(3)))
    #expect(try SeedChoice("1-3,7").seeds(for: scenario) == [1, 2, 3, 7])
    #expect(try SeedChoice("12").count == 12)
    for bad in ["0", "101", "3-1", "1,,2", "a", "-4", "1-2-3", "", "1-5000"] {
      #expect(throws: SeedChoice.Problem.self, "\(bad)") { try SeedChoice(bad) }
    }
  }
}
