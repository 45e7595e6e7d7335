/// What the comparison's own keys do (`live --compare`). A training key is the live view's
/// key of the same name, applied to every run or to the selected one.
public enum CompareAction: Sendable, Hashable {
  /// A live key (`LiveKeys.table` binds the same keys to the same action).
  case train(LiveAction)
  /// Tab: the next run, and after the last one all runs again.
  case selectNext
  /// 0 for all runs, 1–4 for one.
  case select
  /// Each run's D(x), dashed in the run's colour.
  case toggleDiscriminators
  /// Every run's recording, one file each.
  case toggleRecording
  /// f: the shared density axis' scale.
  case cycleDensityScale
}

/// The comparison's key table (`CompareKeyHandler` applies it).
public enum CompareKeys {
  public static let table = KeyTable(
    title: "ganscope compare keys",
    bindings: selection + training + [
      KeyBinding(["D"], "D", "each run's D(x) on / off", hint: "D(x)", .toggleDiscriminators),
      .densityScale(.cycleDensityScale),
      KeyBinding(["R"], "R", "record all runs on / off", .toggleRecording),
    ] + KeyBinding.helpAndQuit)

  /// Which runs the training keys act on.
  private static let selection: [KeyBinding<CompareAction>] = [
    KeyBinding(
      [.character("\t")], "Tab", "select the next run (then all)", hint: "select", .selectNext),
    KeyBinding(
      ["0", "1", "2", "3", "4"], "0-4", "select all runs (0) or run 1-4",
      mouse: "click a run's column", .select),
  ]

  /// The live keys that make sense for several runs at once; their summaries are the live
  /// view's, so the two helps never disagree.
  private static let training: [KeyBinding<CompareAction>] = LiveKeys.table.bindings.compactMap {
    binding in
    guard case .own(let action) = binding.action, trainingActions.contains(action) else {
      return nil
    }
    let hint: String? = action == .togglePause ? "pause" : (action == .cycleLoss ? "loss" : nil)
    return KeyBinding(binding.keys, binding.label, binding.summary, hint: hint, .train(action))
  }

  /// The live actions the comparison forwards.
  static var trainingActions: [LiveAction] {
    LiveAction.allCases.filter { $0.comparison == .forwarded }
  }
}

/// What `live --compare` does with a live key.
public enum ComparisonUse: Sendable, Equatable {
  /// Sent to every selected run, as the live view sends it.
  case forwarded
  /// Not bound in the comparison, for the reason given.
  case withheld(String)
}

extension LiveAction {
  /// Whether the comparison forwards this key (an exhaustive switch: a new live key must
  /// say whether it is compared, so none is left out by accident).
  public var comparison: ComparisonUse {
    switch self {
    case .togglePause, .stepIteration, .decreaseDiscriminatorSteps, .increaseDiscriminatorSteps,
      .halveStepSizes, .doubleStepSizes, .halveDiscriminatorStepSize,
      .doubleDiscriminatorStepSize, .halveGeneratorStepSize, .doubleGeneratorStepSize, .slower,
      .faster, .cycleLoss, .cyclePenalty, .cycleUnrolling, .cycleUpdateScheme,
      .toggleInstanceNoise, .toggleSpectralNorm, .cyclePack, .toggleConsensus, .resetNetworks:
      .forwarded
    case .stepDiscriminator, .stepGenerator:
      .withheld("a single D or G step is inspected on one run's own screen (live)")
    case .cycleTarget:
      .withheld("a target per run would no longer compare like with like")
    case .drawTarget:
      .withheld(
        "draw a target in one run's live view; --target 'drawn(...)' then compares runs on it")
    case .toggleRecording:
      .withheld("the comparison's R records every run, one file each")
    }
  }
}
