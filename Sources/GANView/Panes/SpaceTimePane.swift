import GANCore

/// The kymograph: p_g(x, t) as a shaded image with x across and time down (the newest
/// frames at the bottom), and D(x, t) beside it on the same rows. One dimension is what
/// makes it possible: a whole distribution fits on one row, so the run fits on one screen.
/// Convergence shows as a band settling onto p_data's modes (marked on the x axis),
/// oscillation as waves, mode collapse as one narrow band, mode hopping as jumps.
enum SpaceTimePane {
  static func draw(
    _ history: RunHistory, snapshot: Snapshot, lens: HistoryLens, now: Int?,
    into grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int, symbols: SymbolSet
  ) {
    let title = TextWrap.titleRows(
      [
        "space-time: p_g(x,t) and D(x,t)", symbols.pick("▲", "^") + " p_data's modes",
        "time down, newest last",
      ], width: width - 1,
      maxRows: 1, separator: symbols.pick(" · ", " - "), symbols: symbols)
    grid.put(title.first ?? "", x: x + 1, y: y, style: .heading)
    guard let whole = history.iterations else {
      grid.put("no frames yet", x: x + 2, y: y + height / 2, style: .dim)
      return
    }
    let range = lens.range(of: whole, end: now ?? whole.upperBound)
    let buckets = history.buckets(in: range)
    // Rows: title, the band titles, the image, the x axis with p_data's modes, its labels,
    // the shades' key.
    let top = y + 2
    let rows = height - 5
    let gutter = 8
    let usable = width - gutter - 3
    let modelColumns = usable * 3 / 5
    let discriminatorColumns = usable - modelColumns
    guard rows >= 2, modelColumns >= 8, discriminatorColumns >= 6 else { return }
    let modelLeft = x + gutter
    let discriminatorLeft = modelLeft + modelColumns + 2
    // Each screen row is a stretch of iterations; its cells average the buckets in it.
    let slices = slicesOf(buckets, range: range, rows: rows)
    let domain = snapshot.grid
    let modelRows = slices.map {
      resample($0, \.modelDensity, domain: domain, columns: modelColumns)
    }
    let discriminatorRows = slices.map {
      resample($0, \.discriminator, domain: domain, columns: discriminatorColumns)
    }
    // p_g's shades are relative to the densest cell shown (the 99th percentile, so one
    // spike does not wash the rest out); D's are absolute, 0…1, or for a critic −M…M over
    // every value shown, so its drift shows as fading.
    let scale = criticScale(discriminatorRows, snapshot)
    grid.put("p_g", x: modelLeft, y: y + 1, style: .model)
    grid.put(
      "D(x) " + scale.rangeText, x: discriminatorLeft, y: y + 1,
      style: .discriminator)
    let peak = percentile(modelRows.flatMap { $0.compactMap { $0 } }, 0.99)
    let shades = symbols.shades
    for (row, values) in modelRows.enumerated() {
      for (column, value) in values.enumerated() {
        guard let value, peak > 0 else { continue }
        // Below a sixteenth of the peak stays blank: the tails would grey out the picture.
        let level = Int((min(value / peak, 1) * 8).rounded())
        guard level > 0 else { continue }
        grid[modelLeft + column, top + row] = Cell(
          shades[level], Style.shade(level, discriminator: false))
      }
    }
    for (row, values) in discriminatorRows.enumerated() {
      for (column, value) in values.enumerated() {
        guard let value else { continue }
        let level = max(Int((min(max(scale.unit(value), 0), 1) * 8).rounded(.up)), 1)
        grid[discriminatorLeft + column, top + row] = Cell(
          shades[level], Style.shade(level, discriminator: true))
      }
    }
    drawTimeLabels(range: range, rows: rows, into: &grid, x: x, top: top, gutter: gutter)
    drawKey(
      scale: scale, into: &grid, modelLeft: modelLeft, discriminatorLeft: discriminatorLeft,
      y: top + rows + 2, symbols: symbols)
    let modelFrame = PlotFrame(left: modelLeft, columns: modelColumns, domain: domain)
    PlotPane.drawXAxis(modelFrame, into: &grid, y: top + rows, symbols: symbols)
    markModes(of: snapshot, frame: modelFrame, into: &grid, y: top + rows, symbols: symbols)
    let discriminatorFrame = PlotFrame(
      left: discriminatorLeft, columns: discriminatorColumns, domain: domain)
    PlotPane.drawXAxis(discriminatorFrame, into: &grid, y: top + rows, symbols: symbols)
  }

  /// D's scale for a space-time image: a critic's −M…M when the current loss reads D as a
  /// critic or any value shown lies outside 0…1 (a critic earlier in the run), else 0…1.
  static func criticScale(_ image: [[Double?]], _ snapshot: Snapshot) -> DiscriminatorScale {
    let values = image.joined().compactMap { $0 }
    let critic =
      snapshot.hyperparameters.loss.readout == .critic || values.contains { $0 < 0 || $0 > 1 }
    return DiscriminatorScale(
      isCritic: critic, pack: snapshot.hyperparameters.stabilizers.pack, values: values)
  }

