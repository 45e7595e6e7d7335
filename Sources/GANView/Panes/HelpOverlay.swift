/// The help: a box over the middle of the screen listing every row of a key table, in one
/// column when the screen is tall enough and in two otherwise, and under them an optional
/// legend (the replay's timeline symbols).
enum HelpOverlay {
  /// A symbol of the legend, drawn in its own role, and what it means.
  struct LegendItem: Equatable {
    var symbol: Character
    var style: Style
    var words: String
  }

  /// What a help box lists.
  struct Content {
    var title: String
    var entries: [(label: String, summary: String)]
    /// The mouse's gestures in this view, for the help's mouse page (`HelpPage.mouse`).
    var mouse: [(label: String, summary: String)] = []
    var legendTitle = ""
    var legend: [LegendItem] = []
    var closing = SharedKeys.helpClosing

    /// A page of terms and what they mean (`Glossary`).
    init(title: String, entries: [(term: String, meaning: String)], closing: String) {
      self.title = title
      self.entries = entries.map { ($0.term, $0.meaning) }
      self.closing = closing
    }

    /// Every row of a view's key table, under the table's title.
    init<Own>(keys: KeyTable<Own>, legendTitle: String = "", legend: [LegendItem] = []) {
      title = keys.title
      entries = keys.keyEntries
      mouse = keys.mouseEntries
      self.legendTitle = legendTitle
      self.legend = legend
    }

    /// A played scenario's help: its own rows first, then every live row whose keys it does
    /// not take over (its space replaces the live space row).
    init<Own, Live>(playback: KeyTable<Own>, live: KeyTable<Live>) {
      self.init(keys: live)
      title = playback.title
      let taken = Set(playback.bindings.flatMap(\.keys))
      let liveRows = KeyTable(
        title: live.title, bindings: live.bindings.filter { Set($0.keys).isDisjoint(with: taken) })
      entries = playback.keyEntries + liveRows.keyEntries
      mouse = playback.mouseEntries + liveRows.mouseEntries
    }
  }

  /// The help page `page`: the view's keys (`keys`), or a glossary page.
  static func draw(
    _ page: HelpPage, keys: Content, into grid: inout CellGrid, symbols: SymbolSet
  ) {
    if page == .mouse {
      let gestures = keys.mouse.isEmpty ? [("-", "the mouse does nothing here")] : keys.mouse
      let content = Content(
        title: "the mouse (the same keys in brackets)",
        entries: gestures.map { (term: $0.0, meaning: $0.1) },
        closing: "? the words on screen; Esc closes")
      draw(content, into: &grid, symbols: symbols)
      return
    }
    draw(Glossary.content(page, symbols: symbols) ?? keys, into: &grid, symbols: symbols)
  }

