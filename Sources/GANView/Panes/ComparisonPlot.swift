import GANCore

/// The plot of a comparison: Figure 1's axes (PlotPane's), p_data once, and each run's p_g
/// in its own role; on a key, each run's D(x) dashed in the run's role. The runs share the
/// first run's x domain and one density axis, so the curves are compared where they lie.
enum ComparisonPlot {
  /// A run's role: the first run keeps the live view's green, the others get their own.
  static let runStyles: [Style] = [.model, .model2, .model3, .model4]

  static func style(ofRun index: Int) -> Style { runStyles[index % runStyles.count] }

  static func draw(
    _ snapshots: [Snapshot?], state: CompareState, into grid: inout CellGrid, x: Int, y: Int,
    width: Int, height: Int, symbols: SymbolSet
  ) {
    guard let reference = snapshots.lazy.compactMap({ $0 }).first else {
      let text = symbols.pick("waiting for the first snapshots…", "waiting for the first snapshots")
      grid.put(text, x: x + max((width - text.count) / 2, 0), y: y + height / 2, style: .dim)
      return
    }
    // Runs of one target share its p_data and x range. Compared targets each have their
    // own: the plot spans all their ranges and draws each run's p_data in the run's role.
    let present = snapshots.compactMap { $0 }
    let oneTarget =
      Set(present.map(\.targetName)).count == 1 && Set(present.map(\.grid)).count == 1
    let domain =
      oneTarget
      ? reference.grid
      : ViewGrid(
        lower: present.map(\.grid.lower).min()!, upper: present.map(\.grid.upper).max()!,
        bins: reference.grid.bins)
    let scale = DiscriminatorScale(reference)
    let frame = PlotFrame(
      left: x + PlotPane.leftGutter,
      columns: max(width - PlotPane.leftGutter - scale.gutter, 1),
      domain: domain)
    let canvasTop = y + 1
    let canvasRows = max(height - 3, 1)
    let axis =
      state.densityMax.map { DensityAxis(top: $0, scale: state.densityScale) }
      ?? PlotPane.axis(for: present, scale: state.densityScale)
    axis.draw(
      into: &grid, x: x, gutter: PlotPane.leftGutter, top: canvasTop, rows: canvasRows,
      symbols: symbols)
    PlotPane.drawDiscriminatorAxis(
      scale, into: &grid, x: frame.left + frame.columns, top: canvasTop,
      rows: canvasRows, symbols: symbols)
    PlotPane.drawXAxis(frame, into: &grid, y: canvasTop + canvasRows, symbols: symbols)

    var canvas = BrailleCanvas(columns: frame.columns, rows: canvasRows)
    let count = canvas.dotWidth
    let dots = canvas.dotHeight
    let half = Series.dotY(0.5, maximum: 1, dotHeight: dots)
    canvas.drawPolyline(
      [DotPoint(x: 0, y: half), DotPoint(x: count - 1, y: half)], style: .dim, pattern: .sparse)
    let first = snapshots.firstIndex { $0 != nil }
    for (index, snapshot) in snapshots.enumerated() {
      guard let snapshot, !oneTarget || index == first else { continue }
      let data = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
      let values =
        oneTarget
        ? Series.resample(data, count: count, smooth: !snapshot.dataDensity.isEmpty)
        : Self.values(data, of: snapshot.grid, on: frame, count: count)
      canvas.drawPolyline(
        axis.points(values, dotHeight: dots),
        style: oneTarget ? .data : style(ofRun: index),
        pattern: .dotted)
    }
    var clipped: [(marks: [DensityAxis.ClipMark], style: Style)] = []
    for (index, snapshot) in snapshots.enumerated() {
      guard let snapshot else { continue }
      let role = style(ofRun: index)
      let model = values(snapshot.modelHistogram, of: snapshot.grid, on: frame, count: count)
      canvas.drawPolyline(axis.points(model, dotHeight: dots), style: role)
      clipped.append((axis.clipMarks(model), role))
      if state.showDiscriminators {
        let scale = DiscriminatorScale(snapshot)
        let d = values(snapshot.discriminator, of: snapshot.grid, on: frame, count: count)
          .map { $0.map(scale.unit) }
        canvas.drawPolyline(
          Series.points(d, maximum: 1, dotHeight: dots), style: role, pattern: .dashed)
      }
    }
    canvas.draw(into: &grid, left: frame.left, top: canvasTop, symbols: symbols)
    drawLegend(
      runCount: snapshots.count, showDiscriminators: state.showDiscriminators,
      clipped: clipped.contains { !$0.marks.isEmpty }, into: &grid, x: frame.left, y: y,
      right: x + width, symbols: symbols)
    // Each run's clipped peaks, in its role; a mark that would cover another is left out.
    var taken: [ClosedRange<Int>] = []
    for (marks, role) in clipped {
      DensityAxis.drawClipMarks(
        marks, style: role, into: &grid, left: frame.left, columns: frame.columns,
        y: canvasTop, taken: &taken, symbols: symbols)
    }
  }

  /// A run's curve on `count` dot columns of the shared frame: resampled as the live plot
  /// does when the run has the reference's domain, else looked up bin by bin (a compared
  /// target has a domain of its own).
  static func values(_ series: [Float], of domain: ViewGrid, on frame: PlotFrame, count: Int)
    -> [Double?]
  {
    if domain == frame.domain { return Series.resample(series, count: count, smooth: true) }
    return (0..<count).map { column in
      let x = frame.x(atDot: column)
      let bin = Int(((x - domain.lower) / domain.binWidth).rounded(.down))
      guard series.indices.contains(bin) else { return nil }
      let value = Double(series[bin])
      return value.isFinite ? value : nil
    }
  }

  /// p_data, then each run's number in its role, then D(x) when it is drawn.
  static func drawLegend(
    runCount: Int, showDiscriminators: Bool, clipped: Bool = false, into grid: inout CellGrid,
    x: Int, y: Int, right: Int, symbols: SymbolSet
  ) {
    var entries: [(String, Style, String)] = [(symbols.pick("⠂⠂⠂", "..."), .data, "p_data")]
    for index in 0..<runCount {
      let sample =
        symbols.usesBraille
        ? "⠒⠒⠒" : String(repeating: symbols.plotGlyph(for: style(ofRun: index)), count: 3)
      entries.append((sample, style(ofRun: index), "p_g \(index + 1)"))
    }
    entries.append(
      showDiscriminators
        ? (symbols.pick("⠒ ⠒", "- -"), .text, "D(x) dashed")
        : ("", .dim, "D(x): press D"))
    if clipped { entries.append((symbols.pick("↑", "^"), .text, "peak off the axis (f)")) }
    var column = x
    for (sample, style, name) in entries {
      let needed = (sample.isEmpty ? 0 : sample.count + 1) + name.count
      guard column + needed <= right else { break }
      if !sample.isEmpty { column += grid.put(sample, x: column, y: y, style: style) + 1 }
      column += grid.put(name, x: column, y: y, style: sample.isEmpty ? .dim : .text) + 2
    }
  }
}
