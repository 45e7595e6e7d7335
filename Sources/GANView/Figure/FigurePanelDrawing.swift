import GANCore

/// Draws one panel: the curves over x with their axes, the z → x map under them, and the
/// caption. Density and D share the plot's height (D on 0…1, the densities on a scale shared
/// by all panels, so the panels compare at a glance).
struct FigurePanelDrawing {
  let panel: FigurePanel
  let index: Int
  let layout: FigureLayout
  let densityMax: Double
  /// The x range every panel shares (`FigureRenderer.sharedDomain`).
  let domain: ClosedRange<Double>
  /// The target named in the figure's header; a panel on another target says so.
  let headerTarget: String

  /// Arrows drawn from z to G(z): the paper draws about a dozen; more merge into a band.
  static let mostArrows = 15

  var snapshot: Snapshot { panel.snapshot }
  /// D's right axis: 0…1, or a critic's −M…M (as in the terminal's plot).
  var discriminatorScale: DiscriminatorScale { DiscriminatorScale(snapshot) }
  var left: Double { layout.plotLeft(index) }
  var right: Double { layout.plotRight(index) }

  /// The "panel-a" … "panel-z" id of the panel at `index` (then "panel-27", …).
  static func identifier(_ index: Int) -> String {
    guard (0..<26).contains(index) else { return "panel-\(index + 1)" }
    return "panel-" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
  }

  func x(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    return left + (span > 0 ? (value - domain.lowerBound) / span : 0.5) * layout.plotWidth
  }

  /// The plot's y of `value` on a 0…`maximum` axis, clipped to the plot.
  func y(_ value: Double, maximum: Double) -> Double {
    let fraction = maximum > 0 ? min(max(value / maximum, 0), 1) : 0
    return layout.plotBottom - fraction * layout.plotHeight
  }

  func draw(into svg: inout SVGWriter) {
    svg.open("g", [("id", Self.identifier(index)), ("class", "panel")])
    drawAxes(into: &svg)
    drawCurves(into: &svg)
    drawMapping(into: &svg)
    drawCaption(into: &svg)
    svg.close()
  }

  // MARK: Axes

  func drawAxes(into svg: inout SVGWriter) {
    let top = layout.plotTop
    let bottom = layout.plotBottom
    let small = SVGWriter.number(FigureLayout.smallFontSize)
    svg.open("g", [("class", "axes")] + FigureStyle.axis)
    svg.line(from: SVGPoint(x: left, y: top), to: SVGPoint(x: left, y: bottom))
    svg.line(from: SVGPoint(x: right, y: top), to: SVGPoint(x: right, y: bottom))
    svg.line(from: SVGPoint(x: left, y: bottom), to: SVGPoint(x: right, y: bottom))

    // x ticks at round values, labels centred under them.
    let span = domain.upperBound - domain.lowerBound
    let (step, decimals) = NumberFormat.tickStep(
      span: span, count: max(Int(layout.plotWidth / 45), 2))
    var tick = (domain.lowerBound / step).rounded(.up)
    while tick * step <= domain.upperBound + step * 1e-9 {
      let value = tick * step
      tick += 1
      let px = x(value)
      svg.line(from: SVGPoint(x: px, y: bottom), to: SVGPoint(x: px, y: bottom + 4))
      svg.text(
        SVGWriter.tickLabel(value, step: step, decimals: decimals),
        at: SVGPoint(x: px, y: bottom + 15),
        [
          ("text-anchor", "middle"), ("font-size", small), ("fill", FigureStyle.axisText),
          ("stroke", "none"),
        ])
    }

    // Density ticks on the left, D's 0, ½, 1 (a critic's −M, 0, M) on the right.
    let (densityStep, densityDecimals) = NumberFormat.tickStep(
      span: densityMax, count: max(Int(layout.plotHeight / 40), 2))
    var index = 0
    while Double(index) * densityStep <= densityMax * (1 + 1e-9) {
      let value = Double(index) * densityStep
      index += 1
      let py = y(value, maximum: densityMax)
      svg.line(from: SVGPoint(x: left - 4, y: py), to: SVGPoint(x: left, y: py))
      svg.text(
        NumberFormat.fixed(value, decimals: densityDecimals), at: SVGPoint(x: left - 6, y: py + 4),
        [
          ("text-anchor", "end"), ("font-size", small), ("fill", FigureStyle.axisText),
          ("stroke", "none"),
        ])
    }
    let scale = discriminatorScale
    let upper = DiscriminatorScale.compact(scale.upper)
    let marks =
      scale.isCritic
      ? [(0.0, "−" + upper), (0.5, "0"), (1.0, upper)] : [(0.0, "0"), (0.5, "½"), (1.0, "1")]
    for (value, label) in marks {
      let py = y(value, maximum: 1)
      svg.line(from: SVGPoint(x: right, y: py), to: SVGPoint(x: right + 4, y: py))
      svg.text(
        label, at: SVGPoint(x: right + 6, y: py + 4),
        [("font-size", small), ("fill", FigureStyle.discriminatorText), ("stroke", "none")])
    }
    svg.close()
  }

