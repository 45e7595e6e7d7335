/// Number formatting for the screen, in pure Swift so that a golden file reads the same on
/// every platform (no locale, no C library `printf`).
public enum NumberFormat {
  /// 10ⁿ; exact for |n| ≤ 22, and a division by an exact power for negative n, so 0.001 is
  /// the same `Double` as the literal.
  static func power10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(abs(n), 400) { result *= 10 }
    return n >= 0 ? result : 1 / result
  }

  /// The decimal exponent e with 10ᵉ ≤ |v| < 10ᵉ⁺¹ (v finite, nonzero).
  static func exponent10(_ v: Double) -> Int {
    let a = abs(v)
    var e = 0
    while e < 330, a >= power10(e + 1) { e += 1 }
    while e > -330, a < power10(e) { e -= 1 }
    return e
  }

  private static func nonFinite(_ v: Double) -> String? {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    return nil
  }

  /// `v` with exactly `decimals` digits after the point ("0.50", "-3", "12.0").
  public static func fixed(_ v: Double, decimals: Int) -> String {
    if let text = nonFinite(v) { return text }
    let places = min(max(decimals, 0), 15)
    let scale = power10(places)
    let scaled = (abs(v) * scale).rounded()
    guard scaled < 9e15 else { return general(v, significant: 4) }
    let units = Int(scaled)
    let divisor = Int(scale)
    var text = String(units / divisor)
    if places > 0 {
      let fraction = String(units % divisor)
      text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return units != 0 && v < 0 ? "-" + text : text
  }

  /// Like C's `%g`: `significant` digits, trailing zeros dropped, scientific notation for
  /// very small or large magnitudes ("0.001", "0.00025", "1.25e-05", "2.4e+06").
  public static func general(_ v: Double, significant: Int = 3) -> String {
    if let text = nonFinite(v) { return text }
    if v == 0 { return "0" }
    let digits = min(max(significant, 1), 15)
    var e = exponent10(v)
    // Rounding to `digits` digits may carry into the next decade (9.996 → 10.0).
    let mantissa = abs(v) / power10(e)
    if (mantissa * power10(digits - 1)).rounded() >= power10(digits) { e += 1 }
    if e < -4 || e >= digits {
      let m = abs(v) / power10(e)
      var text = trimmed(fixed(m, decimals: digits - 1))
      text += "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
      return v < 0 ? "-" + text : text
    }
    return trimmed(fixed(v, decimals: max(digits - 1 - e, 0)))
  }

  /// `general` with as many significant digits (at most `significant`) as fit in `width`
  /// characters: never a number cut short (−9.9e-07, not −9.883e-0).
  public static func fitting(_ v: Double, width: Int, significant: Int = 4) -> String {
    var digits = max(significant, 1)
    var text = general(v, significant: digits)
    while text.count > width, digits > 1 {
      digits -= 1
      text = general(v, significant: digits)
    }
    return text
  }

  /// A whole number ("2400").
  public static func integer(_ v: Double) -> String {
    if let text = nonFinite(v) { return text }
    guard abs(v) < 9e15 else { return general(v, significant: 3) }
    return String(Int(v.rounded()))
  }

  /// Drops trailing zeros after a decimal point, and the point itself if nothing follows.
  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.last == "0" { result = result.dropLast() }
    if result.last == "." { result = result.dropLast() }
    return String(result)
  }

  /// A round tick spacing (1, 2 or 5 × 10ⁿ) giving at most about `count` ticks over `span`,
  /// and the decimals its labels need.
  public static func tickStep(span: Double, count: Int) -> (step: Double, decimals: Int) {
    guard span.isFinite, span > 0 else { return (1, 0) }
    let raw = span / Double(max(count, 1))
    let e = exponent10(raw)
    let magnitude = power10(e)
    for m in [1.0, 2, 5] where m * magnitude >= raw * (1 - 1e-9) {
      return (m * magnitude, max(-e, 0))
    }
    return (10 * magnitude, max(-e - 1, 0))
  }
}
