import GANCore

/// The main plot, the paper's Figure 1 over x: p_data (dotted), p_g (solid, or histogram
/// bars), D(x) (dashed), the ½ line and the optional D*(x) overlay, with a density axis on
/// the left, a 0…1 axis for D on the right, x ticks below and a legend above. An unbounded
/// critic (WGAN, hinge) is drawn on a symmetric axis of its own, −M…M, with its 0 line in
/// place of ½ and no D* (it has none).
enum PlotPane {
  /// Columns left of the canvas (density labels and the axis); right of it, D's axis takes
  /// `DiscriminatorScale.gutter`.
  static let leftGutter = 6

  /// Draws into the rectangle and returns where the x domain lies on screen.
  @discardableResult
  static func draw(
    _ snapshot: Snapshot, state: ViewState, into grid: inout CellGrid,
    x: Int, y: Int, width: Int, height: Int, symbols: SymbolSet
  ) -> PlotFrame {
    let scale = DiscriminatorScale(snapshot)
    let frame = PlotFrame(
      left: x + leftGutter, columns: max(width - leftGutter - scale.gutter, 1),
      domain: snapshot.grid)
    let canvasTop = y + 1
    let canvasRows = max(height - 3, 1)
    let axis = state.densityAxis ?? Self.axis(for: [snapshot], scale: state.densityScale)

    var canvas = BrailleCanvas(columns: frame.columns, rows: canvasRows)
    let model = drawCurves(snapshot, state: state, axis: axis, on: &canvas)
    let marks = axis.clipMarks(model)
    drawLegend(
      snapshot, state: state, clipped: !marks.isEmpty, into: &grid, x: frame.left, y: y,
      right: x + width, symbols: symbols)
    axis.draw(
      into: &grid, x: x, gutter: leftGutter, top: canvasTop, rows: canvasRows, symbols: symbols)
    drawDiscriminatorAxis(
      scale, into: &grid, x: frame.left + frame.columns, top: canvasTop, rows: canvasRows,
      symbols: symbols)
    drawXAxis(frame, into: &grid, y: canvasTop + canvasRows, symbols: symbols)

    canvas.draw(into: &grid, left: frame.left, top: canvasTop, symbols: symbols)
    var taken: [ClosedRange<Int>] = []
    DensityAxis.drawClipMarks(
      marks, style: .model, into: &grid, left: frame.left,
      columns: frame.columns, y: canvasTop, taken: &taken, symbols: symbols)
    return frame
  }

  /// The axis for a first frame, before a view state has eased one (a replay's first
  /// picture, a test): straight at the top its scale asks for.
  static func axis(for snapshots: [Snapshot], scale: DensityScale) -> DensityAxis {
    let all = snapshots.map(ViewState.densityPeak).max() ?? 1
    let data = snapshots.compactMap(ViewState.dataPeak).max() ?? all
    return DensityAxis(
      top: scale.top(dataPeak: data, allPeak: all, headroom: ViewState.headroom), scale: scale)
  }

  /// The series in drawing order; overlaps are settled by `Style.plotPriority`, not order.
  /// Returns p_g's values on the dot columns, for the marks of where the axis clips it.
  static func drawCurves(
    _ snapshot: Snapshot, state: ViewState, axis: DensityAxis, on canvas: inout BrailleCanvas
  ) -> [Double?] {
    let count = canvas.dotWidth
    let height = canvas.dotHeight
    let half = Series.dotY(0.5, maximum: 1, dotHeight: height)
    canvas.drawPolyline(
      [DotPoint(x: 0, y: half), DotPoint(x: count - 1, y: half)], style: .dim, pattern: .sparse)

    let model = Series.resample(
      snapshot.modelHistogram, count: count, smooth: !state.showHistogram)
    if state.showHistogram {
      for (column, value) in model.enumerated() {
        guard let value, value > 0 else { continue }
        canvas.fillColumn(x: column, from: axis.dotY(value, dotHeight: height), style: .modelFill)
      }
    }

    // The exact density when the target has one; an empirical target only has its
    // histogram.
    let data = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    let dataValues = Series.resample(data, count: count, smooth: !snapshot.dataDensity.isEmpty)
    canvas.drawPolyline(
      axis.points(dataValues, dotHeight: height), style: .data,
      pattern: .dotted)

    let scale = DiscriminatorScale(snapshot)
    if state.showOptimalOverlay && scale.hasOptimum {
      let optimal = Series.resample(snapshot.optimalDiscriminator, count: count, smooth: true)
      canvas.drawPolyline(
        Series.points(optimal, maximum: 1, dotHeight: height), style: .optimal)
    }
    if !state.showHistogram {
      canvas.drawPolyline(axis.points(model, dotHeight: height), style: .model)
    }
    let discriminator = Series.resample(snapshot.discriminator, count: count, smooth: true)
      .map { $0.map(scale.unit) }
    canvas.drawPolyline(
      Series.points(discriminator, maximum: 1, dotHeight: height), style: .discriminator,
      pattern: .dashed)
    return model
  }

