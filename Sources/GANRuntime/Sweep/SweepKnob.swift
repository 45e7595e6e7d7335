import Foundation
import GANCore

/// A bad sweep (an empty list, a bad range, a shard out of range, parts of different grids):
/// one user-facing line.
public struct SweepError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// A model flag a sweep can vary: the flags of `train`, by the same names.
public enum SweepKnob: String, Sendable, CaseIterable {
  // The order is the grid's: the first knob varies slowest, then the next, …, the seed
  // fastest. It is fixed (not the command line's order) so that a grid is the same grid
  // whatever order its flags were typed in.
  case target, prior, loss, optimizer, activation, hidden, layers, batch, k, lr
  case lrD = "lr-d"
  case lrG = "lr-g"
  case beta1, beta2, epsilon, momentum
  // The fixes (after the knobs that existed first, so their cells keep their numbers).
  case penalty, gamma, unroll, updates
  case instanceNoise = "instance-noise"
  case clip
  case pack

  /// What kind of values the knob takes.
  public enum Kind: Sendable { case whole, real, word, target }

  public var kind: Kind {
    switch self {
    case .target: .target
    case .prior, .loss, .optimizer, .activation, .penalty, .updates: .word
    case .hidden, .layers, .batch, .k, .unroll, .pack: .whole
    case .lr, .lrD, .lrG, .beta1, .beta2, .epsilon, .momentum, .gamma, .instanceNoise, .clip:
      .real
    }
  }

  /// The flag on the command line.
  public var flag: String { "--" + rawValue }

  /// The value of `train` when the flag is not given (`lr-d` and `lr-g` default to `lr`).
  var defaultValue: SweepValue {
    switch self {
    case .target: .word("gaussian")
    case .prior: .word(Prior.uniform.rawValue)
    case .loss: .word(Loss.nonsaturating.rawValue)
    case .optimizer: .word(OptimizerKind.adam.rawValue)
    case .activation: .word(Activation.tanh.rawValue)
    case .hidden: .whole(32)
    case .layers: .whole(2)
    case .batch: .whole(128)
    case .k: .whole(5)
    case .lr, .lrD, .lrG: .real(1e-3)
    case .beta1: .real(0.5)
    case .beta2: .real(0.999)
    case .epsilon: .real(1e-8)
    case .momentum: .real(0.9)
    case .penalty: .word(GradientPenalty.none.rawValue)
    case .gamma: .real(Stabilizers().penaltyWeight)
    case .unroll: .whole(0)
    case .updates: .word(UpdateScheme.alternating.rawValue)
    case .instanceNoise: .real(0)
    case .clip: .real(Stabilizers().clip)
    case .pack: .whole(1)
    }
  }

  /// The words a word knob accepts.
  var words: [String] {
    switch self {
    case .prior: Prior.allCases.map(\.rawValue)
    case .loss: Loss.allCases.map(\.rawValue)
    case .optimizer: OptimizerKind.allCases.map(\.rawValue)
    case .activation: Activation.allCases.map(\.rawValue)
    case .penalty: GradientPenalty.allCases.map(\.rawValue)
    case .updates: UpdateScheme.allCases.map(\.rawValue)
    default: []
    }
  }

  /// Nil when `value` is acceptable for this knob, else why not (the ranges of `train`).
  func problem(with value: SweepValue) -> String? {
    switch (self, value) {
    case (.hidden, .whole(let h)) where !(1...512).contains(h):
      return "--hidden must be between 1 and 512, got \(h)"
    case (.layers, .whole(let l)) where !(1...8).contains(l):
      return "--layers must be between 1 and 8, got \(l)"
    case (.batch, .whole(let m)) where !Hyperparameters.batchSizeRange.contains(m):
      return "--batch must be between 1 and 65536, got \(m)"
    case (.k, .whole(let k)) where !Hyperparameters.discriminatorStepRange.contains(k):
      return "--k must be between 1 and 50, got \(k)"
    case (.lr, .real(let x)), (.lrD, .real(let x)), (.lrG, .real(let x)), (.epsilon, .real(let x)):
      return x.isFinite && x > 0 ? nil : "\(flag) must be a positive number, got \(x)"
    case (.beta1, .real(let x)), (.beta2, .real(let x)), (.momentum, .real(let x)):
      return (0..<1).contains(x) ? nil : "\(flag) must be in [0, 1), got \(x)"
    case (.unroll, .whole(let u)) where !Stabilizers.unrolledStepRange.contains(u):
      return "--unroll must be between 0 and 50, got \(u)"
    case (.gamma, .real(let x)), (.instanceNoise, .real(let x)):
      return x.isFinite && x >= 0 ? nil : "\(flag) must be a number >= 0, got \(x)"
    case (.pack, .whole(let p)) where !Stabilizers.packRange.contains(p):
      return "--pack must be between 1 and 8, got \(p)"
    case (.clip, .real(let x)):
      return x.isFinite && x > 0 ? nil : "\(flag) must be a positive number, got \(x)"
    default: return nil
    }
  }

