import GANCore

/// What a headless run leaves behind besides its frames.
public struct HeadlessRun: Sendable {
  /// The last frame delivered (it shows a divergence, if training diverged).
  public var lastFrame: Snapshot?
  public var events: [AppliedEvent]
  /// The samples asked for with `samples`.
  public var samples: [Float]?
}

extension TrainingRuntime {
  /// `ganscope train` on the live runtime: `iterations` iterations at full speed, a frame at
  /// iteration 0, every `publishInterval` iterations and at the end (or at divergence, which
  /// ends the run), each delivered in order to `onFrame` on the calling thread. If `onFrame`
  /// throws, the run is stopped and the error passed on.
  public static func runHeadless(
    config: TrainingConfig, iterations: Int, publishInterval: Int,
    samples: SampleRequest? = nil, onFrame: (Snapshot) throws -> Void
  ) rethrows -> HeadlessRun {
    let runtime = TrainingRuntime(
      config: config, publishInterval: publishInterval, stopAfterIterations: iterations,
      endOnDivergence: true, finalSamples: samples)
    let reader = runtime.subscribe()
    runtime.start()
    defer { runtime.stop() }
    var last: Snapshot?
    while let frame = reader.next() {
      try onFrame(frame)
      last = frame
    }
    return HeadlessRun(lastFrame: last, events: runtime.events, samples: runtime.finalSamples)
  }
}
