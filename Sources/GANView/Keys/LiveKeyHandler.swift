import GANCore

/// What one key press does in the live view: the new view state, the commands for the
/// runtime, and whether the live view ends or the recorder toggles (the recorder is not a
/// training command).
public struct LiveKeyOutcome: Sendable, Equatable {
  public var state: ViewState
  public var commands: [ControlCommand]
  public var quit: Bool
  public var toggleRecording: Bool

  public init(
    state: ViewState, commands: [ControlCommand] = [], quit: Bool = false,
    toggleRecording: Bool = false
  ) {
    self.state = state
    self.commands = commands
    self.quit = quit
    self.toggleRecording = toggleRecording
  }
}

/// Turns a key into its outcome through `LiveKeys.table`: the shared rows through
/// `SharedKeys`, the live view's own here. Pure: new values are computed from the
/// latest snapshot's hyperparameters and the runtime status — or from what an earlier key
/// just requested, if the runtime does not show it yet (`ViewState.requested`) — and every
/// key posts a notice, so its effect is visible in the next frame even before the runtime
/// applies it.
public enum LiveKeyHandler {
  /// Step sizes the keys can reach.
  public static let stepSizeRange: ClosedRange<Float> = 1e-6...1

  /// What `t` cycles through: the presets, then the run's own target when it is none of
  /// them. A target read from a data file is left out: recordings log a target change by its
  /// spec alone, so a change back to a file could not be replayed.
  /// The last target drawn in the editor (`T`) comes after them, so `t` can leave a
  /// drawing and come back to it; it takes the place of a drawn `--target` (every drawing
  /// is called "drawn", and the cycle finds its place by the name a snapshot shows).
  public static func targetCycle(own: Target?, drawn: Target? = nil) -> [Target] {
    var cycle = Target.presetNames.compactMap(Target.preset)
    let own = drawn != nil && own?.name == DrawnDensity.name ? nil : own
    for target in [own, drawn] {
      guard let target, !target.spec.lowercased().contains("file:"),
        !cycle.contains(where: { $0.name.lowercased() == target.name.lowercased() })
      else { continue }
      cycle.append(target)
    }
    return cycle
  }

  public static func handle(
    _ key: Key, state: ViewState, snapshot: Snapshot?, status: LiveStatus
  ) -> LiveKeyOutcome {
    // The target editor, while open, takes every key.
    if state.sketch != nil { return SketchKeyHandler.handle(key, state: state, snapshot: snapshot) }
    var outcome = LiveKeyOutcome(state: state)
    guard let binding = LiveKeys.table.binding(for: key) else {
      outcome.state.post(SharedKeys.unboundNotice(key))
      return outcome
    }
    switch binding.action {
    case .shared(let action): outcome.quit = SharedKeys.apply(action, key: key, to: &outcome.state)
    case .own(let action): apply(action, to: &outcome, snapshot: snapshot, status: status)
    }
    return outcome
  }

