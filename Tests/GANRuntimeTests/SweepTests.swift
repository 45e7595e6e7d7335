import Foundation
import GANCore
import GANView
import Testing

@testable import GANRuntime

/// `ganscope sweep`: grids, cells, shards, lines, merge, resume, summary.
@Suite struct SweepTests {
  /// A grid of small, fast runs (H = 8, m = 32, 100 iterations: quick in the debug build
  /// that CI runs under ThreadSanitizer too).
  func smallGrid(
    _ knobs: [Setting: String] = [.k: "1,2"],
    seeds: [UInt64] = [1], iterations: Int = 100
  ) throws -> SweepGrid {
    var parsed: [Setting: [SettingValue]] = [
      .hidden: [.whole(8)], .batch: [.whole(32)],
    ]
    for (knob, text) in knobs { parsed[knob] = try knob.parseValues(text) }
    return try SweepGrid(
      knobs: parsed, seeds: seeds, settings: SweepSettings(iterations: iterations, every: 25))
  }

  func lines(_ grid: SweepGrid, _ indices: [Int]? = nil, jobs: Int = 1) throws -> [String] {
    let collected = Locked([String]())
    try SweepRunner.run(grid: grid, indices: indices ?? Array(0..<grid.count), jobs: jobs) {
      line in
      collected.withLock { $0.append(line) }
      return true
    }
    return collected.withLock { $0 }
  }

  func parse(_ texts: [String], name: String = "f") throws -> [SweepLine] {
    try SweepLine.lines(of: texts.map { $0 + "\n" }.joined(), name: name).lines
  }

  // MARK: Grid expansion

