import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// The parent of every runtime suite. Serialized because these tests time things (stop
/// latency, pacing) on a small machine, and parallel tests would make the times meaningless.
@Suite(.serialized) struct RuntimeTests {}

/// A net small enough that debug and sanitizer builds still run hundreds of iterations a
/// second; Adam at the default step sizes keeps every metric finite.
func smallConfig(seed: UInt64 = 7, k: Int = 1) -> TrainingConfig {
  TrainingConfig(
    target: try! Target.parse("normal(4,0.5)"), architecture: Architecture(width: 8),
    hyperparameters: Hyperparameters(discriminatorSteps: k, batchSize: 32), seed: seed)
}

/// A config that blows up in its second iteration: D's step size is absurd, G's is sane.
func divergingConfig() -> TrainingConfig {
  var config = smallConfig()
  config.hyperparameters.optimizer.kind = .sgd
  config.hyperparameters.discriminatorStepSize = 1e20
  return config
}

/// A bit-exact identity of a snapshot: Swift prints Float and Double with the shortest text
/// that reads back to the same bits, and NaN (a loss before the first step) as "nan", so
/// equal fingerprints mean equal snapshots even where `==` is false because of NaN.
func fingerprint(_ snapshot: Snapshot) -> String { String(reflecting: snapshot) }

/// The structural invariants of a snapshot that a torn copy would likely break.
func isWellFormed(_ s: Snapshot) -> Bool {
  let bins = s.grid.bins
  return s.sequence >= 1 && bins > 0 && s.iteration == s.generatorSteps
    && s.dataHistogram.count == bins && s.modelHistogram.count == bins
    && s.discriminator.count == bins && s.optimalDiscriminator.count == bins
    && (s.dataDensity.isEmpty || s.dataDensity.count == bins)
    && s.mappingZ.count == Evaluator.mappingPoints && s.mappingX.count == s.mappingZ.count
    && s.mappingSlope.count == s.mappingZ.count
}

/// Reads every frame of `reader` on a background thread until the run ends.
final class BackgroundReader: Sendable {
  private let frames = Locked<[Snapshot]>([])
  private let group = DispatchGroup()

  init(_ reader: FrameReader, pauseEvery: Int = 0, pauseSeconds: Double = 0) {
    // A thread of its own, not the global queue: with other suites busy (ThreadSanitizer), a
    // queued reader could start late, and an every-frame reader that never reads holds the
    // trainer back a full ring behind.
    group.enter()
    Thread.detachNewThread { [frames, group] in
      defer { group.leave() }
      var count = 0
      while let frame = reader.next() {
        frames.withLock { $0.append(frame) }
        count += 1
        // A slow reader now and then, so the trainer has to wait for it.
        if pauseEvery > 0 && count % pauseEvery == 0 {
          Thread.sleep(forTimeInterval: pauseSeconds)
        }
      }
    }
  }

  /// Waits for the run to end and returns every frame read.
  func finish() -> [Snapshot] {
    group.wait()
    return frames.withLock { $0 }
  }
}

/// Fails the test unless `condition` holds within `seconds`.
func eventually(
  _ what: Comment, within seconds: Double = 10, _ condition: () -> Bool,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let deadline = monotonicSeconds() + seconds
  while !condition() {
    if monotonicSeconds() > deadline {
      Issue.record(what, sourceLocation: sourceLocation)
      return
    }
    Thread.sleep(forTimeInterval: 0.001)
  }
}

/// Sequence numbers must be 1, 2, 3, … with nothing missing or repeated.
func isContiguousFromOne(_ frames: [Snapshot]) -> Bool {
  frames.enumerated().allSatisfy { $0.element.sequence == UInt64($0.offset + 1) }
}
