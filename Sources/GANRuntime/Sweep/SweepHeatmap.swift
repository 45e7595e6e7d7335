import Foundation
import GANCore

/// A phase diagram: a metric's mean over two knobs, drawn as shaded text or as SVG.
public struct SweepHeatmap: Sendable, Equatable {
  /// One cell of the map.
  public enum Cell: Sendable, Equatable {
    /// No line has this pair of values.
    case empty
    /// Lines exist, but none has a finite value (every run diverged, or never reached).
    case noValue
    case value(Double)

    var number: Double? { if case .value(let v) = self { v } else { nil } }
  }

  public let metric: String
  public let x: String
  public let y: String
  public let xValues: [String]
  public let yValues: [String]
  /// `cells[i][j]`: the cell at `yValues[i]`, `xValues[j]`.
  public let cells: [[Cell]]
  /// What each cell's mean is taken over.
  public let averagedOver: [String]

  /// The shade scale: from the lowest to the highest value, by decades when every value is
  /// positive and they span at least two.
  var scale: (lower: Double, upper: Double, logarithmic: Bool)? {
    let values = cells.flatMap { $0 }.compactMap(\.number)
    guard let lower = values.min(), let upper = values.max() else { return nil }
    return (lower, upper, lower > 0 && upper / lower >= 100)
  }

  /// Where `value` lies on the scale, 0…1.
  func position(_ value: Double) -> Double {
    guard let scale, scale.upper > scale.lower else { return 0.5 }
    if scale.logarithmic {
      return (log10(value) - log10(scale.lower)) / (log10(scale.upper) - log10(scale.lower))
    }
    return (value - scale.lower) / (scale.upper - scale.lower)
  }

  /// The map as text: for each y value (the highest on top) a row of shaded blocks and a
  /// row of the numbers under them, the x values below, then the legend. `unicode` false
  /// draws with ASCII characters only.
  public func text(unicode: Bool = true) -> String {
    let shades: [Character] = unicode ? ["░", "▒", "▓", "█"] : [".", ":", "+", "#"]
    let numbers = cells.map { row in
      row.map { cell -> String in
        switch cell {
        case .empty: ""
        case .noValue: "-"
        case .value(let v): SweepSummary.format(v)
        }
      }
    }
    let width = max(6, (xValues + numbers.flatMap { $0 }).map(\.count).max() ?? 0)
    let labelWidth = max(y.count + 1, (yValues.map(\.count).max() ?? 0) + 1)
    func pad(_ s: String, _ w: Int) -> String {
      s + String(repeating: " ", count: max(0, w - s.count))
    }
    func center(_ s: String) -> String {
      let left = (width - s.count) / 2
      return pad(String(repeating: " ", count: max(0, left)) + s, width)
    }
    var out = [
      "\(metric): mean over \(averagedOver.joined(separator: ", ")); darker is higher"
        + (scale?.logarithmic == true ? " (log scale)" : "")
    ]
    out.append(pad(y, labelWidth))
    for i in yValues.indices.reversed() {
      let blocks = cells[i].map { cell -> String in
        switch cell {
        case .empty: return center(unicode ? "·" : "")
        case .noValue: return center(unicode ? "×" : "x")
        case .value(let v):
          let level = min(shades.count - 1, max(0, Int(position(v) * Double(shades.count))))
          return String(repeating: shades[level], count: width)
        }
      }
      out.append(pad(yValues[i], labelWidth) + blocks.joined(separator: " "))
      out.append(pad("", labelWidth) + numbers[i].map(center).joined(separator: " "))
    }
    out.append(pad("", labelWidth) + xValues.map(center).joined(separator: " "))
    let axisWidth = xValues.count * (width + 1) - 1
    out.append(pad("", labelWidth + max(0, (axisWidth - x.count) / 2)) + x)
    if let scale {
      let steps = (0...shades.count).map { k -> Double in
        let t = Double(k) / Double(shades.count)
        return scale.logarithmic
          ? pow(10, log10(scale.lower) + t * (log10(scale.upper) - log10(scale.lower)))
          : scale.lower + t * (scale.upper - scale.lower)
      }
      let legend = shades.indices.map { k in
        "\(shades[k]) \(SweepSummary.format(steps[k]))\(unicode ? "–" : "..")\(SweepSummary.format(steps[k + 1]))"
      }
      out.append(
        legend.joined(separator: "  ")
          + (unicode ? "  · no run  × no value" : "  blank: no run  x: no value"))
    }
    return out.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
      .joined(separator: "\n")
  }

