import GANCore

/// The most recent published snapshots, addressed by sequence number. A plain value with a
/// fixed number of slots allocated once; the runtime keeps it behind its lock.
struct SnapshotRing: Sendable {
  let capacity: Int
  private var slots: [Snapshot?]
  /// The sequence number of the newest frame (0 before the first).
  private(set) var lastSequence: UInt64 = 0

  init(capacity: Int) {
    precondition(capacity >= 2, "a ring needs room for the latest frame and the next one")
    self.capacity = capacity
    slots = Array(repeating: nil, count: capacity)
  }

  /// The oldest sequence number still held.
  var oldestSequence: UInt64 {
    lastSequence > UInt64(capacity) ? lastSequence - UInt64(capacity) + 1 : 1
  }

  var latest: Snapshot? { lastSequence == 0 ? nil : slots[slot(lastSequence)] }

  /// The oldest held frame newer than `sequence` (the very next one unless it was already
  /// overwritten), or nil when there is none yet.
  func first(after sequence: UInt64) -> Snapshot? {
    guard sequence < lastSequence else { return nil }
    return slots[slot(max(sequence + 1, oldestSequence))]
  }

  /// Stores the next frame and returns the one it overwrote, so the caller can release that
  /// one's arrays after leaving the lock.
  mutating func append(_ snapshot: Snapshot) -> Snapshot? {
    precondition(snapshot.sequence == lastSequence + 1, "frames are published in sequence")
    lastSequence = snapshot.sequence
    let index = slot(lastSequence)
    let evicted = slots[index]
    slots[index] = snapshot
    return evicted
  }

  private func slot(_ sequence: UInt64) -> Int { Int((sequence - 1) % UInt64(capacity)) }
}
