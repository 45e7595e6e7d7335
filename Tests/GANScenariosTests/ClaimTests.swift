import GANCore
import Testing

@testable import GANScenarios

/// A claim must be able to fail: each is checked here on a run that does not show it.
@Suite struct ClaimTests {
  /// `scenario` with another setting or script, and the same claim.
  func variant(
    of name: String, config: TrainingConfig? = nil, steps: [ScenarioStep]? = nil
  ) throws -> Scenario {
    let scenario = try #require(Scenario.named(name))
    return Scenario(
      name: scenario.name, summary: scenario.summary, config: config ?? scenario.config,
      steps: steps ?? scenario.steps, iterations: scenario.iterations,
      frameInterval: scenario.frameInterval, tunedOn: scenario.tuningSeeds, claim: scenario.claim)
  }

  func failed(_ scenario: Scenario, seed: UInt64 = 1) -> [String] {
    scenario.check(scenario.run(seed: seed)).filter { !$0.passed }.map(\.name)
  }

  @Test func likelihoodClaimHoldsAndFailsWithoutTheMissingMode() throws {
    let scenario = try #require(Scenario.named("likelihood-vs-gan"))
    #expect(failed(scenario).isEmpty)
    // The same run without the second mode: nothing is missing, KL stays small.
    let unchanged = try variant(of: "likelihood-vs-gan", steps: [ScenarioStep(at: 2000, "look")])
    let failures = failed(unchanged)
    #expect(failures.contains("KL(p_data||p_g) after"))
  }

  @Test func collapseClaimFailsWhenGCoversTheModes() throws {
    // Data spread evenly over [-9, 9]: G spreads over it too, so every one of the five
    // centres has G's samples near it.
    let covering = Scenario.config(target: "uniform(-9,9)", k: 5)
    let failures = failed(try variant(of: "mode-collapse", config: covering))
    #expect(failures.contains("modes kept at 2500"))
  }

  @Test func oscillationClaimFailsOnAConvergedRun() throws {
    let steady = try variant(of: "oscillation", config: Scenario.config(k: 5), steps: [])
    let failures = failed(steady)
    #expect(failures.contains("swing of mean G 1000-3000"))
    #expect(failures.contains("lowest JSD 1000-3000"))
  }

  @Test func divergenceClaimFailsWithoutTheLargeStep() throws {
    let scenario = try #require(Scenario.named("divergence"))
    let calm = try variant(
      of: "divergence", steps: [ScenarioStep(at: 500, "look"), scenario.steps[2]])
    #expect(failed(calm).contains("iterations from + to NaN"))
  }

  @Test func aRefusedCommandFailsTheClaim() throws {
    let broken = try variant(
      of: "likelihood-vs-gan",
      steps: [ScenarioStep(at: 10, keys: "K", [.setDiscriminatorSteps(99)], "k out of range")])
    let run = broken.run(seed: 1)
    #expect(run.refused == [.setDiscriminatorSteps(99)])
    #expect(failed(broken).contains("every scripted command accepted"))
  }

  @Test func runFollowsTheScript() throws {
    let scenario = Scenario(
      name: "t", summary: "t", config: Scenario.config(k: 2),
      steps: [
        ScenarioStep(at: 10, keys: "d d d", Array(repeating: .stepDiscriminator, count: 3), "b"),
        ScenarioStep(at: 20, keys: "l", [.setLoss(.minimax)], "l"),
      ],
      iterations: 30, frameInterval: 5, tunedOn: [],
      claim: Claim("none", finding: "nothing") { _ in [] })
    let run = scenario.run(seed: 4)
    #expect(run.before.map(\.iteration) == [10, 20])
    #expect(run.before[0].snapshot.discriminatorSteps == 20)
    #expect(run.after[0].snapshot.discriminatorSteps == 23)
    #expect(run.after[1].snapshot.hyperparameters.loss == .minimax)
    #expect(run.final.iteration == 30)
    #expect(run.final.snapshot.discriminatorSteps == 23 + 2 * 20)
    #expect(run.final.samples.count == ScenarioRun.sampleCount)
    #expect(run.frames(in: 0...30).map(\.iteration).filter { $0 % 5 == 0 }.count >= 7)
    // The same seed gives the same run.
    #expect(scenario.run(seed: 4).final.snapshot == run.final.snapshot)
  }

  @Test func theSwingClaimFailsWithoutTheBarrier() throws {
    // WGAN-LP's one-sided penalty has no barrier at slope 0: G comes to the data and stays
    // (its mean hovers within about 0.1 of 4, crossing it often, but never goes out).
    let gp = try #require(Scenario.named("wgan-gp-1d"))
    var config = gp.config
    config.hyperparameters.loss = .wassersteinLP
    let failures = failed(try variant(of: "wgan-gp-1d", config: config))
    #expect(failures.contains("farthest |mean G - 4| / lambda"))
    #expect(failures.contains("(highest mean G - 4) / lambda"))
  }

  @Test func theLimitCycleClaimFailsWhenTheStepsConverge() throws {
    // Alternating steps of the non-saturating Dirac-GAN creep to (0, 0): no circle of sqrt(2 eta).
    let cycle = try #require(Scenario.named("dirac-ns-cycle"))
    var config = cycle.config
    config.hyperparameters.stabilizers.updateScheme = .alternating
    let failures = failed(try variant(of: "dirac-ns-cycle", config: config))
    #expect(failures.contains("eta 0.1: most |r / sqrt(2 eta) - 1|, last 5000"))
    #expect(failed(cycle).isEmpty)
  }

  @Test func theWindowClaimFailsOnARunThatDoesNotSettle() throws {
    // k = 1 with the hinge loss keeps G swinging: its JSD does not stay low.
    let hinge = try #require(Scenario.named("hinge"))
    var config = hinge.config
    config.hyperparameters.discriminatorSteps = 1
    #expect(
      failed(try variant(of: "hinge", config: config)) == ["95th percentile of JSD 3000-5000"])
  }
}
