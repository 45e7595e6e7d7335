import GANCore
import Testing

@testable import GANRuntime

/// `live --compare`: the flags → the runs (one grid cell each), and the bad flags.
@Suite struct ComparisonTests {
  let base = TrainingConfig(
    target: Target.preset("gaussian")!, hyperparameters: Hyperparameters(discriminatorSteps: 3),
    seed: 7)

  @Test func oneKnobGivesARunPerValueDifferingOnlyInIt() throws {
    let comparison = try Comparison(flags: ["loss=minimax,nonsaturating"])
    #expect(comparison.runs.map(\.label) == ["loss=minimax", "loss=nonsaturating"])
    let configs = try comparison.runs.map { try $0.config(from: base) }
    #expect(configs.map(\.hyperparameters.loss) == [.minimax, .nonsaturating])
    for config in configs {
      var same = config
      same.hyperparameters.loss = base.hyperparameters.loss
      #expect(same == base, "only the compared knob differs; the seed and k are the base's")
    }
  }

  @Test func twoKnobsGiveTheirProductInTheSweepsOrder() throws {
    // Typed k first: the grid's order (loss before k) decides, as in a sweep.
    let comparison = try Comparison(flags: ["k=1,5", "loss=minimax,nonsaturating"])
    #expect(
      comparison.runs.map(\.label) == [
        "loss=minimax k=1", "loss=minimax k=5", "loss=nonsaturating k=1",
        "loss=nonsaturating k=5",
      ])
    let last = try comparison.runs[3].config(from: base)
    #expect(last.hyperparameters.discriminatorSteps == 5)
    #expect(last.hyperparameters.loss == .nonsaturating)
  }

  @Test func everyKnobSetsWhatItsTrainFlagSets() throws {
    let comparison = try Comparison(flags: ["lr=0.01,0.002"])
    let config = try comparison.runs[0].config(from: base)
    #expect(config.hyperparameters.discriminatorStepSize == 0.01)
    #expect(config.hyperparameters.generatorStepSize == 0.01)
    let hidden = try Comparison(flags: ["hidden=8,16"]).runs[1].config(from: base)
    #expect(hidden.architecture.width == 16)
    let penalty = try Comparison(flags: ["penalty=none,r1"]).runs[1].config(from: base)
    #expect(penalty.hyperparameters.stabilizers.penalty == .r1)
    let ranged = try Comparison(flags: ["lr=1e-4:1e-2:log:3"])
    #expect(ranged.runs.count == 3)
  }

  @Test(arguments: [
    (["foo=1,2"], "unknown knob 'foo'"),
    (["loss="], "has no values"),
    (["k=1,2,3", "loss=minimax,nonsaturating"], "makes 6 runs; at most 4"),
    (["k=1,2", "k=3,4"], "k is given twice"),
    (["k=5"], "single run"),
    (["k=1,,2"], "empty value"),
    (["k"], "expected KNOB=V1,V2"),
    (["loss=bogus,minimax"], "'bogus' is not one of"),
    (["k=1,1"], "gives 1 twice"),
    ([String](), "needs KNOB=V1,V2"),
  ])
  func badFlagsAreOneLine(flags: [String], expected: String) {
    do {
      _ = try Comparison(flags: flags)
      Issue.record("\(flags) was accepted")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
      #expect(error.description.hasPrefix("--compare"))
      #expect(!error.description.contains("\n"))
    }
  }
}

/// Recordings side by side: each run's frame at the axis' iteration, or the one before.
@Suite struct IterationAxisTests {
  @Test func theAxisIsEveryRecordedIterationAndEachRunShowsItsFrameAtOrBefore() {
    // Run 0 recorded every 100 iterations up to 300, run 1 every 150 up to 450.
    let axis = IterationAxis(frames: [[0, 100, 200, 300], [0, 150, 300, 450]])
    #expect(axis.iterations == [0, 100, 150, 200, 300, 450])
    #expect((0..<axis.count).map { axis.frame(ofRun: 0, at: $0) } == [0, 1, 1, 2, 3, 3])
    #expect((0..<axis.count).map { axis.frame(ofRun: 1, at: $0) } == [0, 0, 1, 1, 2, 3])
  }

  @Test func aRunThatStartsLaterShowsNothingBeforeItsFirstFrame() {
    let axis = IterationAxis(frames: [[0, 10], [5, 20]])
    #expect(axis.frame(ofRun: 1, at: 0) == nil)
    #expect(axis.frame(ofRun: 1, at: 1) == 0)
    #expect(axis.frame(ofRun: 0, at: 3) == 1, "after its end a run keeps its last frame")
    #expect(axis.frame(ofRun: 2, at: 0) == nil)
    #expect(axis.frame(ofRun: 0, at: 9) == nil)
  }

  @Test func aCountThatGoesBackIsSearchedInFileOrder() {
    // Frames 2 and 3 repeat iterations already passed: the last frame reached is shown.
    let axis = IterationAxis(frames: [[0, 50, 20, 60]])
    #expect(axis.iterations == [0, 20, 50, 60])
    #expect((0..<axis.count).map { axis.frame(ofRun: 0, at: $0) } == [0, 0, 2, 3])
  }
}
