import GANCore

/// A caption's live numbers: `{key}` in a caption (a `Metric.key`, `{jsd}`, `{g_mean}`)
/// stands for that metric's value in the snapshot on screen, so a caption can say what
/// number it is about while the viewer watches it change ("JSD {jsd}: watch it fall
/// below 0.05").
public enum CaptionText {
  /// `text` with every `{key}` replaced by the metric's value in `metrics`, in at most 3
  /// significant digits; "?" before the first snapshot. An unknown key stays as written
  /// (a test checks that every caption's keys are metrics).
  public static func filled(_ text: String, with metrics: TrainingMetrics?) -> String {
    replacing(text) { key in
      guard let metric = Metric.named(key) else { return nil }
      guard let metrics else { return "?" }
      return shown(metric.value(metrics))
    }
  }

  /// `text` as printed without a run (`demo NAME --print`): each live value reads "[live]".
  public static func printed(_ text: String) -> String {
    replacing(text) { key in Metric.named(key).map { _ in "[live]" } }
  }

  /// The metric keys `text` names.
  public static func keys(in text: String) -> [String] {
    var keys: [String] = []
    _ = replacing(text) { key in
      keys.append(key)
      return nil
    }
    return keys
  }

  /// A live value: 3 significant digits ("0.123", "4.02", "13.8"), small ones in exponent
  /// form ("2.1e-06"), below 1e-9 as 0.
  static func shown(_ value: Double) -> String {
    // Rounding error of a quantity that is 0 (C(G) with no overlap): say 0.
    if abs(value) < 1e-9 { return "0" }
    guard value.isFinite, value != 0, abs(value) >= 1e-3, abs(value) < 1e5 else {
      return ScenarioFormat.number(value)
    }
    let digits = max(2 - decimalParts(abs(value)).exponent, 0)
    return ScenarioFormat.trimmed(ScenarioFormat.decimals(value, digits))
  }

  /// `text` with each `{word}` replaced by `value(word)`, or left as written when nil.
  private static func replacing(_ text: String, _ value: (String) -> String?) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"),
      let close = rest[open...].firstIndex(of: "}")
    {
      result += rest[..<open]
      let key = String(rest[rest.index(after: open)..<close])
      result += value(key) ?? String(rest[open...close])
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }
}
