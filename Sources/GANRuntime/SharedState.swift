import GANCore

/// Everything the training queue shares with other threads, kept behind one lock
/// (`Locked<SharedState>`). One lock rather than one for the ring and one for the control
/// channel, because the trainer's waits need both: a paused trainer waits for a command or a
/// stop, a trainer held back by a slow reader waits for that reader or a stop.
struct SharedState: Sendable {
  var ring: SnapshotRing
  /// Every-frame readers: the last sequence number each has taken. The trainer never
  /// overwrites a frame a reader has not taken.
  var readerCursors: [Int: UInt64] = [:]
  var nextReaderID = 0
  /// Commands not yet applied, oldest first.
  var commands: [ControlCommand] = []
  var stopRequested = false
  var events: [AppliedEvent] = []
  var status: RuntimeStatus
  var finalSamples: [Float]?

  init(ringCapacity: Int, status: RuntimeStatus) {
    ring = SnapshotRing(capacity: ringCapacity)
    self.status = status
  }

  /// Whether publishing frame `sequence` would overwrite a frame some reader still needs.
  func canPublish(_ sequence: UInt64) -> Bool {
    readerCursors.values.allSatisfy { sequence <= $0 + UInt64(ring.capacity) }
  }

  /// Whether the trainer has something to do other than train.
  var needsTrainer: Bool { stopRequested || !commands.isEmpty }

  /// Whether no frame after `sequence` will ever come.
  func hasEnded(after sequence: UInt64) -> Bool {
    status.phase == .ended && sequence >= ring.lastSequence
  }
}
