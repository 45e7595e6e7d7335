import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  @Suite struct Determinism {
    /// A live run driven by hand (paces, pauses, single steps, a knob) at arbitrary moments,
    /// read by a reader that keeps holding the trainer back, is reproduced bit for bit by a
    /// full-speed headless replay of its event log.
    @Test func pacedRunWithPausesAndStepsReplaysBitForBit() throws {
      let config = smallConfig()
      let runtime = TrainingRuntime(
        config: config, publishInterval: 10, pace: .iterationsPerSecond(40), ringCapacity: 3)
      let reader = BackgroundReader(runtime.subscribe(), pauseEvery: 4, pauseSeconds: 0.03)
      // Commands land wherever the loop happens to be; the test only waits for them to
      // land (and for some training in between), so slow builds change the log, not the
      // outcome.
      func send(_ commands: ControlCommand..., thenTrain iterations: Int = 0) {
        let logged = runtime.events.count
        runtime.send(commands)
        eventually("\(commands) applied") { runtime.events.count == logged + commands.count }
        let from = runtime.status.iteration
        eventually("training resumed") { runtime.status.iteration >= from + iterations }
      }
      runtime.start()
      eventually("the loop runs") { runtime.status.iteration >= 5 }
      send(.pause)
      send(
        .stepDiscriminator, .stepGenerator, .setDiscriminatorSteps(2), .stepIteration,
        .setPace(.iterationsPerSecond(80)), .resume, thenTrain: 12)
      send(.setGeneratorStepSize(0.003), thenTrain: 5)
      send(.pause)
      send(.stepDiscriminator, .setPace(.maximum), .resume, thenTrain: 12)
      runtime.stop()
      let frames = reader.finish()
      let events = runtime.events

      #expect(events.count == 12)
      #expect(isContiguousFromOne(frames))
      let last = try #require(frames.last)
      #expect(last.iteration >= 20)
      let replayed = try TrainingRuntime.replay(
        config: config, events: events, publishInterval: 10, until: last.iteration)
      #expect(replayed.count == frames.count)
      #expect(replayed.map(fingerprint) == frames.map(fingerprint))
    }

    /// Without commands, neither the pace nor a slow reader changes a single bit.
    @Test func paceAndReadersDoNotChangeTheFrames() throws {
      let config = smallConfig(seed: 11)
      func run(pace: Pace, slowReader: Bool) -> [Snapshot] {
        let runtime = TrainingRuntime(
          config: config, publishInterval: 10, pace: pace, stopAfterIterations: 45,
          ringCapacity: 2)
        let reader = BackgroundReader(
          runtime.subscribe(), pauseEvery: slowReader ? 1 : 0, pauseSeconds: 0.02)
        runtime.start()
        return reader.finish()
      }
      let fast = run(pace: .maximum, slowReader: false)
      let paced = run(pace: .iterationsPerSecond(100), slowReader: true)
      #expect(fast.map(\.iteration) == [0, 10, 20, 30, 40, 45])
      #expect(paced.map(fingerprint) == fast.map(fingerprint))
      let replayed = try TrainingRuntime.replay(
        config: config, events: [], publishInterval: 10, until: 45)
      #expect(replayed.map(fingerprint) == fast.map(fingerprint))
    }

    @Test func replayRejectsALogThatDoesNotFitTheRun() throws {
      let config = smallConfig()
      let event = AppliedEvent(
        command: .pause, iteration: 3, discriminatorSteps: 5, generatorSteps: 3, sequence: 2)
      #expect(throws: ReplayError.self) {
        try TrainingRuntime.replay(config: config, events: [event], publishInterval: 10, until: 5)
      }
      let misnumbered = AppliedEvent(
        command: .pause, iteration: 0, discriminatorSteps: 0, generatorSteps: 0, sequence: 9)
      #expect(throws: ReplayError.sequenceMismatch(event: 0, logged: 9, replayed: 2)) {
        try TrainingRuntime.replay(
          config: config, events: [misnumbered], publishInterval: 10, until: 0)
      }
    }
  }
}
