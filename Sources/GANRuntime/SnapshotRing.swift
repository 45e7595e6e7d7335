import GANCore

/// The most recent published frames, addressed by sequence number. A plain value with a
/// fixed number of slots allocated once; the runtime keeps it behind its lock.
struct SnapshotRing: Sendable {
  let capacity: Int
  private var slots: [PublishedFrame?]
  /// The sequence number before the first frame: 0, or where a resumed run continues from.
  let baseSequence: UInt64
  /// The sequence number of the newest frame (`baseSequence` before the first).
  private(set) var lastSequence: UInt64

  init(capacity: Int, startingAfter base: UInt64 = 0) {
    precondition(capacity >= 2, "a ring needs room for the latest frame and the next one")
    self.capacity = capacity
    slots = Array(repeating: nil, count: capacity)
    baseSequence = base
    lastSequence = base
  }

  var isEmpty: Bool { lastSequence == baseSequence }

  /// The oldest sequence number still held.
  var oldestSequence: UInt64 {
    max(
      baseSequence + 1, lastSequence >= UInt64(capacity) ? lastSequence - UInt64(capacity) + 1 : 1)
  }

  var latest: Snapshot? { latestFrame?.snapshot }
  var latestFrame: PublishedFrame? { isEmpty ? nil : slots[slot(lastSequence)] }

  /// The oldest held frame newer than `sequence` (the very next one unless it was already
  /// overwritten), or nil when there is none yet.
  func first(after sequence: UInt64) -> Snapshot? { firstFrame(after: sequence)?.snapshot }

  func firstFrame(after sequence: UInt64) -> PublishedFrame? {
    guard sequence < lastSequence else { return nil }
    return slots[slot(max(sequence + 1, oldestSequence))]
  }

  /// Stores the next frame and returns the one it overwrote, so the caller can release that
  /// one's arrays after leaving the lock.
  mutating func append(_ frame: PublishedFrame) -> PublishedFrame? {
    precondition(frame.snapshot.sequence == lastSequence + 1, "frames are published in sequence")
    lastSequence = frame.snapshot.sequence
    let index = slot(lastSequence)
    let evicted = slots[index]
    slots[index] = frame
    return evicted
  }

  mutating func append(_ snapshot: Snapshot) -> Snapshot? {
    append(PublishedFrame(snapshot: snapshot))?.snapshot
  }

  /// Attaches a checkpoint to the newest frame (captured after it was published, while
  /// nothing had changed since).
  mutating func attachToLatest(_ checkpoint: Checkpoint) {
    guard !isEmpty, checkpoint.sequence == lastSequence else { return }
    slots[slot(lastSequence)]?.checkpoint = checkpoint
  }

  private func slot(_ sequence: UInt64) -> Int { Int((sequence - 1) % UInt64(capacity)) }
}
