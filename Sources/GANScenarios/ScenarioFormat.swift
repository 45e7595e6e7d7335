import GANCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How scenarios print: numbers, the list, the per-seed results, the live command line.
public enum ScenarioFormat {
  /// A number in at most 4 significant digits, in exponent form when very small or large
  /// (1.7e-08, 0.1234, 13.9, 2.5e+05); NaN and infinities by name.
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
    let magnitude = abs(x)
    if magnitude < 1e-3 || magnitude >= 1e5 {
      // The display needs only 2 digits.
      var (mantissa, e) = decimalParts(magnitude)
      mantissa = (mantissa * 10).rounded() / 10
      if mantissa >= 10 {
        mantissa /= 10
        e += 1
      }
      let sign = e < 0 ? "-" : "+"
      let digits = abs(e) < 10 ? "0\(abs(e))" : "\(abs(e))"
      return (x < 0 ? "-" : "") + trimmed(decimals(mantissa, 1)) + "e" + sign + digits
    }
    let integerDigits = magnitude >= 1 ? Int(log10(magnitude)) + 1 : 0
    return trimmed(decimals(x, max(4 - integerDigits, 1)))
  }

  /// A whole number with thousands separated by commas, as captions write them ("10,000").
  public static func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return (n < 0 ? "-" : "") + result
  }

  /// Without trailing zeros after the decimal point ("0.0500" → "0.05", "2.0" → "2").
  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.last == "0" { result = result.dropLast() }
    if result.last == "." { result = result.dropLast() }
    return String(result)
  }

  /// `x` with exactly `places` decimals.
  static func decimals(_ x: Double, _ places: Int) -> String {
    let scale = pow10(places)
    let scaled = (abs(x) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled) - whole * Int(scale)
    var digits = String(fraction)
    while digits.count < places { digits = "0" + digits }
    return (x < 0 && scaled != 0 ? "-" : "") + "\(whole)." + digits
  }

  static func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(n) { result *= 10 }
    return n < 0 ? 1 / result : result
  }

  /// A share as a whole percentage ("14%", "-3%"), in 4 significant digits below 1% ("0.4%",
  /// "0.0123%", so that a margin of almost nothing is not printed as 0),
  /// and "inf%" for an infinite margin (a thing that never happened).
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return share.isNaN ? "nan" : (share > 0 ? "inf%" : "-inf%") }
    let p = share * 100
    return (abs(p) < 1 && p != 0 ? number(p) : String(Int(p.rounded()))) + "%"
  }

  /// One line per scenario: its name, padded, and its summary.
  public static func list(_ scenarios: [Scenario]) -> [String] {
    let width = scenarios.map(\.name.count).max() ?? 0
    return scenarios.map {
      $0.name + String(repeating: " ", count: width + 2 - $0.name.count) + $0.summary
    }
  }

  /// The scenarios as the Markdown table of docs/scenarios.md (generated from the table and
  /// checked by ScenarioDocsTests): one row per scenario, its name, what it shows (the
  /// summary `ganscope demo` lists), its claim as `demo --check` checks it, and on how many
  /// seeds the claim must hold.
  public static func markdownTable(_ scenarios: [Scenario]) -> String {
    let rows = scenarios.map { scenario in
      let quota = scenario.claim.quota
      let seeds =
        quota == .every ? "every seed" : "at least \(quota.atLeast) of \(quota.of)"
      return "| `\(scenario.name)` | \(cell(scenario.summary)) | "
        + "\(cell(scenario.claim.statement)) | \(seeds) |"
    }
    let header = [
      "| scenario | shows | the claim `demo --check` checks | holds on |", "|---|---|---|---|",
    ]
    return (header + rows).joined(separator: "\n")
  }

  /// Text for a cell of a Markdown table: a `|` would end the cell.
  static func cell(_ text: String) -> String {
    text.map { $0 == "|" ? "\\|" : String($0) }.joined()
  }

  /// One seed's result: "seed 1  ok    name = value (condition) · …".
  public static func seedLine(seed: UInt64, _ measurements: [Measurement]) -> String {
    let passed = measurements.allSatisfy(\.passed)
    let parts = measurements.map { m in
      "\(m.name) = \(m.shown) (\(m.condition))" + (m.passed ? "" : " FAILS")
    }
    return "  seed \(seed)  " + (passed ? "ok    " : "FAIL  ") + parts.joined(separator: " · ")
  }

  /// The `ganscope live` command line that starts a scenario's setting.
  public static func liveCommand(_ scenario: Scenario, seed: UInt64 = 1) -> String {
    (["ganscope", "live"] + liveArguments(scenario, seed: seed).map(quoted)).joined(separator: " ")
  }

  /// The arguments of `ganscope live` (after `live`) for a scenario's setting: every flag
  /// whose value differs from the model's default (the settings table's), and always k and
  /// the seed.
  public static func liveArguments(_ scenario: Scenario, seed: UInt64 = 1) -> [String] {
    RunSettings(scenario.config).arguments(always: [.k]) + ["--seed", "\(seed)"]
  }

  /// Single-quoted for a POSIX shell when it holds anything but letters, digits and . , -.
  static func quoted(_ text: String) -> String {
    let plain =
      !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || ".,-_".contains($0) }
    return plain ? text : "'" + text.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'"
  }
}
