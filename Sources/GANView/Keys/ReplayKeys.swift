/// What the replay's own keys do (the shared rows are `SharedAction`s). Where one row binds
/// a pair of keys (Left Right, < >, 0-9), the key pressed decides the direction or the
/// target.
public enum ReplayAction: Sendable, Hashable, CaseIterable {
  case togglePlay
  /// One frame back (Left) or on (Right).
  case stepFrame
  /// A tenth of the recording back (PgUp, Shift+Left) or on (PgDn, Shift+Right).
  case stepTenth
  /// The first (Home) or the last (End) frame.
  case jumpToEnd
  /// 0 … 9: to 0 %, 10 %, … 90 % of the recording.
  case jumpToDecile
  /// Replay speed ÷ 2 (<) or × 2 (>).
  case changeSpeed
  case branch
}

/// The replay's key table (`ReplayKeyHandler` applies it).
public enum ReplayKeys {
  public static let table = KeyTable(
    title: "ganscope replay keys",
    bindings: moving + KeyBinding.mainPaneKeys + KeyBinding.figureToggles(inFooter: false)
      + KeyBinding.helpAndQuit)

  /// Moving through the recording, and leaving it for a live run.
  private static let moving: [KeyBinding<ReplayAction>] = [
    KeyBinding([" "], "space", "play / pause", hint: "play", .togglePlay),
    KeyBinding(
      [.left, .right], "Left Right", "a frame back / on (pauses)", hint: "frame", .stepFrame),
    KeyBinding(
      [.pageUp, .pageDown, .shiftLeft, .shiftRight], "PgUp PgDn",
      "10% (or Shift+Left/Right)", hint: "10%", .stepTenth),
    KeyBinding([.home, .end], "Home End", "first / last frame", hint: "ends", .jumpToEnd),
    KeyBinding(
      "0123456789".map(Key.character), "0-9", "jump to 0%, 10%, ... 90%",
      mouse: "click or drag on the timeline", .jumpToDecile),
    KeyBinding(["<", ">"], "< >", "speed / 2, x 2 (1/4x..64x)", hint: "speed", .changeSpeed),
    KeyBinding(["b"], "b", "branch: go live from here", hint: "branch", .branch),
  ]
}