  static func draw(_ content: Content, into grid: inout CellGrid, symbols: SymbolSet) {
    let entries = content.entries
    let oneColumnWidth = min(Self.entryWidth(entries[...]).total, grid.width - 4)
    let oneColumnLegend = legendRows(content, width: oneColumnWidth)
    // Borders and a title row and a closing row inside them; a legend adds a blank row and
    // its own rows. The blank rows around the entries go first when one column would not
    // fit otherwise: a second column is narrower room for the summaries at 80 columns.
    let spaced = entries.count + 6 + legendHeight(oneColumnLegend) <= grid.height
    let oneColumn = spaced || entries.count + 4 + legendHeight(oneColumnLegend) <= grid.height
    let gap = spaced || !oneColumn ? 1 : 0
    let perColumn = oneColumn ? entries.count : (entries.count + 1) / 2
    // Each column as wide as its own keys and summaries, so a long summary in one column
    // does not push the other off the screen.
    let parts =
      oneColumn ? [entries[...]] : [entries.prefix(perColumn), entries.dropFirst(perColumn)]
    let widths = parts.map(Self.entryWidth)
    let innerWidth = min(widths.map(\.total).reduce(0, +) + (parts.count - 1) * 3, grid.width - 4)
    var legend = oneColumn ? oneColumnLegend : legendRows(content, width: innerWidth)
    // The keys come first: a legend the screen has no rows for is left out (its symbols
    // are explained where they are drawn, too).
    if perColumn + 4 + 2 * gap + legendHeight(legend) > grid.height { legend = [] }
    let boxWidth = innerWidth + 4
    let boxHeight = perColumn + 4 + 2 * gap + legendHeight(legend)
    let left = max((grid.width - boxWidth) / 2, 0)
    let top = max((grid.height - boxHeight) / 2, 0)

    grid.fill(x: left, y: top, width: boxWidth, height: boxHeight)
    drawBorder(into: &grid, left: left, top: top, width: boxWidth, height: boxHeight, symbols)
    grid.put(content.title, x: left + 2, y: top + 1, style: .heading)
    var x = left + 2
    for (part, width) in zip(parts, widths) {
      for (offset, entry) in part.enumerated() {
        let y = top + 2 + gap + offset
        let room = left + 2 + innerWidth - x
        grid.put(entry.label, x: x, y: y, style: .heading, limit: room)
        grid.put(
          entry.summary, x: x + width.key + 2, y: y, style: .text, limit: room - width.key - 2)
      }
      x += width.total + 3
    }
    for (offset, row) in legend.enumerated() {
      var x = left + 2
      for piece in row {
        x += grid.put(piece.text, x: x, y: top + 3 + gap + perColumn + offset, style: piece.style)
      }
    }
    grid.put(content.closing, x: left + 2, y: top + boxHeight - 2, style: .dim, limit: innerWidth)
  }

  /// A column's key width and its whole width (keys, two blanks, summaries).
  private static func entryWidth(_ entries: ArraySlice<(label: String, summary: String)>)
    -> (key: Int, total: Int)
  {
    let key = entries.map(\.label.count).max() ?? 1
    return (key, key + 2 + (entries.map(\.summary.count).max() ?? 1))
  }

  private static func legendHeight(_ rows: [[(text: String, style: Style)]]) -> Int {
    rows.isEmpty ? 0 : rows.count + 1
  }

  /// The legend as rows of styled pieces: its title, then "symbol words" items two blanks
  /// apart, wrapped at `width` (an item is never split).
  static func legendRows(_ content: Content, width: Int) -> [[(text: String, style: Style)]] {
    guard !content.legend.isEmpty else { return [] }
    var rows: [[(text: String, style: Style)]] = []
    var row: [(text: String, style: Style)] = [(content.legendTitle, .heading)]
    var used = content.legendTitle.count
    for item in content.legend {
      let length = 2 + item.words.count + 2
      if used + length > width && used > 0 {
        rows.append(row)
        row = []
        used = -2
      }
      row += [("  ", .text), (String(item.symbol), item.style), (" " + item.words, .text)]
      used += length
    }
    rows.append(row)
    // A row that starts with the separator would look indented: drop it.
    return rows.map { row in row.first?.text == "  " ? Array(row.dropFirst()) : row }
  }

  private static func drawBorder(
    into grid: inout CellGrid, left: Int, top: Int, width: Int, height: Int,
    _ symbols: SymbolSet
  ) {
    let right = left + width - 1
    let bottom = top + height - 1
    grid.fill(
      x: left + 1, y: top, width: width - 2, height: 1, with: symbols.horizontal,
      style: .axis)
    grid.fill(
      x: left + 1, y: bottom, width: width - 2, height: 1, with: symbols.horizontal,
      style: .axis)
    grid.fill(
      x: left, y: top + 1, width: 1, height: height - 2, with: symbols.vertical,
      style: .axis)
    grid.fill(
      x: right, y: top + 1, width: 1, height: height - 2, with: symbols.vertical,
      style: .axis)
    grid[left, top] = Cell(symbols.topLeft, .axis)
    grid[right, top] = Cell(symbols.topRight, .axis)
    grid[left, bottom] = Cell(symbols.bottomLeft, .axis)
    grid[right, bottom] = Cell(symbols.bottomRight, .axis)
  }
}
