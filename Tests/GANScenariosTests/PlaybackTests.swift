import Foundation
import GANCore
import GANRuntime
import Testing

@testable import GANScenarios

/// A scenario played live: its cues, where it waits for space, and that the live runtime
/// with the script scheduled trains exactly the run `demo --check` measures.
@Suite struct PlaybackTests {
  @Test func figure1WaitsAtEachPanelAndAtTheEnd() throws {
    var playback = ScenarioPlayback(try #require(Scenario.named("figure1")))
    #expect(playback.cues.map(\.pauses) == [true, true, true, false, true])
    #expect(playback.cues.map(\.iteration) == [300, 300, 300, 300, 3000])
    // (a)'s space is the pause itself; (b)'s D steps leave the run paused; the end pauses.
    #expect(playback.cues[0].commands == [.pause])
    #expect(playback.cues[1].commands.count == Scenario.figure1DSteps)
    #expect(playback.cues[4].commands == [.pause])

    #expect(playback.start().count == 1)
    #expect(!playback.isWaiting && playback.current == nil)
    #expect(playback.goOn(iteration: 0, diverged: false) == nil)
    playback.noteApplied(1)
    #expect(playback.isWaiting && playback.current?.caption.hasPrefix("(a)") == true)
    // (b) is at the iteration the run stands at: no resume, the D steps come at once.
    guard case .cues(let b, resume: false)? = playback.goOn(iteration: 300, diverged: false)
    else { Issue.record("(b) follows (a) at once"); return }
    #expect(b.count == 1 && !playback.isWaiting)
    playback.noteApplied(2)
    _ = playback.goOn(iteration: 300, diverged: false)
    playback.noteApplied(3)
    // (d) resumes and runs on to the end, handed over together.
    guard case .cues(let d, resume: false)? = playback.goOn(iteration: 301, diverged: false)
    else { Issue.record("(d) follows (c)"); return }
    #expect(d.map(\.iteration) == [300, 3000])
    playback.noteApplied(4)
    #expect(!playback.isWaiting)
    playback.noteApplied(5)
    #expect(playback.isWaiting)
    #expect(playback.goOn(iteration: 3000, diverged: false) == .end)
    #expect(playback.isFinished && !playback.isWaiting)
  }

  @Test func aLookAheadResumesTheRun() throws {
    var playback = ScenarioPlayback(try #require(Scenario.named("vanishing-gradient")))
    // Look at 200, look at 1000, l at 1000 (watched, no pause), the end at 1500.
    #expect(playback.cues.map(\.pauses) == [true, true, false, true])
    _ = playback.start()
    playback.noteApplied(1)
    #expect(
      playback.goOn(iteration: 200, diverged: false)
        == .cues([playback.cues[1]], resume: true))
    playback.noteApplied(2)
    // l is due at once, and watched: the run must go on after it.
    #expect(
      playback.goOn(iteration: 1000, diverged: false)
        == .cues(Array(playback.cues[2...]), resume: true))
  }

  /// A last step at the end pauses, and the finding follows it at the same iteration.
  @Test func aLastStepAtTheEndIsFollowedByTheFinding() throws {
    let scenario = try #require(Scenario.named("likelihood-vs-gan"))
    let playback = ScenarioPlayback(scenario)
    #expect(playback.cues.count == 2 && playback.cues.allSatisfy(\.pauses))
    #expect(playback.cues[0].commands.last == .pause)
    #expect(playback.cues.map(\.iteration) == [2000, 2000])
    #expect(playback.cues[1].caption == scenario.claim.finding)
  }

  /// A step that sets a pace is watched: the run goes on through it.
  @Test func aPacedStepIsWatchedNotPaused() throws {
    let playback = ScenarioPlayback(try #require(Scenario.named("oscillation")))
    #expect(playback.cues.map(\.pauses) == [false, false, true])
    #expect(playback.cues[0].view.pace == Scenario.watchPace)
  }

  @Test func everyScenarioEndsWaiting() {
    for scenario in Scenario.table {
      let playback = ScenarioPlayback(scenario)
      #expect(playback.cues.last?.pauses == true, "\(scenario.name)")
      #expect(playback.cues.last?.iteration == scenario.iterations, "\(scenario.name)")
    }
  }

  @Test func theTourHasEveryScenarioWithItsStatement() {
    #expect(TourStop.all.map(\.scenario.name) == Scenario.table.map(\.name))
    for stop in TourStop.all {
      #expect(!stop.reference.isEmpty && !stop.statement.isEmpty && !stop.watch.isEmpty)
      let ascii = stop.statement.allSatisfy { $0.isASCII }
      #expect(ascii, "\(stop.scenario.name)")
    }
  }

  /// The live runtime, with the playback's cues scheduled and space pressed at every pause
  /// point, ends in exactly the state of the headless run `demo --check` measures.
  @Test(arguments: ["figure1", "divergence", "vanishing-gradient"])
  func livePlaybackTrainsTheCheckedRun(name: String) throws {
    let scenario = try #require(Scenario.named(name))
    var config = scenario.config
    config.seed = 2
    let runtime = TrainingRuntime(config: config, publishInterval: 50)
    var playback = ScenarioPlayback(scenario)
    func schedule(_ cues: [ScenarioPlayback.Cue]) {
      for cue in cues { runtime.schedule(ScheduledCommands(at: cue.iteration, cue.commands)) }
    }
    schedule(playback.start())
    runtime.start()
    let deadline = Date().addingTimeInterval(60)
    while !playback.isFinished && Date() < deadline {
      playback.noteApplied(runtime.scheduledApplied)
      let status = runtime.status
      guard playback.isWaiting, status.isPaused else {
        Thread.sleep(forTimeInterval: 0.002)
        continue
      }
      switch playback.goOn(
        iteration: status.iteration, diverged: status.divergedAtIteration != nil)
      {
      case .cues(let cues, let resume)?:
        schedule(cues)
        if resume { runtime.send(.resume) }
      case .end?, nil: break
      }
    }
    #expect(playback.isFinished)
    let live = try #require(runtime.latest())
    runtime.stop()
    let headless = scenario.run(seed: 2).final.snapshot
    #expect(live.iteration == headless.iteration)
    #expect(live.discriminatorSteps == headless.discriminatorSteps)
    #expect(live.metrics.generatorMean == headless.metrics.generatorMean)
    #expect(
      live.metrics.generatorStandardDeviation == headless.metrics.generatorStandardDeviation)
    #expect(live.metrics.wasserstein == headless.metrics.wasserstein)
  }
}
