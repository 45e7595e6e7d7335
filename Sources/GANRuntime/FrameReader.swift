import GANCore

/// A reader that receives every published frame exactly once, in order (the recorder, the
/// headless printer). While it is attached the trainer never overwrites a frame it has not
/// taken: a reader a full ring behind makes the trainer wait. Detach when done (or drop it).
public final class FrameReader: Sendable {
  public let runtime: TrainingRuntime
  private let id: Int

  init(runtime: TrainingRuntime) {
    self.runtime = runtime
    // A reader attached to a running loop starts at the latest frame.
    id = runtime.shared.withLock { state in
      let id = state.nextReaderID
      state.nextReaderID += 1
      state.readerCursors[id] = state.ring.lastSequence == 0 ? 0 : state.ring.lastSequence - 1
      return id
    }
  }

  deinit { detach() }

  /// The next frame, waiting up to `timeout`; `.ended` once the loop has ended and every
  /// frame has been taken (or after `detach`).
  public func next(timeout: Duration) -> FrameWait {
    take(timeout: timeout.seconds)
  }

  /// The next frame, waiting as long as it takes; nil once the loop has ended and every
  /// frame has been taken: `while let frame = reader.next() { … }`.
  public func next() -> Snapshot? { take(timeout: nil).snapshot }

  /// The next frame if one is ready, without waiting.
  public func tryNext() -> Snapshot? { take(timeout: 0).snapshot }

  /// Stops holding the trainer back; later reads return `.ended`.
  public func detach() {
    runtime.shared.withLockNotifying { _ = $0.readerCursors.removeValue(forKey: id) }
  }

  private func take(timeout: Double?) -> FrameWait {
    let id = id
    return runtime.shared.withLock(
      waitingUntil: { state in
        guard let cursor = state.readerCursors[id] else { return true }
        return state.ring.lastSequence > cursor || state.hasEnded(after: cursor)
      }, timeout: timeout, notifying: true  // Taking a frame may let the trainer go on.
    ) { state -> FrameWait in
      guard let cursor = state.readerCursors[id] else { return .ended }
      guard let frame = state.ring.first(after: cursor) else {
        return state.hasEnded(after: cursor) ? .ended : .timedOut
      }
      state.readerCursors[id] = frame.sequence
      return .frame(frame)
    }
  }
}

extension TrainingRuntime {
  /// Attaches an every-frame reader. Attach before `start` to receive the first frame.
  public func subscribe() -> FrameReader { FrameReader(runtime: self) }
}
