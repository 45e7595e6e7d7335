import GANCore
import GANRuntime
import GANView

/// What the live view needs from whoever runs the training. Closures rather than the
/// runtime's type, so the loop works with the live runtime, a replayer, or a test double.
/// All of them are called on the main thread only.
struct LiveHooks {
  /// The newest published snapshot (nil before the first).
  var latestSnapshot: @MainActor () -> Snapshot?
  /// Queues a command for the trainer (applied at the next iteration boundary).
  var send: @MainActor (ControlCommand) -> Void
  /// Paused, pace and recording state. When its `iterationsPerSecond` is nil the loop
  /// fills it in from the snapshots' iteration counts.
  var status: @MainActor () -> LiveStatus
  /// Starts or stops recording and returns a line to show ("recording to run.gans"); nil
  /// until the recorder exists. Set `LiveStatus.canRecord` when this is non-nil.
  var toggleRecording: (@MainActor () throws -> String)?
  /// A line to show at once, polled every frame (a recording that just failed).
  var notice: (@MainActor () -> String?)?
  /// The spectrum view's data, polled every frame; its argument says whether the view
  /// shows the spectrum (only then is a new one computed). Nil: the view says it has none.
  var spectrum: (@MainActor (_ wanted: Bool) -> SpectrumFeed)?

  init(
    latestSnapshot: @escaping @MainActor () -> Snapshot?,
    send: @escaping @MainActor (ControlCommand) -> Void,
    status: @escaping @MainActor () -> LiveStatus,
    toggleRecording: (@MainActor () throws -> String)? = nil,
    notice: (@MainActor () -> String?)? = nil,
    spectrum: (@MainActor (_ wanted: Bool) -> SpectrumFeed)? = nil
  ) {
    self.notice = notice
    self.spectrum = spectrum
    self.latestSnapshot = latestSnapshot
    self.send = send
    self.status = status
    self.toggleRecording = toggleRecording
  }
}

extension LiveHooks {
  /// The hooks of a live view on a training runtime, shared by `ganscope live` and by a
  /// live run branched from a replay, so both behave the same. `recording` starts and stops
  /// recordings with `R` and shows as REC with its path while one writes.
  @MainActor
  init(runtime: TrainingRuntime, fps: Int, recording: RecordingControl) {
    self.init(
      latestSnapshot: { runtime.latest() },
      send: { command in
        // Keep about one published frame per view frame at every pace: a pace change
        // carries its publication cadence with it (both are logged events).
        if case .setPace(let newPace) = command {
          let interval = LiveCommand.publishInterval(for: newPace, fps: fps)
          runtime.send(command, .setPublishInterval(interval))
        } else {
          runtime.send(command)
        }
      },
      status: {
        let s = runtime.status
        return LiveStatus(
          paused: s.isPaused, pace: s.pace, iterationsPerSecond: s.iterationsPerSecond,
          recordingPath: recording.activePath, canRecord: true,
          ownTarget: runtime.config.target)
      },
      toggleRecording: { try recording.toggle() },
      notice: { recording.failureNotice() },
      spectrum: { wanted in
        let live = runtime.spectrum(wanted: wanted)
        return SpectrumFeed(reading: live.reading, age: live.age, computing: live.computing)
      })
  }
}
