/// Everything a key can do in the live view.
public enum KeyAction: Sendable, Equatable, Hashable, CaseIterable {
  case togglePause
  case stepIteration
  case stepDiscriminator
  case stepGenerator
  case decreaseDiscriminatorSteps
  case increaseDiscriminatorSteps
  case halveStepSizes
  case doubleStepSizes
  case halveDiscriminatorStepSize
  case doubleDiscriminatorStepSize
  case halveGeneratorStepSize
  case doubleGeneratorStepSize
  case slower
  case faster
  case cycleLoss
  case cycleTarget
  case resetNetworks
  case toggleOptimalOverlay
  case toggleHistogram
  case toggleArrows
  case toggleRecording
  case toggleHelp
  case closeHelp
  case quit
}

/// One row of the key table: the keys, how the help and the footer name them, and the
/// action. Texts are plain ASCII so they read the same in every locale.
public struct KeyBinding: Sendable, Equatable {
  public var keys: [Character]
  /// The keys as the help shows them ("space", "+ =").
  public var label: String
  /// One line for the help overlay.
  public var summary: String
  /// A word or two for the footer, or nil to leave the binding out of it.
  public var hint: String?
  public var action: KeyAction

  public init(
    _ keys: [Character], _ label: String, _ summary: String, hint: String? = nil,
    _ action: KeyAction
  ) {
    self.keys = keys
    self.label = label
    self.summary = summary
    self.hint = hint
    self.action = action
  }
}

/// The one table that dispatches keys, fills the help overlay and the footer hint, so the
/// three can never disagree.
public enum KeyTable {
  public static let escape: Character = "\u{1B}"

  public static let bindings: [KeyBinding] = [
    KeyBinding([" "], "space", "pause / resume", hint: "pause", .togglePause),
    KeyBinding(["."], ".", "one iteration (k D + 1 G)", hint: "step", .stepIteration),
    KeyBinding(["d"], "d", "one D step: panel (b)", hint: "D step", .stepDiscriminator),
    KeyBinding(["g"], "g", "one G step: panel (c)", hint: "G step", .stepGenerator),
    KeyBinding(["k"], "k", "k - 1 (D steps per G step)", .decreaseDiscriminatorSteps),
    KeyBinding(["K"], "K", "k + 1 (at most 50)", hint: "k+1", .increaseDiscriminatorSteps),
    KeyBinding(["-"], "-", "both step sizes / 2", .halveStepSizes),
    KeyBinding(["+", "="], "+ =", "both step sizes x 2", .doubleStepSizes),
    KeyBinding(["["], "[", "D step size / 2", .halveDiscriminatorStepSize),
    KeyBinding(["]"], "]", "D step size x 2", .doubleDiscriminatorStepSize),
    KeyBinding(["{"], "{", "G step size / 2", .halveGeneratorStepSize),
    KeyBinding(["}"], "}", "G step size x 2", .doubleGeneratorStepSize),
    KeyBinding(["<"], "<", "slower pace", .slower),
    KeyBinding([">"], ">", "faster pace", hint: "faster", .faster),
    KeyBinding(["l"], "l", "next G loss", hint: "loss", .cycleLoss),
    KeyBinding(["t"], "t", "next target preset", hint: "target", .cycleTarget),
    KeyBinding(["r"], "r", "reset both nets", .resetNetworks),
    KeyBinding(["o"], "o", "D*(x) overlay on / off", hint: "D*", .toggleOptimalOverlay),
    KeyBinding(["h"], "h", "p_g as histogram / curve", hint: "bars", .toggleHistogram),
    KeyBinding(["a"], "a", "grad D arrows on / off", hint: "arrows", .toggleArrows),
    KeyBinding(["R"], "R", "start / stop recording", .toggleRecording),
    KeyBinding(["?"], "?", "this help", hint: "help", .toggleHelp),
    KeyBinding([escape], "Esc", "close this help", .closeHelp),
    KeyBinding(["q"], "q", "quit", hint: "quit", .quit),
  ]

  private static let byKey: [Character: KeyBinding] = {
    var table: [Character: KeyBinding] = [:]
    for binding in bindings {
      for key in binding.keys { table[key] = binding }
    }
    return table
  }()

  public static func binding(for key: Character) -> KeyBinding? { byKey[key] }

  /// The footer: "space pause · . step · …". The help and quit hints always fit (they end
  /// the line); the others are kept in table order while there is room.
  public static func footer(width: Int, symbols: SymbolSet) -> String {
    Footer.line(
      bindings.compactMap { binding in binding.hint.map { (binding.label, $0) } },
      essential: 2, width: width, symbols: symbols)
  }
}

/// The greedy footer shared by the live and the replay key tables.
enum Footer {
  /// "label hint · label hint · …": the last `essential` items (help, quit) always end the
  /// line; the others are kept in order while there is room.
  static func line(
    _ items: [(label: String, hint: String)], essential: Int, width: Int, symbols: SymbolSet
  ) -> String {
    let kept = Array(items.suffix(essential))
    func text(_ items: [(label: String, hint: String)]) -> String {
      items.map { "\($0.label) \($0.hint)" }.joined(separator: symbols.separator)
    }
    var chosen: [(label: String, hint: String)] = []
    for item in items.dropLast(essential) {
      if text(chosen + [item] + kept).count > width { break }
      chosen.append(item)
    }
    return symbols.truncated(text(chosen + kept), to: width)
  }
}
