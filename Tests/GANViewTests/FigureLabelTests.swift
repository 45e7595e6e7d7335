import GANCore
import Testing

@testable import GANView

/// No two labels of a picture overlap: every `<text>` of Figure 1 (from a real run's story)
/// and of each picture of a run over time, at the default size and at `--width 2400`, has a
/// box — its width estimated as characters × 0.6 × font size, its height the font size above
/// the baseline — that meets no other's. Rotated text (an axis name) is left out.
@Suite struct FigureLabelTests {
  /// A label's box in the picture's user units.
  struct Box: CustomStringConvertible {
    var text: String
    var left, right, top, bottom: Double

    func meets(_ other: Box) -> Bool {
      // A pixel of slack: labels that only touch do not collide.
      left < other.right - 1 && other.left < right - 1 && top < other.bottom - 1
        && other.top < bottom - 1
    }

    var description: String {
      "\"\(text)\" x \(Int(left))-\(Int(right)) y \(Int(top))-\(Int(bottom))"
    }
  }

  /// The boxes of every unrotated text element of `svg`.
  static func boxes(_ svg: String) throws -> [Box] {
    let root = try #require(XMLTreeBuilder.parse(svg))
    let defaultSize = Double(root.attributes["font-size"] ?? "") ?? FigureLayout.fontSize
    return root.all.filter { $0.name == "text" && $0.attributes["transform"] == nil }.compactMap {
      node in
      let text = node.content
      guard !text.isEmpty, let x = Double(node.attributes["x"] ?? ""),
        let y = Double(node.attributes["y"] ?? "")
      else { return nil }
      let size = Double(node.attributes["font-size"] ?? "") ?? defaultSize
      let width = Double(text.count) * 0.6 * size
      let left: Double
      switch node.attributes["text-anchor"] {
      case "middle": left = x - width / 2
      case "end": left = x - width
      default: left = x
      }
      return Box(
        text: text, left: left, right: left + width, top: y - size * 0.8, bottom: y + size * 0.2)
    }
  }

  static func overlaps(_ svg: String) throws -> [String] {
    let boxes = try boxes(svg)
    var found: [String] = []
    for i in boxes.indices {
      for j in boxes.indices where j > i && boxes[i].meets(boxes[j]) {
        found.append("\(boxes[i]) and \(boxes[j])")
      }
    }
    return found
  }

  /// Figure 1 of a real run, as `ganscope figure` draws it by default.
  static let story: [FigurePanel] = {
    var config = TrainingConfig(target: try! Target.parse("gaussian"), seed: 1)
    config.hyperparameters.discriminatorSteps = 5
    return FigureStory.story(config: config).panels
  }()

  @Test(arguments: [(1200, 360), (2400, 720)])
  func figureOneLabelsDoNotOverlap(size: (Int, Int)) throws {
    let svg = FigureRenderer.render(panels: Self.story, width: size.0, height: size.1)
    let found = try Self.overlaps(svg)
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  @Test(arguments: RunFigure.Kind.allCases, [900, 2400])
  func runFigureLabelsDoNotOverlap(kind: RunFigure.Kind, width: Int) throws {
    let svg = RunFigure.render(
      kind: kind, history: RunFigureTests.history, snapshot: RunHistoryTests.frame(599),
      metric: Metric.named("c_g")!, width: width, height: 520)
    let found = try Self.overlaps(svg)
    #expect(found.isEmpty, "\(kind): \(found.joined(separator: "\n"))")
  }

  /// Panel (c) draws the G step: p_g before it as a ghost and each sample's move, magnified.
  @Test func panelCShowsTheStep() throws {
    let c = Self.story[2]
    let before = try #require(c.before)
    #expect(c.moveScale >= 1)
    let svg = FigureRenderer.render(panels: Self.story, width: 1200, height: 360)
    #expect(svg.contains("class=\"series p-g-before\"") && svg.contains("class=\"moves\""))
    #expect(c.note.contains("×\(Int(c.moveScale))"))
    // The story picks a moment where the G step lowers the JSD.
    #expect(c.snapshot.metrics.jensenShannon < before.metrics.jensenShannon)
    #expect(Self.story[3].note.contains("D ≈ ½ where p_data lives"))
    #expect(Self.story[1].note.contains("|D−D*|"))
  }
}
