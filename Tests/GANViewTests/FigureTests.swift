import Foundation
import GANCore
import Testing

@testable import GANView

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An element of a parsed SVG document.
final class XMLNode {
  let name: String
  let attributes: [String: String]
  var children: [XMLNode] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  var classes: Set<String> {
    Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
  }

  /// This element and every element below it, in document order.
  var all: [XMLNode] { [self] + children.flatMap(\.all) }

  /// Its text and the text of every element below it, in document order.
  var allText: String { text + children.map(\.allText).joined() }

  /// `allText` without the indentation around it.
  var content: String { allText.trimmingCharacters(in: .whitespacesAndNewlines) }

  func elements(withClass name: String) -> [XMLNode] {
    all.filter { $0.classes.contains(name) }
  }
}

/// Parses a document with Foundation's XMLParser; nil when it is not well-formed XML.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
  private var stack: [XMLNode] = []
  private(set) var root: XMLNode?

  static func parse(_ text: String) -> XMLNode? {
    let parser = XMLParser(data: Data(text.utf8))
    let builder = XMLTreeBuilder()
    parser.delegate = builder
    return parser.parse() ? builder.root : nil
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    let node = XMLNode(name: elementName, attributes: attributeDict)
    if let parent = stack.last { parent.children.append(node) } else { root = node }
    stack.append(node)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.text += string
  }
}

@Suite struct FigureTests {
  static let iterations = [40, 40, 41, 5000]

  /// Four panels from the fixture, as the figure command builds them.
  static func panels(targetName: String = "gaussian") -> [FigurePanel] {
    iterations.enumerated().map { index, iteration in
      var snapshot = Fixture.snapshot(iteration: iteration)
      snapshot.targetName = targetName
      let label = "(" + ["a", "b", "c", "d"][index] + ")"
      return FigurePanel(
        snapshot: snapshot, label: label, note: "moment \(index)",
        showsOptimalDiscriminator: index == 1)
    }
  }

  static func parsed(_ panels: [FigurePanel], width: Int = 1200, height: Int = 360) -> XMLNode? {
    XMLTreeBuilder.parse(FigureRenderer.render(panels: panels, width: width, height: height))
  }

  static func panelGroups(_ root: XMLNode) -> [XMLNode] {
    root.all.filter { ($0.attributes["id"] ?? "").hasPrefix("panel-") }
  }

  @Test func fourPanelsAreWellFormedSVGWithEverySeries() throws {
    let root = try #require(Self.parsed(Self.panels()))
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["width"] == "1200" && root.attributes["height"] == "360")