  /// One legend entry per series: a short sample of its line, in its role, and its name.
  static func drawLegend(
    _ snapshot: Snapshot, state: ViewState, clipped: Bool = false, into grid: inout CellGrid,
    x: Int, y: Int, right: Int, symbols: SymbolSet
  ) {
    let scale = DiscriminatorScale(snapshot)
    var entries: [(String, Style, String)] = [
      (symbols.pick("⠂⠂⠂", "..."), .data, "p_data"),
      state.showHistogram
        ? (symbols.pick("⣿⣿⣿", "###"), .modelFill, "p_g (bars)")
        : (symbols.pick("⠒⠒⠒", "***"), .model, "p_g"),
      (
        symbols.pick("⠒ ⠒", "- -"), .discriminator,
        scale.curveName(symbols) + (scale.isCritic ? " critic" : "")
      ),
      (symbols.pick("⠂  ", "-  "), .dim, scale.isCritic ? "D=0" : symbols.pick("½", "1/2")),
    ]
    if state.showOptimalOverlay && scale.hasOptimum {
      entries.append((symbols.pick("⠒⠒⠒", ":::"), .optimal, "D*(x)"))
    } else if state.showOptimalOverlay && scale.pack > 1 && !scale.isCritic {
      // D* is the best D of single samples; a D of packs has another optimum.
      entries.append(("", .dim, "no D* for packs"))
    }
    // While the axis clips p_g: what the mark over the spike is (last, so it is the entry
    // left out when the row is short; views.md and the status word say it too).
    if clipped { entries.append((symbols.pick("↑", "^"), .model, "peak off the axis (f)")) }
    // Entries are three blanks apart when they all fit before `right`, else one; an entry
    // that still does not fit is left out rather than drawn over the next pane.
    let natural = entries.reduce(0) { $0 + $1.0.count + 1 + $1.2.count + 3 }
    let gap = x + natural - 3 <= right ? 3 : 1
    var column = x
    for (sample, style, name) in entries {
      guard column + sample.count + 1 + name.count <= right else { break }
      column += grid.put(sample, x: column, y: y, style: style) + 1
      column += grid.put(name, x: column, y: y, style: .text) + gap
    }
    if let diverged = snapshot.divergedAtIteration {
      let text = "diverged at iteration \(diverged)"
      let start = right - text.count - 1
      if start >= column { grid.put(text, x: start, y: y, style: .warning) }
    }
  }

  /// D's axis on the right: 0, ½ and 1 marked, or a critic's −M, 0 and M.
  static func drawDiscriminatorAxis(
    _ scale: DiscriminatorScale, into grid: inout CellGrid, x axis: Int, top: Int, rows: Int,
    symbols: SymbolSet
  ) {
    for row in top..<(top + rows) { grid[axis, row] = Cell(symbols.vertical, .axis) }
    let marks =
      scale.isCritic
      ? [(1.0, scale.label(scale.upper)), (0.5, "0"), (0.0, scale.label(-scale.upper))]
      : [(1.0, "1"), (0.5, symbols.pick("½", ".5")), (0.0, "0")]
    for (value, label) in marks {
      let row = top + Series.dotY(value, maximum: 1, dotHeight: rows * 4) / 4
      grid[axis, row] = Cell(symbols.tickRight, .axis)
      grid.put(label, x: axis + 1, y: row, style: .discriminator)
    }
  }

  /// The x axis line with ticks at round values, and their labels on the row below, each
  /// centred under its tick and dropped if it would touch its neighbour.
  static func drawXAxis(_ frame: PlotFrame, into grid: inout CellGrid, y: Int, symbols: SymbolSet) {
    grid[frame.left - 1, y] = Cell(symbols.bottomLeft, .axis)
    grid.fill(
      x: frame.left, y: y, width: frame.columns, height: 1, with: symbols.horizontal,
      style: .axis)
    grid[frame.left + frame.columns, y] = Cell(symbols.bottomRight, .axis)
    let span = frame.domain.upper - frame.domain.lower
    let (step, decimals) = NumberFormat.tickStep(span: span, count: max(frame.columns / 8, 2))
    var index = (frame.domain.lower / step).rounded(.up)
    var lastEnd = Int.min
    while index * step <= frame.domain.upper + step * 1e-9 {
      let value = index * step
      index += 1
      let dot = Int(frame.dotX(value).rounded(.down))
      let column = frame.left + min(max(dot, 0), frame.dotWidth - 1) / 2
      grid[column, y] = Cell(symbols.teeDown, .axis)
      let label = NumberFormat.fixed(abs(value) < step * 1e-9 ? 0 : value, decimals: decimals)
      let start = column - (label.count - 1) / 2
      guard start > lastEnd + 1, start + label.count <= grid.width else { continue }
      grid.put(label, x: start, y: y + 1, style: .axis)
      lastEnd = start + label.count - 1
    }
  }
}

