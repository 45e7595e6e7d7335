/// A view's keys: the one table that dispatches them and fills that view's help overlay,
/// its footer and its table in the docs (docs/views.md, commands.md, scenarios.md), so none of them can disagree with what a key
/// does.
public struct KeyTable<Own: Sendable & Hashable>: Sendable {
  /// The help overlay's title.
  public let title: String
  /// The rows in the order the help and the docs list them and the footer picks hints.
  public let bindings: [KeyBinding<Own>]
  private let byKey: [Key: KeyBinding<Own>]

  /// Traps when a key is bound twice: the table must be a function from keys to rows.
  public init(title: String, bindings: [KeyBinding<Own>]) {
    self.title = title
    self.bindings = bindings
    var byKey: [Key: KeyBinding<Own>] = [:]
    for binding in bindings {
      for key in binding.keys {
        precondition(byKey[key] == nil, "\(key.name) is bound twice in '\(title)'")
        byKey[key] = binding
      }
    }
    self.byKey = byKey
  }

  public func binding(for key: Key) -> KeyBinding<Own>? { byKey[key] }

  /// The footer: "label hint · label hint · …" of the rows with a hint. The last two
  /// (? help, q quit: every table ends with the shared rows) always end the line; the others
  /// are kept in table order while there is room.
  public func footer(width: Int, symbols: SymbolSet) -> String {
    let items = bindings.compactMap { binding in binding.hint.map { binding.label + " " + $0 } }
    let essential = Array(items.suffix(2))
    func line(_ items: [String]) -> String { items.joined(separator: symbols.separator) }
    var chosen: [String] = []
    for item in items.dropLast(2) {
      if line(chosen + [item] + essential).count > width { break }
      chosen.append(item)
    }
    return symbols.truncated(line(chosen + essential), to: width)
  }

  /// The rows of the help's keys page.
  var keyEntries: [(label: String, summary: String)] { bindings.map { ($0.label, $0.summary) } }

  /// The rows of the help's mouse page: each gesture, and the keys of the same action.
  var mouseEntries: [(label: String, summary: String)] {
    bindings.compactMap { binding in
      binding.mouse.map { (Self.mouseLabel, "\($0) (\(binding.label))") }
    }
  }

  /// The help's label of a mouse row.
  public static var mouseLabel: String { "mouse" }

  /// The table as the docs show it (Markdown), each key of a label as code; the mouse's
  /// gestures after the keys.
  public var markdown: String {
    let rows = bindings.map { binding in
      let keys = binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
      return "| \(keys) | \(binding.summary) |"
    }
    let mouse = bindings.compactMap { binding in
      binding.mouse.map {
        "| mouse: \($0) | as \(binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")) |"
      }
    }
    return (["| key | does |", "|---|---|"] + rows + mouse).joined(separator: "\n")
  }
}
