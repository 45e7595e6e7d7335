/// What the keys of a tour page do (the page before each scenario, and the last page).
public enum TourAction: Sendable, Hashable, CaseIterable {
  case start
  case back
  case quit
}

/// The tour pages' keys; while a scenario plays, `PlaybackKeys` and the live keys apply.
public enum TourKeys {
  public static let table = KeyTable<TourAction>(
    title: "ganscope tour keys",
    bindings: [
      KeyBinding(
        [" "], "space", "play this scenario (last page: quit)", hint: "start",
        mouse: "click the page", .start),
      KeyBinding(
        PlaybackKeys.backspaceKeys, "Backspace", "the page before", hint: "back", .back),
      KeyBinding(["q"], "q", "quit", hint: "quit", .quit),
    ])

  /// The last page's keys for its footer: the same rows, but there space ends the tour.
  public static let endTable = KeyTable<TourAction>(
    title: table.title,
    bindings: table.bindings.map { row in
      var row = row
      if row.action == .own(.start) { row.hint = "end" }
      return row
    })

  /// The page's action for a key, nil for a key the pages do not bind.
  public static func action(for key: Key) -> TourAction? {
    if case .own(let action)? = table.binding(for: key)?.action { return action }
    return nil
  }
}
