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
      ["space-time: p_g(x,t) and D(x,t)", "time down, newest last"], width: width - 1,
      maxRows: 1, separator: symbols.pick(" · ", " - "), symbols: symbols)
    grid.put(title.first ?? "", x: x + 1, y: y, style: .heading)
    guard let whole = history.iterations else {
      grid.put("no frames yet", x: x + 2, y: y + height / 2, style: .dim)
      return
    }
    let range = lens.range(of: whole, end: now ?? whole.upperBound)
    let buckets = history.buckets(in: range)
    // Rows: title, the band titles, the image, the x axis with p_data's modes, its labels.
    let top = y + 2
    let rows = height - 4
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
    drawTimeLabels(slices, into: &grid, x: x, top: top, gutter: gutter)
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

  /// The first iteration of some rows in the gutter.
  static func drawTimeLabels(
    _ slices: [[HistoryBucket]], into grid: inout CellGrid, x: Int, top: Int, gutter: Int
  ) {
    let every = max(slices.count / 4, 1)
    for row in stride(from: 0, to: slices.count, by: every) {
      guard let first = slices[row].first else { continue }
      let text = compact(first.firstIteration)
      grid.put(text, x: x + gutter - 1 - text.count, y: top + row, style: .axis)
    }
    if let last = slices.last?.last {
      let text = compact(last.lastIteration)
      grid.put(text, x: x + gutter - 1 - text.count, y: top + slices.count - 1, style: .axis)
    }
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
