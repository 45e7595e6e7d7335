import Dispatch
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP for the commands that have no screen (train, sweep, export,
/// verify, figure, info, bench, upgrade): instead of dying wherever it is, the command closes
/// what it has open and exits with status 128 + the signal (130, 143, 129), as a shell
/// expects. Without `onSignal` that means: remove the temporary file of an output being
/// written (the old file stays as it was), say which signal stopped it, and exit. `train`
/// passes its own action, which stops the run at its next iteration so the recording ends
/// cleanly. The full-screen loops have `QuitSignals` instead.
final class HeadlessSignals {
  static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  private let sources: [any DispatchSourceSignal]

  init(onSignal: (@Sendable (Int32) -> Void)? = nil) {
    let queue = DispatchQueue(label: "ganscope.headless-signals")
    let action = onSignal ?? { Self.exit(after: $0) }
    sources = Self.watched.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { @Sendable in action(number) }
      source.resume()
      return source
    }
  }

  /// Stops watching; the signals get their default actions back.
  func stop() {
    for source in sources { source.cancel() }
    for number in Self.watched { signal(number, SIG_DFL) }
  }

  /// The name a user knows a signal by.
  static func name(_ number: Int32) -> String {
    switch number {
    case SIGINT: "SIGINT (Ctrl-C)"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "signal \(number)"
    }
  }

  /// The exit status after a signal: 128 + its number.
  static func status(_ number: Int32) -> Int32 { 128 + number }

  /// Removes unfinished outputs, says why (`detail`, after the signal's name), and exits
  /// with 128 + the signal.
  static func exit(
    after number: Int32, _ detail: String = "; no output was left half written"
  ) -> Never {
    OutputFile.removeTemporaries()
    Output.errorNow("stopped by \(name(number))" + detail)
    end(status(number))
  }

  /// Ends the process from the signal queue at once: `_exit`, not `exit`, since the main
  /// thread may be running (two `exit`s at once are undefined) and ganscope buffers no
  /// output (every line is one `write`).
  static func end(_ status: Int32) -> Never { Glibc._exit(status) }
}
