import ArgumentParser
import GANCore
import GANScenarios

/// `ganscope demo`: the scenarios — named experiments whose claims are checked.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "List the scenarios, show one's script, or check their claims over seeds.",
    discussion: """
      'ganscope demo' lists the scenarios. 'ganscope demo NAME' prints a scenario's script \
      (the keys to press at given iterations, with captions) and the 'ganscope live' line \
      of its setting; with --live it then opens the live view. 'ganscope demo --check \
      [NAME]' runs the scenarios headlessly on seeds 1...N (--seeds) and prints every \
      measured number next to each claim; it exits 1 when a claim fails.
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
    if check && seed != 1 {
      throw ValidationError("--check runs seeds 1...N (--seeds N); --seed is for NAME and --live")
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
      Output.line(result.verdict)
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
      if case .setTarget(let target) = command { return "target = \(target.spec)" }
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
