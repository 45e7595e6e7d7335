import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// Every event tag round-trips, with every field at its extremes, and an unknown tag makes
/// the record malformed rather than a command.
@Suite struct EventCodingTests {
  /// Commands covering every tag: whole numbers at 0 and at the largest, step sizes and
  /// weights at 0, −0, the largest float, infinity and NaN, every word of every enum.
  func samples() throws -> [ControlCommand] {
    let wholes = [0, 1, Int.max]
    let reals: [Float] = [0, -0.0, 1e-30, .greatestFiniteMagnitude, .infinity, .nan]
    var commands: [ControlCommand] = []
    for n in wholes {
      commands += [
        .setDiscriminatorSteps(n), .setBatchSize(n), .setPublishInterval(n),
        .setUnrolledSteps(n), .setPack(n),
      ]
    }
    for x in reals {
      commands += [
        .setDiscriminatorStepSize(x), .setGeneratorStepSize(x), .setInstanceNoise(x),
        .setConsensus(x),
      ]
      commands += GradientPenalty.allCases.map { .setPenalty($0, weight: x) }
    }
    commands += Loss.allCases.map(ControlCommand.setLoss)
    commands += OptimizerKind.allCases.map(ControlCommand.setOptimizer)
    commands += UpdateScheme.allCases.map(ControlCommand.setUpdateScheme)
    commands += try [
      "gaussian", "mix(normal(-2,0.5),normal(2,0.5))", "point(0)", "drawn(-1.5,2.25,0,3,3,16,0,1)",
    ].map {
      .setTarget(try Target.parse($0))
    }
    commands += [0, UInt64.max].map(ControlCommand.reseed)
    commands += [.maximum, .iterationsPerSecond(1), .iterationsPerSecond(1e300)].map {
      ControlCommand.setPace($0)
    }
    commands += [
      .resetNetworks, .pause, .resume, .stepDiscriminator, .stepGenerator, .stepIteration,
      .setSpectralNorm(true), .setSpectralNorm(false),
    ]
    return commands
  }

  func encoded(_ event: AppliedEvent) -> [UInt8] {
    var out = ByteWriter()
    out.event(event)
    return out.bytes
  }

  func decoded(_ bytes: [UInt8]) -> (AppliedEvent, failed: Bool, atEnd: Bool) {
    bytes.withUnsafeBytes { raw in
      var input = ByteReader(raw)
      let event = input.event()
      return (event, input.failed, input.isAtEnd)
    }
  }

  @Test func everyTagRoundTripsAtItsExtremes() throws {
    var tags = Set<EventTag>()
    for command in try samples() {
      for (iteration, sequence) in [(0, UInt64(0)), (Int.max, UInt64.max)] {
        let event = AppliedEvent(
          command: command, iteration: iteration, discriminatorSteps: iteration,
          generatorSteps: iteration, sequence: sequence)
        let bytes = encoded(event)
        tags.insert(try #require(EventTag(rawValue: bytes[32])))
        let (back, failed, atEnd) = decoded(bytes)
        #expect(!failed && atEnd, "\(command)")
        // Bit for bit: encoding the decoded event gives the same bytes (NaN included).
        #expect(encoded(back) == bytes, "\(command)")
        #expect(back.sequence == sequence && back.iteration == iteration)
      }
    }
    #expect(tags == Set(EventTag.allCases))
  }

  @Test func anUnknownTagOrANegativeCounterIsMalformed() {
    var bytes = encoded(
      AppliedEvent(
        command: .pause, iteration: 3, discriminatorSteps: 2, generatorSteps: 1, sequence: 4))
    for tag in [0, EventTag.allCases.count + 1, 255] {
      bytes[32] = UInt8(tag)
      #expect(decoded(bytes).failed, "tag \(tag)")
    }
    let negative = encoded(
      AppliedEvent(
        command: .pause, iteration: -1, discriminatorSteps: 0, generatorSteps: 0, sequence: 1))
    #expect(decoded(negative).failed)
  }
}
