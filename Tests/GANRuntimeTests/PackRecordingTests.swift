import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Packing in recordings (format 4): the pack size in the header's and checkpoints'
  /// hyperparameters, a change of P as event 22, and `verify` and branching bit for bit
  /// through it (the pattern of `RecordingReplay.everyFrameIsABranchPoint`).
  @Suite struct PackRecording {
    static func packedConfig() -> TrainingConfig {
      var config = tinyConfig()
      config.hyperparameters.stabilizers.pack = 3
      return config
    }

    @Test func packedRunsVerifyAndBranchAtEveryFrame() throws {
      let step = ControlCommand.stepIteration
      let run = try recordRun(
        config: Self.packedConfig(), iterations: 14,
        commands: [
          step, step, .setPack(2), step, .setBatchSize(24), step, .setPack(1), step, step,
          .setPack(4), step, .resetNetworks, step, .setPack(2),
        ], checkpoints: everyFrames(3))
      let reader = try RecordingReader(bytes: run.bytes)
      #expect(reader.header.formatVersion == RecordingFormat.version)
      #expect(reader.header.config.hyperparameters.stabilizers.pack == 3)
      let packs = reader.events.compactMap { event -> Int? in
        if case .setPack(let p) = event.command { return p }
        return nil
      }
      #expect(packs == [2, 1, 4, 2])
      #expect(
        reader.markers.map(\.label).filter { $0.hasPrefix("pack=") } == [
          "pack=2", "pack=1", "pack=4", "pack=2",
        ])
      let report = try reader.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.framesCompared == reader.frameCount)
      try expectEveryFrameBranches(reader, run)
    }

    /// A packed checkpoint holds D's longer buffers; one whose pack does not match them is
    /// refused with a message, not trusted.
    @Test func aCheckpointsBuffersMustMatchItsPack() throws {
      let trainer = Trainer(config: Self.packedConfig())
      trainer.runIteration()
      var state = trainer.state
      #expect(
        state.discriminatorParameters.count
          == TrainerState.parameterCount(state.architecture, inputs: 3))
      #expect(try Trainer(state: state).state == state)
      state.hyperparameters.stabilizers.pack = 2
      #expect(throws: TrainerStateError.self) { try Trainer(state: state) }
    }
  }
}
