import GANCore

/// Figure 1 of Goodfellow et al. (2014) as a self-contained SVG picture: panels side by side,
/// each a moment of training drawn the paper's way (p_data black dotted, p_g green solid,
/// D(x) blue dashed, and the map z → x = G(z) as arrows under it), with axes, a legend and
/// a caption per panel. Pure: the same panels and size always give the same text.
///
/// Every panel is a `<g id="panel-a">` (b, c, …) and every series an element with a class
/// naming it (`series p-data`, `series p-g`, `series d`, `series d-star`, `mapping`), so
/// tests and style sheets can find them.
public enum FigureRenderer {
  /// Room the density axis leaves above the highest peak.
  static let headroom = 1.15
  /// How far p_g may rise above p_data before it is clipped at the top of the plot: a G
  /// collapsed to a spike would otherwise flatten every other curve.
  static let modelPeakLimit = 1.5

  /// The size the figure's text and strokes are designed for: four panels at 1200 × 360,
  /// one at 440 × 360. A larger picture is the same drawing scaled up, text included.
  public static func designSize(panelCount: Int) -> (width: Int, height: Int) {
    (panelCount == 1 ? 440 : 300 * max(panelCount, 1), 360)
  }

  /// How much larger than its design size a picture of `width` × `height` is drawn (the
  /// smaller of the two ratios, so text fits both ways; at least ½).
  public static func scale(width: Int, height: Int, panelCount: Int) -> Double {
    let design = designSize(panelCount: panelCount)
    let ratio = min(Double(width) / Double(design.width), Double(height) / Double(design.height))
    return max(ratio, 0.5)
  }

