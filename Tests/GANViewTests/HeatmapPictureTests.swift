import Foundation
import Testing

@testable import GANView

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The sweep's heatmap picture: well-formed SVG whatever its labels say, a rect per cell
/// with its number in ink that contrasts with it, and the colour bar's range printed.
@Suite struct HeatmapPictureTests {
  let picture = HeatmapPicture(
    title: "jsd: mean over seeds", x: "k", y: "target <&\"'>",
    xValues: ["1", "5"], yValues: ["a&b", "<mix>"],
    cells: [
      [.value(text: "0.02", position: 0), .value(text: "0.4", position: 1)],
      [.noValue, .empty],
    ],
    range: (lower: "0.02", upper: "0.4"))

  final class Collector: NSObject, XMLParserDelegate {
    var rects: [[String: String]] = []
    var texts: [String] = []
    var current = ""
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      if name == "rect" { rects.append(attributes) }
      current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      if name == "text" { texts.append(current) }
    }
  }

  @Test func theSVGParsesAndSaysEverything() throws {
    let parser = XMLParser(data: Data(picture.svg().utf8))
    let collector = Collector()
    parser.delegate = collector
    #expect(parser.parse())
    // The background, three drawn cells (the empty one too, in white) and 20 bar steps.
    #expect(collector.rects.count == 1 + 4 + 20)
    for label in ["0.02", "0.4", "×", "a&b", "<mix>", "target <&\"'>", "k", "1", "5"] {
      #expect(collector.texts.contains(label), "\(label)")
    }
    // The range is printed twice: as the bar's ends and in the cells.
    #expect(collector.texts.filter { $0 == "0.4" }.count == 2)
  }

  @Test func numbersContrastWithTheirCells() {
    let svg = picture.svg()
    // The darkest cell (position 0) has white ink, the lightest (1) black ink.
    #expect(svg.contains("fill=\"#ffffff\">0.02<") && svg.contains("fill=\"#000000\">0.4<"))
    #expect(HeatmapPicture.color(0) == "#440154" && HeatmapPicture.color(1) == "#fde725")
  }
}
