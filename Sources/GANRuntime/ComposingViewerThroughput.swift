import Foundation
import GANCore

extension TrainingRuntime {
  /// What `measureThroughput(withComposingViewer:)` found: the trainer's speed, and the
  /// share of one core the viewer thread used.
  public struct ViewerMeasurement: Sendable {
    public var iterationsPerSecond: Double
    public var viewerCoreShare: Double
  }

  /// Iterations per second of the runtime at full speed while a viewer thread does what the
  /// live view's main thread does each frame: take the latest snapshot and compose a screen
  /// (`makeFrame` builds, on the viewer thread, the function that composes one frame; it
  /// keeps its own view state; it gets the live spectrum too when `wantsSpectrum`, which
  /// then is computed in the background as while the spectrum view is shown). Also the
  /// viewer's CPU time over the wall time, from its thread clock.
  public static func measureThroughput(
    config: TrainingConfig, seconds: Double, publishInterval: Int, framesPerSecond: Double,
    wantsSpectrum: Bool = false,
    withComposingViewer makeFrame: @escaping @Sendable () -> (Snapshot?, LiveSpectrum?) -> Void
  ) -> ViewerMeasurement {
    let runtime = TrainingRuntime(config: config, publishInterval: publishInterval)
    let viewer = DispatchGroup()
    let share = Locked(0.0)
    DispatchQueue.global(qos: .userInteractive).async(group: viewer) {
      let frame = makeFrame()
      let wallStart = monotonicSeconds()
      let cpuStart = threadCPUSeconds()
      while runtime.status.phase != .ended {
        frame(runtime.latest(), wantsSpectrum ? runtime.spectrum(wanted: true) : nil)
        Thread.sleep(forTimeInterval: 1 / framesPerSecond)
      }
      let wall = monotonicSeconds() - wallStart
      share.withLock { $0 = wall > 0 ? (threadCPUSeconds() - cpuStart) / wall : 0 }
    }
    runtime.start()
    Thread.sleep(forTimeInterval: min(0.2, seconds / 4))
    let start = monotonicSeconds()
    let first = runtime.status.iteration
    Thread.sleep(forTimeInterval: seconds)
    let last = runtime.status.iteration
    let elapsed = monotonicSeconds() - start
    runtime.stop()
    viewer.wait()
    runtime.waitForSpectrum()
    return ViewerMeasurement(
      iterationsPerSecond: Double(last - first) / elapsed,
      viewerCoreShare: share.withLock { $0 })
  }
}

/// CPU seconds the calling thread has used.
private func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
