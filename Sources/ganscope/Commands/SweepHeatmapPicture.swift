import GANRuntime
import GANView

extension HeatmapPicture {
  /// The picture of a sweep's heatmap: its numbers as `sweep summary` prints them, its
  /// colours from the same scale as the text's shades.
  init(_ map: SweepHeatmap) {
    let scale = map.scale
    self.init(
      title: "\(map.metric): mean over \(map.averagedOver.joined(separator: ", "))"
        + (scale?.logarithmic == true ? " (log colour scale)" : ""),
      x: map.x, y: map.y, xValues: map.xValues, yValues: map.yValues,
      cells: map.cells.map { row in
        row.map { cell in
          switch cell {
          case .empty: .empty
          case .noValue: .noValue
          case .value(let v): .value(text: SweepSummary.format(v), position: map.position(v))
          }
        }
      },
      range: scale.map { (SweepSummary.format($0.lower), SweepSummary.format($0.upper)) })
  }
}
