import Foundation
import GANCore

extension TrainingRuntime {
  /// Iterations per second of a bare `Trainer` loop on the calling thread: the reference
  /// that `measureThroughput` is compared with.
  public static func measureBareThroughput(config: TrainingConfig, seconds: Double) -> Double {
    let trainer = Trainer(config: config)
    let warmupEnd = monotonicSeconds() + min(0.2, seconds / 4)
    while monotonicSeconds() < warmupEnd { trainer.runIteration() }
    let start = monotonicSeconds()
    let first = trainer.iteration
    var now = start
    // Look at the clock every 16 iterations: a clock read is not free on tiny nets.
    while now - start < seconds {
      for _ in 0..<16 { trainer.runIteration() }
      now = monotonicSeconds()
    }
    return Double(trainer.iteration - first) / (now - start)
  }

  /// Iterations per second of the runtime at full speed, publishing every `publishInterval`
  /// iterations, optionally while a viewer reads `latest()` 60 times a second (as the live
  /// view does), measured over `seconds` after a short warm-up.
  public static func measureThroughput(
    config: TrainingConfig, seconds: Double, withViewer: Bool, publishInterval: Int = 100
  ) -> Double {
    let runtime = TrainingRuntime(config: config, publishInterval: publishInterval)
    let viewer = DispatchGroup()
    if withViewer {
      DispatchQueue.global(qos: .userInteractive).async(group: viewer) {
        while runtime.status.phase != .ended {
          _ = runtime.latest()
          sleepSeconds(1.0 / 60)
        }
      }
    }
    runtime.start()
    sleepSeconds(min(0.2, seconds / 4))
    let start = monotonicSeconds()
    let first = runtime.status.iteration
    sleepSeconds(seconds)
    let last = runtime.status.iteration
    let elapsed = monotonicSeconds() - start
    runtime.stop()
    viewer.wait()
    return Double(last - first) / elapsed
  }
}

private func sleepSeconds(_ seconds: Double) { Thread.sleep(forTimeInterval: seconds) }
