import Foundation
import GANCore
import Testing

@testable import GANRuntime

extension RuntimeTests {
  /// Scheduled batches (a scenario's script): applied exactly at their iteration, in order,
  /// logged like keys; at a divergence the iteration never comes, so they apply there.
  @Suite struct Schedule {
    @Test func batchesApplyExactlyAtTheirIterationInOrder() throws {
      let runtime = TrainingRuntime(config: smallConfig(), publishInterval: 7)
      runtime.schedule(ScheduledCommands(at: 40, [.setDiscriminatorSteps(3)]))
      runtime.schedule(ScheduledCommands(at: 40, [.setLoss(.minimax), .pause]))
      runtime.schedule(ScheduledCommands(at: 65, [.stepDiscriminator]))
      runtime.start()
      eventually("the run pauses at 40") {
        runtime.status.isPaused && runtime.scheduledApplied == 2
      }
      #expect(runtime.status.iteration == 40)
      #expect(
        runtime.events.map(\.command) == [.setDiscriminatorSteps(3), .setLoss(.minimax), .pause])
      #expect(runtime.events.allSatisfy { $0.iteration == 40 })
      // The next batch waits for its iteration, not for the pause to end.
      Thread.sleep(forTimeInterval: 0.05)
      #expect(runtime.scheduledApplied == 2 && runtime.status.iteration == 40)
      runtime.send(.resume)
      eventually("the D step at 65") { runtime.scheduledApplied == 3 && runtime.status.isPaused }
      let step = try #require(runtime.events.last)
      #expect(step.command == .stepDiscriminator && step.iteration == 65)
      // 40 iterations at k = 1, then 25 at k = 3, then the single step.
      #expect(step.discriminatorSteps == 40 + 25 * 3)
      runtime.stop()
    }

    @Test func aBatchDueAtADivergenceAppliesThereAndTheNextWaitsForItsIteration() throws {
      let runtime = TrainingRuntime(config: divergingConfig(), publishInterval: 1000)
      runtime.schedule(
        ScheduledCommands(at: 50, [.setDiscriminatorStepSize(1e-3), .resetNetworks, .resume]))
      runtime.schedule(ScheduledCommands(at: 60, [.pause]))
      runtime.start()
      eventually("paused at 60") { runtime.scheduledApplied == 2 && runtime.status.isPaused }
      let events = runtime.events
      #expect(
        events.map(\.command) == [.setDiscriminatorStepSize(1e-3), .resetNetworks, .resume, .pause])
      // Diverged in iteration 2, so the first batch came there; its reset ended the
      // divergence, so the second, though taken one at a time at the same boundary, was not
      // due and waited for its own iteration.
      #expect(events.prefix(3).allSatisfy { $0.iteration < 5 })
      #expect(events.last?.iteration == 60)
      #expect(runtime.status.divergedAtIteration == nil)
      runtime.stop()
    }
  }
}
