import Foundation
import GANCore
import Testing

@testable import GANView

/// The metric rows of `train`, `export` and `info`: every metric of the table, in the
/// table's order (`Metric.table`), in three formats.
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

  @Test func csvHasEveryColumnAndFullPrecision() {
    var s = Fixture.snapshot(iteration: 700, diverged: 700)
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

  /// A loss before its net's first step does not exist: an empty CSV cell and a JSON null,
  /// not a NaN (which rows keep for a run that diverged).
  @Test func valuesThatDoNotExistYetAreMissing() throws {
    var s = Fixture.snapshot(iteration: 0)
    s.metrics.discriminatorLoss = .nan
    s.metrics.generatorLoss = .nan
    let csv = lines(.csv, [s])[1].split(separator: ",", omittingEmptySubsequences: false)
    let column = { (name: String) in String(csv[RowPrinter.columns.firstIndex(of: name)!]) }
    #expect(column("loss_d") == "" && column("loss_g") == "")
    #expect(!lines(.csv, [s])[1].contains("nan"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines(.jsonl, [s])[0].utf8)) as? [String: Any])
    #expect(object["loss_d"] is NSNull && object["loss_g"] is NSNull)
  }

  @Test func configColumnsComeFirstAndQuoteSpecs() throws {
    var s = Fixture.snapshot(iteration: 40)
    s.targetName = "mix(0.5*normal(-2,0.5),0.5*normal(2,0.5))"
    s.hyperparameters.generatorStepSize = 0.0005
    let prefix = RowPrinter.configColumns(
      architecture: Architecture(width: 16, hiddenLayers: 3, activation: .relu))
    var out: [String] = []
    let printer = RowPrinter(format: .csv, prefix: prefix) { out.append($0) }
    printer.header()
    printer.row(s)
    #expect(prefix.map(\.name) == RowPrinter.configColumnNames)
    #expect(out[0] == (RowPrinter.configColumnNames + RowPrinter.columns).joined(separator: ","))
    #expect(
      out[1].hasPrefix(
        "1,\"mix(0.5*normal(-2,0.5),0.5*normal(2,0.5))\",uniform,nonsaturating,adam,relu,16,3,"
          + "128,2,0.001,0.0005,0.5,0.999,1e-08,0.9,none,10.0,0,alternating,0.0,0.01,1,10000,"
          + "10.0,false,mlp,0.0,40,")
    )
    var json: [String] = []
    RowPrinter(format: .jsonl, prefix: prefix) { json.append($0) }.row(s)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json[0].utf8)) as? [String: Any])
    #expect(Set(object.keys) == Set(RowPrinter.configColumnNames + RowPrinter.columns))
    #expect(object["target"] as? String == s.targetName)
    #expect(object["hidden"] as? Int == 16)
  }
}