  /// Parses the flag's text: a comma-separated list, or a range `a:b:lin:n` / `a:b:log:n`
  /// (n evenly spaced values from a to b, both included; `log`: evenly spaced exponents).
  /// Whole-number knobs round a range's values to the nearest whole number.
  public func parseValues(_ text: String) throws(SweepError) -> [SweepValue] {
    let items: [String]
    if kind != .target && text.contains(":") {
      items = try Self.range(text, flag: flag).map { x in
        kind == .whole ? String(Int(x.rounded())) : String(Float(x))
      }
    } else {
      items = Self.splitTopLevel(text)
    }
    var values: [SweepValue] = []
    for item in items {
      let word = item.trimmingCharacters(in: .whitespaces)
      guard !word.isEmpty else {
        throw SweepError(
          "\(flag) '\(text)' has an empty value: give a list like 1,2,5 or a range like 1e-4:1e-1:log:4"
        )
      }
      let value = try parseValue(word)
      if let problem = problem(with: value) { throw SweepError(problem) }
      if values.contains(value) {
        let rounded =
          kind == .whole && text.contains(":")
          ? " (the range's values rounded to whole numbers; ask for fewer)" : ""
        throw SweepError(
          "\(flag) gives \(value.text) twice\(rounded): each value makes its own cells")
      }
      values.append(value)
    }
    return values
  }

  private func parseValue(_ word: String) throws(SweepError) -> SweepValue {
    switch kind {
    case .whole:
      guard let n = Int(word) else {
        throw SweepError("\(flag): '\(word)' is not a whole number")
      }
      return .whole(n)
    case .real:
      guard let x = Float(word) else {
        throw SweepError("\(flag): '\(word)' is not a number (e.g. 0.001 or 1e-3)")
      }
      return .real(x)
    case .word:
      let lower = word.lowercased()
      guard words.contains(lower) else {
        throw SweepError(
          "\(flag): '\(word)' is not one of \(words.joined(separator: ", "))")
      }
      return .word(lower)
    case .target:
      do {
        return .word(try Target.parse(word).spec)
      } catch {
        throw SweepError("bad --target: \(error.description)")
      }
    }
  }

  /// The n values of a range `a:b:lin:n` or `a:b:log:n`.
  static func range(_ text: String, flag: String) throws(SweepError) -> [Double] {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let usage = "\(flag) '\(text)': a range is FROM:TO:lin:N or FROM:TO:log:N with N >= 2"
    guard parts.count == 4, let from = Double(parts[0]), let to = Double(parts[1]),
      from.isFinite, to.isFinite
    else { throw SweepError(usage) }
    guard let n = Int(parts[3]), n >= 2, n <= 10_000 else {
      throw SweepError("\(usage) (N = '\(parts[3])')")
    }
    guard from != to else { throw SweepError("\(usage) and FROM != TO") }
    switch parts[2].lowercased() {
    case "lin":
      return (0..<n).map { i in
        i == n - 1 ? to : from + (to - from) * Double(i) / Double(n - 1)
      }
    case "log":
      guard from > 0, to > 0 else {
        throw SweepError("\(flag) '\(text)': a log range needs FROM > 0 and TO > 0")
      }
      let (a, b) = (log10(from), log10(to))
      return (0..<n).map { i in
        i == 0 ? from : (i == n - 1 ? to : pow(10, a + (b - a) * Double(i) / Double(n - 1)))
      }
    default:
      throw SweepError("\(usage) (the step is '\(parts[2])', not lin or log)")
    }
  }

  /// Splits at commas outside parentheses, so that target specs keep their own commas
  /// (`normal(4,0.5),bimodal` is two targets).
  static func splitTopLevel(_ text: String) -> [String] {
    var items: [String] = []
    var current = ""
    var depth = 0
    for c in text {
      switch c {
      case "(": depth += 1
      case ")": depth -= 1
      case "," where depth == 0:
        items.append(current)
        current = ""
        continue
      default: break
      }
      current.append(c)
    }
    items.append(current)
    return items
  }
}

/// One value of a knob.
public enum SweepValue: Sendable, Equatable, Hashable {
  case whole(Int)
  case real(Float)
  case word(String)

  /// The canonical text: how the grid's description and the cell's identity write it.
  public var text: String {
    switch self {
    case .whole(let n): "\(n)"
    case .real(let x): "\(x)"
    case .word(let w): w
    }
  }

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
}