  @Test func listsAndRanges() throws {
    #expect(try Setting.k.parseValues("1,2,5") == [.whole(1), .whole(2), .whole(5)])
    #expect(
      try Setting.lr.parseValues("1e-4:1e-1:log:4")
        == [.real(1e-4), .real(1e-3), .real(1e-2), .real(1e-1)])
    #expect(
      try Setting.beta1.parseValues("0:0.75:lin:4")
        == [.real(0), .real(0.25), .real(0.5), .real(0.75)])
    // Whole-number knobs round a range's values.
    #expect(
      try Setting.hidden.parseValues("8:128:log:5").map(\.text) == ["8", "16", "32", "64", "128"])
    #expect(try Setting.k.parseValues("1:20:log:4").map(\.text) == ["1", "3", "7", "20"])
    #expect(
      try Setting.loss.parseValues("minimax,Nonsaturating")
        == [.word("minimax"), .word("nonsaturating")])
    // Commas inside a target spec belong to it.
    #expect(
      try Setting.target.parseValues("normal(4,0.5),bimodal").map(\.text)
        == ["normal(4,0.5)", "bimodal"])
  }

  @Test func badListsAndRangesSayWhy() {
    let cases: [(Setting, String, String)] = [
      (.k, "", "empty value"), (.k, "1,,2", "empty value"), (.k, "1,2,1", "twice"),
      (.k, "0", "between 1 and 50"), (.lr, "1e-4:1e-1:cubic:4", "not lin or log"),
      (.lr, "1e-4:1e-1:log:1", "N >= 2"), (.lr, "1e-4:1e-1:log:x", "N >= 2"),
      (.lr, "0:1e-1:log:3", "FROM > 0"), (.lr, "1:1:lin:3", "FROM != TO"),
      (.lr, "1e-3:", "a range is"), (.loss, "focal", "not one of"),
      (.k, "1:2:lin:5", "twice"), (.target, "normal(4)", "bad --target"),
    ]
    for (knob, text, expected) in cases {
      #expect(throws: SweepError.self) { try knob.parseValues(text) }
      do {
        _ = try knob.parseValues(text)
      } catch {
        #expect(error.description.contains(expected), "\(knob) '\(text)': \(error)")
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test func cellsAreEveryCombinationSeedFastest() throws {
    let grid = try smallGrid(
      [.loss: "minimax,nonsaturating", .k: "1,2,5"], seeds: [1, 2])
    #expect(grid.count == 12)
    #expect(grid.axes == [.loss, .k])
    let cells = (0..<grid.count).map(grid.cell)
    #expect(cells.map(\.seed) == [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2])
    #expect(
      cells.map { $0.knobs[.k]!.text } == [
        "1", "1", "2", "2", "5", "5", "1", "1", "2", "2", "5", "5",
      ])
    #expect(
      cells[5].knobs[.loss] == .word("minimax") && cells[6].knobs[.loss] == .word("nonsaturating"))
    #expect(Set(cells.map(\.identity)).count == 12)
    // The order of the flags does not change the grid.
    let again = try smallGrid([.k: "1,2,5", .loss: "minimax,nonsaturating"], seeds: [1, 2])
    #expect(again.hash == grid.hash)
    #expect(try smallGrid([.k: "1,2"]).hash != (try smallGrid([.k: "1,5"])).hash)
  }

  @Test func lrSetsBothNetsUnlessOverridden() throws {
    let grid = try smallGrid([.lr: "1e-3,1e-2", .lrG: "1e-4"])
    let config = try grid.cell(1).config()
    #expect(config.hyperparameters.discriminatorStepSize == 1e-2)
    #expect(config.hyperparameters.generatorStepSize == 1e-4)
    #expect(throws: SweepError.self) { try smallGrid([.lr: "1e-3,1e-2", .lrD: "1", .lrG: "1"]) }
  }

  // MARK: Shards

  @Test func shardsCoverEveryCellOnce() throws {
    for count in [1, 5, 12, 13] {
      let grid = try smallGrid([.k: (1...count).map(String.init).joined(separator: ",")])
      for n in 1...7 {
        let parts = try (1...n).map {
          Array(grid.indices(shard: try SweepShard(index: $0, count: n)))
        }
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<grid.count))
        #expect(parts.map(\.count).max()! - parts.map(\.count).min()! <= 1)
      }
    }
    #expect(try SweepShard.parse("2/4") == SweepShard(index: 2, count: 4))
    for bad in ["3/2", "0/2", "1/0", "-1/2", "1", "a/b", "1/2/3"] {
      #expect(throws: SweepError.self) { try SweepShard.parse(bad) }
    }
  }

  // MARK: Lines

  @Test func linesHaveEveryMetricAndTheConfiguration() throws {
    let grid = try smallGrid()
    let texts = try lines(grid)
    #expect(texts.count == 2)
    for (i, text) in texts.enumerated() {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      for metric in Metric.table { #expect(object[metric.column] != nil, "\(metric.column)") }
      for name in Setting.columnNames + SweepRecord.outcomeColumns {
        #expect(object[name] != nil, "\(name)")
      }
      #expect(object["cell"] as? Int == i)
      #expect(object["grid"] as? String == grid.hash)
      #expect(object["k"] as? Int == i + 1)
      let line = try SweepLine(parsing: text, origin: "test")
      #expect(line.identity == grid.cell(i).identity)
    }
  }

  /// Sweep lines and `train --config-columns` name the configuration alike.
  @Test func configurationColumnsAreTrainsColumns() {
    #expect(Setting.columnNames == RowPrinter.configColumnNames)
  }

  /// A cell's final metrics are those of `train` with the same flags.
  @Test func aCellEndsWhereTrainEnds() throws {
    let grid = try smallGrid()
    let cell = grid.cell(1)
    let outcome = SweepRunner.run(config: try cell.config(), settings: grid.settings)
    let run = TrainingRuntime.runHeadless(
      config: try cell.config(), iterations: 100, publishInterval: 30
    ) { _ in }
    #expect(outcome.metrics == run.lastFrame?.metrics)
  }

  @Test func sameGridSameLinesWhateverTheJobs() throws {
    let grid = try smallGrid([.k: "1,2", .loss: "minimax,nonsaturating"], seeds: [1, 2])
    let one = try lines(grid, jobs: 1)
    let three = try lines(grid, jobs: 3)
    #expect(one == three)
    #expect(one.count == 8)
  }

  @Test func divergenceAndCollapseAreFlagged() throws {
    let grid = try smallGrid([.optimizer: "sgd", .lrD: "1e20", .k: "1"])
    let line = try SweepLine(parsing: try lines(grid)[0], origin: "test")
    #expect(line.diverged)
    #expect(
      line.numbers["diverged_at_iteration"] != nil && line.numbers["diverged_at_iteration"]! != nil)
    #expect(!line.collapsed)
  }

  // MARK: Merge and resume

  @Test func mergeRestoresTheUnshardedLines() throws {
    let grid = try smallGrid([.k: "1,2,3"])
    let all = try lines(grid)
    var parts: [SweepLine] = []
    for i in [2, 1] {
      let shard = try SweepShard(index: i, count: 2)
      parts += try parse(lines(grid, Array(grid.indices(shard: shard))), name: "part\(i)")
    }
    #expect(try SweepMerge.merge(parts).map(\.text) == all)
  }

  @Test func mergeRefusesMissingDuplicateAndForeignCells() throws {
    let grid = try smallGrid([.k: "1,2,3"])
    let all = try parse(lines(grid))
    let message = { (parts: [SweepLine]) -> String in
      do {
        _ = try SweepMerge.merge(parts)
        return "merged"
      } catch {
        return (error as? SweepError)?.description ?? "\(error)"
      }
    }
    #expect(message(Array(all.dropLast())).contains("1 of 3 cells are missing: 2"))
    #expect(message(all + [all[1]]).contains("cell 1 is twice"))
    let other = try parse(lines(try smallGrid([.k: "1,2,4"]), [0]), name: "other")
    #expect(message(all + other).contains("different grids"))
    #expect(message([]).contains("no lines"))
  }

  @Test func resumeSkipsTheCellsAlreadyWritten() throws {
    let grid = try smallGrid([.k: "1,2,3"])
    let first = try lines(grid, [0, 2])
    let done = try SweepMerge.done(parse(first), grid: grid, file: "F")
    #expect(done == [0, 2])
    let rest = try lines(grid, (0..<grid.count).filter { !done.contains($0) })
    #expect(rest.count == 1)
    let resumed = try parse(first + rest).sorted { $0.cell < $1.cell }.map(\.text)
    let full = try lines(grid)
    #expect(resumed == full)
    // A file of another grid is refused, and so is a line whose cell is not this grid's.
    #expect(throws: SweepError.self) {
      try SweepMerge.done(parse(first), grid: try smallGrid([.k: "1,2,4"]), file: "F")
    }
    let swapped = first[0].replacingOccurrences(of: "\"cell\":0", with: "\"cell\":1")
    #expect(throws: SweepError.self) {
      try SweepMerge.done(parse([swapped]), grid: grid, file: "F")
    }
  }

  /// A shard's part resumed by another shard, and a file holding one cell twice, are
  /// refused; a resumed shard skips exactly the cells it holds.
  @Test func resumeKnowsTheShardAndSummaryRefusesTwins() throws {
    let grid = try smallGrid([.k: "1,2,3"], seeds: [1, 2])
    let first = try SweepShard(index: 1, count: 3)
    let third = try SweepShard(index: 3, count: 3)
    let part = try parse(lines(grid, Array(grid.indices(shard: first))))
    #expect(try SweepMerge.done(part, grid: grid, shard: first, file: "p1") == [0, 3])
    #expect(throws: SweepError.self) {
      try SweepMerge.done(part, grid: grid, shard: third, file: "p1")
    }
    #expect(Array(grid.indices(shard: first, skipping: [0])) == [3])
    #expect(grid.indices(shard: first, skipping: [0, 1, 2]).count == 1)
    try SweepMerge.checkNoCellTwice(part)
    #expect(throws: SweepError.self) { try SweepMerge.checkNoCellTwice(part + part) }
  }

  /// Grids are counted without overflow and refused above the cap, before any cell exists;
  /// a grid at the cap enumerates a shard lazily.
  @Test func hugeGridsAreRefusedAndLargeOnesEnumeratedLazily() throws {
    let thousand = "1e-4:1e-1:log:1000"
    #expect(throws: SweepError.self) {
      try smallGrid([.lr: thousand, .beta1: "0:0.9:lin:1000", .beta2: "0.9:0.99:lin:1000"])
    }
    // 10^4 values in each of six knobs: 10^24 cells, which overflows an Int.
    let many = "1:2:lin:10000"
    #expect(throws: SweepError.self) {
      try smallGrid([
        .lr: many, .beta1: "0:0.9:lin:10000", .beta2: "0.9:0.99:lin:10000", .epsilon: many,
        .momentum: "0:0.9:lin:10000", .gamma: many,
      ])
    }
    let atCap = try smallGrid(
      [.lr: thousand, .beta1: "0:0.9:lin:1000"], seeds: (1...10).map(UInt64.init))
    #expect(atCap.count == SweepGrid.mostCells)
    let shard = try SweepShard(index: 7, count: 1000)
    let part = atCap.indices(shard: shard, skipping: [6, 1006, 5])
    #expect(part.count == 10_000 - 2)
    #expect(Array(part.prefix(2)) == [2006, 3006])
  }

  @Test func aTornLastLineIsLeftOut() throws {
    let text = try lines(try smallGrid([.k: "1"]))[0]
    let (parsed, torn) = try SweepLine.lines(of: text + "\n" + text.prefix(40), name: "F")
    #expect(parsed.count == 1 && torn)
    #expect(throws: SweepError.self) { try SweepLine.lines(of: "{\"x\":1}\n", name: "F") }
  }

  // MARK: Summary

  @Test func summaryAveragesOverSeeds() throws {
    let grid = try smallGrid([.k: "1,2", .loss: "minimax,nonsaturating"], seeds: [1, 2, 3])
    let all = try parse(lines(grid, jobs: 2))
    let summary = SweepSummary(all)
    #expect(summary.groups.count == 4)
    #expect(summary.groups.allSatisfy { $0.lines.count == 3 })
    #expect(summary.varying == ["loss", "k"])
    let table = try summary.table(metric: "jsd")
    #expect(table.split(separator: "\n").count == 5)
    let jsd = summary.groups[0].lines.map { $0.numbers["jsd"]!! }
    let mean = jsd.reduce(0, +) / 3
    #expect(table.contains(SweepSummary.format(mean)))

    let map = try summary.heatmap(metric: "jsd", x: "k", y: "loss")
    #expect(map.xValues == ["1", "2"] && map.yValues == ["minimax", "nonsaturating"])
    #expect(map.cells[0][0] == .value(mean))
    let text = map.text(unicode: true)
    #expect(text.contains("░") || text.contains("█"))
    #expect(map.text(unicode: false).unicodeScalars.allSatisfy { $0.isASCII })
    #expect((map.scale?.lower ?? .infinity) <= mean && mean <= (map.scale?.upper ?? -.infinity))
    #expect((0...1).contains(map.position(mean)))
    #expect(try summary.column(forAxis: "lr") == "lr_d")
    let byRate = SweepSummary(try parse(lines(try smallGrid([.k: "1,2", .lr: "1e-3,1e-2"]))))
    #expect(try byRate.heatmap(metric: "jsd", x: "k", y: "lr_d").averagedOver == ["seeds"])
    #expect(throws: SweepError.self) { try summary.column(forAxis: "colour") }
    #expect(throws: SweepError.self) { try summary.table(metric: "nope") }
  }

  @Test func heatmapMarksEmptyAndValuelessCells() {
    let map = SweepHeatmap(
      metric: "jsd", x: "k", y: "lr_d", xValues: ["1", "5"], yValues: ["0.001"],
      cells: [[.empty, .noValue]], averagedOver: ["seeds"])
    let text = map.text(unicode: true)
    #expect(text.contains("·") && text.contains("×"))
  }

  @Test func progressLineFitsAndEstimates() {
    let p = SweepProgress(finished: 3, total: 12, work: 25, totalWork: 100, elapsed: 10, jobs: 2)
    #expect(p.secondsLeft == 30)
    let line = p.line(width: 80)
    #expect(line.count <= 80)
    #expect(line.contains("3/12") && line.contains("25%") && line.contains("about 0:30 left"))
    #expect(p.line(width: 80, unicode: false).unicodeScalars.allSatisfy { $0.isASCII })
    #expect(SweepProgress.clock(3725) == "1:02:05")
  }
}

