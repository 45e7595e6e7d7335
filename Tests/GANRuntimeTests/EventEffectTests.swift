import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// `verify` fails a recording holding an event no frame shows taking effect: one written
/// with a valid checksum but never applied (after the last frame, or at counters its frame
/// does not have).
@Suite struct EventEffectTests {
  /// The recording of `run` with `event` written (checksummed) just before its end record.
  func injecting(_ event: AppliedEvent, into run: RecordedRun) throws -> RecordingReader {
    let end = try #require(recordStarts(run.bytes, type: .end).first)
    var injected = ByteWriter()
    injected.record(.event) { $0.event(event) }
    let bytes = Array(run.bytes[..<end]) + injected.bytes + Array(run.bytes[end...])
    let path = temporaryPath("injected.gans")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try RecordingReader(path: path)
  }

  @Test func anInjectedEventThatNeverTakesEffectFailsVerify() throws {
    let run = try recordRun(commands: [.setDiscriminatorSteps(2)])
    let plain = try RecordingReader(path: run.path).verify()
    #expect(plain.passed && plain.eventsWithoutEffect.isEmpty)
    let last = try #require(run.frames.last)
    let stray = [
      // After the last frame (the scan leaves it out of the event log).
      AppliedEvent(
        command: .setDiscriminatorSteps(7), iteration: last.iteration, discriminatorSteps: 0,
        generatorSteps: 0, sequence: (1 << 40) - 1),
      // At the sequence of a real frame, but at an iteration that frame is not at.
      AppliedEvent(
        command: .pause, iteration: 1 << 62, discriminatorSteps: 0, generatorSteps: 0,
        sequence: run.frames[3].sequence),
    ]
    for event in stray {
      let reader = try injecting(event, into: run)
      #expect(!reader.isDamaged)
      let report = try reader.verify()
      #expect(!report.passed, "\(event)")
      #expect(report.eventsWithoutEffect.count == 1, "\(report.eventsWithoutEffect)")
    }
  }
}
