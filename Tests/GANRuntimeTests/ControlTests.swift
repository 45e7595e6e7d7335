import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  @Suite struct Control {
    /// Paused, so nothing but the commands moves the counters.
    @Test func commandsApplyInOrderAndEachIsLoggedWithItsCountersAndSnapshot() throws {
      let runtime = TrainingRuntime(config: smallConfig(), publishInterval: 1000, startPaused: true)
      let reader = runtime.subscribe()
      runtime.start()
      let initial = try #require(reader.next())
      #expect(initial.sequence == 1 && initial.iteration == 0)

      runtime.send(
        .stepDiscriminator, .stepGenerator, .setDiscriminatorSteps(3), .stepIteration,
        .setBatchSize(0), .setGeneratorStepSize(0.002), .stepIteration)
      let frames = try (0..<6).map { _ in try #require(reader.next()) }

      // (command, iteration, D steps, G steps) as applied; the refused batch size is absent.
      let expected: [(ControlCommand, Int, Int, Int)] = [
        (.stepDiscriminator, 0, 0, 0),
        (.stepGenerator, 0, 1, 0),
        (.setDiscriminatorSteps(3), 1, 1, 1),
        (.stepIteration, 1, 1, 1),
        (.setGeneratorStepSize(0.002), 2, 4, 2),
        (.stepIteration, 2, 4, 2),
      ]
      let events = runtime.events
      #expect(
        events
          == expected.enumerated().map { index, entry in
            AppliedEvent(
              command: entry.0, iteration: entry.1, discriminatorSteps: entry.2,
              generatorSteps: entry.3, sequence: UInt64(index + 2))
          })
      #expect(frames.map(\.sequence) == Array(2...7))
      // Each event's snapshot shows its effect.
      #expect(frames.map(\.discriminatorSteps) == [1, 1, 1, 4, 4, 7])
      #expect(frames.map(\.generatorSteps) == [0, 1, 1, 2, 2, 3])
      #expect(
        frames.map(\.lastStep) == [
          .discriminator, .generator, .generator, .generator, .generator, .generator,
        ])
      #expect(frames.map(\.hyperparameters.discriminatorSteps) == [1, 1, 3, 3, 3, 3])
      #expect(frames[4].hyperparameters.generatorStepSize == 0.002)

      #expect(reader.next(timeout: .milliseconds(100)) == .timedOut)
      let status = runtime.status
      #expect(status.isPaused && status.iteration == 3 && status.lastSequence == 7)
      runtime.stop()
    }

    /// A D step leaves G (the z → x map) alone, a G step leaves D (its curve) alone, and an
    /// iteration is exactly k D steps and one G step.
    @Test func singleStepsUpdateOnlyTheirNet() throws {
      let runtime = TrainingRuntime(config: smallConfig(), startPaused: true)
      let reader = runtime.subscribe()
      runtime.start()
      let before = try #require(reader.next())

      runtime.send(.stepDiscriminator)
      let afterD = try #require(reader.next())
      #expect(afterD.discriminatorSteps == before.discriminatorSteps + 1)
      #expect(afterD.generatorSteps == before.generatorSteps)
      #expect(afterD.mappingX == before.mappingX)
      #expect(afterD.discriminator != before.discriminator)

      runtime.send(.stepGenerator)
      let afterG = try #require(reader.next())
      #expect(afterG.discriminatorSteps == afterD.discriminatorSteps)
      #expect(afterG.generatorSteps == afterD.generatorSteps + 1)
      #expect(afterG.grid == afterD.grid)
      #expect(afterG.discriminator == afterD.discriminator)
      #expect(afterG.mappingX != afterD.mappingX)

      runtime.send(.setDiscriminatorSteps(4), .stepIteration)
      _ = try #require(reader.next())
      let afterIteration = try #require(reader.next())
      #expect(afterIteration.discriminatorSteps == afterG.discriminatorSteps + 4)
      #expect(afterIteration.generatorSteps == afterG.generatorSteps + 1)
      #expect(afterIteration.iteration == afterG.iteration + 1)
      runtime.stop()
    }

    /// At full speed commands still land between iterations, never among an iteration's k
    /// D steps, and a pause holds the counters where the log says.
    @Test func commandsLandOnIterationBoundariesWhileRunning() throws {
      let runtime = TrainingRuntime(config: smallConfig(k: 2), publishInterval: 1_000_000)
      let reader = runtime.subscribe()
      runtime.start()
      _ = try #require(reader.next())
      eventually("the loop runs") { runtime.status.iteration >= 3 }
      runtime.send(.setDiscriminatorSteps(3))
      let first = try #require(reader.next())
      eventually("the loop runs on") { runtime.status.iteration >= first.iteration + 3 }
      runtime.send(.pause)
      let paused = try #require(reader.next())

      let events = runtime.events
      try #require(events.count == 2)
      #expect(events[0].discriminatorSteps == 2 * events[0].iteration)
      #expect(
        events[1].discriminatorSteps - events[0].discriminatorSteps
          == 3 * (events[1].iteration - events[0].iteration))
      #expect(events[1].iteration >= events[0].iteration + 3)
      #expect(paused.iteration == events[1].iteration)
      #expect(paused.discriminatorSteps == events[1].discriminatorSteps)
      Thread.sleep(forTimeInterval: 0.05)
      #expect(runtime.status.iteration == paused.iteration)
      #expect(runtime.status.isPaused)
      runtime.stop()
    }
  }
}
