import ArgumentParser
import GANCore
import GANRuntime
import GANView

/// `ganscope replay FILE`: play a recording back with the live view's screen, seek it, and
/// branch a live run from any frame.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay a recording in the live view; press b to train on live from any frame.")

  @Argument(help: "A recording (made with --record).")
  var file: String

  @Argument(
    help: "Up to 3 more recordings, replayed side by side on a common iteration axis.")
  var others: [String] = []

  @Option(help: "Frames per second of the view (1...120).")
  var fps: Int = 30

  @Option(
    name: .customLong("branch-at"),
    help: ArgumentHelp(
      "Skip the replay: continue live from this frame (1-based, as frame= shows it).",
      valueName: "frame"))
  var branchAt: Int?

  @Option(help: "Record the branched live run to this file (a new one, unless --force).")
  var record: String?

  @Flag(help: "Let --record write over an existing file (never the one being replayed).")
  var force = false

  @Flag(help: "Start paused on the first frame.")
  var paused = false

  func validate() throws {
    guard (1...120).contains(fps) else {
      throw ValidationError("--fps must be between 1 and 120, got \(fps)")
    }
    if !others.isEmpty { try validateSideBySide() }
  }

  func run() throws {
    if !others.isEmpty { return try runSideBySide() }
    // Everything that can be wrong with the input is reported before curses starts.
    let reader = try RecordingReader.opening(commandLineFile: file)
    if let record {
      if FileIdentity.same(record, file) {
        throw RunFailure.runtime(
          "--record would write over the recording being replayed ('\(RecordingError.quoted(file))')"
        )
      }
      do {
        try Recorder.checkTarget(record, overwrite: force)
      } catch {
        throw RunFailure.runtime(error.description)
      }
    }
    var branchIndex: Int?
    if let branchAt {
      let last = reader.lastFrameNumber
      guard (1...last).contains(branchAt) else {
        throw RunFailure.badInput("--branch-at must be a frame from 1 to \(last), got \(branchAt)")
      }
      guard let index = reader.frameIndex(number: branchAt) else {
        throw RunFailure.badInput(
          "frame \(branchAt) of \(RecordingError.quoted(file)) was lost to damage; branch from "
            + "another frame (ganscope info lists what is missing)")
      }
      branchIndex = index
    }
    guard Terminal.isInteractive() else { throw RunFailure.badInput(Terminal.notATerminalMessage) }
    let recording = RecordingFrames(reader: reader)

    var branch: Branch?
    let target = record.map { RecordingRequest(path: $0, overwrite: force) }
    if let branchIndex {
      branch = try Branch.start(from: recording, at: branchIndex, record: target, fps: fps)
    }
    let startPlaying = !paused
    let frameRate = fps
    let recordPath = target
    let outcome: Result<Branch?, RunFailure>
    do {
      outcome = try MainActor.assumeIsolated {
        try FullScreen.run { terminal, signals in
          Self.session(
            recording: recording, branch: branch, playing: startPlaying, fps: frameRate,
            record: recordPath, terminal: terminal, signals: signals)
        }
      }
    } catch let error as TerminalError {
      branch?.stop()
      throw RunFailure.runtime(error.description)
    }
    switch outcome {
    case .success(let ended): try ended?.finish()
    case .failure(let failure): throw failure
    }
  }

  /// The replay screen (unless a branch is already running), then the branched live run
  /// if `b` was pressed. Returns the branch to finish once the terminal is restored.
  @MainActor
  private static func session(
    recording: RecordingFrames, branch: Branch?, playing: Bool, fps: Int,
    record: RecordingRequest?, terminal: Terminal, signals: QuitSignals
  ) -> Result<Branch?, RunFailure> {
    var branch = branch
    var view = ViewState()
    if branch == nil {
      var state = ReplayState(
        frameCount: recording.frameCount, framesPerSecond: recording.framesPerSecond,
        markers: recording.markers, playing: playing)
      state.gaps = recording.gaps
      state.view.replaceRunHistory(recording.runHistory(), feeding: false)
      let loop = ReplayLoop(
        recording: recording, state: state, warning: recording.warning, framesPerSecond: fps)
      switch loop.run(on: terminal, signals: signals) {
      case .quit, .signal: return .success(nil)
      case .branch(let runtime, let frame, let replayView):
        do {
          branch = try Branch(runtime: runtime, frame: frame, record: record, fps: fps)
        } catch {
          return .failure(error)
        }
        view = replayView
        // The branched run goes on from the frame, not from the recording's end.
        let iteration = recording.reader.frameCounters(at: frame).iteration
        view.replaceRunHistory(replayView.runHistory.truncated(through: iteration), feeding: true)
      }
    } else if let frame = branch?.frame {
      view.replaceHistory(
        with: recording.metrics(through: frame, count: ReplayState.historyWindow),
        through: nil)
      view.replaceRunHistory(recording.runHistory(through: frame), feeding: true)
    }
    guard let branch else { return .success(nil) }
    branch.runtime.start()
    view.post(
      "live from frame \(recording.reader.frameNumber(at: branch.frame)), paused: space runs, . steps one iteration"
        + (branch.recorder.map { "; recording to \($0.path)" } ?? ""))
    let recording = RecordingControl(runtime: branch.runtime, initial: branch.recorder)
    let live = LiveLoop(
      hooks: LiveHooks(runtime: branch.runtime, fps: fps, recording: recording),
      framesPerSecond: fps, state: view)
    _ = live.run(on: terminal, signals: signals)
    branch.runtime.stop()
    if let failed = recording.finish().first { return .failure(RunFailure.runtime(failed)) }
    return .success(branch)
  }
}

/// Where `--record` writes, and whether it may write over an existing file.
struct RecordingRequest {
  var path: String
  var overwrite: Bool
}

/// A live run branched from a recording, and its recorder when `--record` was given.
private struct Branch {
  let runtime: TrainingRuntime
  /// The index of the frame it continues from.
  let frame: Int
  let recorder: Recorder?

  /// The branch publishes at the live view's cadence for its pace (what the user sees, and
  /// what `R` then records), whatever the source recording's cadence was.
  init(runtime: TrainingRuntime, frame: Int, record: RecordingRequest?, fps: Int)
    throws(RunFailure)
  {
    self.runtime = runtime
    self.frame = frame
    runtime.send(
      .setPublishInterval(
        LiveCommand.publishInterval(for: RecordingFrames.branchPace, fps: fps)))
    do {
      recorder = try record.map { request throws(RecordingError) in
        try Recorder(runtime: runtime, path: request.path, overwrite: request.overwrite)
      }
    } catch {
      runtime.stop()
      throw RunFailure.runtime(error.description)
    }
  }

  /// Branches before curses starts (`--branch-at`), so a failure is an ordinary error.
  static func start(
    from recording: RecordingFrames, at frame: Int, record: RecordingRequest?, fps: Int
  ) throws -> Branch {
    do {
      return try Branch(
        runtime: recording.branch(at: frame), frame: frame, record: record, fps: fps)
    } catch let error as RecordingError {
      throw RunFailure.badInput(error.description)
    }
  }

  /// Stops training, then lets the recorder write what it still holds.
  func stop() {
    runtime.stop()
    recorder?.stop()
  }

  /// Stops, and reports a recording that failed on the way.
  func finish() throws {
    stop()
    if let recorder, let error = recorder.error {
      throw RunFailure.runtime("recording to \(recorder.path) failed: \(error)")
    }
  }
}
