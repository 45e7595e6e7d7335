import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// What `info` says about a file: intact, incomplete, damaged — each in its own words —
  /// and where each event shows, by frame number.
  @Suite struct RecordingConditionWords {
    static let run: RecordedRun = try! recordRun(
      iterations: 8, commands: [.setDiscriminatorSteps(2)], checkpoints: everyFrames(2))

    @Test func intactIncompleteAndDamagedFiles() throws {
      let bytes = Self.run.bytes
      let intact = try RecordingReader(bytes: bytes).condition
      #expect(intact.lines() == ["intact (stopped cleanly; every record checks)"])

      let cut = try RecordingReader(bytes: Array(bytes.dropLast(3))).condition
      let cutAt = records(bytes).last!.range.lowerBound
      #expect(
        cut.lines() == [
          "incomplete: no end record (the recording was not stopped cleanly, e.g. a crash or "
            + "a kill); it ends inside a record at byte \(cutAt); nothing before that is lost"
        ])
      #expect(!cut.isDamaged)

      let frame = records(bytes).filter { $0.type == .frame }[2].range
      var flipped = bytes
      flipped[frame.lowerBound + 20] ^= 0x01
      let damaged = try RecordingReader(bytes: flipped).condition
      #expect(damaged.isComplete && damaged.isDamaged && !damaged.isIntact)
      #expect(
        damaged.lines() == [
          "damaged in 1 place(s): 1 frame(s) unreadable, \(frame.count) bytes skipped",
          "  bytes \(frame.lowerBound)–\(frame.upperBound - 1) (a record that fails its "
            + "checksum): frame 3 unreadable",
        ])
    }

    @Test func eventsAreNumberedLikeFrames() throws {
      let reader = try RecordingReader(bytes: Self.run.bytes)
      let numbers = reader.eventFrameNumbers
      #expect(numbers.count == reader.events.count)
      for (event, number) in zip(reader.events, numbers) {
        let shown = try #require(number)
        #expect(reader.frame(at: reader.frameIndex(number: shown)!).sequence == event.sequence)
      }
    }
  }
}
