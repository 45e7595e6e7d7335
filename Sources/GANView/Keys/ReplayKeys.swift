/// Everything a key can do in the replay. Where one row binds a pair of keys (← →, < >,
/// 0–9), the key pressed decides the direction or the target.
public enum ReplayAction: Sendable, Equatable, Hashable, CaseIterable {
  case togglePlay
  /// One frame back (←) or on (→).
  case stepFrame
  /// A tenth of the recording back (PgUp, Shift+←) or on (PgDn, Shift+→).
  case stepTenth
  /// The first (Home) or the last (End) frame.
  case jumpToEnd
  /// 0 … 9: to 0 %, 10 %, … 90 % of the recording.
  case jumpToDecile
  /// Replay speed ÷ 2 (<) or × 2 (>).
  case changeSpeed
  case branch
  case toggleOptimalOverlay
  case toggleHistogram
  case toggleArrows
  case toggleHelp
  case closeHelp
  case quit
}

/// One row of the replay's key table: the keys, how the help and the footer name them, and
/// the action. Texts are plain ASCII so they read the same in every locale.
public struct ReplayKeyBinding: Sendable, Equatable {
  public var keys: [KeyPress]
  public var label: String
  public var summary: String
  /// A word for the footer, or nil to leave the row out of it.
  public var hint: String?
  public var action: ReplayAction

  public init(
    _ keys: [KeyPress], _ label: String, _ summary: String, hint: String? = nil,
    _ action: ReplayAction
  ) {
    self.keys = keys
    self.label = label
    self.summary = summary
    self.hint = hint
    self.action = action
  }
}

/// The one table that dispatches the replay's keys and fills its help and footer, as
/// `KeyTable` does for the live view.
public enum ReplayKeyTable {
  private static func characters(_ text: String) -> [KeyPress] { text.map { .character($0) } }

  public static let bindings: [ReplayKeyBinding] = [
    ReplayKeyBinding(characters(" "), "space", "play / pause", hint: "play", .togglePlay),
    ReplayKeyBinding(
      [.function(.left), .function(.right)], "Left Right", "one frame back / on (pauses)",
      hint: "frame", .stepFrame),
    ReplayKeyBinding(
      [.function(.pageUp), .function(.pageDown), .function(.shiftLeft), .function(.shiftRight)],
      "PgUp PgDn", "10% back / on (also Shift+Left/Right)", hint: "10%", .stepTenth),
    ReplayKeyBinding(
      [.function(.home), .function(.end)], "Home End", "first / last frame", hint: "ends",
      .jumpToEnd),
    ReplayKeyBinding(characters("0123456789"), "0-9", "jump to 0%, 10%, ... 90%", .jumpToDecile),
    ReplayKeyBinding(
      characters("<>"), "< >", "speed / 2, x 2 (1/4x ... 64x)", hint: "speed", .changeSpeed),
    ReplayKeyBinding(
      characters("b"), "b", "branch: train live from this frame", hint: "branch", .branch),
    ReplayKeyBinding(characters("o"), "o", "D*(x) overlay on / off", .toggleOptimalOverlay),
    ReplayKeyBinding(characters("h"), "h", "p_g as histogram / curve", .toggleHistogram),
    ReplayKeyBinding(characters("a"), "a", "grad D arrows on / off", .toggleArrows),
    ReplayKeyBinding(characters("?"), "?", "this help", hint: "help", .toggleHelp),
    ReplayKeyBinding([.character(KeyTable.escape)], "Esc", "close this help", .closeHelp),
    ReplayKeyBinding(characters("q"), "q", "quit", hint: "quit", .quit),
  ]

  private static let byKey: [KeyPress: ReplayKeyBinding] = {
    var table: [KeyPress: ReplayKeyBinding] = [:]
    for binding in bindings {
      for key in binding.keys { table[key] = binding }
    }
    return table
  }()

  public static func binding(for key: KeyPress) -> ReplayKeyBinding? { byKey[key] }

  /// The footer: the hinted rows in table order while they fit, help and quit always.
  public static func footer(width: Int, symbols: SymbolSet) -> String {
    Footer.line(
      bindings.compactMap { binding in binding.hint.map { (binding.label, $0) } },
      essential: 2, width: width, symbols: symbols)
  }
}
