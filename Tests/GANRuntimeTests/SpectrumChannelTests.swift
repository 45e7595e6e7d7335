import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// The live spectrum's hand-offs, driven step by step on one thread (no waiting on
  /// another): a viewer asks at most once a second, the trainer takes the request at a
  /// boundary and copies its state, the computation publishes through the one lock.
  @Suite struct SpectrumChannelTests {
    @Test func aViewerAsksAtMostOncePerIntervalAndNeverTwiceInFlight() {
      var channel = SpectrumChannel()
      // The calls mutate the channel, so each result is taken before it is checked.
      var results: [Bool] = []
      results.append(channel.take())
      results.append(channel.ask(now: 10))
      results.append(channel.ask(now: 10.1))  // already asked
      results.append(channel.take())
      results.append(channel.take())
      results.append(channel.ask(now: 12))  // being computed
      #expect(results == [false, true, false, true, false, false])
      let reading = SpectrumReading(iteration: 5, content: .refused("no"))
      channel.publish(reading, capturedAt: 10.2)
      #expect(channel.latest == reading && !channel.inFlight)
      let early = channel.ask(now: 11.1)  // 0.9 s after the capture
      let due = channel.ask(now: 11.2)
      #expect(!early && due)
    }

    @Test func aRequestWakesAPausedTrainer() {
      var state = SharedState(
        ringCapacity: 4, status: RuntimeStatus(isPaused: true, pace: .maximum, publishInterval: 1))
      #expect(!state.needsTrainer)
      _ = state.spectrum.ask(now: 0)
      let asked = state.needsTrainer
      _ = state.spectrum.take()
      let taken = state.needsTrainer
      #expect(asked && !taken)
    }

    /// What the training loop and the spectrum queue do, in order, on this thread: the
    /// reading published is the spectrum of the state at the capture, whatever the trainer
    /// did after it.
    @Test func theComputationPublishesTheCapturedStatesSpectrum() throws {
      let shared = Locked(
        SharedState(
          ringCapacity: 4,
          status: RuntimeStatus(isPaused: false, pace: .maximum, publishInterval: 1)))
      let trainer = Trainer(config: smallConfig())
      for _ in 0..<50 { trainer.runIteration() }
      let asked = shared.withLock { $0.spectrum.ask(now: 100) }
      let taken = shared.withLock { $0.spectrum.take() }
      #expect(asked && taken)
      let captured = SpectrumReading.capture(trainer)
      for _ in 0..<10 { trainer.runIteration() }
      shared.computeSpectrum(captured, iteration: 50, capturedAt: 100)
      let channel = shared.withLock { $0.spectrum }
      #expect(!channel.inFlight && !channel.requested)
      #expect(channel.capturedAt == 100)
      let reading = try #require(channel.latest)
      #expect(reading.iteration == 50)
      let spectrum = try #require(reading.spectrum)
      guard case .success(let jacobian) = captured else { return }
      #expect(spectrum == (try GameSpectrum(jacobian, method: .arnoldi(steps: 40))))
    }

    @Test func aRefusalIsPublishedAsItsReason() {
      let shared = Locked(
        SharedState(
          ringCapacity: 4,
          status: RuntimeStatus(isPaused: false, pace: .maximum, publishInterval: 1)))
      var config = smallConfig()
      config.hyperparameters.stabilizers.spectralNorm = true
      let trainer = Trainer(config: config)
      _ = shared.withLock { $0.spectrum.ask(now: 0) }
      _ = shared.withLock { $0.spectrum.take() }
      shared.computeSpectrum(SpectrumReading.capture(trainer), iteration: 0, capturedAt: 0)
      let reading = shared.withLock { $0.spectrum.latest }
      #expect(reading?.spectrum == nil)
      #expect(reading?.iteration == 0)
    }

    /// The replay's spectrum of a frame is the spectrum of the state re-simulation gives,
    /// as `ganscope spectrum FILE --at N` computes it; a frame it cannot reach says why.
    @Test func aReplayedFramesSpectrumIsTheResimulatedStates() throws {
      let run = try recordRun(iterations: 20)
      let reader = try RecordingReader(bytes: run.bytes, name: "run.gans")
      let index = reader.frameCount - 2
      let iteration = reader.frameCounters(at: index).iteration
      let reading = RecordingSpectrum.compute(reader, frame: index)
      #expect(reading.iteration == iteration)
      #expect(reading.spectrum != nil)
      #expect(reading == SpectrumReading(of: try reader.trainer(atIteration: iteration)))
      let missing = RecordingSpectrum.compute(reader, frame: reader.frameCount)
      #expect(missing.spectrum == nil)
    }
  }
}
