import GANCore

/// Output formats of metric rows.
public enum RowFormat: String, Sendable, CaseIterable {
  case table, csv, jsonl
}

/// Prints a snapshot's metrics as a row, with the columns every tabular output of ganscope
/// shares (`train`, `export`, `info`): the iteration, then every metric of `Metric.table`,
/// optionally after `prefix` columns (the run's configuration, `--config-columns`).
public struct RowPrinter {
  /// The column names, in order (without prefix columns).
  public static let columns = ["iteration"] + Metric.table.map(\.column)
  public var format: RowFormat
  /// Columns written before the iteration (none by default).
  public var prefix: [PrefixColumn]
  /// Where lines go: stdout, a file, a test's buffer.
  public var write: (String) -> Void

  public init(
    format: RowFormat, prefix: [PrefixColumn] = [], write: @escaping (String) -> Void
  ) {
    self.format = format
    self.prefix = prefix
    self.write = write
  }

  /// Every column name of this printer's rows, in order.
  public var allColumns: [String] { prefix.map(\.name) + Self.columns }

  /// A row's values in column order: the iteration, then every metric.
  public static func values(_ s: Snapshot) -> [Double] {
    [Double(s.iteration)] + Metric.table.map { s.metrics[$0] }
  }

  /// A metric's value in a row, or nil where it has no value yet: NaN in a run that has not
  /// diverged, which is each loss before its net's first step (iteration 0). Snapshots and
  /// recordings keep the NaN; rows write an empty CSV cell and a JSON null, so a notebook
  /// reads a missing value, not a NaN that looks like a divergence.
  public static func rowValue(_ value: Double, in s: Snapshot) -> Double? {
    value.isNaN && s.divergedAtIteration == nil ? nil : value
  }

  /// The header line (none for JSON lines, whose every row names its fields).
  public func header() {
    switch format {
    case .table:
      write(allColumns.map { pad($0, width(of: $0)) }.joined(separator: " "))
    case .csv: write(allColumns.joined(separator: ","))
    case .jsonl: break
    }
  }

  public func row(_ s: Snapshot) {
    let values = Self.values(s).dropFirst().map { Self.rowValue($0, in: s) }
    let metricColumns = Self.columns.dropFirst()
    let prefixCells = prefix.map { ($0.name, $0.value(s)) }
    switch format {
    case .table:
      let cells = zip(metricColumns, values).map {
        pad($1.map { Self.fixed($0, 4) } ?? "", width(of: $0))
      }
      let configuration = prefixCells.map { pad($1.text, width(of: $0)) }
      write((configuration + [pad("\(s.iteration)", 9)] + cells).joined(separator: " "))
    case .csv:
      let configuration = prefixCells.map { $1.csv }
      write(
        (configuration + ["\(s.iteration)"] + values.map { $0.map(Self.plain) ?? "" })
          .joined(separator: ","))
    case .jsonl:
      let configuration = prefixCells.map { "\"\($0)\":" + $1.json }
      let fields = zip(metricColumns, values).map {
        "\"\($0)\":" + ($1.map(Self.jsonNumber) ?? "null")
      }
      write(
        "{" + (configuration + ["\"iteration\":\(s.iteration)"] + fields).joined(separator: ",")
          + "}")
    }
  }

  /// A table column is as wide as its name, at least 8 (9 for the iteration).
  private func width(of column: String) -> Int {
    max(column.count, column == "iteration" ? 9 : 8)
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }

  /// A value with `digits` decimals for a table column (scientific beyond ±10⁶).
  public static func fixed(_ x: Double, _ digits: Int) -> String {
    abs(x) >= 1e6 && x.isFinite
      ? NumberFormat.general(x, significant: 3) : NumberFormat.fixed(x, decimals: digits)
  }

  /// Full precision for CSV (pandas reads nan and inf).
  public static func plain(_ x: Double) -> String {
    x.isNaN ? "nan" : (x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)")
  }

  /// JSON has no NaN or infinity: they become null.
  public static func jsonNumber(_ x: Double) -> String { JSONText.number(x) }
}

/// A column before a row's iteration: a value of the row's run (its configuration).
public struct PrefixColumn: Sendable {
  public var name: String
  public var value: @Sendable (Snapshot) -> RowCell

  public init(name: String, value: @escaping @Sendable (Snapshot) -> RowCell) {
    self.name = name
    self.value = value
  }
}

/// A prefix column's value: a number (its text, written as is) or a word (quoted where the
/// format needs it).
public enum RowCell: Sendable, Equatable {
  case number(String)
  case text(String)

  var text: String {
    switch self {
    case .number(let n): n
    case .text(let t): t
    }
  }

  /// Quoted when it holds a comma, a quote or a line break (target specs have commas).
  var csv: String {
    guard case .text(let t) = self, t.contains(where: { ",\"\n\r".contains($0) }) else {
      return text
    }
    return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  var json: String {
    switch self {
    case .number(let n): n
    case .text(let t): Asciicast.jsonString(t)
    }
  }
}

extension RowPrinter {
  /// The names of the configuration columns (`--config-columns`; sweep lines have them too).
  public static let configColumnNames = Setting.columnNames

  /// The configuration columns of a run with this architecture, from the settings table: the
  /// settings that may change during a run are read from each row's snapshot, the shape of
  /// the nets from `architecture`. The seed is written whole (a UInt64).
  public static func configColumns(architecture: Architecture) -> [PrefixColumn] {
    let seed = PrefixColumn(name: "seed") { .number("\($0.seed)") }
    return [seed]
      + Setting.allCases.compactMap { setting in
        setting.column.map { name in
          PrefixColumn(name: name) { snapshot in
            let (text, bare) = RunSettings(snapshot, architecture: architecture)
              .value(of: setting).column
            return bare ? .number(text) : .text(text)
          }
        }
      }
  }

}
