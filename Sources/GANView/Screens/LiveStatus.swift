import GANCore

/// What the status line shows that is not in a snapshot: the state of the training loop and
/// of the recorder, as the runtime (or a replayer) reports it each frame.
public struct LiveStatus: Sendable, Equatable {
  public var paused: Bool
  public var pace: Pace
  /// Measured training speed; nil when unknown (shown as 0).
  public var iterationsPerSecond: Double?
  /// The file being recorded to, or nil when not recording.
  public var recordingPath: String?
  /// Whether `R` can start a recording (false until the recorder exists).
  public var canRecord: Bool

  public init(
    paused: Bool = false, pace: Pace = .maximum, iterationsPerSecond: Double? = nil,
    recordingPath: String? = nil, canRecord: Bool = false
  ) {
    self.paused = paused
    self.pace = pace
    self.iterationsPerSecond = iterationsPerSecond
    self.recordingPath = recordingPath
    self.canRecord = canRecord
  }
}
