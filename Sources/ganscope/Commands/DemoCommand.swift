import ArgumentParser
import GANCore
import GANScenarios

/// `ganscope demo`: the scenarios — named experiments whose claims are checked.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "List the scenarios, play one live, or check their claims over seeds.",
    discussion: """
      'ganscope demo' lists the scenarios. 'ganscope demo NAME' plays a scenario in the live \
      view: its script presses the keys at their iterations, shows each step's caption and \
      pauses where there is something to see (space goes on; every live key works). When \
      stdout is not a terminal (or with --print) it prints the script instead: the keys, \
      the captions and the 'ganscope live' line of its setting; --live prints it and then \
      opens the plain live view with that setting. 'ganscope demo --check \
      [NAME]' runs the scenarios headlessly on seeds held out from the tuning of their \
      claims (10 per scenario; --seeds), prints every measured number next to each claim, \
      the count of seeds that showed it against the count the claim needs, and the worst \
      seed with its margin to the threshold; it exits 1 when a claim fails.
      """)

  @Argument(help: "A scenario name (see 'ganscope demo').")
  var name: String?

  @Flag(help: "Run the scenario(s) headlessly and check the claim on every seed.")
  var check = false

  @Option(
    help: ArgumentHelp(
      "Seeds to check each claim on: N held-out seeds, or a list such as 1-8 or 3,5,7.",
      discussion:
        "A number N runs each scenario's first N held-out seeds (never seeds its claim was tuned on); a list runs exactly those seeds, and names any tuning seed in it.",
      valueName: "N|LIST"))
  var seeds: String = "\(Scenario.heldOutCount)"

  @Flag(help: "After printing the script, open the live view with the scenario's setting.")
  var live = false

  @Option(help: "The seed of the played run (and of the printed live command line).")
  var seed: UInt64 = 1

  @Flag(help: "Print the scenario's script even on a terminal, instead of playing it.")
  var print = false

  func validate() throws {
    _ = try seedChoice()
    if live && (name == nil || check) {
      throw ValidationError("--live needs a scenario name and no --check")
    }
    if print && (name == nil || check || live) {
      throw ValidationError("--print needs a scenario name and neither --check nor --live")
    }
    if check && seed != 1 {
      throw ValidationError("--check runs held-out seeds (--seeds); --seed is for NAME and --live")
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
      // Piped or redirected, the script is what is wanted (and there is no screen to play on).
      if !live && !print && Terminal.isInteractive() {
        try play(scenario)
        return
      }
      show(scenario)
      if live { try openLive(scenario) }
    } else {
      ScenarioFormat.list(Scenario.table).forEach(Output.line)
    }
  }

  /// `--seeds` read, or its problem as a usage error.
  private func seedChoice() throws -> SeedChoice {
    do {
      return try SeedChoice(seeds)
    } catch {
      throw ValidationError(error.message)
    }
  }

  private func runChecks(_ scenarios: [Scenario]) throws {
    let choice = try seedChoice()
    var failed: [String] = []
    for scenario in scenarios {
      let seedList = choice.seeds(for: scenario)
      Output.line("\(scenario.name): \(scenario.claim.statement)")
      let tuning = seedList.filter(scenario.tuningSeeds.contains)
      if !tuning.isEmpty {
        Output.line(
          "  (not out of sample: seeds " + tuning.map(String.init).joined(separator: ", ")
            + " were used to choose this claim's thresholds)")
      }
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
        : step.commands.isEmpty
          ? (step.pauses ? "look" : "watch") : "the script sends \(describe(step.commands))"
      let view = step.view.changes.map { " (\($0))" }.joined()
      Output.line(
        "  at iter=\(step.iteration): \(action)\(view) — \(CaptionText.printed(step.caption))")
    }
    Output.line(
      "  at iter=\(scenario.iterations), where the claim is measured — "
        + CaptionText.printed(scenario.claim.finding))
  }

  /// Commands no key sends, in words (a target spec the `t` presets do not reach).
  private func describe(_ commands: [ControlCommand]) -> String {
    commands.map { command in
      if case .setTarget(let target) = command { return "target = \(target.spec)" }
      return "\(command)"
    }.joined(separator: ", ")
  }

  /// Plays the scenario until q or a signal; Backspace starts it over.
  private func play(_ scenario: Scenario) throws {
    let seed = self.seed
    let failures = try MainActor.assumeIsolated {
      try FullScreen.run { terminal, signals -> [String] in
        var failures: [String] = []
        while true {
          let (exit, failed) = ScenarioPlayer.play(
            scenario, seed: seed, fps: 30, endsView: false, on: terminal, signals: signals)
          failures += failed
          if exit != .back { return failures }
        }
      }
    }
    // A recording (R) that failed during the session is reported and exits 1.
    if let first = failures.first { throw RunFailure.runtime(first) }
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
