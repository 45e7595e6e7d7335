import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Verify re-simulates a recording and catches any change; branching continues a run
  /// exactly where the recording was.
  @Suite struct RecordingReplay {
    static let session: RecordedRun = try! recordRun(iterations: 16, commands: sessionCommands)

    @Test func aFreshRecordingVerifies() throws {
      let reader = try RecordingReader(bytes: Self.session.bytes)
      let report = try reader.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.framesCompared == reader.frameCount)
      #expect(report.checkpointsCompared == reader.checkpointFrames.count)
      #expect(report.origin == "the header")
    }

    /// The committed version-1 recording (13 metrics a frame, no fixes) verifies bit for bit
    /// and branches: metrics added since have nothing recorded to compare, and the older
    /// hyperparameters read as "no fixes".
    @Test func anOlderRecordingVerifiesAndBranches() throws {
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("demos/sample.gans")
      let reader = try RecordingReader(bytes: [UInt8](Data(contentsOf: url)))
      #expect(reader.header.formatVersion == 1)
      #expect(reader.recordedMetricCount(at: 0) < Metric.recorded.count)
      let report = try reader.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.framesCompared == reader.frameCount)
      let runtime = try reader.branch(at: 300, pace: .maximum, startPaused: true)
      runtime.stop()
    }

    /// A Dirac-GAN run (format 4 names the model; its data is a point mass) reads back as
    /// the same setting, verifies bit for bit and branches.
    @Test func aDiracGANRecordingVerifiesAndBranches() throws {
      let config = try packedDiracConfig(dataPoint: 0, batchSize: 8, seed: 2)
      let run = try recordRun(
        config: config, iterations: 30,
        commands: [.setUpdateScheme(.simultaneous), .setPenalty(.r1, weight: 1)])
      let reader = try RecordingReader(bytes: run.bytes)
      #expect(reader.header.formatVersion == RecordingFormat.version)
      #expect(reader.header.config == config)
      let psi = run.frames.map(\.metrics.discriminatorSlope)
      #expect(psi.allSatisfy(\.isFinite) && psi.first == 1)
      let report = try reader.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.framesCompared == reader.frameCount)
      let runtime = try reader.branch(at: 6, pace: .maximum, startPaused: true)
      runtime.stop()
    }

    /// A file recorded before uniform pieces had modes holds NaN for `modes` and
    /// `near_modes` of such a target: verify leaves those two out for it, and only for it.
    @Test func modesRecordedBeforeUniformModesAreNotCompared() throws {
      let reader = try RecordingReader(bytes: Self.session.bytes)
      var old = reader.frame(at: 3)
      var now = old
      old.metrics.modesKept = .nan
      old.metrics.nearModeShare = .nan
      now.metrics.modesKept = 2
      now.metrics.nearModeShare = 0.5
      #expect(
        FrameComparison.firstDifference(recorded: old, resimulated: now, uniformModes: true)
          == nil)
      let strict = FrameComparison.firstDifference(recorded: old, resimulated: now)
      #expect(strict?.hasPrefix("metrics.modes: recorded nan") == true)
      // A recorded number is still compared bit for bit.
      var changed = now
      changed.metrics.modesKept = 1
      #expect(
        FrameComparison.firstDifference(recorded: now, resimulated: changed, uniformModes: true)?
          .hasPrefix("metrics.modes") == true)
      #expect(try Target.parse("uniform").distribution.hasUniformModes)
      #expect(try !Target.parse("bimodal").distribution.hasUniformModes)
    }

    /// One metric byte changed and the checksum fixed up: the file reads, verify names it.
    @Test func verifyCatchesATamperedMetric() throws {
      let bytes = Self.session.bytes
      let frame = recordStarts(bytes, type: .frame)[5]
      // The frame payload: the prefix of counters, then the metrics (JSD first).
      let metrics = metricsOffset(bytes, recordStart: frame)
      let tampered = withFixedChecksum(bytes, recordStart: frame) { bytes, _ in
        bytes[metrics] ^= 0x01
      }
      let reader = try RecordingReader(bytes: tampered)
      #expect(!reader.isDamaged)
      let report = try reader.verify()
      let mismatch = try #require(report.mismatch)
      #expect(mismatch.frameNumber == 6)
      #expect(!report.passed)
      #expect(mismatch.detail.hasPrefix("metrics.jsd: recorded"))
      #expect(report.framesCompared < reader.frameCount)
    }

    /// Branching at any frame gives a runtime whose frames are the recorded ones from there
    /// on, sequence numbers included.
    @Test func branchingReproducesTheRecordedContinuation() throws {
      // The knobs all change before the resume at frame 16; no command comes after it.
      let run = try recordRun(iterations: 40, commands: sessionCommands)
      let reader = try RecordingReader(bytes: run.bytes)
      let resumed = try #require(reader.frameIndex(sequence: run.events.last!.sequence))
      #expect(resumed == 16)
      let checkpoints = reader.checkpointFrames.filter { $0 > resumed }
      // At the last event, between checkpoints (restores one before the events and replays
      // them), at a checkpoint, and near the end.
      let last = reader.frameCount - 2  // The final frame of a limited run is not a cadence one.
      let starts = [resumed, resumed + 2, checkpoints[1], last - 1, last]
      for start in starts {
        let runtime = try reader.branch(at: start, pace: .maximum, startPaused: false)
        let follower = runtime.subscribe()
        runtime.start()
        var frames: [Snapshot] = []
        while frames.count < last - start + 1, let frame = follower.next() { frames.append(frame) }
        runtime.stop()
        #expect(frames.first == reader.frame(at: start))
        for (offset, frame) in frames.enumerated() {
          let recorded = reader.frame(at: start + offset)
          #expect(
            FrameComparison.firstDifference(
              recorded: recorded, resimulated: FrameComparison.recorded(frame)) == nil,
            "branch at \(start), frame \(start + offset)")
        }
        #expect(runtime.events.isEmpty)
        #expect(runtime.config.target.name == "bimodal")
      }
      #expect(throws: RecordingError.self) {
        try reader.branch(at: reader.frameCount, pace: .maximum, startPaused: true)
      }
    }

    /// Knob changes between single steps, checkpoints in between: every frame re-simulates
    /// from the checkpoint before it (the branch checks it), and a branch there goes on as
    /// the recording did until the next recorded command.
    @Test func everyFrameIsABranchPoint() throws {
      let step = ControlCommand.stepIteration
      let run = try recordRun(
        iterations: 14,
        commands: [
          step, step, .setLoss(.minimax), step, .setBatchSize(40), step, step,
          .setDiscriminatorSteps(2), step, .resetNetworks, step, .setLoss(.leastSquares),
          .setBatchSize(8), step, .setGeneratorStepSize(0.01),
        ], checkpoints: everyFrames(3))
      let reader = try RecordingReader(bytes: run.bytes)
      try expectEveryFrameBranches(reader, run)
    }

    /// A recording started in the middle of a session (the R key) holds the earlier events
    /// but verifies from its own first checkpoint, as does a recording of a branched run.
    @Test func lateAndBranchedRecordingsVerify() throws {
      let runtime = TrainingRuntime(
        config: tinyConfig(), publishInterval: 2, pace: .iterationsPerSecond(200),
        startPaused: true, stopAfterIterations: 40)
      runtime.start()
      runtime.send(.setDiscriminatorSteps(3), .stepIteration, .setLoss(.leastSquares), .resume)
      eventually("some training") { runtime.status.iteration >= 10 }
      let path = temporaryPath("late.gans")
      let recorder = try Recorder(runtime: runtime, path: path, checkpoints: everyFrames(3))
      runtime.waitUntilEnded()
      recorder.stop()
      let late = try RecordingReader(path: path)
      #expect(late.frame(at: 0).sequence > 1)
      #expect(late.events.count == 4)
      #expect(late.markers.isEmpty)  // Every knob changed before the first recorded frame.
      let report = try late.verify()
      #expect(report.passed, "\(String(describing: report.mismatch))")
      #expect(report.origin == "the checkpoint at frame 1")
      #expect(report.framesCompared == late.frameCount - 1)

      let branched = try late.branch(at: 2, pace: .maximum, startPaused: true)
      let branchPath = temporaryPath("branch.gans")
      let branchRecorder = try Recorder(
        runtime: branched, path: branchPath, checkpoints: everyFrames(3))
      branched.start()
      branched.send(.setGeneratorStepSize(0.003), .stepIteration, .resume)
      eventually("the branch trains") {
        branched.status.iteration >= late.frame(at: 2).iteration + 8
      }
      branched.stop()
      branchRecorder.stop()
      let second = try RecordingReader(path: branchPath)
      #expect(second.header.isResumedRun)
      #expect(second.frame(at: 0).sequence == late.frame(at: 2).sequence)
      let branchReport = try second.verify()
      #expect(branchReport.passed, "\(String(describing: branchReport.mismatch))")
      #expect(branchReport.origin == "the checkpoint at frame 1")
      #expect(branchReport.framesCompared == second.frameCount - 1)
      #expect(branchReport.framesNotChecked == 1)
      #expect(report.framesNotChecked == 1)

      // A recording of a branch that holds only the frame it started from checks nothing:
      // verify does not pass it ("ok: all 0 frames" was the bug).
      let idle = try late.branch(at: 2, pace: .maximum, startPaused: true)
      let idlePath = temporaryPath("idle.gans")
      let idleRecorder = try Recorder(runtime: idle, path: idlePath, checkpoints: everyFrames(3))
      idle.start()
      eventually("the first frame is recorded") { idleRecorder.framesWritten >= 1 }
      idle.stop()
      idleRecorder.stop()
      let single = try RecordingReader(path: idlePath)
      #expect(single.frameCount == 1)
      let nothing = try single.verify()
      #expect(nothing.framesCompared == 0)
      #expect(!nothing.passed)
    }
  }
}