  // MARK: Curves

  /// One point per column of about 1.5 px: with more bins than that each point averages
  /// the bins it covers (which also smooths the histogram's sampling noise).
  /// The snapshot's grid may cover less than the shared x range: its columns are placed at
  /// their own x.
  func points(_ values: [Float], maximum: Double, smooth: Bool = true, grid: ViewGrid? = nil)
    -> [SVGPoint?]
  {
    let grid = grid ?? snapshot.grid
    let width = x(grid.upper) - x(grid.lower)
    let count = max(min(values.count, Int(width / 1.5)), 2)
    let resampled = Series.resample(values, count: count, smooth: smooth)
    return resampled.enumerated().map { column, value in
      value.map {
        SVGPoint(
          x: x(grid.lower + (Double(column) + 0.5) / Double(count) * (grid.upper - grid.lower)),
          y: y($0, maximum: maximum))
      }
    }
  }

  /// Where p_g rises above the density axis (a G collapsed to a spike), a mark at the top
  /// says so and how high it really goes, so a flat top never reads as a plateau.
  func drawClippedPeak(into svg: inout SVGWriter) {
    let model = snapshot.modelHistogram
    guard
      let peak = model.indices.filter({ model[$0].isFinite }).max(by: { model[$0] < model[$1] }),
      Double(model[peak]) > densityMax
    else { return }
    let grid = snapshot.grid
    let px = x(grid.lower + (Double(peak) + 0.5) * grid.binWidth)
    let label = "↑ p_g peak " + NumberFormat.general(Double(model[peak]), significant: 2)
    // Beside the spike, on the side with more room, so the curve never crosses the words.
    let onLeft = px > (left + right) / 2
    let anchorX = onLeft ? px - 6 : px + 6
    svg.text(
      label, at: SVGPoint(x: min(max(anchorX, left + 4), right - 4), y: layout.plotTop + 11),
      [
        ("class", "clipped-peak"), ("text-anchor", onLeft ? "end" : "start"),
        ("font-size", SVGWriter.number(FigureLayout.smallFontSize)),
        ("fill", FigureStyle.modelText),
      ])
  }

  func drawCurves(into svg: inout SVGWriter) {
    let half = y(0.5, maximum: 1)
    svg.line(
      from: SVGPoint(x: left, y: half), to: SVGPoint(x: right, y: half),
      [("class", "half")] + FigureStyle.half)
    // The exact density when the target has one; an empirical target only has its histogram.
    let data = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    // D* is the optimum of a probability over single samples: not drawn against a critic
    // or a D of packs.
    let scale = discriminatorScale
    if panel.showsOptimalDiscriminator && scale.hasOptimum {
      let optimal = Self.supported(snapshot.optimalDiscriminator, data, snapshot.modelHistogram)
      path(
        points(optimal, maximum: 1), className: "series d-star", style: FigureStyle.optimal,
        into: &svg)
    }
    if let before = panel.before {
      path(
        points(before.modelHistogram, maximum: densityMax, grid: before.grid),
        className: "series p-g-before", style: FigureStyle.modelBefore, into: &svg)
    }
    path(
      points(data, maximum: densityMax), className: "series p-data", style: FigureStyle.data,
      into: &svg)
    path(
      points(snapshot.modelHistogram, maximum: densityMax), className: "series p-g",
      style: FigureStyle.model, into: &svg)
    path(
      points(snapshot.discriminator.map { Float(scale.unit(Double($0))) }, maximum: 1),
      className: "series d", style: FigureStyle.discriminator, into: &svg)
    drawClippedPeak(into: &svg)
  }