/// Where D's values sit on the plot's right axis: a probability (or least squares' score)
/// on 0…1, a critic on −M…M with M the smallest of 1, 2, 5 × 10ⁿ above its largest |D(x)|
/// on the grid (round steps keep the axis still while the critic drifts).
struct DiscriminatorScale {
  let isCritic: Bool
  /// M (1 for a probability).
  let upper: Double
  /// D's pack size P: a packed D is drawn on the diagonal, D(x, …, x).
  let pack: Int

  /// Whether D*(x) = p_data/(p_data + p_g) is the optimum of the D drawn: not for a critic,
  /// and not for a D of packs (D* is the optimum over single samples).
  var hasOptimum: Bool { !isCritic && pack == 1 }

  /// Whether D under `hyperparameters` has the optimum D* (see `hasOptimum`).
  static func hasOptimum(_ hyperparameters: Hyperparameters) -> Bool {
    hyperparameters.loss.readout != .critic && hyperparameters.stabilizers.pack == 1
  }

  /// The curve's name: D(x), or D on the diagonal of packs.
  func curveName(_ symbols: SymbolSet) -> String {
    pack == 1 ? "D(x)" : symbols.pick("D(x,…,x) P=\(pack)", "D(x,...,x) P=\(pack)")
  }

  init(_ snapshot: Snapshot) {
    self.init(
      snapshot.hyperparameters, values: snapshot.discriminator.lazy.map { Double($0) })
  }

  /// The scale for D's `values` (its readouts, e.g. a whole space-time image) under
  /// `hyperparameters`' loss and pack.
  init(_ hyperparameters: Hyperparameters, values: some Sequence<Double>) {
    self.init(
      isCritic: hyperparameters.loss.readout == .critic, pack: hyperparameters.stabilizers.pack,
      values: values)
  }

  /// The scale for `values` of a critic (`isCritic`) or of a probability.
  init(isCritic: Bool, pack: Int, values: some Sequence<Double>) {
    self.pack = pack
    self.isCritic = isCritic
    guard isCritic else {
      upper = 1
      return
    }
    let largest = max(values.lazy.filter(\.isFinite).map(abs).max() ?? 1, 1e-3)
    let decade = NumberFormat.power10(min(NumberFormat.exponent10(largest), 300))
    upper = [1, 2, 5, 10].map { $0 * decade }.first { $0 >= largest } ?? 10 * decade
  }

  /// The axis in words: "0..1", or a critic's "-M..M".
  var rangeText: String {
    guard isCritic else { return "0..1" }
    let m = Self.compact(upper)
    return "-\(m)..\(m)"
  }

  /// M in at most four characters for a figure's margin: "0.05", "0.5", "20", "500", and
  /// below 0.01 or from 1000 on "5e-3", "1e3", "5e4" (M is 1, 2 or 5 times a power of ten).
  static func compact(_ m: Double) -> String {
    guard m >= 1000 || m < 0.01, m > 0, m.isFinite else {
      return NumberFormat.general(m, significant: 3)
    }
    let exponent = NumberFormat.exponent10(m)
    let mantissa = (m / NumberFormat.power10(exponent)).rounded()
    return "\(Int(mantissa))e\(exponent)"
  }

  /// A value of D as a fraction of the axis, 0 at the bottom and 1 at the top.
  func unit(_ value: Double) -> Double { isCritic ? (value + upper) / (2 * upper) : value }

  /// An axis label: ±M in at most five characters ("2e3", "-2e3", "-0.05"), which the
  /// critic's wider gutter holds.
  func label(_ value: Double) -> String {
    (value < 0 ? "-" : "") + Self.compact(abs(value))
  }

  /// Columns right of the canvas: the axis and its labels, "1" and "½" for a probability,
  /// up to five characters for a critic's ±M.
  var gutter: Int { isCritic ? 6 : 3 }
}
