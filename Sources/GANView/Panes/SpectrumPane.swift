import Foundation
import GANCore

/// The spectrum view (`v`): the game's spectrum as two complex planes side by side, real
/// across and imaginary up on equal scales — the outer eigenvalues λ of the Jacobian J with
/// the imaginary axis marked (right of it a mode grows), and the step's multipliers μ with
/// the unit circle marked (outside it a mode grows). Each eigenvalue is a mark in the colour
/// of the player holding most of its eigenvector (D's blue, G's green, as D(x) and p_g are
/// drawn) and of its own shape, so it reads without colour. Above them what is shown and how
/// old it is, and the three numbers that decide stability in words. A refused state (a
/// setting the Jacobian does not model, parameters that are not finite) shows its reason
/// instead of a picture.
enum SpectrumPane {
  static func draw(
    _ feed: SpectrumFeed, into grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int,
    symbols: SymbolSet
  ) {
    let separator = symbols.pick(" · ", " - ")
    func rows(_ parts: [String], maxRows: Int, width: Int) -> [String] {
      TextWrap.titleRows(
        parts, width: width, maxRows: maxRows, separator: separator, symbols: symbols)
    }
    var row = y
    func put(_ lines: [String], style: Style) {
      for line in lines {
        grid.put(line, x: x + 1, y: row, style: style)
        row += 1
      }
    }
    let name = "spectrum of the game's Jacobian"
    guard let reading = feed.reading else {
      put([name], style: .heading)
      let message =
        feed.unavailable
        ?? (feed.computing ? "computing the first spectrum" : "no spectrum yet")
      let lines = TextWrap.lines(message, width: width - 3, symbols: symbols)
      row = max(row, y + (height - lines.count) / 2)
      for line in lines {
        grid.put(line, x: x + 2, y: row, style: .dim)
        row += 1
      }
      return
    }
    var when = "spectrum at iteration \(reading.iteration)"
    if let age = feed.age { when += ", " + NumberFormat.fixed(max(age, 0), decimals: 1) + " s ago" }
    let next = feed.computing ? "next one computing" : ""
    guard let spectrum = reading.spectrum else {
      put(rows([when, next], maxRows: 2, width: width - 1), style: .heading)
      if case .refused(let reason) = reading.content {
        let lines = TextWrap.lines("not drawn: " + reason, width: width - 3, symbols: symbols)
        row = max(row, y + (height - lines.count) / 2)
        for line in lines {
          grid.put(line, x: x + 2, y: row, style: .warning)
          row += 1
        }
      }
      return
    }
    let marks = Marks(symbols)
    put(
      rows(
        [
          when, next, marks.discriminatorLegend, marks.generatorLegend,
          feed.trail.isEmpty ? "" : "\(marks.earlier) earlier",
        ], maxRows: 3,
        width: width - 1),
      style: .heading)
    put(rows(numbers(spectrum, marks), maxRows: 2, width: width - 1), style: .text)

    let planeWidth = (width - 4) / 2
    let captionTop = row
    let planeTop = captionTop + 1
    let planeRows = y + height - planeTop - 2
    guard planeRows >= 4, planeWidth >= 12 else { return }
    // Each plane's name and its reference mark, shorter where the plane is narrow.
    let wide = planeWidth >= 32
    let (lambda, mu) = (marks.lambda, marks.mu)
    let earlier = feed.trail.compactMap(\.spectrum)
    let planes:
      [(
        left: Int, values: [GameEigenvalue], trail: [GameEigenvalue], circle: Bool,
        caption: [String]
      )] = [
        (
          x + 1, spectrum.jacobian.sorted { $0.re < $1.re }, earlier.flatMap(\.jacobian), false,
          [
            wide ? "eigenvalues \(lambda) of J" : "\(lambda) of J",
            "\(marks.axis) Re " + (wide ? "\(lambda) " : "") + "= 0",
          ]
        ),
        (
          x + 3 + planeWidth, spectrum.step.sorted { $0.modulus < $1.modulus },
          earlier.flatMap(\.step), true,
          [wide ? "step multipliers \(mu)" : "\(mu) per step", "\(marks.circle) |\(mu)| = 1"]
        ),
      ]
    for plane in planes {
      let caption = rows(plane.caption, maxRows: 1, width: planeWidth)
      grid.put(caption.first ?? "", x: plane.left, y: captionTop, style: .heading)
      let scale = drawPlane(
        plane.values, trail: plane.trail, unitCircle: plane.circle, marks: marks, into: &grid,
        left: plane.left,
        top: planeTop, columns: planeWidth, rows: planeRows, symbols: symbols)
      let range = rows(
        [
          "Re " + rangeLabels(scale.left, scale.right),
          "Im " + symbols.pick("±", "+-") + label(scale.reach),
        ], maxRows: 2, width: planeWidth)
      for (offset, line) in range.enumerated() {
        grid.put(line, x: plane.left, y: planeTop + planeRows + offset, style: .axis)
      }
    }
  }

