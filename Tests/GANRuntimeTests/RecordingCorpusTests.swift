import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// The fuzzer's seed corpus (Tests/Fuzz/corpus): small valid recordings of every kind of
  /// record. GANSCOPE_WRITE_FUZZ_CORPUS=1 writes them again (after a format change).
  @Suite struct RecordingCorpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    static var writing: Bool {
      ProcessInfo.processInfo.environment["GANSCOPE_WRITE_FUZZ_CORPUS"] == "1"
    }

    /// The seeds: a plain run, a session with every command, a diverging run (non-finite
    /// curves), a mixture target, a run cut short, and a packed Dirac-GAN run with the fixes.
    static func seeds() throws -> [(String, [UInt8])] {
      let plain = try recordRun(iterations: 4)
      let session = try recordRun(
        iterations: 3, publishInterval: 3,
        commands: sessionCommands + [
          .setPace(.iterationsPerSecond(30)), .setPace(.maximum), .pause, .stepGenerator,
          .reseed(5), .setDiscriminatorStepSize(0.01),
        ], checkpoints: everyFrames(6))
      var diverging = tinyConfig()
      diverging.hyperparameters.optimizer.kind = .sgd
      diverging.hyperparameters.discriminatorStepSize = 1e20
      let diverged = try recordRun(config: diverging, iterations: 4)
      var mixture = tinyConfig()
      mixture.target = try Target.parse("mix(0.3*normal(-2,0.5),0.7*laplace(2,1))")
      mixture.prior = .normal
      let mixed = try recordRun(config: mixture, iterations: 2, publishInterval: 1)
      // The Dirac-GAN on a point mass, packed, with every fix switched on and off: the model
      // string, the point's tag, the pack and λ in the header and each fix as an event.
      let dirac = try packedDiracConfig(dataPoint: 0.5, batchSize: 4, seed: 7)
      let fixes = try recordRun(
        config: dirac, iterations: 3, publishInterval: 1,
        commands: [
          .setUpdateScheme(.simultaneous), .setPenalty(.r2, weight: 2), .setPack(1),
          .setSpectralNorm(true), .setLoss(.hinge), .setLoss(.wasserstein),
          .setOptimizer(.optimisticAdam), .setInstanceNoise(0.1), .setPack(4),
          .setLoss(.relativistic),
        ], checkpoints: everyFrames(4))
      return [
        ("plain.gans", plain.bytes), ("session.gans", session.bytes),
        ("diverged.gans", diverged.bytes), ("mixture.gans", mixed.bytes),
        ("truncated.gans", Array(plain.bytes.dropLast(700))), ("fixes.gans", fixes.bytes),
      ]
    }

    @Test(.enabled(if: RecordingCorpus.writing)) func writeTheSeedCorpus() throws {
      try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
      for (name, bytes) in try Self.seeds() {
        try Data(bytes).write(to: Self.directory.appendingPathComponent(name))
      }
    }

    /// The committed seeds still read (so the fuzzer starts from valid files).
    @Test func theSeedCorpusReads() throws {
      let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        .filter { $0.hasSuffix(".gans") }
      #expect(names.count >= 5)
      var total = 0
      for name in names {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        total += bytes.count
        let reader = try RecordingReader(bytes: bytes, name: name)
        #expect(reader.frameCount >= 2, "\(name)")
        #expect(!reader.isDamaged, "\(name)")
        #expect(reader.isComplete == !name.hasPrefix("truncated"), "\(name)")
        #expect(reader.readableCheckpointCount == reader.checkpointFrames.count)
      }
      #expect(total < 100_000)
    }

    /// Every seed but the kept version-1 file is in the current format, so the fuzzer starts
    /// from what the writer writes today (after a format change, write them again).
    @Test func theSeedsAreTheCurrentFormat() throws {
      let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        .filter { $0.hasSuffix(".gans") }
      for name in names where !name.hasPrefix("v1-") {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let reader = try RecordingReader(bytes: bytes, name: name)
        #expect(reader.header.formatVersion == RecordingFormat.version, "\(name)")
      }
      #expect(names.contains("fixes.gans"))
    }

    /// The sweep seed (the fuzz target reads every input as sweep lines too) is a whole
    /// sweep of two knobs that merges.
    @Test func theSweepSeedMerges() throws {
      let url = Self.directory.appendingPathComponent("sweep-part.jsonl")
      let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
      let (lines, torn) = try SweepLine.lines(of: text, name: "sweep-part.jsonl")
      #expect(!torn && lines.count == 8)
      #expect(try SweepMerge.merge(lines).count == 8)
      #expect(SweepSummary(lines).varying == ["k", "penalty"])
    }
  }
}
