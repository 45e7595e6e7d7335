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
  /// Recording readers not yet started: each starts at the first frame that carries a
  /// checkpoint (the trainer captures one at its next chance), so a recording can always
  /// be continued from its first frame.
  var pendingRecorders: [Int: CheckpointPolicy] = [:]
  /// Started recording readers and the checkpoint cadence each wants.
  var recorderPolicies: [Int: CheckpointPolicy] = [:]
  /// The events before a recording reader's first frame, handed over with that frame.
  var earlierEvents: [Int: [AppliedEvent]] = [:]
  /// Commands not yet applied, oldest first.
  var commands: [ControlCommand] = []
  /// Batches waiting for their iteration, in the order they were scheduled (see
  /// `ScheduledCommands`), and how many scheduled batches the loop has taken so far.
  var scheduled: [ScheduledCommands] = []
  var scheduledTaken = 0
  var stopRequested = false
  var events: [AppliedEvent] = []
  var status: RuntimeStatus
  var finalSamples: [Float]?
  /// The live spectrum: requests from the viewer, the newest reading (SpectrumChannel).
  var spectrum = SpectrumChannel()

  init(ringCapacity: Int, status: RuntimeStatus, startingAfter base: UInt64 = 0) {
    ring = SnapshotRing(capacity: ringCapacity, startingAfter: base)
    self.status = status
    self.status.lastSequence = base
  }

  /// Whether publishing frame `sequence` would overwrite a frame some reader still needs.
  func canPublish(_ sequence: UInt64) -> Bool {
    readerCursors.values.allSatisfy { sequence <= $0 + UInt64(ring.capacity) }
  }

  /// Whether the trainer has something to do other than train (a paused loop waits for
  /// this): a stop, a command, a spectrum asked for, or a scheduled batch that is due at the iteration it is at.
  var needsTrainer: Bool {
    stopRequested || !commands.isEmpty || spectrum.requested
      || scheduled.first.map {
        $0.isDue(iteration: status.iteration, diverged: status.divergedAtIteration != nil)
      } ?? false
  }

  /// Takes the oldest scheduled batch if it is due at a boundary after `iteration`
  /// iterations (a batch waits for every batch scheduled before it, so a script keeps its
  /// order). One at a time: whether the next is due depends on what this one does (a reset
  /// ends a divergence), so the loop takes it at the same boundary, after applying this one.
  mutating func takeDueScheduled(iteration: Int, diverged: Bool) -> [ControlCommand]? {
    guard let first = scheduled.first, first.isDue(iteration: iteration, diverged: diverged)
    else { return nil }
    scheduled.removeFirst()
    scheduledTaken += 1
    return first.commands
  }

  /// Whether no frame after `sequence` will ever come.
  func hasEnded(after sequence: UInt64) -> Bool {
    status.phase == .ended && sequence >= ring.lastSequence
  }

  /// What the loop owes recording readers at its next frame.
  var checkpointDemand: CheckpointDemand {
    if !pendingRecorders.isEmpty { return .now }
    guard let first = recorderPolicies.values.first else { return .none }
    return .periodic(recorderPolicies.values.reduce(first) { $0.combined(with: $1) })
  }

  /// Starts the waiting recording readers at frame `sequence`, which carries a checkpoint.
  mutating func startPendingRecorders(at sequence: UInt64) {
    guard !pendingRecorders.isEmpty else { return }
    let earlier = events.filter { $0.sequence < sequence }
    for (id, policy) in pendingRecorders {
      readerCursors[id] = sequence - 1
      recorderPolicies[id] = policy
      earlierEvents[id] = earlier
    }
    pendingRecorders = [:]
  }

  /// Forgets a reader (it stops holding the trainer back).
  mutating func removeReader(_ id: Int) {
    readerCursors[id] = nil
    pendingRecorders[id] = nil
    recorderPolicies[id] = nil
    earlierEvents[id] = nil
  }
}
