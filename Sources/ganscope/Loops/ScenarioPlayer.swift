import GANCore
import GANRuntime
import GANScenarios
import GANView

/// One scenario played in the live view (`ganscope demo NAME`, each scenario of the tour):
/// a training runtime with the scenario's setting, its script scheduled in the runtime at
/// the iterations the headless check uses (so the screen shows the run `demo --check`
/// measures, and `R` records the script's keys like any other), the caption box, and space
/// at the pause points. Everything else is `ganscope live`: the same loop, hooks and keys.
@MainActor
final class ScenarioPlayer {
  private let runtime: TrainingRuntime
  private var playback: ScenarioPlayback
  /// Tour: the end of the script ends the view (the next page); demo: the run goes on.
  private let endsView: Bool
  /// The heading's start in the tour, instead of the scenario's name (the page before
  /// named it): "tour 2/8 · Proposition 1".
  private let place: String?
  /// The frames per second of the view: a cue's pace carries its publication cadence.
  private let fps: Int
  /// Cues whose view settings the live view has been handed (`LiveScript.views`).
  private var viewsShown = 0

  private init(
    scenario: Scenario, seed: UInt64, fps: Int, endsView: Bool, place: String?
  ) {
    var config = scenario.config
    config.seed = seed
    let pace = Self.pace(for: scenario)
    runtime = TrainingRuntime(
      config: config, publishInterval: LiveCommand.publishInterval(for: pace, fps: fps),
      pace: pace)
    playback = ScenarioPlayback(scenario)
    self.endsView = endsView
    self.place = place
    self.fps = fps
    schedule(playback.start())
  }

  /// Plays `scenario` on a terminal in curses mode until q, a signal, Backspace or (with
  /// `endsView`) the end of its script. Returns how it ended and any recording failures.
  static func play(
    _ scenario: Scenario, seed: UInt64, fps: Int, endsView: Bool, place: String? = nil,
    on terminal: Terminal, signals: QuitSignals
  ) -> (exit: LiveExit, failures: [String]) {
    let player = ScenarioPlayer(
      scenario: scenario, seed: seed, fps: fps, endsView: endsView, place: place)
    let runtime = player.runtime
    runtime.start()
    let recording = RecordingControl(runtime: runtime, initial: nil)
    let loop = LiveLoop(
      hooks: LiveHooks(runtime: runtime, fps: fps, recording: recording),
      framesPerSecond: fps, script: player.script)
    let exit = loop.run(on: terminal, signals: signals)
    // The runtime stops first, so a recorder then takes every frame left and closes.
    runtime.stop()
    return (exit, recording.finish())
  }

  /// The pace that plays the whole script in about 15 seconds (never slower than the live
  /// view's default of 100 iterations a second): `<` and `>` still change it.
  static func pace(for scenario: Scenario) -> Pace {
    let wanted = max(100, Double(scenario.iterations) / 15)
    return Pace.ladder.first {
      if case .iterationsPerSecond(let rate) = $0 { return rate >= wanted }
      return true
    } ?? .maximum
  }

  private var script: LiveScript {
    LiveScript(
      caption: { [unowned self] in caption() },
      isWaiting: { [unowned self] in
        playback.noteApplied(runtime.scheduledApplied)
        return playback.isWaiting
      },
      goOn: { [unowned self] in goOn() },
      views: { [unowned self] in newViews() })
  }

  /// A cue's commands, and before them its pace with the publication cadence that keeps
  /// about one frame per view frame (as the `<` `>` keys do).
  private func schedule(_ cues: [ScenarioPlayback.Cue]) {
    for cue in cues {
      let pace: [ControlCommand] =
        cue.view.pace.map {
          [.setPace($0), .setPublishInterval(LiveCommand.publishInterval(for: $0, fps: fps))]
        } ?? []
      runtime.schedule(ScheduledCommands(at: cue.iteration, pace + cue.commands))
    }
  }

  /// The view settings of the cues applied since the last call, in order.
  private func newViews() -> [StepView] {
    playback.noteApplied(runtime.scheduledApplied)
    let applied = playback.position
    defer { viewsShown = max(viewsShown, applied) }
    return applied > viewsShown ? playback.cues[viewsShown..<applied].map(\.view) : []
  }

  /// Space at a pause point: hands the next stretch of the script to the runtime, resuming
  /// the run when its next cue lies ahead; true when the view should end.
  private func goOn() -> Bool {
    let status = runtime.status
    switch playback.goOn(iteration: status.iteration, diverged: status.divergedAtIteration != nil)
    {
    case nil: return false
    case .cues(let cues, let resume):
      schedule(cues)
      if resume { runtime.send(.resume) }
      return false
    case .end:
      if endsView { return true }
      runtime.send(.resume)
      return false
    }
  }

  /// The caption box: the step on screen, and what space does now.
  private func caption() -> Caption {
    playback.noteApplied(runtime.scheduledApplied)
    let prefix = place ?? playback.name
    let count = playback.cues.count
    guard let cue = playback.current else {
      let first = playback.cues.first?.iteration ?? 0
      return Caption(
        heading: prefix + " · starting", text: playback.summary,
        prompt: "first step at iter=\(first)")
    }
    let keys = cue.keys.isEmpty ? "" : " · keys: \(cue.keys)"
    let heading = prefix + " · step \(playback.position) of \(count)" + keys
    let text = CaptionText.filled(cue.caption, with: runtime.latest()?.metrics)
    if playback.isFinished {
      return Caption(heading: heading, text: text, prompt: "script over: every key is yours")
    }
    if playback.isWaiting {
      let onward =
        playback.position < count ? "space: go on" : endsView ? "space: next page" : "space: run on"
      return Caption(heading: heading, text: text, prompt: onward, waiting: true)
    }
    let next =
      playback.position < count
      ? "next step at iter=\(playback.cues[playback.position].iteration)" : nil
    return Caption(heading: heading, text: text, prompt: next)
  }
}
