import GANCore

/// The pictures of a run over time as SVG, drawn from its `RunHistory` like the panes over
/// time: the history of one metric (min…max band, mean line, the knobs turned as labelled
/// lines, C(G)'s floor), the space-time image of p_g and D, or the phase plane of G's
/// (mean, sd). Pure: the same history, kind and size always give the same text.
public enum RunFigure {
  public enum Kind: String, Sendable, CaseIterable {
    case history
    case spacetime
    case phase
  }

  /// Margins around the plot area (design units: pixels of the picture).
  struct Frame {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
  }

  /// `snapshot`: the last frame (its view grid and p_data's modes for the space-time x
  /// axis); `metric`: the history's metric.
  public static func render(
    kind: Kind, history: RunHistory, snapshot: Snapshot, metric: Metric, width: Int, height: Int
  ) -> String {
    var svg = SVGWriter()
    let w = Double(width)
    let h = Double(height)
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
        ("width", SVGWriter.number(w)), ("height", SVGWriter.number(h)),
        ("viewBox", "0 0 \(SVGWriter.number(w)) \(SVGWriter.number(h))"),
        ("font-family", "sans-serif"), ("font-size", SVGWriter.number(FigureLayout.fontSize)),
      ])
    let title = Self.title(kind: kind, snapshot: snapshot, metric: metric)
    svg.open("title")
    svg.raw(SVGWriter.escaped(title))
    svg.close()
    svg.element(
      "rect",
      [
        ("class", "background"), ("x", "0"), ("y", "0"), ("width", SVGWriter.number(w)),
        ("height", SVGWriter.number(h)), ("fill", "#ffffff"),
      ])
    svg.text(title, at: SVGPoint(x: 16, y: 22), [("fill", FigureStyle.axisText)])
    let frame = Frame(left: 64, top: 44, right: w - 24, bottom: h - 48)
    if history.iterations == nil {
      svg.text(
        "no frames to draw", at: SVGPoint(x: w / 2, y: h / 2),
        [("text-anchor", "middle"), ("fill", FigureStyle.noteText)])
    } else {
      switch kind {
      case .history: drawHistory(history, metric: metric, frame: frame, into: &svg)
      case .spacetime: drawSpaceTime(history, snapshot: snapshot, frame: frame, into: &svg)
      case .phase:
        drawPhase(
          history, hyperparameters: snapshot.hyperparameters, frame: frame, into: &svg)
      }
    }
    svg.close()
    return svg.document
  }

  static func title(kind: Kind, snapshot: Snapshot, metric: Metric) -> String {
    let run =
      "target \(snapshot.targetName), loss \(snapshot.hyperparameters.loss.rawValue), "
      + "k=\(snapshot.hyperparameters.discriminatorSteps), to iteration \(snapshot.iteration)"
    switch kind {
    case .history: return "\(metric.label) over the run (\(run))"
    case .spacetime: return "p_g(x, t) and D(x, t), time down (\(run))"
    case .phase:
      if snapshot.metrics.discriminatorSlope.isFinite {
        return "the Dirac-GAN's (θ, ψ) over its vector field; + the equilibrium (\(run))"
      }
      return "(mean G(z), sd G(z)) over the run; + the target (\(run))"
    }
  }

  // MARK: Axes

  /// A y axis with its ticks and labels, and a frame around the plot.
  static func drawValueAxis(_ axis: ValueAxis, frame: Frame, into svg: inout SVGWriter) {
    svg.open("g", [("class", "axes")] + FigureStyle.axis)
    svg.element(
      "rect",
      [
        ("x", SVGWriter.number(frame.left)), ("y", SVGWriter.number(frame.top)),
        ("width", SVGWriter.number(frame.width)), ("height", SVGWriter.number(frame.height)),
        ("fill", "none"),
      ])
    for (value, label) in axis.ticks(count: 6) {
      guard let f = axis.fraction(value) else { continue }
      let y = frame.bottom - f * frame.height
      svg.line(from: SVGPoint(x: frame.left - 4, y: y), to: SVGPoint(x: frame.left, y: y))
      svg.text(
        label, at: SVGPoint(x: frame.left - 7, y: y + 4),
        [("text-anchor", "end"), ("stroke", "none"), ("fill", FigureStyle.axisText)])
    }
    svg.close()
  }

  /// An x axis over `lower…upper` under the plot, with round ticks and a name.
  static func drawHorizontalAxis(
    lower: Double, upper: Double, name: String, left: Double, right: Double, y: Double,
    into svg: inout SVGWriter
  ) {
    let axis = ValueAxis(values: [lower, upper], logarithmic: false)
    svg.open("g", [("class", "axes")] + FigureStyle.axis)
    for (value, label) in axis.ticks(count: 6) where value >= lower && value <= upper {
      let x = left + (value - lower) / max(upper - lower, 1e-12) * (right - left)
      svg.line(from: SVGPoint(x: x, y: y), to: SVGPoint(x: x, y: y + 4))
      svg.text(
        label, at: SVGPoint(x: x, y: y + 17),
        [("text-anchor", "middle"), ("stroke", "none"), ("fill", FigureStyle.axisText)])
    }
    svg.text(
      name, at: SVGPoint(x: (left + right) / 2, y: y + 36),
      [("text-anchor", "middle"), ("stroke", "none"), ("fill", FigureStyle.axisText)])
    svg.close()
  }

  // MARK: History

  static func drawHistory(
    _ history: RunHistory, metric: Metric, frame: Frame, into svg: inout SVGWriter
  ) {
    guard let range = history.iterations else { return }
    let buckets = history.buckets
    let index = Metric.table.firstIndex { $0.key == metric.key } ?? 0
    var logarithmic = false
    if case .logarithmic = metric.scale { logarithmic = true }
    let isVirtualCriterion = metric.key == "c_g"
    let axis = ValueAxis(
      values: buckets.flatMap { [$0.minimum[index], $0.maximum[index]] },
      including: isVirtualCriterion ? [Metric.floorOfVirtualCriterion] : [],
      logarithmic: logarithmic)
    let lower = Double(range.lowerBound)
    let span = Double(max(range.upperBound - range.lowerBound, 1))
    func x(_ iteration: Double) -> Double { frame.left + (iteration - lower) / span * frame.width }
    func y(_ value: Double) -> Double? {
      axis.fraction(value).map { frame.bottom - min(max($0, 0), 1) * frame.height }
    }
    drawValueAxis(axis, frame: frame, into: &svg)
    drawHorizontalAxis(
      lower: lower, upper: lower + span, name: "iteration", left: frame.left,
      right: frame.right, y: frame.bottom, into: &svg)
    if isVirtualCriterion, let floor = y(Metric.floorOfVirtualCriterion) {
      svg.line(
        from: SVGPoint(x: frame.left, y: floor), to: SVGPoint(x: frame.right, y: floor),
        [("class", "floor")] + FigureStyle.half)
      // Under the floor line, where C(G) never goes: the curve cannot cross the words.
      svg.text(
        "−log 4", at: SVGPoint(x: frame.right - 4, y: floor + 13),
        [("text-anchor", "end"), ("fill", FigureStyle.noteText)] + FigureStyle.halo)
    }
    // The band: highest values left to right, then lowest right to left.
    let highs = buckets.compactMap { b in
      y(b.maximum[index]).map { SVGPoint(x: x(b.middleIteration), y: $0) }
    }
    let lows = buckets.compactMap { b in
      y(b.minimum[index]).map { SVGPoint(x: x(b.middleIteration), y: $0) }
    }
    if highs.count > 1 {
      svg.element(
        "path",
        [
          ("class", "band"), ("d", SVGWriter.pathData(highs + lows.reversed()) + " Z"),
          ("fill", "#f0c040"), ("fill-opacity", "0.35"), ("stroke", "none"),
        ])
    }
    let means = buckets.map { b in y(b.mean[index]).map { SVGPoint(x: x(b.middleIteration), y: $0) }
    }
    svg.element(
      "path",
      [
        ("class", "series mean"), ("d", SVGWriter.pathData(means)), ("fill", "none"),
        ("stroke", "#b07800"), ("stroke-width", "1.5"), ("stroke-linejoin", "round"),
      ])
    svg.open("g", [("class", "events")])
    // Labels too close to the previous one go a line lower, so neighbours never overlap.
    var labelEnds: [Double] = []
    for event in history.events {
      let ex = x(Double(event.iteration))
      let line = labelEnds.firstIndex { ex > $0 + 4 } ?? labelEnds.count
      let end = ex + 3 + FigureLayout.textWidth(event.label, fontSize: FigureLayout.smallFontSize)
      if line < labelEnds.count { labelEnds[line] = end } else { labelEnds.append(end) }
      svg.line(
        from: SVGPoint(x: ex, y: frame.top), to: SVGPoint(x: ex, y: frame.bottom),
        [("stroke", "#777777"), ("stroke-dasharray", "3 3")])
      svg.text(
        event.label, at: SVGPoint(x: ex + 3, y: frame.top + 12 + 13 * Double(line)),
        [
          ("fill", FigureStyle.noteText),
          ("font-size", SVGWriter.number(FigureLayout.smallFontSize)),
        ])
    }
    svg.close()
  }

  // MARK: Space-time

  /// Rows of time, columns of x: each band is drawn as runs of equal shade per row (a
  /// rectangle per run, not per cell, to keep the file small).
  static let imageRows = 160
  static let imageColumns = 120
  static let shades = 24

  static func drawSpaceTime(
    _ history: RunHistory, snapshot: Snapshot, frame: Frame, into svg: inout SVGWriter
  ) {
    guard let range = history.iterations else { return }
    let rows = imageRows
    let slices = SpaceTimePane.slicesOf(history.buckets, range: range, rows: rows)
    let domain = snapshot.grid
    let gap = 40.0
    let modelWidth = (frame.width - gap) * 0.6
    let modelFrame = Frame(
      left: frame.left, top: frame.top, right: frame.left + modelWidth, bottom: frame.bottom)
    let dFrame = Frame(
      left: modelFrame.right + gap, top: frame.top, right: frame.right, bottom: frame.bottom)
    let model = slices.map {
      SpaceTimePane.resample($0, \.modelDensity, domain: domain, columns: imageColumns)
    }
    let d = slices.map {
      SpaceTimePane.resample($0, \.discriminator, domain: domain, columns: imageColumns)
    }
    let peak = SpaceTimePane.percentile(model.flatMap { $0.compactMap { $0 } }, 0.99)
    // D on 0…1, or a critic on −M…M over every value drawn (as in the terminal).
    let scale = SpaceTimePane.criticScale(d, snapshot)
    let shaded = d.map { $0.map { $0.map(scale.unit) } }
    drawImage(model, scale: peak, colour: "#1e9e1e", frame: modelFrame, id: "p-g", into: &svg)
    drawImage(shaded, scale: 1, colour: "#1f3fd6", frame: dFrame, id: "d", into: &svg)
    let dName =
      scale.isCritic
      ? "D(x, t), critic, −\(DiscriminatorScale.compact(scale.upper)) … "
        + DiscriminatorScale.compact(scale.upper) : "D(x, t), 0 … 1"
    for (band, name) in [(modelFrame, "p_g(x, t)"), (dFrame, dName)] {
      svg.element(
        "rect",
        [
          ("x", SVGWriter.number(band.left)), ("y", SVGWriter.number(band.top)),
          ("width", SVGWriter.number(band.width)), ("height", SVGWriter.number(band.height)),
          ("fill", "none"),
        ] + FigureStyle.axis)
      svg.text(name, at: SVGPoint(x: band.left, y: band.top - 6), [("fill", FigureStyle.axisText)])
      drawHorizontalAxis(
        lower: domain.lower, upper: domain.upper, name: "x", left: band.left, right: band.right,
        y: band.bottom, into: &svg)
    }
    // p_data's modes under the p_g band; the time axis on the left.
    for mode in SpaceTimePane.modes(of: snapshot) {
      let mx =
        modelFrame.left + (mode - domain.lower) / (domain.upper - domain.lower) * modelFrame.width
      svg.element(
        "path",
        [
          ("class", "mode"),
          ("d", "M\(SVGWriter.number(mx)) \(SVGWriter.number(frame.bottom)) l-5 9 h10 Z"),
          ("fill", "#000000"),
        ])
    }
    let timeAxis = ValueAxis(
      values: [Double(range.lowerBound), Double(range.upperBound)], logarithmic: false)
    for (value, label) in timeAxis.ticks(count: 6)
    where value >= Double(range.lowerBound) && value <= Double(range.upperBound) {
      let t =
        (value - Double(range.lowerBound)) / Double(max(range.upperBound - range.lowerBound, 1))
      svg.text(
        label, at: SVGPoint(x: frame.left - 6, y: frame.top + t * frame.height + 4),
        [("text-anchor", "end"), ("fill", FigureStyle.axisText)])
    }
    svg.text(
      "iteration", at: SVGPoint(x: 14, y: frame.top + frame.height / 2),
      [
        ("fill", FigureStyle.axisText),
        ("transform", "rotate(-90 14 \(SVGWriter.number(frame.top + frame.height / 2)))"),
        ("text-anchor", "middle"),
      ])
  }

  /// One band: values over `scale` as the opacity of `colour`, quantized to `shades`.
  static func drawImage(
    _ image: [[Double?]], scale: Double, colour: String, frame: Frame, id: String,
    into svg: inout SVGWriter
  ) {
    guard !image.isEmpty, scale > 0 else { return }
    let cellHeight = frame.height / Double(image.count)
    svg.open("g", [("class", "image \(id)"), ("fill", colour)])
    for (row, values) in image.enumerated() {
      let cellWidth = frame.width / Double(max(values.count, 1))
      var column = 0
      while column < values.count {
        let level =
          values[column].map { Int((min(max($0 / scale, 0), 1) * Double(shades)).rounded()) } ?? 0
        var end = column + 1
        while end < values.count,
          (values[end].map { Int((min(max($0 / scale, 0), 1) * Double(shades)).rounded()) } ?? 0)
            == level
        {
          end += 1
        }
        if level > 0 {
          svg.element(
            "rect",
            [
              ("x", SVGWriter.number(frame.left + Double(column) * cellWidth)),
              ("y", SVGWriter.number(frame.top + Double(row) * cellHeight)),
              ("width", SVGWriter.number(Double(end - column) * cellWidth + 0.3)),
              ("height", SVGWriter.number(cellHeight + 0.3)),
              ("fill-opacity", SVGWriter.number(Double(level) / Double(shades))),
            ])
        }
        column = end
      }
    }
    svg.close()
  }

  // MARK: Phase

  static func drawPhase(
    _ history: RunHistory, hyperparameters: Hyperparameters, frame: Frame,
    into svg: inout SVGWriter
  ) {
    guard let plane = PhasePlane(history.buckets, hyperparameters: hyperparameters, ascii: false)
    else { return }
    let points = plane.points
    let target = plane.target
    let (horizontal, vertical) = plane.axes
    drawValueAxis(vertical, frame: frame, into: &svg)
    drawHorizontalAxis(
      lower: horizontal.lower, upper: horizontal.upper, name: plane.horizontalName,
      left: frame.left, right: frame.right, y: frame.bottom, into: &svg)
    svg.text(
      plane.verticalName, at: SVGPoint(x: 14, y: frame.top + frame.height / 2),
      [
        ("fill", FigureStyle.axisText),
        ("transform", "rotate(-90 14 \(SVGWriter.number(frame.top + frame.height / 2)))"),
        ("text-anchor", "middle"),
      ])
    if let field = plane.field {
      drawField(field, horizontal: horizontal, vertical: vertical, frame: frame, into: &svg)
    }
    func point(_ p: (Double, Double)) -> SVGPoint? {
      guard let fx = horizontal.fraction(p.0), let fy = vertical.fraction(p.1) else { return nil }
      return SVGPoint(x: frame.left + fx * frame.width, y: frame.bottom - fy * frame.height)
    }
    // Ten stretches, older ones lighter, so the direction of travel shows.
    let stretches = 10
    svg.open(
      "g",
      [
        ("class", "series trajectory"), ("fill", "none"), ("stroke", "#1e9e1e"),
        ("stroke-width", "1.5"), ("stroke-linejoin", "round"),
      ])
    for s in 0..<stretches {
      let from = points.count * s / stretches
      let to = min(points.count * (s + 1) / stretches + 1, points.count)
      guard to - from > 1 else { continue }
      svg.element(
        "path",
        [
          ("d", SVGWriter.pathData(points[from..<to].map(point))),
          ("stroke-opacity", SVGWriter.number(0.15 + 0.85 * Double(s + 1) / Double(stretches))),
        ])
    }
    svg.close()
    if let t = point(target) {
      svg.element(
        "path",
        [
          ("class", "target"),
          (
            "d",
            "M\(SVGWriter.number(t.x - 7)) \(SVGWriter.number(t.y)) h14 M\(SVGWriter.number(t.x)) \(SVGWriter.number(t.y - 7)) v14"
          ),
          ("stroke", "#000000"), ("stroke-width", "2.5"),
        ])
      // The trajectory ends around the mark: a white halo keeps the words readable over it.
      svg.text(
        plane.targetName, at: SVGPoint(x: t.x + 9, y: t.y - 8),
        [("fill", FigureStyle.axisText), ("font-weight", "bold")] + FigureStyle.halo)
    }
    if let now = points.last.flatMap(point) {
      svg.element(
        "circle",
        [
          ("class", "current"), ("cx", SVGWriter.number(now.x)), ("cy", SVGWriter.number(now.y)),
          ("r", "4"), ("fill", "#1e9e1e"),
        ])
    }
  }

  /// The Dirac-GAN's vector field as short grey arrows on a 15 × 11 lattice, their lengths
  /// relative to the fastest (the field vanishes at the equilibrium).
  static func drawField(
    _ field: (Double, Double) -> (Double, Double), horizontal: ValueAxis, vertical: ValueAxis,
    frame: Frame, into svg: inout SVGWriter
  ) {
    let across = 15
    let down = 11
    var arrows: [(SVGPoint, Double, Double)] = []
    for i in 0..<across {
      for j in 0..<down {
        let fx = (Double(i) + 0.5) / Double(across)
        let fy = (Double(j) + 0.5) / Double(down)
        let theta = horizontal.lower + fx * (horizontal.upper - horizontal.lower)
        let psi = vertical.lower + fy * (vertical.upper - vertical.lower)
        let v = field(theta, psi)
        // In picture units: x right, y down.
        let dx = v.0 / (horizontal.upper - horizontal.lower) * frame.width
        let dy = -v.1 / (vertical.upper - vertical.lower) * frame.height
        guard dx.isFinite, dy.isFinite else { continue }
        let at = SVGPoint(x: frame.left + fx * frame.width, y: frame.bottom - fy * frame.height)
        arrows.append((at, dx, dy))
      }
    }
    let longest = arrows.map { ($0.1 * $0.1 + $0.2 * $0.2).squareRoot() }.max() ?? 0
    guard longest > 0 else { return }
    let cell = min(frame.width / Double(across), frame.height / Double(down)) * 0.8
    svg.open(
      "g",
      [("class", "vector-field"), ("stroke", "#9a9a9a"), ("stroke-width", "1.2"), ("fill", "none")])
    for (at, dx, dy) in arrows {
      // Lengths grow as the square root of the speed, so the slow arrows near the
      // equilibrium still show their direction.
      let speed = (dx * dx + dy * dy).squareRoot()
      guard speed > 0 else { continue }
      let scale = cell * (speed / longest).squareRoot() / speed
      let (ex, ey) = (dx * scale, dy * scale)
      let length = (ex * ex + ey * ey).squareRoot()
      guard length > 0.5 else { continue }
      let tip = SVGPoint(x: at.x + ex / 2, y: at.y + ey / 2)
      let tail = SVGPoint(x: at.x - ex / 2, y: at.y - ey / 2)
      // The head: two strokes back from the tip at ±25° of the shaft, a third of its length.
      let (ux, uy) = (ex / length, ey / length)
      let head = min(length / 3, 6)
      func side(_ sign: Double) -> SVGPoint {
        let c = 0.906
        let s = 0.423 * sign
        return SVGPoint(
          x: tip.x - head * (ux * c - uy * s), y: tip.y - head * (uy * c + ux * s))
      }
      svg.element(
        "path",
        [
          (
            "d",
            SVGWriter.pathData([tail, tip]) + " " + SVGWriter.pathData([side(1), tip, side(-1)])
          )
        ])
    }
    svg.close()
  }
}
