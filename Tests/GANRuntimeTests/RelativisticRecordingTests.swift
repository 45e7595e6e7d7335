import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// The relativistic loss in recordings (format 5): its G step reads D on data, and a
  /// checkpoint keeps those outputs, so a branch reports G's loss exactly as the run did,
  /// also when the loss changed between the last G step and the checkpoint.
  @Suite struct RelativisticRecording {
    @Test func relativisticRunsVerifyAndBranchAtEveryFrame() throws {
      let step = ControlCommand.stepIteration
      var config = tinyConfig()
      config.hyperparameters.loss = .relativistic
      let run = try recordRun(
        config: config, iterations: 14,
        commands: [
          step, .stepDiscriminator, .setLoss(.nonsaturating), step, .setLoss(.relativistic),
          .stepDiscriminator, .setBatchSize(12), step, .stepGenerator, .setPack(2), step,
          .setInstanceNoise(0.2), step, .setUpdateScheme(.simultaneous), step, .resetNetworks,
          .setLoss(.relativistic), step,
        ], checkpoints: everyFrames(2))
      let reader = try RecordingReader(bytes: run.bytes)
      #expect(reader.header.formatVersion == RecordingFormat.version)
      #expect(reader.header.config.hyperparameters.loss == .relativistic)
      // G's loss is NaN only before the first G step and after the reset.
      #expect(run.frames.filter { !$0.metrics.generatorLoss.isFinite }.count <= 4)
      #expect(run.frames.last?.metrics.generatorLoss.isFinite == true)
      let report = try reader.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.framesCompared == reader.frameCount)
      try expectEveryFrameBranches(reader, run)
    }

    /// A checkpoint after a relativistic G step holds its m outputs on data; one right after
    /// a switch to the relativistic loss, before any G step under it, holds none.
    @Test func aCheckpointHoldsTheGStepsOutputsOnData() throws {
      var config = tinyConfig()
      config.hyperparameters.loss = .relativistic
      let trainer = Trainer(config: config)
      _ = trainer.runIteration()
      let m = config.hyperparameters.batchSize
      #expect(trainer.state.criticDataOutputs.count == m)
      let restored = try Trainer(state: trainer.state)
      #expect(restored.generatorLoss.bitPattern == trainer.generatorLoss.bitPattern)
      var plain = config.hyperparameters
      plain.loss = .nonsaturating
      trainer.setHyperparameters(plain)
      _ = trainer.runIteration()
      let lastOutputs = trainer.state.criticOutputs.map(Double.init)
      plain.loss = .relativistic
      trainer.setHyperparameters(plain)
      #expect(trainer.state.criticDataOutputs.isEmpty)
      // The G-step workspace grew for the data rows but kept G's last outputs.
      #expect(trainer.state.criticOutputs.map(Double.init) == lastOutputs)
      #expect(
        trainer.generatorLoss == Loss.relativistic.generatorLoss(fake: lastOutputs, real: []))
      let switched = try Trainer(state: trainer.state)
      #expect(switched.generatorLoss.bitPattern == trainer.generatorLoss.bitPattern)
    }
  }
}
