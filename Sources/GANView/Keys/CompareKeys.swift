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
}

/// The comparison's key table (`CompareKeyHandler` applies it).
public enum CompareKeys {
  public static let table = KeyTable(
    title: "ganscope compare keys",
    bindings: selection + training + [
      KeyBinding(["D"], "D", "each run's D(x) on / off", hint: "D(x)", .toggleDiscriminators),
      KeyBinding(["R"], "R", "start / stop recording every run", .toggleRecording),
    ] + KeyBinding.helpAndQuit)

  /// Which runs the training keys act on.
  private static let selection: [KeyBinding<CompareAction>] = [
    KeyBinding(
      [.character("\t")], "Tab", "select the next run (then all)", hint: "select", .selectNext),
    KeyBinding(
      ["0", "1", "2", "3", "4"], "0-4", "select all runs (0) or run 1-4", .select),
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

  /// The live actions the comparison forwards (single D or G steps and the target are left
  /// out: a target per run would no longer compare like with like).
  static let trainingActions: Set<LiveAction> = [
    .togglePause, .stepIteration, .decreaseDiscriminatorSteps, .increaseDiscriminatorSteps,
    .halveStepSizes, .doubleStepSizes, .slower, .faster, .cycleLoss, .cyclePenalty,
    .resetNetworks,
  ]
}