  private static func apply(
    _ action: LiveAction, to outcome: inout LiveKeyOutcome, snapshot: Snapshot?,
    status: LiveStatus
  ) {
    switch action {
    case .togglePause:
      let paused = outcome.state.requested.paused ?? status.paused
      outcome.commands = [paused ? .resume : .pause]
      outcome.state.request { $0.paused = !paused }
      outcome.state.post(paused ? "resumed" : "paused")
    case .stepIteration:
      step(.stepIteration, "one iteration: k D steps, then one G step", &outcome, status)
    case .stepDiscriminator:
      step(.stepDiscriminator, "one D step: panel (b), D -> D*", &outcome, status)
    case .stepGenerator:
      step(.stepGenerator, "one G step: panel (c), G follows grad D", &outcome, status)
    case .decreaseDiscriminatorSteps, .increaseDiscriminatorSteps:
      guard let h = hyperparameters(snapshot, &outcome) else { return }
      let range = Hyperparameters.discriminatorStepRange
      let delta = action == .increaseDiscriminatorSteps ? 1 : -1
      let k = min(max(h.discriminatorSteps + delta, range.lowerBound), range.upperBound)
      if k != h.discriminatorSteps {
        outcome.commands = [.setDiscriminatorSteps(k)]
        outcome.state.request { $0.hyperparameters = h.with(\.discriminatorSteps, k) }
      }
      outcome.state.post(
        k != h.discriminatorSteps
          ? "k = \(k)" : "k is already \(k) (\(range.lowerBound)...\(range.upperBound))")
    case .halveStepSizes: scaleStepSizes(d: 0.5, g: 0.5, snapshot, &outcome)
    case .doubleStepSizes: scaleStepSizes(d: 2, g: 2, snapshot, &outcome)
    case .halveDiscriminatorStepSize: scaleStepSizes(d: 0.5, g: nil, snapshot, &outcome)
    case .doubleDiscriminatorStepSize: scaleStepSizes(d: 2, g: nil, snapshot, &outcome)
    case .halveGeneratorStepSize: scaleStepSizes(d: nil, g: 0.5, snapshot, &outcome)
    case .doubleGeneratorStepSize: scaleStepSizes(d: nil, g: 2, snapshot, &outcome)
    case .slower, .faster:
      let current = outcome.state.requested.pace ?? status.pace
      let pace = current.stepped(action == .faster ? 1 : -1)
      if pace != current {
        outcome.commands = [.setPace(pace)]
        outcome.state.request { $0.pace = pace }
      }
      outcome.state.post(pace != current ? "pace = \(pace.label)" : "pace is already \(pace.label)")
    case .cycleLoss:
      guard let h = hyperparameters(snapshot, &outcome) else { return }
      let all = Loss.allCases
      let next = all[((all.firstIndex(of: h.loss) ?? -1) + 1) % all.count]
      outcome.commands = [.setLoss(next)]
      outcome.state.request { $0.hyperparameters = h.with(\.loss, next) }
      outcome.state.post("loss = \(next.rawValue)")
    case .cycleTarget:
      guard let snapshot = snapshot else {
        outcome.state.post("no snapshot yet")
        return
      }
      let cycle = targetCycle(own: status.ownTarget, drawn: outcome.state.drawnTarget)
      let name = outcome.state.requested.targetName ?? snapshot.targetName.lowercased()
      let index = cycle.firstIndex { $0.name.lowercased() == name } ?? -1
      let next = cycle[(index + 1) % cycle.count]
      outcome.commands = [.setTarget(next)]
      outcome.state.request { $0.targetName = next.name.lowercased() }
      outcome.state.post("target = \(next.name)")
    case .drawTarget:
      openSketch(&outcome, snapshot: snapshot)
    case .cyclePenalty, .cycleUnrolling, .cycleUpdateScheme, .toggleInstanceNoise,
      .toggleSpectralNorm, .cyclePack, .toggleConsensus:
      guard let h = hyperparameters(snapshot, &outcome), let fix = action.fix else { return }
      let (command, fixes, notice) = nextFix(fix, h.stabilizers)
      // A combination the trainer refuses (packing with a slope penalty, say) is said so
      // here, instead of a notice for a change that never happens.
      if let problem = h.with(\.stabilizers, fixes).problem {
        outcome.state.post(problem)
        return
      }
      outcome.commands = [command]
      outcome.state.request { $0.hyperparameters = h.with(\.stabilizers, fixes) }
      outcome.state.post(notice)
    case .resetNetworks:
      outcome.commands = [.resetNetworks]
      outcome.state.post("both nets re-initialized")
    case .toggleRecording:
      if status.canRecord {
        outcome.toggleRecording = true
      } else {
        outcome.state.post("recording not available yet")
      }
    }
  }

  /// Unrolled steps `u` cycles through, and the instance noise `n` switches on.
  public static let unrolledStepCycle = [0, 5, 10]
  /// The pack sizes `P` cycles through.
  public static let packCycle = [1, 2, 4]
  public static let instanceNoiseOn: Float = 0.5
  /// The consensus weight γ `c` switches on (the k = 1 oscillation's measured value,
  /// docs/theory.md).
  public static let consensusOn: Float = 10

  /// The next setting of one fix: its command, the fixes after it, and the notice.
  private static func nextFix(_ fix: FixKey, _ f: Stabilizers)
    -> (ControlCommand, Stabilizers, String)
  {
    func next<T: Equatable>(_ all: [T], after value: T) -> T {
      all[((all.firstIndex(of: value) ?? -1) + 1) % all.count]
    }
    var new = f
    switch fix {
    case .unrolling:
      new.unrolledSteps = next(unrolledStepCycle, after: f.unrolledSteps)
      let notice =
        new.unrolledSteps == 0
        ? "unrolling off" : "G looks through \(new.unrolledSteps) unrolled D steps"
      return (.setUnrolledSteps(new.unrolledSteps), new, notice)
    case .updateScheme:
      new.updateScheme = next(UpdateScheme.allCases, after: f.updateScheme)
      return (.setUpdateScheme(new.updateScheme), new, "updates: \(new.updateScheme.rawValue)")
    case .instanceNoise:
      new.instanceNoise = f.instanceNoise > 0 ? 0 : instanceNoiseOn
      new.instanceNoiseAnneal = 0
      let notice =
        new.instanceNoise > 0
        ? "instance noise on: sd \(NumberFormat.general(Double(instanceNoiseOn))) on D's inputs"
        : "instance noise off"
      return (.setInstanceNoise(new.instanceNoise), new, notice)
    case .spectralNorm:
      new.spectralNorm.toggle()
      let notice =
        new.spectralNorm
        ? "spectral normalisation on: every weight block of D divided by its sigma"
        : "spectral normalisation off"
      return (.setSpectralNorm(new.spectralNorm), new, notice)
    case .consensus:
      new.consensus = f.consensus > 0 ? 0 : consensusOn
      let notice =
        new.consensus > 0
        ? "consensus on: each player also descends \(NumberFormat.general(Double(consensusOn)))/2 |v|^2 (slow)"
        : "consensus off"
      return (.setConsensus(new.consensus), new, notice)
    case .pack:
      new.pack = next(packCycle, after: f.pack)
      let notice =
        new.pack == 1
        ? "packing off: D judges single samples"
        : "D judges packs of \(new.pack) samples (its curve: D on the pack (x, ..., x))"
      return (.setPack(new.pack), new, notice)
    case .penalty:
      new.penalty = next(GradientPenalty.allCases, after: f.penalty)
      if new.penaltyWeight == 0 { new.penaltyWeight = 1 }
      let gamma = NumberFormat.general(Double(new.penaltyWeight))
      let notice =
        switch new.penalty {
        case .none: "penalty off"
        case .r1: "R1 penalty on data, gamma = \(gamma)"
        case .r2: "R2 penalty on G's samples, gamma = \(gamma)"
        }
      return (.setPenalty(new.penalty, weight: new.penaltyWeight), new, notice)
    }
  }

