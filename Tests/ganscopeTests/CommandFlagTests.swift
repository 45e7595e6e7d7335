import ArgumentParser
import GANCore
import Testing

@testable import ganscope

/// Every setting of the table is a flag of every command that trains, and reaches the run:
/// the argument parser needs one declared `@Option` per flag (ModelOptions,
/// StabilizerOptions, SweepRunCommand), which the compiler does not ask for. A setting added
/// to the table without its declaration, or declared but answered by the wrong property,
/// fails here, for each command.
@Suite struct CommandFlagTests {
  /// The cases: every setting for every model it applies to.
  static let cases: [(Setting, NetModel)] = Setting.allCases.flatMap { setting in
    NetModel.allCases.filter {
      setting.applies(to: $0) && !(setting == .model && $0 == .perceptron)
    }
    .map { (setting, $0) }
  }

  /// The training commands take every setting as `train` writes it (`RunSettings.arguments`).
  @Test(arguments: cases)
  func everyTrainingCommandTakesTheSetting(setting: Setting, model: NetModel) throws {
    let expected = try RunSettings.given(setting.example(for: model))
    let flags = expected.arguments()
    #expect(try TrainCommand.parse(flags).model.settings() == expected, "train \(flags)")
    #expect(try LiveCommand.parse(flags).model.settings() == expected, "live \(flags)")
    #expect(
      try FigureCommand.parse(flags + ["--out", "figure.svg"]).model.settings() == expected,
      "figure \(flags)")
    #expect(try SpectrumCommand.parse(flags).model.settings() == expected, "spectrum \(flags)")
    // `bench` runs the peers' workload with the fixes: it takes the fixes' flags.
    let fixes = try TrainCommand.parse(flags).model.fixes
    if let value = fixes.value(of: setting) {
      let bench = try BenchCommand.parse(flags.filter { $0 != "--model" && $0 != "dirac" })
      #expect(bench.fixes.value(of: setting) == value, "bench \(flags)")
    }
  }

  /// A sweep takes every setting as a knob (a list of one value here), and its one cell is
  /// the run `train` would make.
  @Test(arguments: cases)
  func aSweepTakesTheSettingAsAKnob(setting: Setting, model: NetModel) throws {
    let values = setting.example(for: model)
    let expected = try RunSettings.given(values)
    let flags = values.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap {
      [$0.key.flag, $0.value.text]
    }
    let (grid, _, _) = try SweepRunCommand.parse(flags).plan()
    #expect(grid.count == 1)
    #expect(grid.cell(0).settings == expected, "sweep \(flags)")
  }
}
