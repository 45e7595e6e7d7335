import GANCore

/// `figure --kind spectrum`: the game's spectrum at one state as two panels of the complex
/// plane (real across, imaginary up): the eigenvalues λ of the Jacobian J with the
/// imaginary axis marked (right of it a mode grows), and the multipliers μ of the step
/// taken with the unit circle marked (outside it a mode grows). Each point is coloured by
/// the player holding most of its eigenvector: D blue, G green, as D(x) and p_g are drawn.
public enum SpectrumPicture {
  static let discriminatorColour = "#1f5fbf"
  static let generatorColour = "#2a9d3a"

  public static func render(_ spectrum: GameSpectrum, width: Int, height: Int) -> String {
    var svg = SVGWriter()
    let (w, h) = (Double(width), Double(height))
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("width", "\(width)"), ("height", "\(height)"),
        ("viewBox", "0 0 \(width) \(height)"), ("font-family", "sans-serif"),
      ])
    svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
    let method: String
    switch spectrum.method {
    case .full: method = "every eigenvalue (dgeev)"
    case .arnoldi(let steps):
      method = "outer eigenvalues (Arnoldi, \(min(steps, spectrum.dimension)) products)"
    }
    svg.text(
      "iteration \(spectrum.iteration), n = \(spectrum.dimension): \(method); D blue, G green",
      at: SVGPoint(x: 16, y: 22), [("font-size", "14")])
    let panelWidth = (w - 48) / 2
    let top = 40.0
    let size = (width: panelWidth, height: h - top - 40)
    panel(
      &svg, spectrum.jacobian, origin: SVGPoint(x: 16, y: top), size: size,
      title: "eigenvalues of J (imaginary axis dashed)", unitCircle: false)
    panel(
      &svg, spectrum.step, origin: SVGPoint(x: 32 + panelWidth, y: top), size: size,
      title: "step multipliers (unit circle dashed)", unitCircle: true)
    svg.close()
    return svg.document
  }

  /// One complex plane with equal scales on both axes, framing every point (and the unit
  /// circle, or the imaginary axis).
  private static func panel(
    _ svg: inout SVGWriter, _ values: [GameEigenvalue], origin: SVGPoint,
    size: (width: Double, height: Double), title: String, unitCircle: Bool
  ) {
    let finite = values.filter { $0.re.isFinite && $0.im.isFinite }
    var low = (re: unitCircle ? -1.1 : 0.0, im: unitCircle ? -1.1 : 0.0)
    var high = (re: unitCircle ? 1.1 : 0.0, im: unitCircle ? 1.1 : 0.0)
    for v in finite {
      low = (min(low.re, v.re), min(low.im, v.im))
      high = (max(high.re, v.re), max(high.im, v.im))
    }
    let reach = max(high.im, -low.im, 1e-12)
    (low.im, high.im) = (-reach, reach)
    let centre = ((low.re + high.re) / 2, 0.0)
    let span = max((high.re - low.re) / size.width, 2 * reach / size.height, 1e-12) * 1.1
    func point(_ re: Double, _ im: Double) -> SVGPoint {
      SVGPoint(
        x: origin.x + size.width / 2 + (re - centre.0) / span,
        y: origin.y + size.height / 2 - im / span)
    }
    svg.element(
      "rect",
      [
        ("x", SVGWriter.number(origin.x)), ("y", SVGWriter.number(origin.y)),
        ("width", SVGWriter.number(size.width)), ("height", SVGWriter.number(size.height)),
        ("fill", "none"), ("stroke", "#888"),
      ])
    svg.text(title, at: SVGPoint(x: origin.x + 6, y: origin.y + 16), [("font-size", "13")])
    let axis = [("stroke", "#666"), ("stroke-width", "1")]
    let left = centre.0 - size.width / 2 * span
    let right = centre.0 + size.width / 2 * span
    svg.line(from: point(left, 0), to: point(right, 0), axis)
    let dashed = axis + [("stroke-dasharray", "4 3")]
    if unitCircle {
      let c = point(0, 0)
      svg.element(
        "circle",
        [
          ("cx", SVGWriter.number(c.x)), ("cy", SVGWriter.number(c.y)),
          ("r", SVGWriter.number(1 / span)), ("fill", "none"),
        ] + dashed)
    } else {
      let bottom = -size.height / 2 * span
      svg.line(from: point(0, bottom), to: point(0, -bottom), dashed)
    }
    for v in finite {
      let p = point(v.re, v.im)
      let colour: String
      switch v.dominantPlayer {
      case .discriminator: colour = discriminatorColour
      case .generator: colour = generatorColour
      }
      svg.element(
        "circle",
        [
          ("cx", SVGWriter.number(p.x)), ("cy", SVGWriter.number(p.y)), ("r", "3"),
          ("fill", colour), ("class", "eigenvalue"),
        ])
    }
    let scale = "re \(label(left))…\(label(right)), im ±\(label(size.height / 2 * span))"
    svg.text(
      scale, at: SVGPoint(x: origin.x + 6, y: origin.y + size.height - 8),
      [("font-size", "11"), ("fill", "#555")])
  }

  private static func label(_ x: Double) -> String {
    NumberFormat.trimmed(NumberFormat.fixed(x, decimals: abs(x) < 0.1 ? 4 : 2))
  }
}
