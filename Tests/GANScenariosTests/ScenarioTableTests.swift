import GANCore
import Testing

@testable import GANScenarios

@Suite struct ScenarioTableTests {
  @Test func namesAreUniqueAndLookedUp() {
    let names = Scenario.table.map(\.name)
    #expect(Set(names).count == names.count)
    for name in names { #expect(Scenario.named(name)?.name == name) }
    #expect(Scenario.named("no-such-scenario") == nil)
  }

  @Test func scriptsAreInOrderAndEveryCommandIsAccepted() {
    for scenario in Scenario.table {
      let iterations = scenario.steps.map(\.iteration)
      #expect(iterations == iterations.sorted(), "\(scenario.name)")
      #expect(iterations.allSatisfy { $0 <= scenario.iterations }, "\(scenario.name)")
      #expect(scenario.config.hyperparameters.problem == nil, "\(scenario.name)")
      #expect(!scenario.summary.isEmpty && !scenario.claim.statement.isEmpty)
      // Every trainer command of the script is one the trainer accepts.
      let trainer = Trainer(config: scenario.config)
      for step in scenario.steps {
        #expect(!step.caption.isEmpty, "\(scenario.name)")
        for command in step.commands {
          switch command {
          case .stepDiscriminator, .stepGenerator, .stepIteration, .pause, .resume, .setPace,
            .setPublishInterval:
            continue
          default:
            #expect(trainer.apply(command), "\(scenario.name): \(command)")
          }
        }
      }
    }
  }

  @Test func listHasOneAlignedLinePerScenario() {
    let lines = ScenarioFormat.list(Scenario.table)
    #expect(lines.count == Scenario.table.count)
    let column = (Scenario.table.map(\.name.count).max() ?? 0) + 2
    for (line, scenario) in zip(lines, Scenario.table) {
      #expect(line.hasPrefix(scenario.name + " "))
      #expect(String(line.dropFirst(column)) == scenario.summary)
    }
  }

  @Test func liveCommandReproducesTheSetting() throws {
    let vanishing = try #require(Scenario.named("vanishing-gradient"))
    #expect(ScenarioFormat.liveCommand(vanishing) == "ganscope live --loss minimax --k 50 --seed 1")
    let divergence = try #require(Scenario.named("divergence"))
    #expect(
      ScenarioFormat.liveCommand(divergence, seed: 3)
        == "ganscope live --loss least-squares --optimizer momentum --k 1 --lr 0.02 --seed 3")
    // The penalty weight of the second WGAN-GP scenario is on its line, and starts its run.
    let halfLambda = try #require(Scenario.named("wgan-gp-1d-lambda5"))
    let words = ScenarioFormat.liveArguments(halfLambda)
    #expect(words.joined(separator: " ").contains("--loss wgan-gp"))
    #expect(words.joined(separator: " ").contains("--gp 5.0"))
    #expect(
      !ScenarioFormat.liveArguments(try #require(Scenario.named("wgan-gp-1d"))).contains("--gp"))
    let collapse = try #require(Scenario.named("mode-collapse"))
    #expect(
      ScenarioFormat.liveCommand(collapse).hasPrefix(
        "ganscope live --target 'mix(0.2*normal(-8,0.3),0.2*normal(-4,0.3),"))
    #expect(
      ScenarioFormat.liveArguments(collapse).prefix(2)
        == ["--target", collapse.config.target.spec])
  }

  @Test func numbersKeepTheirValue() {
    #expect(ScenarioFormat.number(1.7e-8) == "1.7e-08")
    #expect(ScenarioFormat.number(-9.9e-7) == "-9.9e-07")
    #expect(ScenarioFormat.number(0.05) == "0.05")
    #expect(ScenarioFormat.number(0.12345) == "0.1235")
    #expect(ScenarioFormat.number(13.9) == "13.9")
    #expect(ScenarioFormat.number(200) == "200")
    #expect(ScenarioFormat.number(2.5e6) == "2.5e+06")
    #expect(ScenarioFormat.number(8.1e-176) == "8.1e-176")
    #expect(ScenarioFormat.number(.leastNonzeroMagnitude) == "4.9e-324")
    #expect(ScenarioFormat.number(-.greatestFiniteMagnitude) == "-1.8e+308")
    #expect(ScenarioFormat.number(9.96e-5) == "1e-04")
    #expect(ScenarioFormat.number(.nan) == "nan")
    #expect(ScenarioFormat.number(.infinity) == "inf")
  }

  @Test func seedLineShowsEveryNumberAndTheVerdict() {
    let line = ScenarioFormat.seedLine(
      seed: 2,
      [.below("JSD", 0.2, 0.3), .above("KL", 3, 4), .within("iterations", nil, 100)])
    #expect(line.hasPrefix("  seed 2  FAIL  "))
    #expect(
      line.contains("JSD = 0.2 (< 0.3) · KL = 3 (> 4) FAILS · iterations = never (<= 100) FAILS"))
    #expect(ScenarioFormat.seedLine(seed: 1, [.below("JSD", 0.2, 0.3)]).contains("ok"))
  }

  @Test func oneFailingSeedFailsTheCheck() {
    let check = ScenarioCheck(
      scenario: "s", statement: "JSD < 0.3",
      seeds: [(1, [.below("JSD", 0.2, 0.3)]), (2, [.below("JSD", 0.4, 0.3)])])
    #expect(!check.passed && check.seedsPassed == 1)
    #expect(
      check.lines == [
        "s: JSD < 0.3", "  seed 1  ok    JSD = 0.2 (< 0.3)",
        "  seed 2  FAIL  JSD = 0.4 (< 0.3) FAILS",
        "  FAIL 1/2 seeds (needs all 2) · worst: seed 2, JSD 0.4 vs < 0.3, margin -33%",
      ])
  }
}
