import GANCore

/// A scenario played live (`ganscope demo NAME`, `ganscope tour`): the script as cues for the
/// runtime, which applies each at its iteration (`TrainingRuntime.schedule`), and where the
/// playback stands. Pure: the live view reports what the runtime has applied and asks what
/// to schedule when the viewer presses space at a pause point.
///
/// A cue is a step of the script, plus a pause after it when the step is there to be looked
/// at (`ScenarioStep.pauses`); the run then waits for space. The script is handed over one
/// stretch at a time, up to and including the next pause point, so a step at the same
/// iteration as the pause before it (Figure 1's (a), (b), (c)) waits for the viewer too.
/// A last cue pauses at the scenario's last iteration, the moment the claim is measured, and
/// says in words what was measured (`Claim.finding`).
public struct ScenarioPlayback: Sendable {
  /// One step of the script as the runtime gets it.
  public struct Cue: Sendable, Equatable {
    public var iteration: Int
    public var commands: [ControlCommand]
    /// The keys a presenter would press ("" when the cue only looks).
    public var keys: String
    public var caption: String
    /// Whether the run waits here for space.
    public var pauses: Bool
    /// What the live view switches to when the cue is applied.
    public var view: StepView
  }

  /// What space at a pause point does.
  public enum Onward: Sendable, Equatable {
    /// Schedule these cues; `resume`: also send `.resume` now, because the next cue lies
    /// ahead and the run must train to reach it.
    case cues([Cue], resume: Bool)
    /// The script is over (the last pause point was the end).
    case end
  }

  public let name: String
  public let summary: String
  public let cues: [Cue]
  /// Cues handed to the runtime, and cues it has applied (always ≤ handed over).
  public private(set) var handedOver = 0
  public private(set) var applied = 0
  /// Space was pressed at the last pause point: the script has nothing more to do.
  public private(set) var isFinished = false

  public init(_ scenario: Scenario) {
    name = scenario.name
    summary = scenario.summary
    var cues = scenario.steps.map { step -> Cue in
      let pauses = step.pauses || step.iteration >= scenario.iterations
      return Cue(
        iteration: step.iteration,
        commands: step.commands + (pauses && !step.leavesRunPaused ? [.pause] : []),
        keys: step.keys, caption: step.caption, pauses: pauses, view: step.view)
    }
    // The last pause states what was measured, in words, with its numbers: after the last
    // step has been looked at, even when that step is at the end too.
    cues.append(
      Cue(
        iteration: scenario.iterations, commands: [.pause], keys: "",
        caption: scenario.claim.finding, pauses: true, view: .unchanged))
    self.cues = cues
  }

  /// The cues to schedule before the run starts: up to and including the first pause point.
  public mutating func start() -> [Cue] { handOverStretch() }

  /// Notes how many cues the runtime has applied (`TrainingRuntime.scheduledApplied`).
  public mutating func noteApplied(_ count: Int) {
    applied = min(max(count, applied), handedOver)
  }

  /// The cue applied last: its caption is the one on screen.
  public var current: Cue? { applied > 0 ? cues[applied - 1] : nil }

  /// The number of the current cue, from 1 (0 before the first).
  public var position: Int { applied }

  /// Whether the run waits at a pause point for space.
  public var isWaiting: Bool {
    !isFinished && applied == handedOver && (current?.pauses ?? false)
  }

  /// Space at a pause point: what to schedule next, or `.end`. Nil when the playback does
  /// not wait (space then pauses and resumes as in the live view). `iteration` and
  /// `diverged`: where the run stands, to know whether the next cue is due at once.
  public mutating func goOn(iteration: Int, diverged: Bool) -> Onward? {
    guard isWaiting else { return nil }
    guard handedOver < cues.count else {
      isFinished = true
      return .end
    }
    let next = cues[handedOver]
    let dueNow = diverged || iteration >= next.iteration
    // A cue due now that is watched, not looked at (keys of a running run after a look at
    // the same iteration), needs the run going again unless its own keys resume it.
    let watchedNow = dueNow && !next.pauses && !next.commands.contains(.resume)
    return .cues(handOverStretch(), resume: !dueNow || watchedNow)
  }

  /// Hands over the cues from the next one through the next pause point.
  private mutating func handOverStretch() -> [Cue] {
    var stretch: [Cue] = []
    while handedOver < cues.count {
      let cue = cues[handedOver]
      stretch.append(cue)
      handedOver += 1
      if cue.pauses { break }
    }
    return stretch
  }
}

extension ScenarioStep {
  /// Whether the step's own keys leave the run paused (no pause needs adding after them).
  var leavesRunPaused: Bool { commands.last?.leavesRunPaused ?? false }
}
