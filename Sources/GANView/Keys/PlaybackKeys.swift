import GANCore

/// What a played scenario's own keys do (`ganscope demo NAME`, `ganscope tour`); every other
/// key is the live view's.
public enum PlaybackAction: Sendable, Hashable, CaseIterable {
  /// At a pause point: the script goes on. Elsewhere: the live view's pause / resume.
  case goOn
  /// Back to the start: the scenario again from iteration 0 (in the tour, its title page).
  case back
}

/// The keys of a played scenario. Space is the live view's space except at a pause point,
/// where it hands the run back to the script.
public enum PlaybackKeys {
  /// Backspace is bound as curses' key and as the two characters terminals send for it.
  static let backspaceKeys: [Key] = [.backspace, .character("\u{7F}"), .character("\u{08}")]

  public static let table = KeyTable<PlaybackAction>(
    title: "ganscope demo keys (and every live key)",
    bindings: [
      KeyBinding(
        [" "], "space", "at a pause point: go on; else pause / resume", hint: "go on",
        mouse: "click the caption at a pause point", .goOn),
      KeyBinding(
        backspaceKeys, "Backspace", "start the scenario over (tour: back to its page)",
        hint: "back", .back),
    ])
}

/// What one key does in a played scenario.
public enum PlaybackKeyOutcome: Sendable, Equatable {
  /// Space at a pause point: the script goes on.
  case goOn
  case back
  /// Anything else: what the live view does with it.
  case live(LiveKeyOutcome)
}

/// Dispatches a played scenario's keys: its own rows, then the live view's table.
public enum PlaybackKeyHandler {
  /// `waiting`: the run waits at a pause point.
  public static func handle(
    _ key: Key, waiting: Bool, state: ViewState, snapshot: Snapshot?, status: LiveStatus
  ) -> PlaybackKeyOutcome {
    if case .own(let action)? = PlaybackKeys.table.binding(for: key)?.action {
      switch action {
      case .goOn where waiting: return .goOn
      case .goOn: break
      case .back: return .back
      }
    }
    return .live(LiveKeyHandler.handle(key, state: state, snapshot: snapshot, status: status))
  }
}
