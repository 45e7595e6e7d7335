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
    /// curves), a mixture target, and a run cut short.
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
      return [
        ("plain.gans", plain.bytes), ("session.gans", session.bytes),
        ("diverged.gans", diverged.bytes), ("mixture.gans", mixed.bytes),
        ("truncated.gans", Array(plain.bytes.dropLast(700))),
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
  }
}
