import GANCore

/// Everything needed to continue a run exactly after one published frame: the trainer, the
/// evaluator's view grid (it follows the frames made, so it is part of the state), the
/// numbering and the cadence. Captured on the training queue when a recorder asks for one.
struct Checkpoint: Sendable, Equatable {
  var trainer: TrainerState
  var grid: ViewGridTracker
  /// The sequence number of the frame it was captured after.
  var sequence: UInt64
  var publishInterval: Int

  /// View grids a checkpoint may ask for (the evaluator allocates per bin).
  static let gridBinRange = 1...10_000
}

/// Why a checkpoint could not be restored (one line).
struct CheckpointError: Error, Sendable, CustomStringConvertible {
  var description: String
}

/// A published frame as the ring holds it: the snapshot, the applied command it shows (if
/// any), and a checkpoint of the state right after it when a recorder asked for one.
struct PublishedFrame: Sendable {
  var snapshot: Snapshot
  var event: AppliedEvent?
  var checkpoint: Checkpoint?
  /// When it was published, on the monotonic clock (seconds).
  var time = 0.0
}

/// How often a recording reader wants a checkpoint: after this many frames, seconds or
/// iterations since the last one, whichever comes first. Checkpoints bound the work of
/// seeking or branching to any frame (restore, then re-simulate at most this far).
struct CheckpointPolicy: Sendable, Equatable {
  var frames: Int
  var seconds: Double
  var iterations: Int

  /// About every 10 s of a live session at the default cadence (33 frames/s), and at least
  /// every 30,000 iterations so that a full-speed run stays quick to branch from.
  static let standard = CheckpointPolicy(frames: 300, seconds: 10, iterations: 30_000)

  /// The more demanding of two policies (two recorders on one runtime).
  func combined(with other: CheckpointPolicy) -> CheckpointPolicy {
    CheckpointPolicy(
      frames: min(frames, other.frames), seconds: min(seconds, other.seconds),
      iterations: min(iterations, other.iterations))
  }
}

/// What the training loop owes recording readers at its next frame.
enum CheckpointDemand: Sendable, Equatable {
  case none
  /// A recorder is waiting for its first frame, which must carry a checkpoint.
  case now
  case periodic(CheckpointPolicy)
}

/// The loop's memory of its last checkpoint, to tell when the next one is due. Wall time
/// only decides *when* a checkpoint is taken; taking one never changes training.
struct CheckpointSchedule {
  private var sequence: UInt64 = 0
  private var time = 0.0
  private var iteration = 0

  func isDue(_ policy: CheckpointPolicy, sequence: UInt64, now: Double, iteration: Int) -> Bool {
    sequence >= self.sequence + UInt64(max(policy.frames, 1))
      || now - time >= policy.seconds
      || iteration - self.iteration >= policy.iterations
      || iteration < self.iteration  // A replay or reset can only move forward; be safe.
  }

  mutating func taken(sequence: UInt64, now: Double, iteration: Int) {
    self.sequence = sequence
    time = now
    self.iteration = iteration
  }
}