  /// `values` where p_data or p_g has mass, and NaN (a gap) elsewhere: D* is 0/0 where
  /// both vanish, and where one of them is only a far tail its 0 or 1 says nothing.
  static func supported(_ values: [Float], _ data: [Float], _ model: [Float]) -> [Float] {
    let count = min(values.count, data.count, model.count)
    let mass = (0..<count).map { Double(data[$0]) + Double(model[$0]) }
    let floor = 0.01 * (mass.filter(\.isFinite).max() ?? 0)
    return (0..<count).map { mass[$0] > floor ? values[$0] : .nan }
  }

  /// A series as one path element; it is written even when empty, so that every panel has
  /// every series a reader looks for.
  func path(
    _ points: [SVGPoint?], className: String, style: [(String, String)],
    into svg: inout SVGWriter
  ) {
    svg.element("path", [("class", className), ("d", SVGWriter.pathData(points))] + style)
  }

  // MARK: The z → x map

  /// The z interval drawn (the prior's support, or ±3 standard deviations of a normal) and
  /// about how many ticks it gets (-1, 0, 1 and -2, 0, 2).
  var zDomain: (lower: Double, upper: Double, ticks: Int) {
    switch snapshot.prior {
    case .uniform: (-1, 1, 2)
    case .normal: (-3, 3, 3)
    }
  }

  /// Which of the map's points get an arrow: evenly spaced, centred, at most `mostArrows`.
  static func arrowIndices(count: Int, width: Double) -> [Int] {
    guard count > 0 else { return [] }
    let wanted = min(mostArrows, max(Int(width / 18), 3))
    let stride = max((count + wanted - 1) / wanted, 1)
    let offset = (count - 1 - stride * ((count - 1) / stride)) / 2
    return Array(Swift.stride(from: offset, to: count, by: stride))
  }

  func drawMapping(into svg: inout SVGWriter) {
    let xLine = layout.xLine
    let zLine = layout.zLine
    let small = SVGWriter.number(FigureLayout.smallFontSize)
    svg.open("g", [("class", "mapping")])
    svg.line(
      from: SVGPoint(x: left, y: xLine), to: SVGPoint(x: right, y: xLine),
      [("class", "x-line")] + FigureStyle.axis)
    svg.line(
      from: SVGPoint(x: left, y: zLine), to: SVGPoint(x: right, y: zLine),
      [("class", "z-line")] + FigureStyle.axis)
    let nameStyle: [(String, String)] = [
      ("text-anchor", "end"), ("font-family", "serif"), ("font-style", "italic"),
      ("font-size", "14"), ("fill", "#000000"),
    ]
    svg.text("x", at: SVGPoint(x: left - 7, y: xLine + 4), nameStyle)
    svg.text("z", at: SVGPoint(x: left - 7, y: zLine + 4), nameStyle)

    let (lower, upper, ticks) = zDomain
    func zx(_ z: Double) -> Double { left + (z - lower) / (upper - lower) * layout.plotWidth }
    let (step, decimals) = NumberFormat.tickStep(span: upper - lower, count: ticks)
    var tick = (lower / step).rounded(.up)
    while tick * step <= upper + step * 1e-9 {
      let value = tick * step
      tick += 1
      let px = zx(value)
      svg.line(
        from: SVGPoint(x: px, y: zLine), to: SVGPoint(x: px, y: zLine + 4), FigureStyle.axis)
      svg.text(
        SVGWriter.tickLabel(value, step: step, decimals: decimals),
        at: SVGPoint(x: px, y: zLine + 15),
        [("text-anchor", "middle"), ("font-size", small), ("fill", FigureStyle.axisText)])
    }

    let count = min(snapshot.mappingZ.count, snapshot.mappingX.count)
    for i in Self.arrowIndices(count: count, width: layout.plotWidth) {
      let z = Double(snapshot.mappingZ[i])
      let gz = Double(snapshot.mappingX[i])
      guard z.isFinite, gz.isFinite else { continue }
      // A G(z) outside the plotted x range lands on its edge: its direction still shows.
      let from = SVGPoint(x: min(max(zx(z), left), right), y: zLine)
      let to = SVGPoint(x: min(max(x(gz), left), right), y: xLine + 1)
      Self.arrowShape(from: from, to: to, into: &svg)
    }
    drawMoves(indices: Self.arrowIndices(count: count, width: layout.plotWidth), into: &svg)
    svg.close()
  }

