import Foundation
import GANCore

/// How one run of a sweep ended.
public struct SweepOutcome: Sendable {
  /// The metrics at the end (at the divergence, for a run that diverged).
  public var metrics: TrainingMetrics
  /// The first checked iteration with JSD below the threshold, or nil.
  public var iterationsToThreshold: Int?
  public var divergedAt: Int?
  /// Final sd of G(z) below `collapseRatio` × p_data's sd (never for a diverged run).
  public var collapsed: Bool
  /// Wall-clock seconds of the whole cell, and of its training steps alone.
  public var seconds: Double
  public var trainSeconds: Double
}

/// One line of a sweep's output (JSON lines): the grid's hash, the cell's index and the
/// grid's size, the configuration columns, every metric of `Metric.table` by column name at
/// the end, and how the run went.
public enum SweepRecord {
  /// The fields after the configuration columns and the metrics.
  public static let outcomeColumns = [
    "iterations_to_jsd", "diverged", "diverged_at_iteration", "collapsed",
  ]

  /// The line of `cell` (no newline). `timing` adds the two (non-deterministic) times.
  public static func line(
    grid: SweepGrid, cell: SweepCell, outcome: SweepOutcome, timing: Bool = false
  ) -> String {
    var fields: [(String, String)] = [
      ("grid", jsonString(grid.hash)), ("cell", "\(cell.index)"), ("cells", "\(grid.count)"),
    ]
    for (name, value) in cell.configColumns {
      let (text, bare) = value.column
      fields.append((name, bare ? text : jsonString(text)))
    }
    fields.append(("iterations", "\(grid.settings.iterations)"))
    for metric in Metric.table {
      fields.append((metric.column, jsonNumber(metric.value(outcome.metrics))))
    }
    fields.append(("iterations_to_jsd", outcome.iterationsToThreshold.map { "\($0)" } ?? "null"))
    fields.append(("diverged", outcome.divergedAt != nil ? "true" : "false"))
    fields.append(("diverged_at_iteration", outcome.divergedAt.map { "\($0)" } ?? "null"))
    fields.append(("collapsed", outcome.collapsed ? "true" : "false"))
    if timing {
      fields.append(("seconds", jsonNumber(outcome.seconds)))
      fields.append(("train_seconds", jsonNumber(outcome.trainSeconds)))
    }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  /// JSON has no NaN or infinity: they become null.
  static func jsonNumber(_ x: Double) -> String { JSONText.number(x) }

  /// A JSON string literal.
  static func jsonString(_ s: String) -> String { JSONText.string(s) }
}

/// A sweep line read back: what merge, resume and summary need.
public struct SweepLine: Sendable {
  /// The line as read (merge copies it verbatim).
  public var text: String
  /// Where it came from, for messages: `file line N`.
  public var origin: String
  public var grid: String
  public var cell: Int
  public var cells: Int
  /// The configuration columns' canonical texts by name.
  public var config: [String: String]
  /// Every numeric field by name (nil: null).
  public var numbers: [String: Double?]
  public var diverged: Bool
  public var collapsed: Bool
  /// 2 for a line with every setting of the table; 1 for a line written before (no `model`).
  public var gridFormat: Int

  /// The cell's identity: its configuration and seed (as `SweepCell.identity`).
  public var identity: String {
    Setting.columnNames.map { "\($0)=\(config[$0] ?? "?")" }.joined(separator: " ")
  }

  /// The identity without the seed: the configuration a summary groups seeds by.
  public var setting: String {
    Setting.columnNames.dropFirst().map { "\($0)=\(config[$0] ?? "?")" }
      .joined(separator: " ")
  }

  static let flagColumns: Set<String> = ["diverged", "collapsed"]

  /// What the sweeps of grid format 1 ran for a setting that was not yet a knob, where it
  /// was not the setting's default: their instance noise stayed constant.
  static let beforeItWasAKnob: [Setting: SettingValue] = [.noiseAnneal: .whole(0)]

  /// Parses one line; `origin` names it in the error.
  public init(parsing text: String, origin: String) throws(SweepError) {
    let notALine = SweepError("\(origin) is not a line of 'ganscope sweep'")
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let grid = object["grid"] as? String, let cell = Self.integer(object["cell"]),
      let cells = Self.integer(object["cells"]), (1...SweepGrid.mostCells).contains(cells),
      (0..<cells).contains(cell), let seed = Self.integer(object["seed"])
    else { throw notALine }
    var config: [String: String] = ["seed": "\(seed)"]
    let model = (object["model"] as? String).flatMap(NetModel.init(rawValue:)) ?? .perceptron
    for setting in Setting.allCases {
      guard let name = setting.column else { continue }
      guard let field = object[name] else {
        // A line written before the setting was a knob: the run had what sweeps then ran.
        config[name] = (Self.beforeItWasAKnob[setting] ?? setting.defaultValue(for: model)).text
        continue
      }
      switch setting.kind {
      case .toggle:
        guard let on = field as? Bool else { throw notALine }
        config[name] = SettingValue.flag(on).text
      case .word, .target:
        guard let word = field as? String else { throw notALine }
        config[name] = word
      case .real:
        guard let x = (field as? NSNumber)?.doubleValue else { throw notALine }
        config[name] = "\(Float(x))"
      case .whole:
        guard let n = Self.integer(field) else { throw notALine }
        config[name] = "\(n)"
      }
    }
    var numbers: [String: Double?] = [:]
    for (key, value) in object where config[key] == nil && !Self.flagColumns.contains(key) {
      if value is NSNull {
        numbers[key] = .some(nil)
      } else if !(value is String), let n = value as? NSNumber {
        numbers[key] = n.doubleValue
      }
    }
    self.text = text
    self.origin = origin
    self.grid = grid
    self.cell = cell
    self.cells = cells
    self.config = config
    self.numbers = numbers
    gridFormat = object["model"] == nil ? 1 : 2
    diverged = object["diverged"] as? Bool ?? false
    collapsed = object["collapsed"] as? Bool ?? false
  }

  private static func integer(_ value: Any?) -> Int? {
    guard let n = value as? NSNumber else { return nil }
    let d = n.doubleValue
    guard d.rounded() == d, abs(d) < 9e15 else { return nil }
    return Int(d)
  }

  /// The lines of a file's text, with `name` for messages. A last line without its newline
  /// (a run killed while writing it) is left out and reported in `torn`.
  public static func lines(of text: String, name: String) throws(SweepError) -> (
    lines: [SweepLine], torn: Bool
  ) {
    var result: [SweepLine] = []
    // Split on the byte 0x0A: a Swift string holds "\r\n" as one character, which a split
    // on "\n" would not see, and a file edited on Windows would read as one torn line.
    let bytes = Array(text.utf8)
    let rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    let torn = !bytes.isEmpty && bytes.last != 0x0A
    for (number, row) in rows.enumerated() {
      if number == rows.count - 1 { break }  // after the last newline: empty, or torn
      let line = String(decoding: row.last == 0x0D ? row.dropLast() : row, as: UTF8.self)
      if line.allSatisfy(\.isWhitespace) { continue }
      result.append(try SweepLine(parsing: line, origin: "\(name) line \(number + 1)"))
    }
    return (result, torn)
  }
}