/// Every setting of the table is a sweep knob unless the table says why not.
@Suite struct SweepKnobTableTests {
  @Test(arguments: Setting.allCases)
  func everySettingIsAKnobOrSaysWhyNot(setting: Setting) throws {
    let text: String =
      switch setting.kind {
      case .whole(let range): "\(range.lowerBound),\(range.upperBound)"
      case .real: "0.25,0.5"
      case .word(let words): words.prefix(2).joined(separator: ",")
      case .target: "gaussian,bimodal"
      case .toggle: "off,on"
      }
    guard setting.singleValueReason == nil else {
      #expect(throws: SweepError.self) { try setting.parseValues(text) }
      return
    }
    let values = try setting.parseValues(text)
    #expect(values.count == 2)
    var knobs: [Setting: [SettingValue]] = [setting: values]
    // A penalty on interpolates needs a loss that has one.
    if setting == .gp { knobs[.loss] = [.word(Loss.wassersteinGP.rawValue)] }
    let grid = try SweepGrid(knobs: knobs, seeds: [1], settings: SweepSettings())
    #expect(grid.count == 2)
    #expect(grid.axes == [setting])
    let read = (0..<2).map { grid.cell($0).settings.value(of: setting) }
    #expect(read == values)
    #expect(grid.cell(0).identity != grid.cell(1).identity || setting == .lr)
  }
}

