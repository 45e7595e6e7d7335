import Foundation
import GANRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// Line output to stdout that ends the program quietly when the reader goes away
/// (`ganscope train | head -3`, the Unix convention) instead of dying of SIGPIPE mid-line,
/// and with one line and exit status 1 when the output cannot be written (`> /dev/full`):
/// a result that was not written is a failure, never a silent success.
enum Output {
  static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

  static func line(_ text: String) {
    guard !write(text + "\n", to: STDOUT_FILENO) else { return }
    let error = errno
    if error == EPIPE { Glibc.exit(0) }
    failedStandardOutput(error)
  }

  /// Ends the program after a failed write to standard output (not a closed pipe).
  static func failedStandardOutput(_ error: Int32) -> Never {
    errorNow("cannot write to standard output: \(FilePath.reason(error))")
    Glibc.exit(1)
  }

  /// Writes a diagnostic line (`ganscope: text`) to stderr, or holds it until the terminal
  /// is restored while curses owns the screen (see `HeldDiagnostics`). Only the main thread
  /// can own the screen, so a line from any other thread is written at once.
  static func error(_ text: String) {
    if Thread.isMainThread {
      MainActor.assumeIsolated { HeldDiagnostics.write(text) }
    } else {
      errorNow(text)
    }
  }

  /// Writes a diagnostic line to stderr now.
  static func errorNow(_ text: String) {
    _ = write("ganscope: \(text)\n", to: STDERR_FILENO)
  }

  /// Writes all of `text` to a file descriptor (unbuffered: each call is one line or block).
  @discardableResult
  static func write(_ text: String, to fd: Int32) -> Bool {
    FileDescriptor.writeAll(Array(text.utf8), to: fd)
  }
}

/// Seconds on the monotonic clock and of this process's CPU time.
enum Clock {
  static func now() -> Double { seconds(CLOCK_MONOTONIC) }
  static func cpu() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

  private static func seconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}
