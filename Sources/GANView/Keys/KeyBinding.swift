/// What a row of a key table does: one of the rows every view shares (`SharedKeys`), handled
/// once for all of them, or one of the view's own actions (`LiveAction`, `ReplayAction`),
/// handled by that view's key handler.
public enum KeyAction<Own: Sendable & Hashable>: Sendable, Hashable {
  case shared(SharedAction)
  case own(Own)
}

/// One row of a key table, the one binding type of every view: the keys, how the help, the
/// footer and the docs' key tables name them, and the action. Texts are plain ASCII so they read the
/// same in every locale. Where a row binds several keys (Left Right, 0-9), the key pressed
/// tells the handler the direction or the target.
public struct KeyBinding<Own: Sendable & Hashable>: Sendable, Equatable {
  public var keys: [Key]
  /// The keys as the help shows them, blank-separated ("space", "+ =", "Left Right").
  public var label: String
  /// One line for the help overlay and the docs' key tables.
  public var summary: String
  /// A word or two for the footer, or nil to leave the row out of it.
  public var hint: String?
  /// What the mouse does for the same action, as the help lists it ("click a metric"), or
  /// nil when the mouse has no part in it. The view's `MouseMap` does it.
  public var mouse: String?
  public var action: KeyAction<Own>

  public init(
    _ keys: [Key], _ label: String, _ summary: String, hint: String? = nil,
    mouse: String? = nil, action: KeyAction<Own>
  ) {
    self.keys = keys
    self.label = label
    self.summary = summary
    self.hint = hint
    self.mouse = mouse
    self.action = action
  }

  /// A row of the view's own.
  public init(
    _ keys: [Key], _ label: String, _ summary: String, hint: String? = nil,
    mouse: String? = nil, _ action: Own
  ) {
    self.init(keys, label, summary, hint: hint, mouse: mouse, action: .own(action))
  }
}
