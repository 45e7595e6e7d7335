import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Turns SIGINT, SIGTERM, SIGHUP, SIGQUIT (Ctrl-\\) and SIGUSR1/2 into a flag the full-screen
/// loops (live and replay) poll each frame, so the loop itself leaves curses mode and
/// restores the terminal: nothing else may touch curses, and a signal handler must not. The
/// default actions are ignored (SIG_IGN) and dispatch sources on a private queue observe the
/// signals instead. SIGQUIT's default (and Swift's backtracer, which takes it) would dump
/// over the screen and leave the terminal raw; SIGUSR1/2 would kill with the terminal raw.
@MainActor
final class QuitSignals {
  static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2]

  private let flag = SignalLatch()
  private let suspension = SignalFlag()
  private var sources: [any DispatchSourceSignal] = []
  private let queue = DispatchQueue(label: "ganscope.signals")

  /// Also takes Ctrl-Z (SIGTSTP) away from curses' own handler, so the loop suspends the
  /// terminal itself (`Terminal.suspend`) and can switch the mouse reports off first.
  init() {
    for number in Self.watched {
      signal(number, SIG_IGN)
      sources.append(Self.makeSource(number, flag: flag, queue: queue))
    }
    signal(SIGTSTP, SIG_IGN)
    sources.append(Self.makeSuspendSource(suspension, queue: queue))
  }

  /// Whether Ctrl-Z was pressed since the last look.
  func takeSuspendRequest() -> Bool { suspension.take() }

  /// The first signal received, or nil.
  var received: Int32? { flag.signal }

  /// Stops watching and restores the default actions, so a second Ctrl-C during shutdown
  /// still ends the process.
  func stop() {
    for source in sources { source.cancel() }
    sources = []
    for number in Self.watched + [SIGTSTP] { signal(number, SIG_DFL) }
  }

  /// Nonisolated on purpose: a handler closure formed in main-actor code would inherit that
  /// isolation and trap when dispatch runs it on the signal queue.
  private nonisolated static func makeSource(
    _ number: Int32, flag: SignalLatch, queue: DispatchQueue
  ) -> any DispatchSourceSignal {
    let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
    source.setEventHandler { @Sendable in flag.note(number) }
    source.resume()
    return source
  }

  private nonisolated static func makeSuspendSource(_ flag: SignalFlag, queue: DispatchQueue)
    -> any DispatchSourceSignal
  {
    let source = DispatchSource.makeSignalSource(signal: SIGTSTP, queue: queue)
    source.setEventHandler { @Sendable in flag.raise() }
    source.resume()
    return source
  }
}
