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
  /// The claim, checked on every seed `demo --check` runs (it must hold on all of them, or
  /// on its quota's share).
  public let claim: Claim
  /// The seeds whose runs the claim's thresholds (and its seed quota) were chosen on.
  public let tuningSeeds: [UInt64]
  /// The first of the held-out seeds: `demo --check` runs seeds `heldOutStart`,
  /// `heldOutStart + 1`, … — none of them a tuning seed (a test checks it).
  public let heldOutStart: UInt64
  /// When the run computes the game's spectrum (SpectrumSchedule), for claims about it;
  /// nil for none.
  public let spectra: SpectrumSchedule?

  public init(
    name: String, summary: String, config: TrainingConfig, steps: [ScenarioStep],
    iterations: Int, frameInterval: Int = 50, tunedOn tuningSeeds: [UInt64],
    heldOutFrom heldOutStart: UInt64 = Scenario.firstHeldOutSeed,
    spectra: SpectrumSchedule? = nil, claim: Claim
  ) {
    self.name = name
    self.summary = summary
    self.config = config
    self.steps = steps
    self.iterations = iterations
    self.frameInterval = frameInterval
    self.tuningSeeds = tuningSeeds
    self.heldOutStart = heldOutStart
    self.spectra = spectra
    self.claim = claim
  }

  /// Where the held-out seeds start unless a scenario says otherwise.
  public static let firstHeldOutSeed: UInt64 = 101
  /// How many held-out seeds `demo --check` runs by default.
  public static let heldOutCount = 10

  /// `count` held-out seeds: `heldOutStart`, `heldOutStart + 1`, ….
  public func heldOutSeeds(count: Int = Scenario.heldOutCount) -> [UInt64] {
    (0..<UInt64(max(count, 0))).map { heldOutStart + $0 }
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
  /// What to look at, in plain words. `{key}` (a `Metric.key`: `{jsd}`, `{g_mean}`) is
  /// filled with the metric's live value on screen (`CaptionText`).
  public let caption: String
  /// The toggles, picture and pace the step switches to, so what the caption names is on
  /// screen (`StepView`); live only.
  public private(set) var view = StepView.unchanged

  public init(at iteration: Int, keys: String, _ commands: [ControlCommand], _ caption: String) {
    self.iteration = iteration
    self.keys = keys
    self.commands = commands
    self.caption = caption
  }

  /// The same step, also switching the live view as `view` says.
  public func showing(_ view: StepView) -> ScenarioStep {
    var step = self
    step.view = self.view.then(view)
    return step
  }

  /// The same step, also switching the live view (see `StepView`).
  public func showing(
    overlay: Bool? = nil, histogram: Bool? = nil, arrows: Bool? = nil,
    picture: StepView.Picture? = nil, metric: String? = nil, pace: Pace? = nil,
    densityScale: StepView.DensityScale? = nil
  ) -> ScenarioStep {
    showing(
      StepView(
        optimalOverlay: overlay, histogram: histogram, arrows: arrows, picture: picture,
        metric: metric, pace: pace, densityScale: densityScale))
  }

  /// A step that presses nothing: the caption says what to look at.
  public init(at iteration: Int, _ caption: String) {
    self.init(at: iteration, keys: "", [], caption)
  }

  /// Whether a live playback stops after this step until the viewer presses space: a step
  /// that only looks, or whose keys leave the run paused (space, single steps), is there to
  /// be looked at; a step that changes a knob of a running run, or that sets a pace to watch
  /// the run at, is there to be watched.
  public var pauses: Bool {
    guard let last = commands.last else { return view.pace == nil }
    return last.leavesRunPaused
  }
}

/// The statement a scenario demonstrates, and its check: a function of one seed's run that
/// returns every number it measured, each with its condition.
public struct Claim: Sendable {
  /// The claim as checked, with the thresholds it checks (`demo --check` prints it).
  public let statement: String
  /// What was measured, as a sentence for a viewer, with its numbers: the last caption of
  /// a played scenario. It may name live values (`{jsd}`, see `CaptionText`).
  public let finding: String
  /// On how many seeds it must hold: every one, or at least N of M.
  public let quota: SeedQuota
  public let check: @Sendable (ScenarioRun) -> [Measurement]

  public init(
    _ statement: String, finding: String, holdsOn quota: SeedQuota = .every,
    check: @escaping @Sendable (ScenarioRun) -> [Measurement]
  ) {
    self.statement = statement
    self.finding = finding
    self.quota = quota
    self.check = check
  }
}

