import GANCore

/// A reader that receives every published frame exactly once, in order (the recorder, the
/// headless printer). While it is attached the trainer never overwrites a frame it has not
/// taken: a reader a full ring behind makes the trainer wait. Detach when done (or drop it).
public final class FrameReader: Sendable {
  public let runtime: TrainingRuntime
  private let id: Int

  /// A plain reader starts at the first frame (attached before `start`) or at the latest.
  /// A recording reader (`checkpoints` set) starts at the first frame published with a
  /// checkpoint, which the trainer captures at its next chance, and then gets checkpoints
  /// on that cadence.
  init(runtime: TrainingRuntime, checkpoints policy: CheckpointPolicy? = nil) {
    self.runtime = runtime
    id = runtime.shared.withLockNotifying { state in
      let id = state.nextReaderID
      state.nextReaderID += 1
      if let policy {
        state.pendingRecorders[id] = policy
      } else {
        // A reader attached to a running loop starts at the latest frame.
        let ring = state.ring
        state.readerCursors[id] = ring.isEmpty ? ring.baseSequence : ring.lastSequence - 1
      }
      return id
    }
  }

  deinit { detach() }

  /// The next frame, waiting up to `timeout`; `.ended` once the loop has ended and every
  /// frame has been taken (or after `detach`).
  public func next(timeout: Duration) -> FrameWait {
    switch take(timeout: timeout.seconds) {
    case .frame(let frame, _): .frame(frame.snapshot)
    case .timedOut: .timedOut
    case .ended: .ended
    }
  }

  /// The next frame, waiting as long as it takes; nil once the loop has ended and every
  /// frame has been taken: `while let frame = reader.next() { … }`.
  public func next() -> Snapshot? { take(timeout: nil).frame?.snapshot }

  /// Stops holding the trainer back; later reads return `.ended`.
  public func detach() {
    runtime.shared.withLockNotifying { $0.removeReader(id) }
  }

  /// What a recording reader takes: the frame with its event and checkpoint, and with the
  /// first frame, every event applied before it.
  enum Taken: Sendable {
    case frame(PublishedFrame, earlierEvents: [AppliedEvent])
    case timedOut
    case ended

    var frame: PublishedFrame? {
      if case .frame(let frame, _) = self { return frame }
      return nil
    }
  }

  func take(timeout: Double?) -> Taken {
    let id = id
    return runtime.shared.withLock(
      waitingUntil: { state in
        guard let cursor = state.readerCursors[id] else {
          // Pending: ready only when the loop ended before starting it. Detached: now.
          return state.pendingRecorders[id] == nil || state.status.phase == .ended
        }
        return state.ring.lastSequence > cursor || state.hasEnded(after: cursor)
      }, timeout: timeout, notifying: true  // Taking a frame may let the trainer go on.
    ) { state -> Taken in
      guard let cursor = state.readerCursors[id] else {
        let waiting = state.pendingRecorders[id] != nil && state.status.phase != .ended
        return waiting ? .timedOut : .ended
      }
      guard let frame = state.ring.firstFrame(after: cursor) else {
        return state.hasEnded(after: cursor) ? .ended : .timedOut
      }
      state.readerCursors[id] = frame.snapshot.sequence
      let earlier = state.earlierEvents.removeValue(forKey: id) ?? []
      return .frame(frame, earlierEvents: earlier)
    }
  }
}

extension TrainingRuntime {
  /// Attaches an every-frame reader. Attach before `start` to receive the first frame.
  public func subscribe() -> FrameReader { FrameReader(runtime: self) }

  /// Attaches a recording reader (see `FrameReader.init`).
  func subscribeRecording(_ policy: CheckpointPolicy) -> FrameReader {
    FrameReader(runtime: self, checkpoints: policy)
  }
}
