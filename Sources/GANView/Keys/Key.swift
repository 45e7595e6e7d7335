/// The cursor and paging keys the replay binds. The terminal backend decodes them (whatever
/// escape sequences the terminal sends) so the views only see these names.
public enum FunctionKey: String, Sendable, Hashable, CaseIterable {
  case left
  case right
  case shiftLeft
  case shiftRight
  case pageUp
  case pageDown
  case home
  case end
}

/// One key press: a character, or a function key.
public enum KeyPress: Sendable, Hashable {
  case character(Character)
  case function(FunctionKey)
}
