/// Where each part of the figure goes, from the picture's size and its number of panels.
/// Units are the figure's design scale (`FigureRenderer.scale`): text keeps a fixed size in
/// them; the plots and the z → x map take the room that is left.
struct FigureLayout {
  static let fontSize = 12.0
  static let smallFontSize = 11.0
  /// A generous estimate of the width of one character of the sans-serif font, for fitting
  /// text without measuring it.
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.6
  }

  let width: Double
  let height: Double
  let panelCount: Int
  let legendRows: Int

  /// Room left of the first plot (density labels, "x"/"z"), right of the last (D's labels),
  /// and between two plots (D's labels of one, the density labels and "x"/"z" of the next:
  /// every panel labels its axes).
  let marginLeft = 46.0
  let marginRight = 40.0
  let gap = 62.0

  init(width: Double, height: Double, panelCount: Int, legendRows: Int) {
    self.width = max(width, 1)
    self.height = max(height, 1)
    self.panelCount = max(panelCount, 1)
    self.legendRows = max(legendRows, 1)
  }

  var plotWidth: Double {
    let room = width - marginLeft - marginRight - gap * Double(panelCount - 1)
    return max(room / Double(panelCount), 10)
  }

  func plotLeft(_ panel: Int) -> Double { marginLeft + Double(panel) * (plotWidth + gap) }
  func plotRight(_ panel: Int) -> Double { plotLeft(panel) + plotWidth }
  func plotCenter(_ panel: Int) -> Double { plotLeft(panel) + plotWidth / 2 }

  /// Baselines of the legend rows.
  func legendBaseline(_ row: Int) -> Double { 18 + 17 * Double(row) }

  // The stack below the plot, from the bottom edge up: the note and the caption, the z tick
  // labels, the z line, the arrows, the x line, the x tick labels.
  var noteBaseline: Double { height - 8 }
  var captionBaseline: Double { noteBaseline - 17 }
  var zTickLabelBaseline: Double { captionBaseline - 20 }
  var zLine: Double { zTickLabelBaseline - 13 }
  var mappingHeight: Double { min(max(0.15 * height, 26), 90) }
  var xLine: Double { zLine - mappingHeight }
  var plotBottom: Double { max(xLine - 26, plotTop + 10) }
  var plotTop: Double { legendBaseline(legendRows - 1) + 16 }
  var plotHeight: Double { plotBottom - plotTop }
}
