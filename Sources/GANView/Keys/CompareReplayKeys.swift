/// What the keys of recordings replayed side by side do: the replay's moving keys on the
/// common iteration axis (a branch needs one run, so `b` is not among them), and D.
public enum CompareReplayAction: Sendable, Hashable {
  /// A replay key (`ReplayKeys.table` binds the same keys to the same action).
  case replay(ReplayAction)
  /// Each run's D(x), dashed in the run's colour.
  case toggleDiscriminators
  /// f: the shared density axis' scale.
  case cycleDensityScale
}

/// The side-by-side replay's key table.
public enum CompareReplayKeys {
  public static let table = KeyTable(
    title: "ganscope replay keys (side by side)",
    bindings: moving + [
      KeyBinding(["D"], "D", "each run's D(x) on / off", hint: "D(x)", .toggleDiscriminators),
      .densityScale(.cycleDensityScale),
    ] + KeyBinding.helpAndQuit)

  /// The replay's rows, with its summaries, except the branch.
  private static let moving: [KeyBinding<CompareReplayAction>] = ReplayKeys.table.bindings
    .compactMap { binding in
      guard case .own(let action) = binding.action, action != .branch else { return nil }
      return KeyBinding(
        binding.keys, binding.label, binding.summary, hint: binding.hint,
        mouse: binding.mouse, .replay(action))
    }
}

/// Turns a key into the side-by-side replay's new state: a moving key through
/// `ReplayKeyHandler` (so it moves exactly as in the replay of one file), D here.
public enum CompareReplayKeyHandler {
  /// The new replay state and comparison state, and whether the view ends.
  public static func handle(
    _ key: Key, replay: ReplayState, compare: CompareState
  ) -> (replay: ReplayState, compare: CompareState, quit: Bool) {
    var replay = replay
    var compare = compare
    guard let binding = CompareReplayKeys.table.binding(for: key) else {
      replay.view.post(SharedKeys.unboundNotice(key))
      return (replay, compare, false)
    }
    switch binding.action {
    case .shared(let action):
      // Applied before the tuple copies `replay`, or the help's toggle would be lost.
      let quit = SharedKeys.apply(action, key: key, to: &replay.view)
      return (replay, compare, quit)
    case .own(.replay):
      let outcome = ReplayKeyHandler.handle(key, state: replay)
      replay = outcome.state
      dropBranchHint(&replay)
    case .own(.toggleDiscriminators):
      compare.showDiscriminators.toggle()
      replay.view.post(
        "each run's D(x) " + (compare.showDiscriminators ? "on (dashed)" : "off"))
    case .own(.cycleDensityScale):
      compare.cycleDensityScale()
      // The side-by-side replay's footer shows the replay state's notice.
      replay.view.post(compare.densityScale.notice)
    }
    return (replay, compare, false)
  }

  /// The replay's notices at the last frame offer `b`, which side by side has no meaning:
  /// they are shown without it (called after every key and every advance of the position).
  public static func dropBranchHint(_ replay: inout ReplayState) {
    guard let notice = replay.view.notice, notice.contains("b branches") else { return }
    replay.view.post(
      notice == ReplayKeyHandler.lastFrameNotice
        ? "this is the last frame" : "end of the recordings; Home replays")
  }
}
