/// What a played scenario says on screen (`ganscope demo NAME`, `ganscope tour`): which
/// step of which script is showing, its caption, and whether the run waits for space.
public struct Caption: Sendable, Equatable {
  /// The box's top border: the scenario and the step ("figure1 · step 2 of 5 · keys d").
  public var heading: String
  /// The step's caption: what to look at.
  public var text: String
  /// On the right of the top border: what space does now ("space: go on"), or where the
  /// script goes next; nil for nothing.
  public var prompt: String?
  /// Whether the run waits at a pause point (the prompt then asks for attention).
  public var waiting: Bool

  public init(heading: String, text: String, prompt: String? = nil, waiting: Bool = false) {
    self.heading = heading
    self.text = text
    self.prompt = prompt
    self.waiting = waiting
  }
}

/// The caption box above the footer: a border carrying the heading and the prompt, and the
/// caption in plain text, wrapped, below it. It takes rows from the body (the plot shrinks)
/// rather than covering the figure it talks about.
enum CaptionPane {
  /// Lines of caption text: up to three at every size, so a caption of about 200
  /// characters is read whole even at 80×24 (the plot gives up the rows).
  static let maxLines = 3

  static func textLines(_ caption: Caption, width: Int, height: Int, symbols: SymbolSet)
    -> [String]
  {
    let lines = TextWrap.lines(
      caption.text, width: width - 4, maxLines: Self.maxLines, symbols: symbols)
    return lines.isEmpty ? [""] : lines
  }

  /// One drawer per row of the box, top to bottom, for `Screen.Chrome.bottomRows`.
  static func rows(_ caption: Caption, width: Int, height: Int, symbols: SymbolSet)
    -> [(inout CellGrid, Int) -> Void]
  {
    let lines = textLines(caption, width: width, height: height, symbols: symbols)
    var rows: [(inout CellGrid, Int) -> Void] = []
    // At a pause point a click anywhere on the box goes on, as space does.
    func markNext(_ grid: inout CellGrid, _ y: Int) {
      if caption.waiting { grid.mark(.next, x: 0, y: y, width: grid.width, height: 1) }
    }
    rows.append { grid, y in
      drawTop(caption, into: &grid, y: y, symbols: symbols)
      markNext(&grid, y)
    }
    for line in lines {
      rows.append { grid, y in
        markNext(&grid, y)
        grid[0, y] = Cell(symbols.vertical, .axis)
        grid[grid.width - 1, y] = Cell(symbols.vertical, .axis)
        grid.put(line, x: 2, y: y, style: .text, limit: grid.width - 4)
      }
    }
    rows.append { grid, y in
      markNext(&grid, y)
      grid.fill(
        x: 1, y: y, width: grid.width - 2, height: 1, with: symbols.horizontal, style: .axis)
      grid[0, y] = Cell(symbols.bottomLeft, .axis)
      grid[grid.width - 1, y] = Cell(symbols.bottomRight, .axis)
    }
    return rows
  }

  /// ┌ heading ──────── prompt ┐: the prompt keeps its room, the heading is cut first.
  private static func drawTop(
    _ caption: Caption, into grid: inout CellGrid, y: Int, symbols: SymbolSet
  ) {
    let width = grid.width
    grid.fill(x: 1, y: y, width: width - 2, height: 1, with: symbols.horizontal, style: .axis)
    grid[0, y] = Cell(symbols.topLeft, .axis)
    grid[width - 1, y] = Cell(symbols.topRight, .axis)
    var promptWidth = 0
    if let prompt = caption.prompt {
      let shown = " " + symbols.truncated(TextWrap.plain(prompt, symbols), to: width / 2) + " "
      promptWidth = shown.count
      grid.put(shown, x: width - 2 - promptWidth, y: y, style: caption.waiting ? .warning : .dim)
    }
    let room = width - 6 - promptWidth
    let heading = " " + symbols.truncated(TextWrap.plain(caption.heading, symbols), to: room) + " "
    grid.put(heading, x: 2, y: y, style: .heading)
  }
}
