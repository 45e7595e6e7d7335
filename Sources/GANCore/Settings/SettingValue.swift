/// A bad setting value or combination (an unknown word, a number out of range, a range that
/// is not one): one user-facing line.
public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// One value of a setting: a whole number, a real number, a word (a target's spec) or a
/// switch.
public enum SettingValue: Sendable, Equatable, Hashable {
  case whole(Int)
  case real(Float)
  case word(String)
  /// A switch (`--spectral-norm`): `on`/`off` in a sweep's or a comparison's values and
  /// labels, `true`/`false` in the configuration columns (a JSON boolean).
  case flag(Bool)

  /// The canonical text: how the command line, a sweep grid and a run's label write it.
  public var text: String {
    switch self {
    case .whole(let n): "\(n)"
    case .real(let x): "\(x)"
    case .word(let w): w
    case .flag(let on): on ? "on" : "off"
    }
  }

  /// How a configuration column writes it: a number or a boolean unquoted (`column.bare`),
  /// a word as a string.
  public var column: (text: String, bare: Bool) {
    switch self {
    case .whole, .real: (text, true)
    case .word(let w): (w, false)
    case .flag(let on): (on ? "true" : "false", true)
    }
  }

  /// The number a whole or real value holds (nil for a word).
  var number: Double? {
    switch self {
    case .whole(let n): Double(n)
    case .real(let x): Double(x)
    case .word, .flag: nil
    }
  }

  // The accessors of the table's writers: the table parses a setting's value by its own
  // kind, so a mismatch is a bug in the table, not bad input.
  var whole: Int {
    if case .whole(let n) = self { return n }
    preconditionFailure("not a whole number: \(self)")
  }

  var real: Float {
    if case .real(let x) = self { return x }
    preconditionFailure("not a number: \(self)")
  }

  var word: String {
    if case .word(let w) = self { return w }
    preconditionFailure("not a word: \(self)")
  }

  var flag: Bool {
    if case .flag(let on) = self { return on }
    preconditionFailure("not a switch: \(self)")
  }

  /// A word of a `RawRepresentable` enum (the table offers only that enum's words).
  public func choice<T: RawRepresentable>(_: T.Type) -> T where T.RawValue == String {
    guard let value = T(rawValue: word) else {
      preconditionFailure("'\(word)' is not a \(T.self)")
    }
    return value
  }
}
