/// The help: a box over the middle of the screen listing every row of `KeyTable`, in one
/// column when the screen is tall enough and in two otherwise.
enum HelpOverlay {
  static let title = "ganscope keys"
  static let closing = "? or Esc closes this help"

  static func draw(into grid: inout CellGrid, symbols: SymbolSet) {
    let bindings = KeyTable.bindings
    let keyWidth = bindings.map(\.label.count).max() ?? 1
    let summaryWidth = bindings.map(\.summary.count).max() ?? 1
    let entryWidth = keyWidth + 2 + summaryWidth
    // Borders and a title row and a closing row inside them.
    let oneColumn = bindings.count + 6 <= grid.height
    let columns = oneColumn ? 1 : 2
    let perColumn = (bindings.count + columns - 1) / columns
    let innerWidth = min(columns * entryWidth + (columns - 1) * 3, grid.width - 4)
    let boxWidth = innerWidth + 4
    let boxHeight = perColumn + 6
    let left = max((grid.width - boxWidth) / 2, 0)
    let top = max((grid.height - boxHeight) / 2, 0)

    grid.fill(x: left, y: top, width: boxWidth, height: boxHeight)
    drawBorder(into: &grid, left: left, top: top, width: boxWidth, height: boxHeight, symbols)
    grid.put(title, x: left + 2, y: top + 1, style: .heading)
    for (index, binding) in bindings.enumerated() {
      let column = index / perColumn
      let x = left + 2 + column * (entryWidth + 3)
      let y = top + 3 + index % perColumn
      let room = left + 2 + innerWidth - x
      grid.put(binding.label, x: x, y: y, style: .heading, limit: room)
      grid.put(
        binding.summary, x: x + keyWidth + 2, y: y, style: .text, limit: room - keyWidth - 2)
    }
    grid.put(closing, x: left + 2, y: top + boxHeight - 2, style: .dim, limit: innerWidth)
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
