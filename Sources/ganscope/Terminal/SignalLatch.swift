import Synchronization

/// The first signal that arrived, written on a signal queue and read by the command or the
/// loop that polls it (`QuitSignals`, `train`'s `HeadlessSignals` handler).
final class SignalLatch: Sendable {
  private let number = Atomic<Int32>(0)

  /// Notes `signal`; false if one had arrived already.
  @discardableResult
  func note(_ signal: Int32) -> Bool {
    number.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing)
      .exchanged
  }

  /// The first signal noted, or nil.
  var signal: Int32? {
    let n = number.load(ordering: .acquiring)
    return n == 0 ? nil : n
  }
}

/// A signal that can arrive again and again (Ctrl-Z's SIGTSTP): raised on a signal queue,
/// taken (and lowered) by the loop that polls it.
final class SignalFlag: Sendable {
  private let raised = Atomic<Bool>(false)

  func raise() { raised.store(true, ordering: .releasing) }

  /// Whether the signal arrived since the last take.
  func take() -> Bool { raised.exchange(false, ordering: .acquiringAndReleasing) }
}
