import Testing

@testable import GANView

/// What holds for every key table: the shared rows are the same everywhere, the footer and
/// the help come from the table, and the docs show the tables as they are.
@Suite struct KeyTableTests {
  /// The shared rows of a table, by action, without their footer hints.
  static func sharedRows<Own>(_ table: KeyTable<Own>) -> [SharedAction: [String]] {
    var rows: [SharedAction: [String]] = [:]
    for binding in table.bindings {
      guard case .shared(let action) = binding.action else { continue }
      rows[action] = [binding.label, binding.summary] + binding.keys.map(\.name)
    }
    return rows
  }

  @Test func bothViewsHaveEverySharedRowAlike() {
    let live = Self.sharedRows(LiveKeys.table)
    #expect(Set(live.keys) == Set(SharedAction.allCases))
    #expect(live == Self.sharedRows(ReplayKeys.table))
  }

  @Test func everyTableEndsWithHelpAndQuit() {
    for footer in [
      LiveKeys.table.footer(width: 60, symbols: .unicode),
      ReplayKeys.table.footer(width: 60, symbols: .unicode),
    ] {
      #expect(footer.hasSuffix("? help · q quit"), "\(footer)")
    }
  }

  @Test func theFooterKeepsTableOrderWhileThereIsRoom() {
    // "space pause · . step" (20 columns) + " · " + "? help · q quit" (15) = 38.
    #expect(
      LiveKeys.table.footer(width: 38, symbols: .unicode)
        == "space pause · . step · ? help · q quit")
    #expect(LiveKeys.table.footer(width: 37, symbols: .unicode) == "space pause · ? help · q quit")
    #expect(LiveKeys.table.footer(width: 10, symbols: .ascii) == "? help  q~")
  }

  @Test func theReplayFooterLeavesTheTogglesToTheHelp() {
    let footer = ReplayKeys.table.footer(width: 500, symbols: .unicode)
    #expect(!footer.contains("o D*") && footer.contains("b branch"))
    #expect(LiveKeys.table.footer(width: 500, symbols: .unicode).contains("o D*"))
  }

  @Test func markdownHasARowPerBindingWithEachKeyAsCode() {
    let lines = LiveKeys.table.markdown.split(separator: "\n").map(String.init)
    let gestures = LiveKeys.table.bindings.filter { $0.mouse != nil }.count
    #expect(gestures == 3)
    #expect(lines.count == 2 + LiveKeys.table.bindings.count + gestures)
    #expect(lines.contains("| mouse: click a metric: its history | as `m` `M` `y` |"))
    #expect(lines[0] == "| key | does |")
    #expect(lines.contains("| `+` `=` | both step sizes x 2 |"))
    #expect(lines.contains("| `Esc` | close this help |"))
    #expect(ReplayKeys.table.markdown.contains("| `Left` `Right` | a frame back / on (pauses) |"))
  }

  @Test func keysAreNamedAsTheKeyboardDoes() {
    #expect(Key("x").name == "'x'")
    #expect(Key.escape.name == "0x1b")
    #expect(Key(" ").name == "0x20")
    #expect(Key.shiftLeft.name == "Shift+Left")
    #expect(Key.pageDown.name == "PgDn")
  }
}
