import Foundation
import GANCore

/// A bad sweep (an empty list, a bad range, a shard out of range, parts of different grids):
/// one user-facing line.
public struct SweepError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The values a sweep or a comparison gives a setting: a list or a range of the setting's
/// values (the settings, their ranges and defaults are the table's, Setting.swift).
extension Setting {
  /// Parses the flag's text: a comma-separated list, or a range `a:b:lin:n` / `a:b:log:n`
  /// (n evenly spaced values from a to b, both included; `log`: evenly spaced exponents).
  /// Whole-number knobs round a range's values to the nearest whole number.
  public func parseValues(_ text: String) throws(SweepError) -> [SettingValue] {
    let items: [String]
    let whole: Bool = if case .whole = kind { true } else { false }
    switch kind {
    case .whole, .real:
      guard text.contains(":") else {
        items = Self.splitTopLevel(text)
        break
      }
      // A whole number's range ends within Int (±9.2e18); the setting's own range then
      // refuses what is too large for it.
      let ends = try Self.range(text, flag: flag)
      if whole, let outside = ends.first(where: { !(abs($0) < 9e18) }) {
        throw SweepError("\(flag) '\(text)': \(outside) is not a whole number this can count to")
      }
      items = ends.map { x in whole ? String(Int(x.rounded())) : String(Float(x)) }
    case .word, .toggle, .target:
      items = Self.splitTopLevel(text)
    }
    var values: [SettingValue] = []
    for item in items {
      guard !item.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw SweepError(
          "\(flag) '\(text)' has an empty value: give a list like 1,2,5 or a range like 1e-4:1e-1:log:4"
        )
      }
      let value: SettingValue
      do {
        value = try parse(item)
      } catch {
        throw SweepError(error.description)
      }
      if values.contains(value) {
        let rounded =
          whole && text.contains(":")
          ? " (the range's values rounded to whole numbers; ask for fewer)" : ""
        throw SweepError(
          "\(flag) gives \(value.text) twice\(rounded): each value makes its own cells")
      }
      values.append(value)
    }
    if values.count > 1, let reason = singleValueReason {
      throw SweepError("\(flag) takes one value here: \(reason)")
    }
    return values
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