  /// The characters of the view: a mark per player, the names λ and μ, the axis and the
  /// circle, in Unicode or ASCII.
  struct Marks {
    let discriminator: String
    let generator: String
    let discriminatorLegend: String
    let generatorLegend: String
    let lambda: String
    let mu: String
    /// The imaginary axis and the real axis, drawn as cells.
    let axis: String
    let realAxis: String
    /// An eigenvalue of an earlier spectrum (the trail).
    let earlier: String
    /// What the unit circle's braille dots look like in the caption (in ASCII, the axis
    /// role's plot glyph).
    let circle: String

    init(_ symbols: SymbolSet) {
      discriminator = symbols.pick("◆", "D")
      generator = symbols.pick("■", "G")
      discriminatorLegend = symbols.pick("◆ D's mode", "D: D's mode")
      generatorLegend = symbols.pick("■ G's mode", "G: G's mode")
      lambda = symbols.pick("λ", "lambda")
      mu = symbols.pick("μ", "mu")
      axis = symbols.pick("┊", ":")
      realAxis = symbols.pick("┈", "-")
      earlier = symbols.pick("∙", ".")
      circle = symbols.pick("◯", String(symbols.plotGlyph(for: .axis)))
    }

    func mark(_ player: NetRole) -> (Character, Style) {
      switch player {
      case .discriminator: (Character(discriminator), .discriminator)
      case .generator: (Character(generator), .model)
      }
    }
  }

  /// The three numbers that decide stability, in words.
  static func numbers(_ spectrum: GameSpectrum, _ marks: Marks) -> [String] {
    var parts: [String] = []
    if let rightmost = spectrum.rightmost {
      parts.append(
        "rightmost Re \(marks.lambda) " + NumberFormat.general(rightmost.re)
          + (rightmost.re > 0 ? " (grows)" : " (damps)"))
    }
    parts.append(
      "largest |Im|/|Re| " + NumberFormat.general(spectrum.largestRotation, significant: 2))
    let radius = spectrum.stepRadius
    parts.append(
      // Six digits: a small step's radius is 1 plus a few ten-thousandths.
      "step radius " + NumberFormat.general(radius, significant: 6)
        + (radius > 1 ? " (grows)" : " (damps)"))
    return parts
  }

  /// What a plane spans: its real range and its imaginary reach (± about 0).
  struct PlaneScale {
    var left: Double
    var right: Double
    var reach: Double

    func contains(_ re: Double, _ im: Double) -> Bool {
      re >= left && re <= right && im.magnitude <= reach
    }
  }