  public static func render(panels: [FigurePanel], width: Int, height: Int) -> String {
    let header = panels.last.map(headerText) ?? ""
    let pack = panels.last?.snapshot.hyperparameters.stabilizers.pack ?? 1
    let legend = legendEntries(
      showsOptimal: panels.contains {
        $0.showsOptimalDiscriminator && DiscriminatorScale($0.snapshot).hasOptimum
      }, showsBefore: panels.contains { $0.before != nil }, pack: pack,
      critic: panels.last.map { DiscriminatorScale($0.snapshot).isCritic } ?? false)
    let legendWidth = legend.reduce(0.0) { $0 + $1.width }
    // Laid out at the design scale in the viewBox's units; the viewer scales it to the size.
    let scale = scale(width: width, height: height, panelCount: panels.count)
    let (viewWidth, viewHeight) = (Double(width) / scale, Double(height) / scale)
    let oneRow = FigureLayout(
      width: viewWidth, height: viewHeight, panelCount: panels.count, legendRows: 1)
    let headerWidth = FigureLayout.textWidth(header, fontSize: FigureLayout.smallFontSize)
    let fits = oneRow.marginLeft + legendWidth + 16 + headerWidth <= oneRow.width - 8
    let layout =
      fits
      ? oneRow
      : FigureLayout(
        width: viewWidth, height: viewHeight, panelCount: panels.count, legendRows: 2)

    var svg = SVGWriter()
    let w = SVGWriter.number(Double(width))
    let h = SVGWriter.number(Double(height))
    let viewBox = "0 0 \(SVGWriter.number(layout.width)) \(SVGWriter.number(layout.height))"
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("width", w),
        ("height", h), ("viewBox", viewBox), ("font-family", "sans-serif"),
        ("font-size", SVGWriter.number(FigureLayout.fontSize)),
      ])
    svg.open("title")
    svg.raw(SVGWriter.escaped("Figure 1 of Goodfellow et al. (2014), from a run: " + header))
    svg.close()
    svg.element(
      "rect",
      [
        ("class", "background"), ("x", "0"), ("y", "0"),
        ("width", SVGWriter.number(layout.width)), ("height", SVGWriter.number(layout.height)),
        ("fill", "#ffffff"),
      ])
    // One exit on purpose: with an early `return` after a `close()` in a guard, Swift 6.3.1
    // at -O dropped the final `close()` of the other path, and the document lost `</svg>`
    // (FigureTests check the ending and parse every document).
    if panels.isEmpty {
      svg.text(
        "no snapshots to draw", at: SVGPoint(x: layout.width / 2, y: layout.height / 2),
        [("text-anchor", "middle"), ("fill", FigureStyle.noteText)])
    } else {
      drawPanels(panels, header: header, legend: legend, layout: layout, into: &svg)
    }
    svg.close()
    return svg.document
  }

  static func drawPanels(
    _ panels: [FigurePanel], header: String, legend: [LegendEntry], layout: FigureLayout,
    into svg: inout SVGWriter
  ) {
    drawLegend(legend, layout: layout, into: &svg)
    svg.text(
      header,
      at: SVGPoint(
        x: layout.width - layout.marginRight, y: layout.legendBaseline(layout.legendRows - 1)),
      [
        ("class", "run"), ("text-anchor", "end"),
        ("font-size", SVGWriter.number(FigureLayout.smallFontSize)),
        ("fill", FigureStyle.noteText),
      ])

    let densityMax = sharedDensityMax(panels)
    let domain = sharedDomain(panels)
    for (index, panel) in panels.enumerated() {
      FigurePanelDrawing(
        panel: panel, index: index, layout: layout, densityMax: densityMax, domain: domain,
        headerTarget: panels.last?.snapshot.targetName ?? ""
      ).draw(into: &svg)
    }
  }

  /// One x range for every panel, so the same x is at the same place in each: the union of
  /// the panels' view grids.
  static func sharedDomain(_ panels: [FigurePanel]) -> ClosedRange<Double> {
    let grids = panels.map(\.snapshot.grid).filter { $0.lower.isFinite && $0.upper.isFinite }
    guard let lower = grids.map(\.lower).min(), let upper = grids.map(\.upper).max(),
      upper > lower
    else { return 0...1 }
    return lower...upper
  }

  /// What the run was: target, prior, k and seed (of the last panel, the newest moment).
  static func headerText(_ panel: FigurePanel) -> String {
    let s = panel.snapshot
    return "target \(s.targetName) · prior \(s.prior.rawValue) · k = "
      + "\(s.hyperparameters.discriminatorSteps) · m = \(s.hyperparameters.batchSize) · seed \(s.seed)"
  }

  /// The top of the density axis, shared by every panel: the highest peak with some room,
  /// where p_g counts only up to `modelPeakLimit` times p_data's peak.
  static func sharedDensityMax(_ panels: [FigurePanel]) -> Double {
    var peak = 0.0
    for panel in panels {
      let s = panel.snapshot
      let data = (s.dataDensity.isEmpty ? s.dataHistogram : s.dataDensity).finiteMaximum
      let model = s.modelHistogram.finiteMaximum
      peak = max(peak, data, data > 0 ? min(model, modelPeakLimit * data) : model)
    }
    return peak > 0 ? peak * headroom : 1
  }

  // MARK: Legend

  struct LegendEntry {
    var name: [(String, [(String, String)])]
    var className: String
    var style: [(String, String)]
    var isArrow = false

    var width: Double {
      let characters = name.reduce(0) { $0 + $1.0.count }
      return 30 + Double(characters) * FigureLayout.fontSize * 0.6 + 18
    }
  }

  /// `pack`: D's pack size; a packed D's curve is D on the diagonal, named so. `critic`: D
  /// is an unbounded critic on its own −M…M axis, named so.
  static func legendEntries(
    showsOptimal: Bool, showsBefore: Bool = false, pack: Int = 1, critic: Bool = false
  ) -> [LegendEntry] {
    let lowered: [(String, String)] = [("font-size", "9"), ("dy", "3")]
    var entries = [
      LegendEntry(
        name: [("p", []), ("data", lowered)], className: "legend p-data",
        style: FigureStyle.data),
      LegendEntry(
        name: [("p", []), ("g", lowered)], className: "legend p-g", style: FigureStyle.model),
      LegendEntry(
        name: [
          ((pack == 1 ? "D(x)" : "D(x,…,x), packs of \(pack)") + (critic ? ", critic" : ""), [])
        ], className: "legend d",
        style: FigureStyle.discriminator),
    ]
    if showsOptimal {
      entries.append(
        LegendEntry(
          name: [("D*(x)", [])], className: "legend d-star", style: FigureStyle.optimal))
    }
    if showsBefore {
      entries.append(
        LegendEntry(
          name: [
            ("(c) before: p", []), ("g", [("font-size", "9"), ("dy", "3")]),
          ],
          className: "legend p-g-before", style: FigureStyle.modelBefore))
    }
    entries.append(
      LegendEntry(
        name: [("x = G(z)", [])], className: "legend mapping", style: [], isArrow: true))
    return entries
  }

  static func drawLegend(_ entries: [LegendEntry], layout: FigureLayout, into svg: inout SVGWriter)
  {
    let baseline = layout.legendBaseline(0)
    var x = layout.marginLeft
    for entry in entries {
      svg.open("g", [("class", entry.className)])
      let a = SVGPoint(x: x, y: baseline - 4)
      let b = SVGPoint(x: x + 26, y: baseline - 4)
      if entry.isArrow {
        FigurePanelDrawing.arrowShape(from: a, to: b, into: &svg)
      } else {
        svg.line(from: a, to: b, entry.style)
      }
      svg.text(entry.name, at: SVGPoint(x: x + 31, y: baseline), [("fill", "#000000")])
      svg.close()
      x += entry.width
    }
  }
}

extension [Float] {
  /// The largest finite element, or 0.
  fileprivate var finiteMaximum: Double {
    var result = 0.0
    for value in self where value.isFinite { result = Swift.max(result, Double(value)) }
    return result
  }
}
