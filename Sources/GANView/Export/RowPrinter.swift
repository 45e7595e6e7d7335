import GANCore

/// Output formats of metric rows.
public enum RowFormat: String, Sendable, CaseIterable {
  case table, csv, jsonl
}

/// Prints a snapshot's metrics as a row, with the columns every tabular output of ganscope
/// shares (`train`, `export`, `info`): the iteration, then every metric of `Metric.table`.
public struct RowPrinter {
  /// The column names, in order.
  public static let columns = ["iteration"] + Metric.table.map(\.column)
  public var format: RowFormat
  /// Where lines go: stdout, a file, a test's buffer.
  public var write: (String) -> Void

  public init(format: RowFormat, write: @escaping (String) -> Void) {
    self.format = format
    self.write = write
  }

  /// A row's values in column order: the iteration, then every metric.
  public static func values(_ s: Snapshot) -> [Double] {
    [Double(s.iteration)] + Metric.table.map { s.metrics[$0] }
  }

  /// The header line (none for JSON lines, whose every row names its fields).
  public func header() {
    switch format {
    case .table:
      write(Self.columns.map { pad($0, width(of: $0)) }.joined(separator: " "))
    case .csv: write(Self.columns.joined(separator: ","))
    case .jsonl: break
    }
  }

  public func row(_ s: Snapshot) {
    let values = Self.values(s).dropFirst()
    let metricColumns = Self.columns.dropFirst()
    switch format {
    case .table:
      let cells = zip(metricColumns, values).map { pad(Self.fixed($1, 4), width(of: $0)) }
      write(([pad("\(s.iteration)", 9)] + cells).joined(separator: " "))
    case .csv:
      write((["\(s.iteration)"] + values.map(Self.plain)).joined(separator: ","))
    case .jsonl:
      let fields = zip(metricColumns, values).map { "\"\($0)\":" + Self.jsonNumber($1) }
      write("{" + (["\"iteration\":\(s.iteration)"] + fields).joined(separator: ",") + "}")
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
  public static func jsonNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
}
