import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  @Suite struct Concurrency {
    /// Full speed for 2 s with a tiny ring, two every-frame readers (one slow enough to hold
    /// the trainer back), a 1 kHz `latest()` poller and a skipping `next(after:)` reader.
    /// Every frame any of them got must be exactly the replayed frame of that number.
    @Test func everyReaderSeesWholeFramesAndEveryFrameReadersMissNone() throws {
      let config = smallConfig()
      let runtime = TrainingRuntime(config: config, publishInterval: 3, ringCapacity: 2)
      let fast = runtime.subscribe()
      let slow = BackgroundReader(runtime.subscribe(), pauseEvery: 3, pauseSeconds: 0.05)
      let polled = Locked<[Snapshot]>([])
      let skipped = Locked<[Snapshot]>([])
      // Own threads, not the global queue: under ThreadSanitizer, with other suites busy, a
      // queued block may start only when the run is nearly over and read a single frame.
      let othersDone = DispatchSemaphore(value: 0)
      Thread.detachNewThread {
        while runtime.status.phase != .ended {
          if let frame = runtime.latest(), frame.sequence != polled.withLock({ $0.last?.sequence })
          {
            polled.withLock { $0.append(frame) }
          }
          Thread.sleep(forTimeInterval: 0.001)
        }
        othersDone.signal()
      }
      Thread.detachNewThread {
        var sequence: UInt64 = 0
        while case .frame(let frame) = runtime.next(after: sequence, timeout: .seconds(30)) {
          skipped.withLock { $0.append(frame) }
          sequence = frame.sequence
          Thread.sleep(forTimeInterval: 0.02)
        }
        othersDone.signal()
      }
      runtime.start()
      var frames: [Snapshot] = []
      // At least 2 s, and on until there are frames enough to compare (a slow, instrumented
      // build on a busy machine may need longer); at most 60 s.
      let start = monotonicSeconds()
      func sampled() -> Bool {
        frames.count >= 5 && polled.withLock { $0.count } >= 2
          && skipped.withLock { $0.count } >= 2
      }
      while monotonicSeconds() < start + 2 || (!sampled() && monotonicSeconds() < start + 60) {
        if let frame = fast.next(timeout: .milliseconds(50)).snapshot { frames.append(frame) }
      }
      runtime.stop()
      while let frame = fast.next() { frames.append(frame) }
      othersDone.wait()
      othersDone.wait()
      let slowFrames = slow.finish()

      #expect(frames.count >= 5)
      #expect(isContiguousFromOne(frames))
      #expect(frames.allSatisfy(isWellFormed))
      #expect(slowFrames.map(fingerprint) == frames.map(fingerprint))

      let last = try #require(frames.last)
      let replayed = try TrainingRuntime.replay(
        config: config, events: [], publishInterval: 3, until: last.iteration)
      #expect(replayed.map(fingerprint) == frames.map(fingerprint))

      for reads in [polled.withLock { $0 }, skipped.withLock { $0 }] {
        #expect(reads.count >= 2)
        #expect(zip(reads, reads.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
        #expect(
          reads.allSatisfy { fingerprint($0) == fingerprint(replayed[Int($0.sequence) - 1]) })
      }
    }
  }
}