    let groups = Self.panelGroups(root)
    #expect(groups.map { $0.attributes["id"] } == ["panel-a", "panel-b", "panel-c", "panel-d"])
    for group in groups {
      let id = group.attributes["id"] ?? "?"
      #expect(group.name == "g")
      for series in ["p-data", "p-g", "d"] {
        let found = group.elements(withClass: series).filter { $0.classes.contains("series") }
        #expect(found.count == 1, "\(id) has \(found.count) \(series)")
        let data = found.first?.attributes["d"] ?? ""
        #expect(data.hasPrefix("M") && data.count > 100, "\(id) \(series) is drawn")
      }
      let mapping = group.elements(withClass: "mapping")
      #expect(mapping.count == 1)
      let arrows = mapping.first?.elements(withClass: "arrow") ?? []
      #expect((8...15).contains(arrows.count), "\(id) has \(arrows.count) arrows")
      for arrow in arrows {
        #expect(arrow.children.map(\.name) == ["line", "polygon"])
      }
    }
  }

  @Test func optimalDiscriminatorOnlyInThePanelThatAsksForIt() throws {
    let root = try #require(Self.parsed(Self.panels()))
    let counts = Self.panelGroups(root).map { $0.elements(withClass: "d-star").count }
    #expect(counts == [0, 1, 0, 0])
    // And the legend names it, since a panel shows it.
    #expect(root.elements(withClass: "legend").map(\.content).contains("D*(x)"))
    let without = Self.panels().map { panel -> FigurePanel in
      var plain = panel
      plain.showsOptimalDiscriminator = false
      return plain
    }
    let plainRoot = try #require(Self.parsed(without))
    #expect(plainRoot.elements(withClass: "d-star").isEmpty)
  }

  /// A critic (here the relativistic loss's, drifted to about −20: M = 20) is drawn on its own
  /// −M…M axis like the terminal's plot: labelled so, its curve inside the plot rather than
  /// flat on the bottom edge, and with no D*, which a critic does not have.
  @Test func aCriticIsDrawnOnItsOwnAxisWithoutDStar() throws {
    let panels = Self.panels().map { panel -> FigurePanel in
      var critic = panel
      critic.snapshot.hyperparameters.loss = .relativistic
      critic.snapshot.discriminator = critic.snapshot.discriminator.map { 3 * $0 - 20 }
      return critic
    }
    let root = try #require(Self.parsed(panels))
    #expect(root.elements(withClass: "d-star").isEmpty)
    let legend = root.elements(withClass: "legend").map(\.content)
    #expect(legend.contains("D(x), critic") && !legend.contains("D*(x)"))
    for group in Self.panelGroups(root) {
      let labels = group.elements(withClass: "axes").first?.allText ?? ""
      #expect(labels.contains("−20") && labels.contains("0"))
      let d = group.elements(withClass: "d").first { $0.classes.contains("series") }
      let ys = (d?.attributes["d"] ?? "").split(whereSeparator: { "ML ".contains($0) })
        .compactMap { pair in pair.split(separator: ",").last.flatMap { Double($0) } }
      #expect(ys.count > 10 && Set(ys.map { ($0 * 10).rounded() }).count > 3, "D has a shape")
    }
  }

  @Test func labelsIterationsAndNotesAppearUnderTheirPanels() throws {
    let root = try #require(Self.parsed(Self.panels()))
    for (index, group) in Self.panelGroups(root).enumerated() {
      let caption = group.elements(withClass: "caption").first?.allText ?? ""
      #expect(caption.contains("(" + ["a", "b", "c", "d"][index] + ")"))
      #expect(caption.contains("iteration \(Self.iterations[index])"))
      let note = group.elements(withClass: "note").first?.allText ?? ""
      #expect(note.contains("moment \(index)"))
      #expect(note.contains("JSD"))
    }
    let legend = root.elements(withClass: "legend").map(\.content)
    #expect(legend.contains("pdata") && legend.contains("pg") && legend.contains("D(x)"))
  }

  @Test func textIsEscaped() throws {
    let name = "mix(a&b) <x> \"q\" 'y'"
    let text = FigureRenderer.render(
      panels: Self.panels(targetName: name), width: 1200, height: 360)
    #expect(!text.contains("<x>"))
    #expect(text.contains("&amp;") && text.contains("&lt;x&gt;"))
    let root = try #require(XMLTreeBuilder.parse(text))
    let run = root.elements(withClass: "run").first?.allText ?? ""
    #expect(run.contains(name))
    let title = root.all.first { $0.name == "title" }?.allText ?? ""
    #expect(title.contains(name))

    // A note or label with markup characters, and characters XML cannot hold at all.
    var panel = Self.panels()[0]
    panel.label = "<(a)>"
    panel.note = "D & G \u{1} \"quoted\""
    let single = try #require(Self.parsed([panel], width: 440))
    #expect(single.elements(withClass: "caption").first?.allText.contains("<(a)>") == true)
    #expect(single.elements(withClass: "note").first?.allText.contains("D & G  \"quoted\"") == true)
  }

  @Test func escapingTable() {
    #expect(SVGWriter.escaped("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
    #expect(SVGWriter.escaped("tab\tok\u{0}\u{1F}x") == "tab\tokx")
    #expect(SVGWriter.escaped("½ ≈ ∇D") == "½ ≈ ∇D")
  }

  @Test func selfContainedOnWhite() throws {
    let text = FigureRenderer.render(panels: Self.panels(), width: 1200, height: 360)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    #expect(text.hasSuffix("</svg>\n"))
    for reference in ["href", "url(", "@import", "<image", "<script", "<style"] {
      #expect(!text.contains(reference), "\(reference)")
    }
    let root = try #require(XMLTreeBuilder.parse(text))
    let background = root.children.first { $0.classes.contains("background") }
    #expect(background?.attributes["fill"] == "#ffffff")
    #expect(background?.attributes["width"] == "1200")
    let families = Set(root.all.compactMap { $0.attributes["font-family"] })
    #expect(families.isSubset(of: ["sans-serif", "serif"]))
    // No coordinate is ever written as nan or inf.
    #expect(!text.contains("nan") && !text.contains("inf"))
  }

  @Test func seriesHaveThePapersStyles() throws {
    let root = try #require(Self.parsed(Self.panels()))
    let panel = Self.panelGroups(root)[1]
    func style(_ name: String) -> [String: String] {
      panel.elements(withClass: name).first { $0.classes.contains("series") }?.attributes ?? [:]
    }
    #expect(style("p-data")["stroke"] == "#000000")
    #expect(style("p-data")["stroke-dasharray"] != nil)
    #expect(style("p-g")["stroke-dasharray"] == nil)
    #expect(style("d")["stroke-dasharray"] != nil)
    #expect(style("d-star")["stroke-dasharray"] == nil)
    #expect(style("p-g")["stroke"] != style("d")["stroke"])
  }

  @Test func arrowsRunFromTheZLineUpToTheXLine() throws {
    let root = try #require(Self.parsed(Self.panels()))
    let mapping = try #require(Self.panelGroups(root).first?.elements(withClass: "mapping").first)
    let xLine = try #require(mapping.elements(withClass: "x-line").first)
    let zLine = try #require(mapping.elements(withClass: "z-line").first)
    let xY = Double(xLine.attributes["y1"] ?? "") ?? .nan
    let zY = Double(zLine.attributes["y1"] ?? "") ?? .nan
    #expect(zY > xY + 20)
    for arrow in mapping.elements(withClass: "arrow") {
      let shaft = arrow.children[0].attributes
      #expect(Double(shaft["y1"] ?? "") == zY)
      let tip = (arrow.children[1].attributes["points"] ?? "").split(separator: " ").first
      let tipY = tip.flatMap { Double($0.split(separator: ",").last ?? "") } ?? .nan
      #expect(abs(tipY - (xY + 1)) < 0.01, "the head's tip touches the x line")
    }
  }

  @Test func arrowSubsamplingIsEvenAndCentred() {
    let indices = FigurePanelDrawing.arrowIndices(count: 33, width: 280)
    #expect((10...15).contains(indices.count))
    #expect(indices.first == 32 - (indices.last ?? 0))
    let gaps = Set(zip(indices, indices.dropFirst()).map { $1 - $0 })
    #expect(gaps.count == 1)
    #expect(FigurePanelDrawing.arrowIndices(count: 0, width: 280).isEmpty)
    #expect(FigurePanelDrawing.arrowIndices(count: 33, width: 20).count >= 3)
  }

  @Test func onePanelAndNoPanels() throws {
    let one = try #require(Self.parsed([Self.panels()[3]], width: 440))
    #expect(Self.panelGroups(one).map { $0.attributes["id"] } == ["panel-a"])
    // The lone panel labels both of its axes.
    let axes = Self.panelGroups(one)[0].elements(withClass: "axes").first?.allText ?? ""
    #expect(axes.contains("½") && axes.contains("0.5"))

    let none = try #require(Self.parsed([]))
    #expect(Self.panelGroups(none).isEmpty)
    #expect(none.allText.contains("no snapshots"))
  }

  @Test func brokenNumbersAndAnEmpiricalTargetStillDraw() throws {
    var snapshot = Fixture.snapshot(diverged: 7)
    snapshot.dataDensity = []
    snapshot.modelHistogram[10] = .nan
    snapshot.modelHistogram[11] = .infinity
    snapshot.discriminator = snapshot.discriminator.map { _ in .nan }
    snapshot.mappingX[3] = .nan
    snapshot.mappingX[4] = -1e30
    snapshot.modelHistogram[20] = 3e38
    snapshot.metrics.jensenShannon = .nan
    let text = FigureRenderer.render(
      panels: [FigurePanel(snapshot: snapshot, label: "(a)")], width: 440, height: 360)
    let root = try #require(XMLTreeBuilder.parse(text))
    let panel = try #require(Self.panelGroups(root).first)
    let data = panel.elements(withClass: "p-data").first { $0.classes.contains("series") }
    let dataPath = data?.attributes["d"] ?? ""
    #expect(dataPath.hasPrefix("M"), "p_data falls back to its histogram")
    let d = panel.elements(withClass: "d").first { $0.classes.contains("series") }
    #expect(d?.attributes["d"] == "", "a D that is all NaN draws nothing, and breaks nothing")
    #expect(panel.elements(withClass: "note").first?.allText.contains("diverged at 7") == true)
    #expect(!text.contains("nan,") && !text.contains("Mnan") && !text.contains("Lnan"))
  }

  @Test func pathDataBreaksAtGaps() {
    let points: [SVGPoint?] = [
      SVGPoint(x: 0, y: 1), SVGPoint(x: 1.25, y: 2), nil, SVGPoint(x: 3, y: 3), nil,
      SVGPoint(x: 4, y: -0.5), SVGPoint(x: 5, y: 6.789),
    ]
    #expect(SVGWriter.pathData(points) == "M0 1 L1.25 2 M4 -0.5 L5 6.79")
    #expect(SVGWriter.tickLabel(-1, step: 0.5, decimals: 1) == "−1.0")
    #expect(SVGWriter.tickLabel(1e-17, step: 0.5, decimals: 1) == "0.0")
  }

  @Test func renderingIsAPureFunction() {
    let a = FigureRenderer.render(panels: Self.panels(), width: 1000, height: 300)
    let b = FigureRenderer.render(panels: Self.panels(), width: 1000, height: 300)
    #expect(a == b)
  }

  @Test(arguments: [(680, 200), (1200, 360), (2400, 900), (4000, 2000)])
  func everySizeTheCommandAcceptsIsWellFormed(size: (Int, Int)) throws {
    let root = try #require(Self.parsed(Self.panels(), width: size.0, height: size.1))
    #expect(Self.panelGroups(root).count == 4)
  }
}
