import GANCore

/// A point of the figure in SVG user units (pixels, y down).
struct SVGPoint: Equatable {
  var x: Double
  var y: Double
}

/// Builds an SVG document as plain text, one element per line, indented by nesting. Every
/// attribute value and every text passes through `escaped`, so no caller can break the XML.
struct SVGWriter {
  private(set) var document = ""
  private var open: [String] = []

  /// `text` safe inside XML character data and inside quoted attribute values
  /// (`XMLText.escaped`).
  static func escaped(_ text: String) -> String { XMLText.escaped(text) }

  /// A coordinate or length with at most two decimals and no trailing zeros ("12.5", "-3").
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return NumberFormat.trimmed(NumberFormat.fixed(value, decimals: 2))
  }

  /// A tick's label: a value on a tick grid of `step` (an exact 0 for the rounding noise
  /// of 0 · step) with a true minus sign, as typeset figures have it.
  static func tickLabel(_ value: Double, step: Double, decimals: Int) -> String {
    let text = NumberFormat.fixed(abs(value) < step * 1e-9 ? 0 : value, decimals: decimals)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  /// Path data for a polyline; nil points break it into separate runs, and a run of a
  /// single point is dropped (it would draw nothing).
  static func pathData(_ points: [SVGPoint?]) -> String {
    var runs: [[SVGPoint]] = [[]]
    for point in points {
      if let point {
        runs[runs.count - 1].append(point)
      } else if !runs[runs.count - 1].isEmpty {
        runs.append([])
      }
    }
    return runs.filter { $0.count > 1 }.map { run in
      run.enumerated().map { i, p in
        (i == 0 ? "M" : "L") + number(p.x) + " " + number(p.y)
      }.joined(separator: " ")
    }.joined(separator: " ")
  }

  private var indent: String { String(repeating: "  ", count: open.count) }

  private static func attributeText(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
  }

  mutating func raw(_ line: String) { document += line + "\n" }

  /// Opens an element that later lines nest in, up to the matching `close()`.
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    document += indent + "<\(name)\(Self.attributeText(attributes))>\n"
    open.append(name)
  }

  mutating func close() {
    guard let name = open.popLast() else { return }
    document += indent + "</\(name)>\n"
  }

  /// An element without content.
  mutating func element(_ name: String, _ attributes: [(String, String)]) {
    document += indent + "<\(name)\(Self.attributeText(attributes))/>\n"
  }

  /// A text element of plain runs; each run may carry its own attributes (a `tspan`).
  mutating func text(
    _ runs: [(String, [(String, String)])], at point: SVGPoint,
    _ attributes: [(String, String)] = []
  ) {
    let position = [("x", Self.number(point.x)), ("y", Self.number(point.y))]
    let content = runs.map { run, style in
      style.isEmpty
        ? Self.escaped(run) : "<tspan\(Self.attributeText(style))>\(Self.escaped(run))</tspan>"
    }.joined()
    document += indent + "<text\(Self.attributeText(position + attributes))>\(content)</text>\n"
  }

  mutating func text(
    _ string: String, at point: SVGPoint, _ attributes: [(String, String)] = []
  ) {
    text([(string, [])], at: point, attributes)
  }

  /// A straight line segment.
  mutating func line(
    from a: SVGPoint, to b: SVGPoint, _ attributes: [(String, String)] = []
  ) {
    element(
      "line",
      [
        ("x1", Self.number(a.x)), ("y1", Self.number(a.y)), ("x2", Self.number(b.x)),
        ("y2", Self.number(b.y)),
      ] + attributes)
  }
}
