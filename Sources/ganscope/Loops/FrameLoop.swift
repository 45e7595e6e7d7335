import GANView

/// The loop every full-screen view runs: wait up to one frame for a key, take every key
/// already typed before drawing (so held-down keys never lag behind), then draw the frame;
/// until a key's handler or a quit signal (Ctrl-C, SIGTERM, SIGHUP) ends it.
@MainActor
enum FrameLoop {
  static func run<Exit>(
    on terminal: Terminal, signals: QuitSignals, frameMilliseconds: Int32,
    signalled: (Int32) -> Exit, handle: (Key) -> Exit?, draw: () -> Void
  ) -> Exit {
    while true {
      if let number = signals.received { return signalled(number) }
      if signals.takeSuspendRequest() { terminal.suspend() }
      var key = terminal.readKey(timeoutMilliseconds: frameMilliseconds)
      while let pressed = key {
        if let exit = handle(pressed) { return exit }
        key = terminal.readKey(timeoutMilliseconds: 0)
      }
      draw()
    }
  }
}
