/// A page of `ganscope tour`: before each scenario, where it is in the paper and what the
/// viewer is about to see; after the last, the end. Written for a projector at 80×24: few
/// words, wide margins, nothing but the text.
public struct TourPage: Sendable, Equatable {
  /// The top row ("ganscope tour · 2 of 8 · optimal-discriminator").
  public var heading: String
  /// The page's title, centred in letters three rows tall when it fits ("Proposition 1").
  public var title: String
  /// A line under the title ("the optimal discriminator").
  public var subtitle: String
  /// The text, one paragraph each, with a blank row between.
  public var paragraphs: [String]
  /// The page after the last scenario, where space ends the tour (its footer says so).
  public var isEnd: Bool

  public init(
    heading: String, title: String, subtitle: String = "", paragraphs: [String],
    isEnd: Bool = false
  ) {
    self.heading = heading
    self.title = title
    self.subtitle = subtitle
    self.paragraphs = paragraphs
    self.isEnd = isEnd
  }
}

extension Screen {
  /// Text lines are at most this wide, however wide the terminal: short lines read faster.
  static let tourTextWidth = 68

  /// A tour page: the heading in the status row, the title (large where the terminal can
  /// draw half blocks and it fits), the subtitle and the paragraphs centred on the screen,
  /// the page keys in the footer; below 80×24 the too-small message.
  public static func render(tour page: TourPage, width: Int, height: Int, symbols: SymbolSet)
    -> CellGrid
  {
    var grid = CellGrid(width: width, height: height)
    guard width >= minimumWidth, height >= minimumHeight else {
      drawTooSmall(into: &grid, symbols: symbols)
      return grid
    }
    grid.fill(x: 0, y: 0, width: width, height: 1, style: .status)
    // A click on the page goes on, as space does (not on the footer, which names the
    // other keys).
    grid.mark(.next, x: 0, y: 1, width: width, height: height - 2)
    grid.put(
      symbols.truncated(TextWrap.plain(page.heading, symbols), to: width - 2), x: 1, y: 0,
      style: .status)
    grid.put(
      symbols.truncated(
        (page.isEnd ? TourKeys.endTable : TourKeys.table).footer(
          width: width - 2, symbols: symbols),
        to: width - 2),
      x: 1, y: height - 1, style: .dim)

    let textWidth = min(tourTextWidth, width - 8)
    let room = height - 4  // status row, footer, a blank row under and above
    var paragraphs = page.paragraphs.map {
      TextWrap.lines($0, width: textWidth, symbols: symbols)
    }
    let big =
      symbols.usesBraille && BigText.width(page.title) <= width - 4
      ? BigText.rows(page.title) : nil
    let titleRows = (big?.count ?? 1) + (page.subtitle.isEmpty ? 0 : 1) + 1
    // Too long for the screen: the last paragraphs go first, the title and the first stay.
    func needed() -> Int { titleRows + paragraphs.reduce(0) { $0 + $1.count + 1 } }
    while needed() > room && paragraphs.count > 1 { paragraphs.removeLast() }
    var y = 2 + max((room - needed()) / 2, 0)
    for line in big ?? [symbols.truncated(TextWrap.plain(page.title, symbols), to: textWidth)] {
      grid.put(line, x: (width - line.count) / 2, y: y, style: .heading)
      y += 1
    }
    if !page.subtitle.isEmpty {
      let subtitle = symbols.truncated(TextWrap.plain(page.subtitle, symbols), to: textWidth)
      grid.put(subtitle, x: (width - subtitle.count) / 2, y: y, style: .heading)
      y += 1
    }
    y += 1
    let left = (width - textWidth) / 2
    for lines in paragraphs {
      for line in lines where y < height - 2 {
        grid.put(line, x: left, y: y, style: .text)
        y += 1
      }
      y += 1
    }
    return grid
  }
}
