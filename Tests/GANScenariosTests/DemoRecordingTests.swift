import GANCore
import GANRuntime
import Testing

/// The claims `demos/replay.sh` makes about the committed recording `demos/sample.gans`.
@Suite struct DemoRecordingTests {
  static let path: String = {
    // Tests/GANScenariosTests/DemoRecordingTests.swift → the repository root.
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/demos/sample.gans"
  }()

  @Test func replayScriptAdviceLandsAfterTheTargetSwitch() throws {
    let reader = try RecordingReader(path: Self.path)
    #expect(reader.frameCount == 621)
    // Key 6 seeks to frameCount × 6 / 10 (0-based), shown as frame= one more.
    #expect(reader.frameCount * 6 / 10 + 1 == 373)
    let switches = reader.events.filter {
      if case .setTarget = $0.command { return true }
      return false
    }
    #expect(switches.map(\.command) == [.setTarget(Target.preset("trimodal")!)])
    let switchFrame = try #require(
      switches.first.flatMap { reader.frameIndex(sequence: $0.sequence) })
    // The first frame with three modes: 0-based 378, frame=379 on screen and --branch-at 379;
    // six presses of Right after key 6.
    #expect(switchFrame == 378)
    #expect(switchFrame + 1 == 373 + 6)
    #expect(reader.frame(at: switchFrame).targetName == "trimodal")
    #expect(reader.frame(at: switchFrame - 1).targetName == "bimodal")
  }

  @Test func replayScriptStoryHolds() throws {
    let reader = try RecordingReader(path: Self.path)
    let first = reader.metrics(at: 0)
    // A narrow spike between the two modes at ±2.
    #expect(first.generatorStandardDeviation < 0.1 && abs(first.generatorMean) < 1)
    // Covers both modes before the switch; JSD jumps at the switch; covers three at the end.
    #expect(reader.metrics(at: 377).jensenShannon < 0.05)
    #expect(reader.metrics(at: 378).jensenShannon > 0.3)
    #expect(reader.metrics(at: reader.frameCount - 1).jensenShannon < 0.05)
  }
}
