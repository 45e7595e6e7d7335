/// Diagnostics that arrive while curses owns the screen would corrupt it; they are held here
/// and written to stderr once the terminal is restored. Outside a full-screen view a line is
/// written at once. Confined to the main thread, which is the only one that owns the screen,
/// so it needs no lock (the runtime's ring and control channel stay the only shared state).
@MainActor
enum HeldDiagnostics {
  private static var holding = false
  private static var lines: [String] = []

  /// Starts holding (call just before entering curses mode).
  static func hold() { holding = true }

  /// Writes `ganscope: <message>` to stderr now, or after the full-screen view ends.
  static func write(_ message: String) {
    if holding {
      lines.append(message)
    } else {
      Output.errorNow(message)
    }
  }

  /// Stops holding and writes what was held, in order (call after the terminal is restored).
  static func release() {
    holding = false
    let held = lines
    lines = []
    for line in held { Output.errorNow(line) }
  }
}