/// On how many of the seeds checked a claim must hold: on every one (a universal claim), or
/// on at least `atLeast` of every `of` (a claim about a share of seeds).
public struct SeedQuota: Sendable, Equatable {
  public let atLeast: Int
  public let of: Int

  /// A universal claim: it holds on every seed.
  public static let every = SeedQuota(atLeast: 1, of: 1)

  /// At least `n` of every `m` seeds (0 < n <= m).
  public static func atLeast(_ n: Int, of m: Int) -> SeedQuota {
    precondition(m > 0 && (1...m).contains(n), "a quota of \(n) of \(m) seeds")
    return SeedQuota(atLeast: n, of: m)
  }

  public var isUniversal: Bool { atLeast == of }

  /// How many of `count` seeds must show the claim: all of them for a universal claim, else
  /// the quota's share of `count`, rounded up (10 of 10 seeds at "9 of 10" need 9; 20 need 18).
  public func required(of count: Int) -> Int {
    isUniversal ? count : (atLeast * count + of - 1) / of
  }

  /// "every seed", or "at least 9 of 10 seeds".
  public var words: String {
    isUniversal ? "every seed" : "at least \(atLeast) of \(of) seeds"
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
  /// How far the value is inside its threshold, as a share of the threshold: (limit −
  /// value) / |limit| for an upper bound, (value − limit) / |limit| for a lower one, the
  /// nearer side for a range; negative when it fails. Nil for a yes/no observation.
  public let margin: Double?

  public init(
    _ name: String, _ value: Double, shown: String? = nil, condition: String, passed: Bool,
    margin: Double? = nil
  ) {
    self.name = name
    self.value = value
    self.shown = shown ?? ScenarioFormat.number(value)
    self.condition = condition
    self.passed = passed
    self.margin = margin.map { $0.isNaN ? -.infinity : $0 }
  }

  /// The relative margin of `value` below `limit` (of `value` above it when `upward`).
  static func relativeMargin(_ value: Double, _ limit: Double, upward: Bool) -> Double {
    let gap = upward ? value - limit : limit - value
    return limit == 0 ? gap : gap / abs(limit)
  }

  /// `value < limit` (a NaN fails).
  public static func below(_ name: String, _ value: Double, _ limit: Double) -> Measurement {
    Measurement(
      name, value, condition: "< " + ScenarioFormat.number(limit), passed: value < limit,
      margin: relativeMargin(value, limit, upward: false))
  }

  /// A count that must not exceed `limit`; its margin is to the half-way point between
  /// `limit` and the first failing count (2 of "<= 2" is 20% inside 2.5).
  public static func atMost(_ name: String, _ count: Int, _ limit: Int) -> Measurement {
    Measurement(
      name, Double(count), condition: "<= \(limit)", passed: count <= limit,
      margin: relativeMargin(Double(count), Double(limit) + 0.5, upward: false))
  }

  /// Something that must happen within `limit` iterations: `iterations` is how many it
  /// took, nil when it never happened in the run.
  public static func within(_ name: String, _ iterations: Int?, _ limit: Int) -> Measurement {
    guard let iterations else {
      return Measurement(
        name, .infinity, shown: "never", condition: "<= \(limit)", passed: false,
        margin: -.infinity)
    }
    return Measurement(
      name, Double(iterations), condition: "<= \(limit)", passed: iterations <= limit,
      margin: relativeMargin(Double(iterations), Double(limit), upward: false))
  }

  /// `value > limit` (a NaN fails).
  public static func above(_ name: String, _ value: Double, _ limit: Double) -> Measurement {
    Measurement(
      name, value, condition: "> " + ScenarioFormat.number(limit), passed: value > limit,
      margin: relativeMargin(value, limit, upward: true))
  }

  /// `value` in `range` (a NaN fails); the margin is to the nearer end.
  public static func inside(_ name: String, _ value: Double, _ range: ClosedRange<Double>)
    -> Measurement
  {
    let condition =
      "in " + ScenarioFormat.number(range.lowerBound) + "..."
      + ScenarioFormat.number(range.upperBound)
    return Measurement(
      name, value, condition: condition, passed: range.contains(value),
      margin: min(
        relativeMargin(value, range.lowerBound, upward: true),
        relativeMargin(value, range.upperBound, upward: false)))
  }

  /// A yes/no observation, shown as 1 or 0.
  public static func holds(_ name: String, _ value: Bool) -> Measurement {
    Measurement(name, value ? 1 : 0, condition: "= 1", passed: value)
  }
}