  /// One complex plane with equal scales on both axes (a braille dot is about square),
  /// framing every value and 0 (and the unit circle): the axes as lines of cells, the
  /// circle as braille dots, each value as its player's mark in the cell it falls in, the
  /// last drawn on top (the values come rightmost or largest last); the trail's values (of
  /// earlier spectra) dim under them, where they fall inside the plane.
  static func drawPlane(
    _ values: [GameEigenvalue], trail: [GameEigenvalue], unitCircle: Bool, marks: Marks,
    into grid: inout CellGrid,
    left: Int, top: Int, columns: Int, rows: Int, symbols: SymbolSet
  ) -> PlaneScale {
    var canvas = BrailleCanvas(columns: columns, rows: rows)
    let finite = values.filter { $0.re.isFinite && $0.im.isFinite }
    // J's plane frames 0 (its imaginary axis); the step's frames 1 (no change) and its
    // multipliers, so small steps, whose multipliers crowd near 1, are seen against the arc
    // of the unit circle there rather than as one mark on a whole circle.
    let anchor = unitCircle ? 1.0 : 0
    var low = (re: anchor, im: 0.0)
    var high = (re: anchor, im: 0.0)
    for v in finite {
      low = (min(low.re, v.re), min(low.im, v.im))
      high = (max(high.re, v.re), max(high.im, v.im))
    }
    let dotWidth = Double(canvas.dotWidth)
    let dotHeight = Double(canvas.dotHeight)
    let reach = max(high.im, -low.im, 1e-12)
    let centre = (low.re + high.re) / 2
    // Units per dot: the larger of what the real range and the imaginary reach need, with
    // room so no mark sits on the frame.
    let unit = max((high.re - low.re) / (dotWidth - 1), 2 * reach / (dotHeight - 1), 1e-12) * 1.15
    func dot(_ re: Double, _ im: Double) -> DotPoint {
      let dx = ((dotWidth - 1) / 2 + (re - centre) / unit).rounded()
      let dy = ((dotHeight - 1) / 2 - im / unit).rounded()
      return DotPoint(
        x: Int(min(max(dx, 0), dotWidth - 1)), y: Int(min(max(dy, 0), dotHeight - 1)))
    }
    let shown = PlaneScale(
      left: centre - (dotWidth - 1) / 2 * unit, right: centre + (dotWidth - 1) / 2 * unit,
      reach: (dotHeight - 1) / 2 * unit)
    let origin = dot(0, 0)
    grid.fill(
      x: left, y: top + origin.y / 4, width: columns, height: 1,
      with: Character(marks.realAxis), style: .dim)
    if shown.contains(0, 0) {
      grid.fill(
        x: left + origin.x / 2, y: top, width: 1, height: rows, with: Character(marks.axis),
        style: unitCircle ? .dim : .axis)
    }
    if unitCircle {
      // The part of |μ| = 1 in view, one dot per dot column and per dot row (so the arc
      // is unbroken at any zoom, at a cost bounded by the canvas).
      for x in 0..<canvas.dotWidth {
        let re = shown.left + Double(x) * unit
        guard re.magnitude <= 1 else { continue }
        let im = (1 - re * re).squareRoot()
        for (a, b) in [(re, im), (re, -im)] where shown.contains(a, b) {
          let p = dot(a, b)
          canvas.setDot(x: p.x, y: p.y, style: .axis)
        }
      }
      for y in 0..<canvas.dotHeight {
        let im = ((dotHeight - 1) / 2 - Double(y)) * unit
        guard im.magnitude <= 1 else { continue }
        let re = (1 - im * im).squareRoot()
        for (a, b) in [(re, im), (-re, im)] where shown.contains(a, b) {
          let p = dot(a, b)
          canvas.setDot(x: p.x, y: p.y, style: .axis)
        }
      }
    }
    canvas.draw(into: &grid, left: left, top: top, symbols: symbols)
    for v in trail where shown.contains(v.re, v.im) {
      let p = dot(v.re, v.im)
      grid[left + p.x / 2, top + p.y / 4] = Cell(Character(marks.earlier), .dim)
    }
    for v in finite {
      let p = dot(v.re, v.im)
      let (character, style) = marks.mark(v.dominantPlayer)
      grid[left + p.x / 2, top + p.y / 4] = Cell(character, style)
    }
    return shown
  }

  /// "a to b" with the fewest digits that tell the ends apart (a step's multipliers may
  /// span 0.99990 to 1.0004).
  static func rangeLabels(_ a: Double, _ b: Double) -> String {
    var digits = 2
    while digits < 8,
      NumberFormat.general(a, significant: digits) == NumberFormat.general(b, significant: digits)
    {
      digits += 1
    }
    return NumberFormat.general(a, significant: digits) + " to "
      + NumberFormat.general(b, significant: digits)
  }

  private static func label(_ x: Double) -> String {
    NumberFormat.general(x, significant: 2)
  }
}