  /// Single steps only make sense on a paused run, so a step key pauses a running one first.
  /// T: the editor over the plot, starting from the current target (c clears it).
  static func openSketch(_ outcome: inout LiveKeyOutcome, snapshot: Snapshot?) {
    guard let snapshot else {
      outcome.state.post("no snapshot yet")
      return
    }
    guard !snapshot.metrics.discriminatorSlope.isFinite else {
      outcome.state.post("the Dirac-GAN's data is one point; draw a target with --model mlp")
      return
    }
    let density = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    let canvas = TargetSketch.canvas(around: snapshot.grid)
    outcome.state.sketch = TargetSketch(
      domain: snapshot.grid, columns: TargetSketch.columns(for: canvas), density: density,
      canvas: canvas)
    outcome.state.pane = .plot
    outcome.state.showHelp = false
    outcome.state.post("draw p_data: drag on the plot, or Left Right Up Down; Enter applies")
  }

  private static func step(
    _ command: ControlCommand, _ notice: String, _ outcome: inout LiveKeyOutcome,
    _ status: LiveStatus
  ) {
    let paused = outcome.state.requested.paused ?? status.paused
    outcome.commands = paused ? [command] : [.pause, command]
    outcome.state.request { $0.paused = true }
    outcome.state.post(notice)
  }

  /// The hyperparameters a key builds on: the last requested, else the snapshot's.
  private static func hyperparameters(_ snapshot: Snapshot?, _ outcome: inout LiveKeyOutcome)
    -> Hyperparameters?
  {
    guard let snapshot else {
      outcome.state.post("no snapshot yet")
      return nil
    }
    return outcome.state.requested.hyperparameters ?? snapshot.hyperparameters
  }

  /// Multiplies D's and/or G's step size, clamped to `stepSizeRange`; sends only changes.
  private static func scaleStepSizes(
    d: Float?, g: Float?, _ snapshot: Snapshot?, _ outcome: inout LiveKeyOutcome
  ) {
    guard let h = hyperparameters(snapshot, &outcome) else { return }
    func scaled(_ value: Float, _ factor: Float) -> Float {
      min(max(value * factor, stepSizeRange.lowerBound), stepSizeRange.upperBound)
    }
    var parts: [String] = []
    var new = h
    if let d {
      new.discriminatorStepSize = scaled(h.discriminatorStepSize, d)
      if new.discriminatorStepSize != h.discriminatorStepSize {
        outcome.commands.append(.setDiscriminatorStepSize(new.discriminatorStepSize))
      }
      parts.append("lrD = " + NumberFormat.general(Double(new.discriminatorStepSize)))
    }
    if let g {
      new.generatorStepSize = scaled(h.generatorStepSize, g)
      if new.generatorStepSize != h.generatorStepSize {
        outcome.commands.append(.setGeneratorStepSize(new.generatorStepSize))
      }
      parts.append("lrG = " + NumberFormat.general(Double(new.generatorStepSize)))
    }
    if new != h { outcome.state.request { $0.hyperparameters = new } }
    let limit = outcome.commands.isEmpty ? " (limit: 1e-06...1)" : ""
    outcome.state.post(parts.joined(separator: ", ") + limit)
  }
}

extension Hyperparameters {
  /// A copy with one value changed.
  fileprivate func with<Value>(_ key: WritableKeyPath<Hyperparameters, Value>, _ value: Value)
    -> Hyperparameters
  {
    var copy = self
    copy[keyPath: key] = value
    return copy
  }
}
