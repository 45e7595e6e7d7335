import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// The pure parts: the ring's addressing and the pacer's arithmetic.
  @Suite struct RingAndTiming {
    static let frame: Snapshot = {
      let config = smallConfig()
      return Evaluator(architecture: config.architecture, prior: config.prior)
        .snapshot(of: Trainer(config: config))
    }()

    func numbered(_ sequence: UInt64) -> Snapshot {
      var snapshot = Self.frame
      snapshot.sequence = sequence
      return snapshot
    }

    @Test func ringKeepsTheNewestFramesAndReturnsTheOverwrittenOne() {
      var ring = SnapshotRing(capacity: 3)
      #expect(ring.latest == nil)
      #expect(ring.first(after: 0) == nil)
      for sequence in 1...3 as ClosedRange<UInt64> {
        #expect(ring.append(numbered(sequence)) == nil)
      }
      #expect(ring.append(numbered(4))?.sequence == 1)
      #expect(ring.append(numbered(5))?.sequence == 2)
      #expect(ring.latest?.sequence == 5)
      #expect(ring.oldestSequence == 3)
      // A reader at 3 gets 4; one that fell behind gets the oldest frame still held.
      #expect(ring.first(after: 3)?.sequence == 4)
      #expect(ring.first(after: 0)?.sequence == 3)
      #expect(ring.first(after: 5) == nil)
    }

    @Test func backPressureHoldsTheTrainerOnlyForAReaderAFullRingBehind() {
      var state = SharedState(
        ringCapacity: 4, status: RuntimeStatus(isPaused: false, pace: .maximum, publishInterval: 1))
      #expect(state.canPublish(100))
      state.readerCursors[0] = 2
      #expect(state.canPublish(6))  // Overwrites frame 2, which the reader has taken.
      #expect(!state.canPublish(7))  // Would overwrite frame 3, which it has not.
    }

    @Test func pacerRunsAtItsRateAndCatchesUpOnlyBriefly() {
      var pacer = Pacer(rate: 100)
      #expect(pacer.delay(now: 0) == 0)  // The first iteration runs at once.
      #expect(abs(pacer.delay(now: 0.001) - 0.009) < 1e-9)
      #expect(pacer.delay(now: 0.010) == 0)
      // Simulate one second of a loop that polls every millisecond.
      var iterations = 0
      for millisecond in 11...1010 where pacer.delay(now: Double(millisecond) / 1000) == 0 {
        iterations += 1
      }
      #expect(iterations == 100)
      // After a 10 s stall, at most 50 ms of credit (5 iterations) runs back to back.
      var burst = 0
      while pacer.delay(now: 11) == 0 { burst += 1 }
      #expect(burst == 5)
    }

    @Test func rateMeterMeasuresOverAboutHalfASecond() {
      // Times in eighths of a second, exact in binary, so no sample lands a hair early.
      var meter = RateMeter()
      #expect(meter.record(now: 0, iteration: 0) == nil)
      #expect(meter.record(now: 0.0625, iteration: 50) == nil)  // Too soon for a sample.
      var rate: Double?
      for step in 1...10 {
        rate = meter.record(now: Double(step) / 8, iteration: step * 100) ?? rate
      }
      #expect(rate == 800)
      // Paused: the rate falls to zero once the window holds no progress.
      for step in 11...16 { rate = meter.record(now: Double(step) / 8, iteration: 1000) }
      #expect(rate == 0)
    }
  }
}
