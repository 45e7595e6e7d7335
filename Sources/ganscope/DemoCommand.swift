import ArgumentParser
import GANCore
import GANScenarios

#if canImport(Glibc)
  import Glibc
#endif

/// `ganscope demo`: the scenarios — named experiments whose claims are checked.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "List the scenarios, show one's script, or check their claims over seeds.",
    discussion: """
      ganscope demo              list the scenarios
      ganscope demo NAME         the scenario's script, captions and 'ganscope live' line
      ganscope demo NAME --live  the same, then the live view with that setting (you press
                                 the keys of the script)
      ganscope demo --check      run every scenario headlessly over --seeds seeds (1, 2, …)
                                 and print each claim's measured numbers; exit 1 if any fails
      """)

  @Argument(help: "A scenario name (see 'ganscope demo').")
  var name: String?

  @Flag(help: "Run the scenario(s) headlessly and check the claim on every seed.")
  var check = false

  @Option(help: "Seeds to check each claim on (seeds 1...N).")
  var seeds: Int = 3

  @Flag(help: "After printing the script, open the live view with the scenario's setting.")
  var live = false

  @Option(help: "The seed of the live command line (and of --live).")
  var seed: UInt64 = 1

  func validate() throws {
    guard (1...100).contains(seeds) else {
      throw ValidationError("--seeds must be between 1 and 100, got \(seeds)")
    }
    if live && (name == nil || check) {
      throw ValidationError("--live needs a scenario name and no --check")
    }
    if let name, Scenario.named(name) == nil {
      throw ValidationError(
        "no scenario '\(name)'; the scenarios are: "
          + Scenario.table.map(\.name).joined(separator: ", "))
    }
  }

  func run() throws {
    let chosen = name.flatMap(Scenario.named)
    if check {
      try runChecks(chosen.map { [$0] } ?? Scenario.table)
    } else if let scenario = chosen {
      show(scenario)
      if live { try openLive(scenario) }
    } else {
      ScenarioFormat.list(Scenario.table).forEach(Output.line)
    }
  }

  private func runChecks(_ scenarios: [Scenario]) throws {
    let seedList = (1...seeds).map(UInt64.init)
    var failed: [String] = []
    for scenario in scenarios {
      Output.line("\(scenario.name): \(scenario.claim.statement)")
      let result = scenario.check(seeds: seedList) { seed, measurements in
        Output.line(ScenarioFormat.seedLine(seed: seed, measurements))
      }
      Output.line(
        "  " + (result.passed ? "PASS" : "FAIL") + " (\(result.seedsPassed) of \(seeds) seeds)")
      if !result.passed { failed.append(scenario.name) }
    }
    if !failed.isEmpty {
      Output.error("claims not shown: " + failed.joined(separator: ", "))
      throw ExitCode(1)
    }
  }

  private func show(_ scenario: Scenario) {
    Output.line("\(scenario.name): \(scenario.summary)")
    Output.line(
      "claim (checked by 'ganscope demo --check \(scenario.name)'): \(scenario.claim.statement)")
    Output.line("")
    Output.line("  " + ScenarioFormat.liveCommand(scenario, seed: seed))
    Output.line("")
    for step in scenario.steps {
      let action =
        !step.keys.isEmpty
        ? "press \(step.keys)"
        : step.commands.isEmpty ? "look" : "the script sends \(describe(step.commands))"
      Output.line("  at iter=\(step.iteration): \(action) — \(step.caption)")
    }
    Output.line("  (the check runs to iteration \(scenario.iterations))")
  }

  /// Commands no key sends, in words (a target spec the `t` presets do not reach).
  private func describe(_ commands: [ControlCommand]) -> String {
    commands.map { command in
      if case .setTarget(let spec) = command { return "target = \(spec)" }
      return "\(command)"
    }.joined(separator: ", ")
  }

  /// The live view with the scenario's flags, once the reader has seen the script.
  private func openLive(_ scenario: Scenario) throws {
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    Output.line("")
    Output.line("Press Enter to open the live view (q quits) ...")
    _ = readLine()
    let command = try LiveCommand.parse(ScenarioFormat.liveArguments(scenario, seed: seed))
    try command.run()
  }
}
