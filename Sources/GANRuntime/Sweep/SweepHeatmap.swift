import Foundation
import GANCore

/// A phase diagram: a metric's mean over two knobs, drawn as shaded text here and as an
/// SVG picture by GANView's `HeatmapPicture` (the executable passes the numbers on).
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
  public var scale: (lower: Double, upper: Double, logarithmic: Bool)? {
    let values = cells.flatMap { $0 }.compactMap(\.number)
    guard let lower = values.min(), let upper = values.max() else { return nil }
    return (lower, upper, lower > 0 && upper / lower >= 100)
  }

  /// Where `value` lies on the scale, 0…1.
  public func position(_ value: Double) -> Double {
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
}
