import Foundation
import GANCore

/// A sweep's lines grouped by configuration (its seeds together): the table of
/// `sweep summary` and the data of its heatmap.
public struct SweepSummary: Sendable {
  /// The lines of one configuration, its seeds in cell order.
  public struct Group: Sendable {
    public var lines: [SweepLine]
    public var config: [String: String] { lines[0].config }
  }

  public let groups: [Group]
  /// The configuration columns (not the seed) that differ between lines, in column order.
  public let varying: [String]
  public let lines: [SweepLine]

  public init(_ lines: [SweepLine]) {
    let ordered = lines.sorted { $0.cell < $1.cell }
    var order: [String] = []
    var bySetting: [String: [SweepLine]] = [:]
    for line in ordered {
      if bySetting[line.setting] == nil { order.append(line.setting) }
      bySetting[line.setting, default: []].append(line)
    }
    groups = order.map { Group(lines: bySetting[$0]!) }
    varying = Setting.columnNames.dropFirst().filter { name in
      Set(ordered.map { $0.config[name] ?? "" }).count > 1
    }
    self.lines = ordered
  }

  /// The values a summary can average: every numeric field of the lines (the metrics,
  /// iterations_to_jsd) and the two flags (as 0 or 1).
  public func values(_ metric: String, of lines: [SweepLine]) throws(SweepError) -> [Double?] {
    if metric == "diverged" { return lines.map { $0.diverged ? 1 : 0 } }
    if metric == "collapsed" { return lines.map { $0.collapsed ? 1 : 0 } }
    guard let first = lines.first, first.numbers[metric] != nil else {
      let known = (self.lines.first?.numbers.keys.sorted() ?? []).filter {
        !["cell", "cells", "iterations", "seconds", "train_seconds"].contains($0)
      }
      throw SweepError(
        "--metric \(metric): not a column of these lines (try \(known.joined(separator: ", ")), diverged, collapsed)"
      )
    }
    return lines.map { $0.numbers[metric] ?? nil }
  }

  /// The configuration column an axis name means: a column name, or a flag's name (`lr-d`);
  /// `lr` means lr_d when D's and G's step sizes are equal in every line.
  public func column(forAxis name: String) throws(SweepError) -> String {
    let candidate = name.replacingOccurrences(of: "-", with: "_")
    if candidate == "lr" {
      guard lines.allSatisfy({ $0.config["lr_d"] == $0.config["lr_g"] }) else {
        throw SweepError("axis lr: D's and G's step sizes differ here; use lr_d or lr_g")
      }
      return "lr_d"
    }
    guard Setting.columnNames.contains(candidate) else {
      throw SweepError(
        "axis '\(name)' is not a knob (\(Setting.columnNames.dropFirst().joined(separator: ", ")))"
      )
    }
    return candidate
  }

  /// Whether two columns hold the same value in every line (lr_g of a sweep over --lr is
  /// lr_d: one axis, not two).
  public func sameInEveryLine(_ a: String, _ b: String) -> Bool {
    lines.allSatisfy { $0.config[a] == $0.config[b] }
  }

  /// How an axis is labelled: its column, or `lr` for D's or G's step size when the two are
  /// equal in every line (a sweep over `--lr` varies both).
  func axisLabel(_ column: String) -> String {
    guard column == "lr_d" || column == "lr_g" else { return column }
    return sameInEveryLine("lr_d", "lr_g") ? "lr" : column
  }

  /// One line per configuration: the varying knobs, the seeds, the metric's mean ± sd over
  /// the seeds, how many runs reached the JSD threshold (and the median iteration), diverged
  /// and collapsed.
  public func table(metric: String) throws(SweepError) -> String {
    var rows: [[String]] = [
      varying + ["seeds", "\(metric) mean ± sd", "reached", "median it", "diverged", "collapsed"]
    ]
    for group in groups {
      let values = try self.values(metric, of: group.lines).compactMap { $0 }
      let stats = Self.meanAndDeviation(values)
      var cell = stats.map { Self.format($0.mean) } ?? "-"
      if let stats, values.count > 1 { cell += " ± " + Self.format(stats.deviation) }
      if values.count < group.lines.count { cell += " (n=\(values.count))" }
      let reached = group.lines.compactMap { $0.numbers["iterations_to_jsd"] ?? nil }.sorted()
      let median = reached.isEmpty ? "-" : Self.format(reached[reached.count / 2])
      rows.append(
        varying.map { group.config[$0] ?? "" } + [
          "\(group.lines.count)", cell, "\(reached.count)/\(group.lines.count)", median,
          "\(group.lines.filter(\.diverged).count)", "\(group.lines.filter(\.collapsed).count)",
        ])
    }
    return Self.align(rows)
  }

  /// The heatmap of `metric`'s mean over `x` and `y` (column names): each cell averages
  /// every line with that pair of values (the seeds, and any other varying knob).
  public func heatmap(metric: String, x: String, y: String) throws(SweepError) -> SweepHeatmap {
    let xValues = Self.axisValues(lines.map { $0.config[x] ?? "" })
    let yValues = Self.axisValues(lines.map { $0.config[y] ?? "" })
    var sums = [[Double]](
      repeating: [Double](repeating: 0, count: xValues.count), count: yValues.count)
    var counts = [[Int]](repeating: [Int](repeating: 0, count: xValues.count), count: yValues.count)
    var present = counts
    let values = try self.values(metric, of: lines)
    for (line, value) in zip(lines, values) {
      let i = yValues.firstIndex(of: line.config[y] ?? "")!
      let j = xValues.firstIndex(of: line.config[x] ?? "")!
      present[i][j] += 1
      if let value, value.isFinite {
        sums[i][j] += value
        counts[i][j] += 1
      }
    }
    let means = yValues.indices.map { i in
      xValues.indices.map { j -> SweepHeatmap.Cell in
        if present[i][j] == 0 { return .empty }
        return counts[i][j] == 0 ? .noValue : .value(sums[i][j] / Double(counts[i][j]))
      }
    }
    // A knob that equals an axis in every line (lr_g under --lr) is that axis, not another.
    let others = varying.filter { name in
      [x, y].allSatisfy { axis in name != axis && !sameInEveryLine(name, axis) }
    }
    return SweepHeatmap(
      metric: metric, x: axisLabel(x), y: axisLabel(y), xValues: xValues, yValues: yValues,
      cells: means,
      averagedOver: ["seeds"] + others)
  }

  /// An axis's distinct values: numerically ascending when they are all numbers, else in
  /// the order they first appear.
  static func axisValues(_ all: [String]) -> [String] {
    var seen: [String] = []
    for v in all where !seen.contains(v) { seen.append(v) }
    let numbers = seen.compactMap(Double.init)
    if numbers.count == seen.count {
      return seen.sorted { Double($0)! < Double($1)! }
    }
    return seen
  }

  static func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double)? {
    guard !values.isEmpty else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return (mean, 0) }
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (squares / Double(values.count - 1)).squareRoot())
  }

  /// Four significant digits.
  public static func format(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded() && abs(x) < 1e7 { return String(Int(x)) }
    return String(format: "%.4g", x)
  }

  /// Left-aligned columns two spaces apart.
  static func align(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max()! }
    return rows.map { row in
      row.enumerated().map { c, text in
        c == row.count - 1 ? text : text + String(repeating: " ", count: widths[c] - text.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
