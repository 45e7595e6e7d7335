import Foundation
import GANCore
import Testing

@testable import GANView

/// The metric rows of `train`, `export` and `info`: every metric of the table, in the
/// README's order, in three formats.
@Suite struct RowPrinterTests {
  func lines(_ format: RowFormat, _ snapshots: [Snapshot]) -> [String] {
    var out: [String] = []
    let printer = RowPrinter(format: format) { out.append($0) }
    printer.header()
    for s in snapshots { printer.row(s) }
    return out
  }

  @Test func columnsAreTheMetricTable() {
    #expect(RowPrinter.columns == ["iteration"] + Metric.table.map(\.column))
  }

  /// The README lists the columns; the list must be the table's.
  @Test func readmeListsTheColumns() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    #expect(text.contains("`" + RowPrinter.columns.joined(separator: ",") + "`"))
  }

  @Test func csvHasEveryColumnAndFullPrecision() {
    var s = Fixture.snapshot(iteration: 700)
    s.metrics.discriminatorLoss = .nan
    s.metrics.wasserstein = .infinity
    let out = lines(.csv, [s])
    #expect(out[0] == RowPrinter.columns.joined(separator: ","))
    let cells = out[1].split(separator: ",").map(String.init)
    #expect(cells.count == RowPrinter.columns.count)
    #expect(cells[0] == "700")
    let column = { (name: String) in cells[RowPrinter.columns.firstIndex(of: name)!] }
    #expect(Double(column("jsd")) == s.metrics.jensenShannon)
    #expect(Double(column("c_g")) == -2 * 0.693_147_180_559_945_3 + 2 * s.metrics.jensenShannon)
    #expect(column("loss_d") == "nan")
    #expect(column("w1") == "inf")
  }

  @Test func jsonLinesNameEveryFieldAndWriteNull() throws {
    var s = Fixture.snapshot(iteration: 3)
    s.metrics.generatorLoss = .nan
    let out = lines(.jsonl, [s])
    #expect(out.count == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(out[0].utf8)) as? [String: Any])
    #expect(Set(object.keys) == Set(RowPrinter.columns))
    #expect(object["iteration"] as? Int == 3)
    #expect(object["loss_g"] is NSNull)
    #expect((object["grad_g"] as? Double) == s.metrics.generatorGradientNorm)
  }

  @Test func tableColumnsLineUp() {
    let out = lines(.table, [Fixture.snapshot(iteration: 5), Fixture.snapshot(iteration: 123_456)])
    #expect(out.count == 3)
    #expect(Set(out.map(\.count)).count == 1)
  }
}