/// What the settings table changed about sweeps: combinations refused before any work, lines
/// of grid format 1 read as they ran, the model not a comparison knob.
@Suite struct SweepSettingsTableTests {
  @Test func aRefusedCombinationInAnyCellRefusesTheGrid() throws {
    func grid(_ knobs: [Setting: String]) throws -> SweepGrid {
      var parsed: [Setting: [SettingValue]] = [:]
      for (knob, text) in knobs { parsed[knob] = try knob.parseValues(text) }
      return try SweepGrid(knobs: parsed, seeds: [1], settings: SweepSettings())
    }
    // Only the last cell (pack 2 with spectral normalisation) is refused; the order of the
    // values does not matter.
    #expect(throws: SweepError.self) { try grid([.spectralNorm: "off,on", .pack: "1,2"]) }
    #expect(throws: SweepError.self) { try grid([.loss: "wgan-gp,minimax", .gp: "5"]) }
    #expect(throws: SweepError.self) { try grid([.loss: "minimax,wgan-gp", .gp: "5"]) }
    #expect(try grid([.loss: "wgan-gp,wgan-lp", .gp: "1,5"]).count == 4)
    // A whole number's range beyond Int is refused, not a trap.
    #expect(throws: SweepError.self) { try Setting.hidden.parseValues("1:1e19:lin:2") }
  }

