import GANCore

/// What the training loop is doing, for status lines; read with `TrainingRuntime.status`.
public struct RuntimeStatus: Sendable, Equatable {
  /// Whether the loop has not started, is running (possibly paused), or has ended.
  public enum Phase: Sendable, Equatable {
    case idle
    case running
    case ended
  }

  public var phase: Phase = .idle
  /// Paused by a command, by a single step, or by divergence.
  public var isPaused: Bool
  public var pace: Pace
  public var publishInterval: Int
  /// Iterations per second measured over the last ~0.5 s (0 while paused).
  public var iterationsPerSecond: Double = 0
  public var divergedAtIteration: Int?
  /// The trainer's iteration at the last check (it runs ahead of the latest snapshot).
  public var iteration = 0
  /// The sequence number of the newest published snapshot.
  public var lastSequence: UInt64 = 0
  /// Why the run ended without training, if it did (a resumed run whose checkpoint could
  /// no longer be restored).
  public var failure: String?

  init(isPaused: Bool, pace: Pace, publishInterval: Int) {
    self.isPaused = isPaused
    self.pace = pace
    self.publishInterval = publishInterval
  }
}

extension Pace {
  /// A rate must be positive and finite; the loop refuses other paces.
  var isValid: Bool {
    switch self {
    case .maximum: true
    case .iterationsPerSecond(let rate): rate.isFinite && rate > 0
    }
  }
}
