import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  @Suite struct Lifecycle {
    /// Stop is bounded by one iteration (snapshots here are rare, as at full speed in
    /// release, where one costs ~0.2 ms; in a debug build one costs ~70 ms).
    @Test func stopReturnsWithin100MillisecondsAtFullSpeed() throws {
      let runtime = TrainingRuntime(config: smallConfig(), publishInterval: 1_000_000)
      let viewer = DispatchGroup()
      DispatchQueue.global().async(group: viewer) {
        while runtime.status.phase != .ended {
          _ = runtime.latest()
          Thread.sleep(forTimeInterval: 1.0 / 60)
        }
      }
      runtime.start()
      eventually("the first frame") { runtime.latest() != nil }
      Thread.sleep(forTimeInterval: 0.2)
      let start = monotonicSeconds()
      runtime.stop()
      let latency = monotonicSeconds() - start
      #expect(latency < 0.1, "stop took \(latency) s")
      viewer.wait()

      let status = runtime.status
      #expect(status.phase == .ended)
      #expect(status.iteration > 0)
      Thread.sleep(forTimeInterval: 0.02)
      #expect(runtime.status.iteration == status.iteration)
    }

    /// A reader that stops reading holds the trainer at a full ring; stop still returns at
    /// once, and the reader can still take every frame that was published.
    @Test func aStalledReaderHoldsTheTrainerButNotStop() throws {
      let runtime = TrainingRuntime(config: smallConfig(), publishInterval: 1, ringCapacity: 2)
      let reader = runtime.subscribe()
      runtime.start()
      eventually("the ring fills") { runtime.status.lastSequence == 2 }
      Thread.sleep(forTimeInterval: 0.3)
      #expect(runtime.status.lastSequence == 2)
      let start = monotonicSeconds()
      runtime.stop()
      let latency = monotonicSeconds() - start
      #expect(latency < 0.1, "stop took \(latency) s")
      #expect(reader.next()?.sequence == 1)
      #expect(reader.next()?.sequence == 2)
      #expect(reader.next() == nil)
    }

    @Test func divergencePausesTheLoopAndResetRecovers() throws {
      let runtime = TrainingRuntime(config: divergingConfig(), publishInterval: 1000)
      let reader = runtime.subscribe()
      runtime.start()
      var diverged: Snapshot?
      while let frame = reader.next() {
        if frame.divergedAtIteration != nil {
          diverged = frame
          break
        }
      }
      let frame = try #require(diverged)
      #expect(frame.divergedAtIteration == runtime.status.divergedAtIteration)
      #expect(runtime.status.isPaused)
      let stuck = runtime.status.iteration
      Thread.sleep(forTimeInterval: 0.05)
      #expect(runtime.status.iteration == stuck)

      // Resuming a diverged run does nothing; a reset (with sane step sizes) recovers.
      runtime.send(.resume)
      #expect(reader.next()?.divergedAtIteration != nil)
      #expect(runtime.status.isPaused)
      runtime.send(
        .resetNetworks, .setOptimizer(.adam), .setDiscriminatorStepSize(1e-3),
        .setGeneratorStepSize(1e-3))
      let reset = try #require(reader.next())
      #expect(reset.divergedAtIteration == nil)
      for _ in 0..<3 { _ = reader.next() }
      #expect(runtime.status.divergedAtIteration == nil)
      #expect(runtime.status.isPaused)
      runtime.send(.resume)
      eventually("training goes on") { runtime.status.iteration >= stuck + 5 }
      #expect(runtime.status.divergedAtIteration == nil)
      #expect(!runtime.status.isPaused)
      runtime.stop()
    }

    @Test func headlessRunDeliversEveryFrameThenEnds() throws {
      let config = smallConfig()
      var frames: [Snapshot] = []
      let run = TrainingRuntime.runHeadless(
        config: config, iterations: 25, publishInterval: 10,
        samples: SampleRequest(count: 100, seed: 3)
      ) { frames.append($0) }
      #expect(frames.map(\.iteration) == [0, 10, 20, 25])
      #expect(isContiguousFromOne(frames))
      #expect(run.lastFrame.map(fingerprint) == frames.last.map(fingerprint))
      #expect(run.samples?.count == 100)
      #expect(run.events.isEmpty)
      let replayed = try TrainingRuntime.replay(
        config: config, events: [], publishInterval: 10, until: 25)
      #expect(replayed.map(fingerprint) == frames.map(fingerprint))

      var none: [Int] = []
      _ = TrainingRuntime.runHeadless(config: config, iterations: 0, publishInterval: 10) {
        none.append($0.iteration)
      }
      #expect(none == [0])
    }

    @Test func headlessRunEndsAtDivergence() {
      var frames: [Snapshot] = []
      let run = TrainingRuntime.runHeadless(
        config: divergingConfig(), iterations: 1000, publishInterval: 100
      ) { frames.append($0) }
      #expect(frames.count == 2)
      #expect(run.lastFrame?.divergedAtIteration != nil)
    }

    @Test func headlessRunStopsWhenTheConsumerThrows() {
      struct Enough: Error {}
      var count = 0
      #expect(throws: Enough.self) {
        try TrainingRuntime.runHeadless(
          config: smallConfig(), iterations: 1_000_000, publishInterval: 1
        ) { _ in
          count += 1
          if count == 3 { throw Enough() }
        }
      }
    }

    @Test func startAndStopAreSafeInAnyOrder() {
      let never = TrainingRuntime(config: smallConfig())
      never.stop()
      never.start()
      #expect(never.status.phase == .ended)
      #expect(never.next(after: 0, timeout: .milliseconds(10)) == .ended)

      let twice = TrainingRuntime(config: smallConfig(), startPaused: true)
      #expect(twice.next(after: 0, timeout: .milliseconds(10)) == .timedOut)
      twice.start()
      twice.start()
      #expect(twice.next(after: 0, timeout: .seconds(30)).snapshot?.sequence == 1)
      twice.stop()
      twice.stop()
      #expect(twice.next(after: 1, timeout: .seconds(1)) == .ended)
      #expect(twice.waitUntilEnded(timeout: .zero))
    }

    /// Loose bounds: this machine is small and shared, and debug builds are slow.
    @Test func pacedLoopHoldsItsRate() {
      let runtime = TrainingRuntime(
        config: smallConfig(), publishInterval: 1_000_000, pace: .iterationsPerSecond(40))
      runtime.start()
      eventually("the first frame") { runtime.latest() != nil }
      let start = monotonicSeconds()
      let first = runtime.status.iteration
      Thread.sleep(forTimeInterval: 1)
      let rate = Double(runtime.status.iteration - first) / (monotonicSeconds() - start)
      let measured = runtime.status.iterationsPerSecond
      runtime.stop()
      #expect((30...50).contains(rate), "ran at \(rate) it/s")
      #expect((25...55).contains(measured), "measured \(measured) it/s")
    }

    @Test func throughputMeasurementsRun() {
      let config = smallConfig()
      #expect(TrainingRuntime.measureBareThroughput(config: config, seconds: 0.1) > 0)
      #expect(
        TrainingRuntime.measureThroughput(config: config, seconds: 0.2, withViewer: true) > 0)
    }
  }
}
