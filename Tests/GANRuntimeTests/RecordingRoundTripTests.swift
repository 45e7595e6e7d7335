import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Recording then reading gives back what was published: counters, metrics and settings
  /// exactly, the curves within their quantization step.
  @Suite struct RecordingRoundTrip {
    @Test func readingGivesBackEveryPublishedFrame() throws {
      let run = try recordRun(iterations: 24, commands: sessionCommands)
      let reader = try RecordingReader(path: run.path)
      #expect(reader.frameCount == run.frames.count)
      #expect(reader.events == run.events)
      #expect(reader.header.config == tinyConfig())
      #expect(reader.header.publishInterval == 2)
      #expect(reader.isComplete)
      #expect(!reader.isDamaged && reader.problems == nil)
      #expect(reader.ignoredBytes == 0)
      #expect(reader.durationSeconds >= 0)
      #expect(reader.checkpointFrames.first == 0)
      #expect(reader.checkpointFrames.count >= run.frames.count / 4)
      for (i, published) in run.frames.enumerated() {
        let read = reader.frame(at: i)
        #expect(read.sequence == published.sequence)
        #expect(read.iteration == published.iteration)
        #expect(read.discriminatorSteps == published.discriminatorSteps)
        #expect(read.generatorSteps == published.generatorSteps)
        #expect(read.lastStep == published.lastStep)
        #expect(read.divergedAtIteration == published.divergedAtIteration)
        #expect(read.metrics == published.metrics)  // Bitwise, NaN included.
        #expect(reader.metrics(at: i) == published.metrics)
        #expect(read.hyperparameters == published.hyperparameters)
        #expect(read.targetName == published.targetName)
        #expect(read.prior == published.prior && read.seed == published.seed)
        #expect(read.grid == published.grid)
        #expect(read.dataHistogram.map(\.bitPattern) == published.dataHistogram.map(\.bitPattern))
        #expect(read.dataDensity.map(\.bitPattern) == published.dataDensity.map(\.bitPattern))
        #expect(read.mappingZ == published.mappingZ)
        let curves: [([Float], [Float], Int)] = [
          (read.modelHistogram, published.modelHistogram, FrameBits.histogram),
          (read.discriminator, published.discriminator, FrameBits.discriminator),
          (read.optimalDiscriminator, published.optimalDiscriminator, FrameBits.discriminator),
          (read.mappingX, published.mappingX, FrameBits.mappingX),
          (read.mappingSlope, published.mappingSlope, FrameBits.slope),
        ]
        for (got, want, bits) in curves {
          #expect(close(got, want, within: quantizationStep(want, bits: bits)))
        }
      }
      // Markers at the frames that show the knob changes, in order.
      let labels = reader.markers.map(\.label)
      #expect(
        labels == [
          "k=2", "lrG=0.002", "loss=minimax", "target=bimodal", "penalty=r1(5.0)", "unroll=2",
          "updates=extragradient", "noise=0.3", "loss=wgan-gp", "optimizer=momentum", "m=24",
          "reset",
        ])
      for marker in reader.markers {
        let event = try #require(
          run.events.first { $0.sequence == reader.frame(at: marker.frameIndex).sequence })
        #expect(RecordingMarker.describing(event.command)?.1 == marker.label)
      }
      #expect(reader.markers.first?.kind == .discriminatorSteps)
    }

    @Test func frameLookupsAndClamping() throws {
      let run = try recordRun(iterations: 6)
      let reader = try RecordingReader(bytes: run.bytes)
      #expect(reader.frameIndex(sequence: 3) == 2)
      #expect(reader.frameIndex(sequence: 999) == nil)
      #expect(reader.frame(at: -5).sequence == 1)
      #expect(reader.frame(at: 999).sequence == run.frames.last?.sequence)
      #expect(reader.frameTime(at: 0) == 0)
    }

    @Test func crc32cMatchesTheStandardCheckValue() {
      #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
      #expect(CRC32C.checksum([]) == 0)
      // The 8-byte path and the byte path agree on every length and alignment.
      let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      for start in 0..<9 {
        var slow: UInt32 = 0xFFFF_FFFF
        for byte in bytes[start...] {
          slow ^= UInt32(byte)
          for _ in 0..<8 { slow = slow & 1 == 1 ? (slow >> 1) ^ 0x82F6_3B78 : slow >> 1 }
        }
        #expect(CRC32C.checksum(Array(bytes[start...])) == ~slow)
      }
    }

    @Test func curvesKeepTheirShapeAndEveryNonFiniteValue() {
      var generator = SplitMix64(state: 5)
      func random() -> Float { Float(generator.next() % 10_000) / 10_000 }
      let cases: [[Float]] = [
        [], [0.5], [3, 3, 3], (0..<200).map { _ in random() },
        (0..<200).map { Float($0) / 199 }, [1, .nan, -.infinity, 2, .infinity, 1e30, -1e30],
        [.nan, .nan], [-Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude],
      ]
      for values in cases {
        for bits in [1, 8, 10, 12, 16, 24] {
          var out = ByteWriter()
          CurveCoding.encode(values, bits: bits, into: &out)
          let decoded = out.bytes.withUnsafeBytes { raw -> [Float] in
            var input = ByteReader(raw)
            let curve = CurveCoding.decode(&input)
            #expect(!input.failed && input.isAtEnd)
            return curve
          }
          #expect(close(decoded, values, within: quantizationStep(values, bits: bits)))
        }
      }
    }
  }
}
