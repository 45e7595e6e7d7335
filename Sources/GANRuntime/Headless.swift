import GANCore

/// What a headless run leaves behind besides its frames.
public struct HeadlessRun: Sendable {
  /// The last frame delivered (it shows a divergence, if training diverged).
  public var lastFrame: Snapshot?
  public var events: [AppliedEvent]
  /// The samples asked for with `samples`.
  public var samples: [Float]?
  /// Frames written to the recording asked for with `recordTo`.
  public var framesRecorded = 0
  /// Why the recording failed or stopped early (training went on regardless), or nil.
  public var recordingError: String?
}

extension TrainingRuntime {
  /// `ganscope train` on the live runtime: `iterations` iterations at full speed, a frame at
  /// iteration 0, every `publishInterval` iterations and at the end (or at divergence, which
  /// ends the run), each delivered in order to `onFrame` on the calling thread. If `onFrame`
  /// throws, the run is stopped and the error passed on. With `recordTo`, the run is also
  /// recorded to that file; a recording that cannot be written never stops the training.
  public static func runHeadless(
    config: TrainingConfig, iterations: Int, publishInterval: Int,
    samples: SampleRequest? = nil, recordTo path: String? = nil,
    overwriteRecording: Bool = false, onRecordingFailure: (@Sendable (String) -> Void)? = nil,
    stop: StopRequest? = nil, onFrame: (Snapshot) throws -> Void
  ) rethrows -> HeadlessRun {
    let runtime = TrainingRuntime(
      config: config, publishInterval: publishInterval, stopAfterIterations: iterations,
      endOnDivergence: true, finalSamples: samples)
    var recorder: Recorder?
    var recordingError: String?
    if let path {
      do {
        recorder = try Recorder(
          runtime: runtime, path: path, overwrite: overwriteRecording,
          onFailure: onRecordingFailure)
      } catch {
        recordingError = error.description
        onRecordingFailure?(error.description)
      }
    }
    // Deferred in this order so the runtime stops first and the recorder then drains it.
    defer { recorder?.stop() }
    let reader = runtime.subscribe()
    runtime.start()
    defer { runtime.stop() }
    // A stop asked for (a signal) ends the run at the next boundary; the frames published
    // until then are delivered and recorded, and the recording is closed cleanly.
    stop?.attach(runtime)
    var last: Snapshot?
    while let frame = reader.next() {
      try onFrame(frame)
      last = frame
    }
    recorder?.stop()
    return HeadlessRun(
      lastFrame: last, events: runtime.events, samples: runtime.finalSamples,
      framesRecorded: recorder?.framesWritten ?? 0,
      recordingError: recordingError ?? recorder?.error)
  }
}
