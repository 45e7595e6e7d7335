/// The set-up every full-screen view shares: quit signals turned into a polled flag,
/// diagnostics held back, curses mode entered — and all of it undone on every way out,
/// including a thrown error. The live view and the replay (and a live run branched from a
/// replay, which keeps the same screen) run inside `FullScreen.run`.
@MainActor
enum FullScreen {
  /// Runs `body` with the terminal in curses mode. Throws `TerminalError` when curses cannot
  /// start; diagnostics written meanwhile through `HeldDiagnostics` are printed after the
  /// terminal is restored.
  static func run<Result>(_ body: (Terminal, QuitSignals) throws -> Result) throws -> Result {
    let signals = QuitSignals()
    defer { signals.stop() }
    HeldDiagnostics.hold()
    defer { HeldDiagnostics.release() }
    let terminal = try Terminal(noColor: !(environmentValue("NO_COLOR") ?? "").isEmpty)
    defer { terminal.restore() }
    return try body(terminal, signals)
  }
}
