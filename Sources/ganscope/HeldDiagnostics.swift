import Synchronization

/// Diagnostics that arrive while curses owns the screen would corrupt it; they are held here
/// and written to stderr once the terminal is restored. Outside the live view a line is
/// written at once. Any thread may write.
final class HeldDiagnostics: Sendable {
  static let shared = HeldDiagnostics()

  private struct State {
    var holding = false
    var lines: [String] = []
  }

  private let state = Mutex(State())

  /// Starts holding (call just before entering curses mode).
  func hold() { state.withLock { $0.holding = true } }

  /// Writes `ganscope: <message>` to stderr now, or after the live view ends.
  func write(_ message: String) {
    let held = state.withLock { state -> Bool in
      if state.holding { state.lines.append(message) }
      return state.holding
    }
    if !held { Output.errorNow(message) }
  }

  /// Stops holding and writes what was held, in order (call after the terminal is restored).
  func release() {
    let lines = state.withLock { state -> [String] in
      state.holding = false
      defer { state.lines = [] }
      return state.lines
    }
    for line in lines { Output.errorNow(line) }
  }
}