  /// The same map as an SVG document: a colour per cell (a viridis-like ramp, light for
  /// high values), the number in it, the axes' values and names, and a colour bar.
  public func svg() -> String {
    let cellWidth = 72.0
    let cellHeight = 44.0
    let left = 24.0 + 8.0 * Double(max(yValues.map(\.count).max() ?? 0, 4))
    let top = 52.0
    let plotWidth = cellWidth * Double(xValues.count)
    let plotHeight = cellHeight * Double(yValues.count)
    let width = left + plotWidth + 110
    let height = top + plotHeight + 70
    var out: [String] = []
    func n(_ x: Double) -> String { String(format: "%.1f", x) }
    out.append(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
        + "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" font-size=\"12\">")
    out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
    let title =
      "\(metric): mean over \(averagedOver.joined(separator: ", "))"
      + (scale?.logarithmic == true ? " (log colour scale)" : "")
    out.append("<text x=\"\(n(left))\" y=\"24\" font-size=\"14\">\(Self.escaped(title))</text>")
    for (i, yValue) in yValues.enumerated() {
      let rowTop = top + plotHeight - cellHeight * Double(i + 1)
      out.append(
        "<text x=\"\(n(left - 6))\" y=\"\(n(rowTop + cellHeight / 2 + 4))\" text-anchor=\"end\">"
          + "\(Self.escaped(yValue))</text>")
      for (j, cell) in cells[i].enumerated() {
        let x0 = left + cellWidth * Double(j)
        let (fill, label, ink): (String, String, String)
        switch cell {
        case .empty: (fill, label, ink) = ("#ffffff", "", "#000000")
        case .noValue: (fill, label, ink) = ("#dddddd", "×", "#000000")
        case .value(let v):
          let t = position(v)
          fill = Self.color(t)
          label = SweepSummary.format(v)
          ink = t > 0.6 ? "#000000" : "#ffffff"
        }
        out.append(
          "<rect x=\"\(n(x0))\" y=\"\(n(rowTop))\" width=\"\(n(cellWidth))\" "
            + "height=\"\(n(cellHeight))\" fill=\"\(fill)\" stroke=\"#ffffff\"/>")
        if !label.isEmpty {
          out.append(
            "<text x=\"\(n(x0 + cellWidth / 2))\" y=\"\(n(rowTop + cellHeight / 2 + 4))\" "
              + "text-anchor=\"middle\" fill=\"\(ink)\">\(Self.escaped(label))</text>")
        }
      }
    }
    for (j, xValue) in xValues.enumerated() {
      out.append(
        "<text x=\"\(n(left + cellWidth * (Double(j) + 0.5)))\" y=\"\(n(top + plotHeight + 18))\" "
          + "text-anchor=\"middle\">\(Self.escaped(xValue))</text>")
    }
    out.append(
      "<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(top + plotHeight + 40))\" "
        + "text-anchor=\"middle\" font-weight=\"bold\">\(Self.escaped(x))</text>")
    out.append(
      "<text x=\"12\" y=\"\(n(top + plotHeight / 2))\" font-weight=\"bold\" "
        + "transform=\"rotate(-90 12 \(n(top + plotHeight / 2)))\" text-anchor=\"middle\">"
        + "\(Self.escaped(y))</text>")
    if let scale {
      let barLeft = left + plotWidth + 24
      let steps = 20
      for k in 0..<steps {
        let h = plotHeight / Double(steps)
        out.append(
          "<rect x=\"\(n(barLeft))\" y=\"\(n(top + plotHeight - h * Double(k + 1)))\" width=\"14\" "
            + "height=\"\(n(h + 0.5))\" fill=\"\(Self.color((Double(k) + 0.5) / Double(steps)))\"/>"
        )
      }
      out.append(
        "<text x=\"\(n(barLeft + 20))\" y=\"\(n(top + plotHeight))\">"
          + "\(Self.escaped(SweepSummary.format(scale.lower)))</text>")
      out.append(
        "<text x=\"\(n(barLeft + 20))\" y=\"\(n(top + 10))\">"
          + "\(Self.escaped(SweepSummary.format(scale.upper)))</text>")
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// A colour on a dark-blue → green → yellow ramp (viridis' ends and middle).
  static func color(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [
      (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]
    let u = min(max(t, 0), 1) * Double(stops.count - 1)
    let k = min(Int(u), stops.count - 2)
    let f = u - Double(k)
    let (a, b) = (stops[k], stops[k + 1])
    let rgb = [a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f]
    return "#" + rgb.map { String(format: "%02x", Int($0.rounded())) }.joined()
  }

  /// Text safe in XML character data and attribute values (`XMLText.escaped`).
  static func escaped(_ text: String) -> String { XMLText.escaped(text) }
}