  /// The buckets in each of `rows` equal stretches of `range`, top (oldest) to bottom.
  static func slicesOf(_ buckets: [HistoryBucket], range: ClosedRange<Int>, rows: Int)
    -> [[HistoryBucket]]
  {
    var slices = Array(repeating: [HistoryBucket](), count: rows)
    let span = Double(max(range.upperBound - range.lowerBound, 1))
    for bucket in buckets {
      let t = (bucket.middleIteration - Double(range.lowerBound)) / span
      let row = min(max(Int(t * Double(rows)), 0), rows - 1)
      slices[row].append(bucket)
    }
    // A row no bucket fell in (a short run) repeats the row above, so time stays even.
    for row in slices.indices.dropFirst() where slices[row].isEmpty {
      slices[row] = slices[row - 1]
    }
    return slices
  }

  /// A row's buckets' curve at `columns` x positions of `domain` (frame-weighted mean;
  /// nil where no bucket's grid covers the position).
  static func resample(
    _ buckets: [HistoryBucket], _ curve: KeyPath<HistoryBucket, [Float]>, domain: ViewGrid,
    columns: Int
  ) -> [Double?] {
    (0..<columns).map { column in
      let position =
        domain.lower + (Double(column) + 0.5) / Double(columns) * (domain.upper - domain.lower)
      var sum = 0.0
      var weight = 0.0
      for bucket in buckets {
        guard let value = bucket.value(bucket[keyPath: curve], at: position), value.isFinite
        else { continue }
        sum += Double(value) * Double(bucket.frames)
        weight += Double(bucket.frames)
      }
      return weight > 0 ? sum / weight : nil
    }
  }

  static func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(Int(Double(sorted.count - 1) * p), sorted.count - 1)]
  }

  /// Round iterations (1-2-5 steps: 0, 10000, 20000 …) in the gutter, each on the row
  /// whose stretch of iterations holds it.
  static func drawTimeLabels(
    range: ClosedRange<Int>, rows: Int, into grid: inout CellGrid, x: Int, top: Int, gutter: Int
  ) {
    for (iteration, row) in timeTicks(range: range, rows: rows) {
      let text = compact(iteration)
      grid.put(text, x: x + gutter - 1 - text.count, y: top + row, style: .axis)
    }
  }

  /// The round iterations of `range` and their rows, about one every four rows, none two
  /// on one row.
  static func timeTicks(range: ClosedRange<Int>, rows: Int) -> [(iteration: Int, row: Int)] {
    let span = Double(max(range.upperBound - range.lowerBound, 1))
    let (step, _) = NumberFormat.tickStep(span: span, count: max(rows / 4, 1))
    let whole = max(Int(step.rounded()), 1)
    var ticks: [(iteration: Int, row: Int)] = []
    var iteration = (range.lowerBound + whole - 1) / whole * whole
    while iteration <= range.upperBound {
      let t = Double(iteration - range.lowerBound) / span
      let row = min(max(Int(t * Double(rows)), 0), rows - 1)
      if ticks.last?.row != row { ticks.append((iteration, row)) }
      iteration += whole
    }
    return ticks
  }

  /// The shades' key under the image: p_g's ramp from faint to the densest cell shown (its
  /// shades are relative), D's from the bottom to the top of its axis (absolute).
  static func drawKey(
    scale: DiscriminatorScale, into grid: inout CellGrid, modelLeft: Int, discriminatorLeft: Int,
    y: Int, symbols: SymbolSet
  ) {
    let shades = symbols.shades
    func ramp(at x: Int, discriminator: Bool) -> Int {
      for level in 1...8 {
        grid[x + level - 1, y] = Cell(
          shades[level], Style.shade(level, discriminator: discriminator))
      }
      return 8
    }
    var column = modelLeft
    column += grid.put("p_g low ", x: column, y: y, style: .model)
    column += ramp(at: column, discriminator: false)
    grid.put(" peak", x: column, y: y, style: .model)
    let low = scale.isCritic ? scale.label(-scale.upper) : "0"
    let high = scale.isCritic ? scale.label(scale.upper) : "1"
    column = discriminatorLeft
    column += grid.put("D " + low + " ", x: column, y: y, style: .discriminator)
    column += ramp(at: column, discriminator: true)
    grid.put(" " + high, x: column, y: y, style: .discriminator)
  }

  /// An iteration in at most six characters ("12345", "123k", "1.2M").
  static func compact(_ iteration: Int) -> String {
    if iteration < 100_000 { return String(iteration) }
    if iteration < 10_000_000 { return "\(iteration / 1000)k" }
    return NumberFormat.general(Double(iteration) / 1e6, significant: 3) + "M"
  }

  /// p_data's modes (its local maxima above a tenth of its peak) as marks on the x axis.
  static func markModes(
    of snapshot: Snapshot, frame: PlotFrame, into grid: inout CellGrid, y: Int, symbols: SymbolSet
  ) {
    for x in modes(of: snapshot) {
      let dot = Int(frame.dotX(x).rounded(.down))
      guard dot >= 0, dot < frame.dotWidth else { continue }
      grid[frame.left + dot / 2, y] = Cell(symbols.usesBraille ? "▲" : "^", .data)
    }
  }

  /// Where p_data peaks: its local maxima at least a tenth of its highest value.
  static func modes(of snapshot: Snapshot) -> [Double] {
    let density = snapshot.dataDensity.isEmpty ? snapshot.dataHistogram : snapshot.dataDensity
    guard let peak = density.filter(\.isFinite).max(), peak > 0 else { return [] }
    var result: [Double] = []
    for i in density.indices where density[i] >= peak / 10 {
      let left = i > 0 ? density[i - 1] : -1
      let right = i + 1 < density.count ? density[i + 1] : -1
      if density[i] > left && density[i] >= right { result.append(snapshot.grid.center(i)) }
    }
    return result
  }
}
