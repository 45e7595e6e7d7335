import GANCore

/// A named experiment: a setting, the keys a presenter presses at given iterations with a
/// caption for each, and the claim the run demonstrates, checked over seeds by
/// `ganscope demo --check`. Scenarios are data: every one is an entry of `Scenario.table`.
public struct Scenario: Sendable {
  /// Identifier on the command line (`ganscope demo NAME`).
  public let name: String
  /// What the scenario shows, in one line.
  public let summary: String
  /// The setting at iteration 0 (its seed is replaced by each checked seed).
  public let config: TrainingConfig
  /// The script, in order of iteration.
  public let steps: [ScenarioStep]
  /// The run ends at this iteration (or earlier, at a divergence no step recovers from).
  public let iterations: Int
  /// A snapshot is kept every this many iterations for claims over time (swings, "within").
  public let frameInterval: Int
  /// The claim, checked on every seed.
  public let claim: Claim

  public init(
    name: String, summary: String, config: TrainingConfig, steps: [ScenarioStep],
    iterations: Int, frameInterval: Int = 50, claim: Claim
  ) {
    self.name = name
    self.summary = summary
    self.config = config
    self.steps = steps
    self.iterations = iterations
    self.frameInterval = frameInterval
    self.claim = claim
  }

  /// The scenario called `name`, or nil.
  public static func named(_ name: String) -> Scenario? { table.first { $0.name == name } }
}

/// One step of a script: at `iteration` (before that iteration's training), the presenter
/// presses `keys`, which send `commands`; `caption` says what to look at.
public struct ScenarioStep: Sendable {
  public let iteration: Int
  /// The live view's keys as a presenter types them ("l", "K K K K", "" to only look).
  public let keys: String
  /// What those keys send to the trainer, in order.
  public let commands: [ControlCommand]
  public let caption: String

  public init(at iteration: Int, keys: String, _ commands: [ControlCommand], _ caption: String) {
    self.iteration = iteration
    self.keys = keys
    self.commands = commands
    self.caption = caption
  }

  /// A step that presses nothing: the caption says what to look at.
  public init(at iteration: Int, _ caption: String) {
    self.init(at: iteration, keys: "", [], caption)
  }

  /// Whether a live playback stops after this step until the viewer presses space: a step
  /// that only looks, or whose keys leave the run paused (space, single steps), is there to
  /// be looked at; a step that changes a knob of a running run is there to be watched.
  public var pauses: Bool {
    guard let last = commands.last else { return true }
    return last.leavesRunPaused
  }
}

extension ControlCommand {
  /// Whether the live loop is paused after applying this command (single steps pause it, so
  /// that one update can be inspected at a time).
  var leavesRunPaused: Bool {
    switch self {
    case .pause, .stepDiscriminator, .stepGenerator, .stepIteration: true
    default: false
    }
  }
}

/// The statement a scenario demonstrates, and its check: a function of one seed's run that
/// returns every number it measured, each with its condition.
public struct Claim: Sendable {
  /// The claim in words, with the thresholds it checks.
  public let statement: String
  public let check: @Sendable (ScenarioRun) -> [Measurement]

  public init(_ statement: String, check: @escaping @Sendable (ScenarioRun) -> [Measurement]) {
    self.statement = statement
    self.check = check
  }
}

/// One measured number of a claim and the condition it must meet.
public struct Measurement: Sendable, Equatable {
  /// What was measured ("‖∇G‖ at 1000").
  public let name: String
  public let value: Double
  /// The value as printed (a number, or a word such as "never").
  public let shown: String
  /// The condition, as printed ("< 1e-05").
  public let condition: String
  public let passed: Bool

  public init(
    _ name: String, _ value: Double, shown: String? = nil, condition: String, passed: Bool
  ) {
    self.name = name
    self.value = value
    self.shown = shown ?? ScenarioFormat.number(value)
    self.condition = condition
    self.passed = passed
  }

  /// `value < limit` (a NaN fails).
  public static func below(_ name: String, _ value: Double, _ limit: Double) -> Measurement {
    Measurement(name, value, condition: "< " + ScenarioFormat.number(limit), passed: value < limit)
  }

  /// A count that must not exceed `limit`.
  public static func atMost(_ name: String, _ count: Int, _ limit: Int) -> Measurement {
    Measurement(name, Double(count), condition: "<= \(limit)", passed: count <= limit)
  }

  /// Something that must happen within `limit` iterations: `iterations` is how many it
  /// took, nil when it never happened in the run.
  public static func within(_ name: String, _ iterations: Int?, _ limit: Int) -> Measurement {
    guard let iterations else {
      return Measurement(name, .infinity, shown: "never", condition: "<= \(limit)", passed: false)
    }
    return Measurement(
      name, Double(iterations), condition: "<= \(limit)", passed: iterations <= limit)
  }

  /// `value > limit` (a NaN fails).
  public static func above(_ name: String, _ value: Double, _ limit: Double) -> Measurement {
    Measurement(name, value, condition: "> " + ScenarioFormat.number(limit), passed: value > limit)
  }

  /// A yes/no observation, shown as 1 or 0.
  public static func holds(_ name: String, _ value: Bool) -> Measurement {
    Measurement(name, value ? 1 : 0, condition: "= 1", passed: value)
  }
}