  @Test func aLineOfGridFormat1IsReadAsItRan() throws {
    let old =
      #"{"grid":"a7897756f5a5da0e","cell":0,"cells":8,"seed":1,"k":1,"lr_d":0.001,"lr_g":0.001,"#
      + #""loss":"nonsaturating","optimizer":"adam","batch":128,"hidden":4,"layers":1,"#
      + #""activation":"tanh","target":"gaussian","prior":"uniform","penalty":"none","#
      + #""gamma":10.0,"unroll":0,"updates":"alternating","instance_noise":0.5,"beta1":0.5,"#
      + #""beta2":0.999,"epsilon":1e-08,"momentum":0.9,"clip":0.01,"iterations":20,"jsd":0.5,"#
      + #""diverged":false,"collapsed":false}"#
    let line = try SweepLine(parsing: old, origin: "old line 1")
    #expect(line.gridFormat == 1)
    // Its noise stayed constant (sweeps of format 1 did not anneal it); it had no packing.
    #expect(line.config["noise_anneal"] == "0")
    #expect(line.config["pack"] == "1")
    #expect(line.config["spectral_norm"] == "off")
    let grid = try SweepGrid(knobs: [:], seeds: [1], settings: SweepSettings())
    let error = #expect(throws: SweepError.self) {
      try SweepMerge.done([line], grid: grid, file: "old.jsonl")
    }
    #expect(error?.description.contains("before sweep grid format 2") == true)
  }

  @Test func theModelIsGivenNotCompared() {
    let error = #expect(throws: SweepError.self) {
      try Comparison(flags: ["model=dirac", "lr=0.1,0.2"])
    }
    #expect(error?.description.contains("give --model itself") == true)
  }
}