  /// Panel (c): each sample's move in the G step, from where it was (`panel.before`) in the
  /// direction it went, `moveScale` times as long, just above the x line.
  func drawMoves(indices: [Int], into svg: inout SVGWriter) {
    guard let before = panel.before else { return }
    let count = min(before.mappingX.count, snapshot.mappingX.count)
    let y = layout.xLine - 7
    svg.open("g", [("class", "moves")])
    for i in indices where i < count {
      let was = Double(before.mappingX[i])
      let now = Double(snapshot.mappingX[i])
      guard was.isFinite, now.isFinite else { continue }
      let from = SVGPoint(x: min(max(x(was), left), right), y: y)
      let to = SVGPoint(x: min(max(x(was + panel.moveScale * (now - was)), left), right), y: y)
      Self.arrowShape(from: from, to: to, color: FigureStyle.move, into: &svg)
    }
    svg.close()
  }

  /// A thin shaft from `from` to `to` ending in a filled head whose tip is at `to`.
  static func arrowShape(
    from: SVGPoint, to: SVGPoint, color: String = FigureStyle.arrow, into svg: inout SVGWriter
  ) {
    let dx = to.x - from.x
    let dy = to.y - from.y
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 1 else { return }
    let (ux, uy) = (dx / length, dy / length)
    let headLength = min(7, length / 2)
    let halfWidth = 2.8
    let base = SVGPoint(x: to.x - ux * headLength, y: to.y - uy * headLength)
    let corner1 = SVGPoint(x: base.x - uy * halfWidth, y: base.y + ux * halfWidth)
    let corner2 = SVGPoint(x: base.x + uy * halfWidth, y: base.y - ux * halfWidth)
    let head = [to, corner1, corner2].map { SVGWriter.number($0.x) + "," + SVGWriter.number($0.y) }
    svg.open("g", [("class", "arrow")])
    svg.line(from: from, to: base, [("stroke", color), ("stroke-width", "1")])
    svg.element("polygon", [("points", head.joined(separator: " ")), ("fill", color)])
    svg.close()
  }

  // MARK: Caption

  func drawCaption(into svg: inout SVGWriter) {
    let center = layout.plotCenter(index)
    var caption: [(String, [(String, String)])] = []
    if !panel.label.isEmpty {
      caption.append(
        (panel.label, [("font-family", "serif"), ("font-weight", "bold"), ("font-size", "14")]))
      caption.append(("  ", []))
    }
    caption.append(("iteration \(snapshot.iteration)", []))
    svg.text(
      caption, at: SVGPoint(x: center, y: layout.captionBaseline),
      [("class", "caption"), ("text-anchor", "middle"), ("fill", "#000000")])

    var facts: [String] = []
    if snapshot.targetName != headerTarget { facts.append("target \(snapshot.targetName)") }
    // Three digits: (c)'s one G step changes the JSD in the third.
    facts.append("JSD " + NumberFormat.general(snapshot.metrics.jensenShannon, significant: 3))
    var runs: [(String, [(String, String)])] = []
    if let diverged = snapshot.divergedAtIteration {
      let warning = [("fill", FigureStyle.warningText), ("font-weight", "bold")]
      runs.append(("diverged at \(diverged)", warning))
    }
    // Separators start the plain run: a space at the end of a tspan may be dropped.
    let lead = runs.isEmpty ? "" : " · "
    let tail = facts.joined(separator: " · ")
    // At 0.6 em a character, as the label tests estimate: neighbours' notes never meet.
    let room = Int((layout.plotWidth + layout.gap - 8) / (FigureLayout.smallFontSize * 0.6))
    let noteRoom = room - tail.count - 3 - (runs.first.map { $0.0.count + 3 } ?? 0)
    if !panel.note.isEmpty, noteRoom >= 4 {
      let note = SymbolSet.unicode.truncated(panel.note, to: noteRoom)
      runs.append((lead + note + " · " + tail, []))
    } else {
      runs.append((lead + tail, []))
    }
    svg.text(
      runs, at: SVGPoint(x: center, y: layout.noteBaseline),
      [
        ("class", "note"), ("text-anchor", "middle"),
        ("font-size", SVGWriter.number(FigureLayout.smallFontSize)),
        ("fill", FigureStyle.noteText),
      ])
  }
}
