import GANCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sweep's phase diagram as an SVG picture: a metric's mean over two knobs, one coloured
/// cell per pair of values with its number, the axes' values and names, and a colour bar
/// with its range. Drawn through `SVGWriter` like every other picture; the executable
/// builds it from GANRuntime's `SweepHeatmap`, whose numbers it is.
public struct HeatmapPicture: Sendable, Equatable {
  /// One cell: nothing ran there, nothing finite came of it, or a value with its text and
  /// its place on the colour scale (0…1).
  public enum Cell: Sendable, Equatable {
    case empty
    case noValue
    case value(text: String, position: Double)
  }

  public var title: String
  public var x: String
  public var y: String
  public var xValues: [String]
  /// From the bottom row up.
  public var yValues: [String]
  /// `cells[i][j]`: the cell at `yValues[i]`, `xValues[j]`.
  public var cells: [[Cell]]
  /// The colour bar's ends, as text; nil when no cell has a value.
  public var range: (lower: String, upper: String)?

  public init(
    title: String, x: String, y: String, xValues: [String], yValues: [String],
    cells: [[Cell]], range: (lower: String, upper: String)?
  ) {
    self.title = title
    self.x = x
    self.y = y
    self.xValues = xValues
    self.yValues = yValues
    self.cells = cells
    self.range = range
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.title == b.title && a.x == b.x && a.y == b.y && a.xValues == b.xValues
      && a.yValues == b.yValues && a.cells == b.cells && a.range?.lower == b.range?.lower
      && a.range?.upper == b.range?.upper
  }

  static let cellWidth = 72.0
  static let cellHeight = 44.0

  /// The SVG document.
  public func svg() -> String {
    let left = 24.0 + 8.0 * Double(max(yValues.map(\.count).max() ?? 0, 4))
    let top = 52.0
    let plotWidth = Self.cellWidth * Double(xValues.count)
    let plotHeight = Self.cellHeight * Double(yValues.count)
    let width = left + plotWidth + 110
    let height = top + plotHeight + 70
    var svg = SVGWriter()
    let size = [SVGWriter.number(width), SVGWriter.number(height)]
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("width", size[0]), ("height", size[1]),
        ("viewBox", "0 0 \(size[0]) \(size[1])"), ("font-family", "sans-serif"),
        ("font-size", "12"),
      ])
    svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
    svg.text(title, at: SVGPoint(x: left, y: 24), [("font-size", "14")])
    svg.open("g", [("class", "cells")])
    for (i, yValue) in yValues.enumerated() {
      let rowTop = top + plotHeight - Self.cellHeight * Double(i + 1)
      let middle = rowTop + Self.cellHeight / 2 + 4
      svg.text(yValue, at: SVGPoint(x: left - 6, y: middle), [("text-anchor", "end")])
      for (j, cell) in cells[i].enumerated() {
        let x0 = left + Self.cellWidth * Double(j)
        let (fill, label, ink): (String, String, String)
        switch cell {
        case .empty: (fill, label, ink) = ("#ffffff", "", "#000000")
        case .noValue: (fill, label, ink) = ("#dddddd", "×", "#000000")
        case .value(let text, let position):
          (fill, label, ink) = (Self.color(position), text, Self.ink(on: position))
        }
        svg.element(
          "rect",
          [
            ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(rowTop)),
            ("width", SVGWriter.number(Self.cellWidth)),
            ("height", SVGWriter.number(Self.cellHeight)), ("fill", fill), ("stroke", "#ffffff"),
          ])
        if !label.isEmpty {
          svg.text(
            label, at: SVGPoint(x: x0 + Self.cellWidth / 2, y: middle),
            [("text-anchor", "middle"), ("fill", ink)])
        }
      }
    }
    svg.close()
    for (j, xValue) in xValues.enumerated() {
      svg.text(
        xValue,
        at: SVGPoint(x: left + Self.cellWidth * (Double(j) + 0.5), y: top + plotHeight + 18),
        [("text-anchor", "middle")])
    }
    svg.text(
      x, at: SVGPoint(x: left + plotWidth / 2, y: top + plotHeight + 40),
      [("text-anchor", "middle"), ("font-weight", "bold")])
    let yMiddle = SVGWriter.number(top + plotHeight / 2)
    svg.text(
      y, at: SVGPoint(x: 12, y: top + plotHeight / 2),
      [
        ("font-weight", "bold"), ("transform", "rotate(-90 12 \(yMiddle))"),
        ("text-anchor", "middle"),
      ])
    if let range {
      let barLeft = left + plotWidth + 24
      let steps = 20
      svg.open("g", [("class", "colour-bar")])
      for k in 0..<steps {
        let h = plotHeight / Double(steps)
        svg.element(
          "rect",
          [
            ("x", SVGWriter.number(barLeft)),
            ("y", SVGWriter.number(top + plotHeight - h * Double(k + 1))), ("width", "14"),
            ("height", SVGWriter.number(h + 0.5)),
            ("fill", Self.color((Double(k) + 0.5) / Double(steps))),
          ])
      }
      svg.text(range.lower, at: SVGPoint(x: barLeft + 20, y: top + plotHeight))
      svg.text(range.upper, at: SVGPoint(x: barLeft + 20, y: top + 10))
      // The ramp spans the values' own range, however narrow: say so in words.
      svg.text(
        "colour ramp: \(range.lower) to \(range.upper)",
        at: SVGPoint(x: left, y: top + plotHeight + 60),
        [("class", "ramp-range"), ("font-size", "11"), ("fill", FigureStyle.noteText)])
      svg.close()
    }
    svg.close()
    return svg.document
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
    return "#" + rgb.map { hex(Int($0.rounded())) }.joined()
  }

  /// The ink that reads best on the ramp's colour at `t`: black or white, whichever has the
  /// higher contrast ratio with the cell (WCAG's relative luminance), so no number is dark
  /// on dark purple or light on yellow.
  static func ink(on t: Double) -> String {
    let color = Self.color(t)
    let channels = stride(from: 1, to: 7, by: 2).map { i -> Double in
      let start = color.index(color.startIndex, offsetBy: i)
      let value = Double(Int(color[start..<color.index(start, offsetBy: 2)], radix: 16) ?? 0)
      let c = value / 255
      return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    let onBlack = (luminance + 0.05) / 0.05
    let onWhite = 1.05 / (luminance + 0.05)
    return onBlack > onWhite ? "#000000" : "#ffffff"
  }

  private static func hex(_ byte: Int) -> String {
    let text = String(min(max(byte, 0), 255), radix: 16)
    return text.count == 1 ? "0" + text : text
  }
}
