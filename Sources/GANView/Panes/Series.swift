import GANCore

/// Where the x domain of a snapshot lies on screen: the plot and the z → x map below it
/// share this, so G(z) lands exactly under the point of the curve it belongs to.
struct PlotFrame: Equatable {
  /// Grid column of the first canvas cell, and the canvas width in cells.
  var left: Int
  var columns: Int
  var domain: ViewGrid

  var dotWidth: Int { columns * 2 }

  /// The dot column of `x` (unclamped: callers decide what to do outside the domain).
  func dotX(_ x: Double) -> Double {
    (x - domain.lower) / (domain.upper - domain.lower) * Double(dotWidth)
  }

  /// The x value at the center of dot column `column`.
  func x(atDot column: Int) -> Double {
    domain.lower + (Double(column) + 0.5) / Double(dotWidth) * (domain.upper - domain.lower)
  }
}

/// Turns a snapshot's per-bin arrays into one value per dot column.
enum Series {
  /// `values` (one per bin of the grid) at `count` equal columns spanning the same domain.
  /// With more bins than columns each column averages the bins it covers (weighted by
  /// overlap), which also smooths sampling noise; with fewer, a curve is interpolated
  /// linearly between bin centers, while a histogram (`smooth: false`) keeps its steps.
  /// Values that are not finite are left out; a column with none is nil.
  static func resample(_ values: [Float], count: Int, smooth: Bool) -> [Double?] {
    let bins = values.count
    guard bins > 0, count > 0 else { return Array(repeating: nil, count: max(count, 0)) }
    let ratio = Double(bins) / Double(count)
    if ratio < 1 && smooth {
      return (0..<count).map { column in
        let t = min(max((Double(column) + 0.5) * ratio - 0.5, 0), Double(bins - 1))
        let i = Int(t)
        let j = min(i + 1, bins - 1)
        let a = Double(values[i])
        let b = Double(values[j])
        guard a.isFinite, b.isFinite else { return a.isFinite ? a : (b.isFinite ? b : nil) }
        return a + (b - a) * (t - Double(i))
      }
    }
    return (0..<count).map { column in
      let start = Double(column) * ratio
      let end = start + ratio
      var sum = 0.0
      var weight = 0.0
      var i = Int(start)
      while i < bins, Double(i) < end {
        let overlap = min(end, Double(i + 1)) - max(start, Double(i))
        let value = Double(values[i])
        if overlap > 0, value.isFinite {
          sum += value * overlap
          weight += overlap
        }
        i += 1
      }
      return weight > 0 ? sum / weight : nil
    }
  }

  /// The dot row of `value` on an axis from 0 (bottom row) to `maximum` (top row).
  static func dotY(_ value: Double, maximum: Double, dotHeight: Int) -> Int {
    let fraction = maximum > 0 ? value / maximum : 0
    let y = ((1 - fraction) * Double(dotHeight - 1)).rounded()
    return Int(min(max(y, 0), Double(max(dotHeight - 1, 0))))
  }

  /// A polyline of `values` against a 0…`maximum` axis, one point per dot column.
  static func points(_ values: [Double?], maximum: Double, dotHeight: Int) -> [DotPoint?] {
    values.enumerated().map { column, value in
      value.map { DotPoint(x: column, y: dotY($0, maximum: maximum, dotHeight: dotHeight)) }
    }
  }
}
