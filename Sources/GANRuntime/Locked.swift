import Foundation

/// A value behind one mutex with a condition variable: the only shared-state primitive of
/// GANRuntime, and its only `@unchecked Sendable`.
///
/// Audit: `state` is private and touched only inside the methods below, each of which holds
/// `condition`'s mutex for the whole access, so no two threads ever see it at once. `State`
/// must be `Sendable`, so whatever a caller copies out may be used on any thread. NSCondition
/// (a pthread mutex + condvar on Linux) rather than `Synchronization.Mutex`, because
/// ThreadSanitizer reports false races on the latter under contention
/// (docs/architecture.md, "Threads and the one lock").
final class Locked<State: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var state: State

  init(_ initial: State) { state = initial }

  /// Runs `body` with the lock held. Keep it short: a copy or a few assignments.
  func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
    condition.lock()
    defer { condition.unlock() }
    return try body(&state)
  }

  /// Like `withLock`, then wakes every waiter: for changes someone may be waiting for.
  func withLockNotifying<R>(_ body: (inout State) throws -> R) rethrows -> R {
    condition.lock()
    defer {
      condition.broadcast()
      condition.unlock()
    }
    return try body(&state)
  }

  /// Waits until `isReady` holds or `timeout` seconds pass (nil: no limit), then runs `body`
  /// with the lock held, whichever happened; `body` checks the state again.
  func withLock<R>(
    waitingUntil isReady: (State) -> Bool, timeout: Double?, notifying: Bool = false,
    _ body: (inout State) throws -> R
  ) rethrows -> R {
    condition.lock()
    defer {
      if notifying { condition.broadcast() }
      condition.unlock()
    }
    // The deadline is on the monotonic clock; each wait is re-armed from it, so a change of
    // the wall clock (which NSCondition's Date deadline uses) can only cut a wait short.
    let deadline = timeout.map { monotonicSeconds() + $0 }
    while !isReady(state) {
      guard let deadline else {
        condition.wait()
        continue
      }
      let remaining = deadline - monotonicSeconds()
      if remaining <= 0 { break }
      _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
    }
    return try body(&state)
  }
}

/// Seconds on a monotonic clock: for pacing, rates and timeouts only, never for training.
func monotonicSeconds() -> Double {
  Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
}
