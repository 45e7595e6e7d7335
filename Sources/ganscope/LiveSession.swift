import GANCore
import GANRuntime
import GANView

/// A live view on a training runtime: the hooks that connect the live loop to it, shared by
/// `ganscope live` and by a live run branched from a replay, so both behave the same.
enum LiveSession {
  /// The hooks for `runtime`; `recording` starts and stops recordings with `R` and shows
  /// as REC with its path while one writes.
  @MainActor
  static func hooks(runtime: TrainingRuntime, fps: Int, recording: RecordingControl) -> LiveHooks {
    LiveHooks(
      latestSnapshot: { runtime.latest() },
      send: { command in
        // Keep about one published frame per view frame at every pace: a pace change
        // carries its publication cadence with it (both are logged events).
        if case .setPace(let newPace) = command {
          let interval = publishInterval(for: newPace, fps: fps)
          runtime.send(command, .setPublishInterval(interval))
        } else {
          runtime.send(command)
        }
      },
      status: {
        let s = runtime.status
        return LiveStatus(
          paused: s.isPaused, pace: s.pace, iterationsPerSecond: s.iterationsPerSecond,
          recordingPath: recording.activePath, canRecord: true)
      },
      toggleRecording: { try recording.toggle() },
      notice: { recording.failureNotice() })
  }

  /// Iterations between published snapshots so that a pace yields about `fps` frames/s (at
  /// full speed, assume about 10,000 iterations/s).
  static func publishInterval(for pace: Pace, fps: Int) -> Int {
    let rate: Double
    switch pace {
    case .maximum: rate = 10_000
    case .iterationsPerSecond(let r): rate = r
    }
    return max(1, Int((rate / Double(fps)).rounded(.down)))
  }
}
