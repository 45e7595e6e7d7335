import CCrashGuard
import CNcurses
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal could not be put into curses mode.
struct TerminalError: Error, CustomStringConvertible {
  var description: String
}

/// The curses backend: the only code that talks to ncurses. It paints a `CellGrid`, cell by
/// changed cell, and reads keys. Main-actor isolated because curses is not thread-safe and
/// must only ever be touched from the main thread.
@MainActor
final class Terminal {
  /// Whether stdin and stdout are both terminals; when not, the caller prints
  /// `notATerminalMessage` and exits 2.
  nonisolated static func isInteractive() -> Bool { isatty(0) == 1 && isatty(1) == 1 }
  nonisolated static let notATerminalMessage =
    "the live view needs a terminal; try 'ganscope train'"

  /// Unicode when the locale's character set is UTF-8, else ASCII: in other locales braille
  /// and box characters render as blanks, silently.
  let symbols: SymbolSet
  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let palette: [Style: (attributes: attr_t, pair: Int16)]
  /// What is on the screen now, to paint only the cells that change.
  private var previous: CellGrid?
  private var active = true
  /// Whether the terminal was asked to report the mouse (`MouseReporting`).
  let reportsMouse: Bool

  /// Sets the locale, enters curses mode (cbreak so Ctrl-C still raises SIGINT, no echo,
  /// keypad keys decoded, cursor hidden) and sets up the colours. Call after the signal
  /// handling is in place. `noColor`: NO_COLOR is set (https://no-color.org).
  init(noColor: Bool) throws(TerminalError) {
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    symbols = codeset == "UTF-8" || codeset == "UTF8" ? .unicode : .ascii
    crash_guard_save_terminal_modes()
    guard let screen = gs_newterm(), let window = gs_stdscr() else {
      let term = environmentValue("TERM") ?? "unset"
      throw TerminalError(description: "cannot use this terminal (TERM=\(term))")
    }
    guard gs_can_address_cursor() != 0 else {
      endwin()
      delscreen(screen)
      let term = environmentValue("TERM") ?? "unset"
      throw TerminalError(
        description: "this terminal (TERM=\(term)) cannot move the cursor, which the full-screen "
          + "view needs; set TERM to your terminal's type (e.g. xterm-256color), or use "
          + "'ganscope train'")
    }
    self.screen = screen
    self.window = window
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    leaveok(window, true)
    curs_set(0)
    set_escdelay(25)
    Self.defineModifiedArrows()
    palette = Self.makePalette(noColor: noColor)
    reportsMouse = MouseReporting.wanted(
      term: environmentValue("TERM"),
      hasMouseKey: Self.hasCapability("kmous"),
      optOut: environmentValue(MouseReporting.optOutVariable))
    if reportsMouse {
      // Where terminfo names the mouse's prefix (kmous: "ESC [ <" for xterm, "ESC [ M" for
      // screen), curses would swallow a report as its own KEY_MOUSE, which it only decodes
      // with its own mouse mode on; forget the prefix so a report arrives as characters,
      // which `readMouseReport` decodes.
      if let prefix = tigetstr("kmous"), Int(bitPattern: prefix) != -1, prefix.pointee != 0 {
        define_key(String(cString: prefix), 0)
      }
      Self.write(MouseReporting.on)
    }
    // From here a crash still leaves a usable terminal (mouse reports off included).
    crash_guard_arm(Self.sequencesLeavingCurses() + (reportsMouse ? MouseReporting.off : ""))
  }

  /// Writes bytes straight to the terminal, past curses (which has no call for private
  /// modes such as mouse reporting).
  private static func write(_ bytes: String) {
    var rest = Array(bytes.utf8)[...]
    while !rest.isEmpty {
      let written = rest.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if written <= 0 { return }
      rest = rest.dropFirst(written)
    }
  }

  /// Whether the terminfo entry has the string capability `name`.
  private static func hasCapability(_ name: String) -> Bool {
    guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return false }
    return value.pointee != 0
  }

  /// The terminal's own sequences (terminfo) that end curses' use of the screen: attributes
  /// off, cursor visible, keypad mode off, the primary screen back. For the crash guard,
  /// which cannot ask curses from a signal handler.
  private static func sequencesLeavingCurses() -> String {
    var bytes = ""
    for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
      guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { continue }
      bytes += String(cString: value)
    }
    return bytes + "\r\n"
  }

  /// The curses codes of the keys that `Key` names; the views bind no other function key.
  private static let namedKeys: [Int32: Key] = [
    KEY_LEFT: .left, KEY_RIGHT: .right, KEY_UP: .up, KEY_DOWN: .down, KEY_SLEFT: .shiftLeft,
    KEY_SRIGHT: .shiftRight,
    KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_HOME: .home, KEY_END: .end,
    KEY_BACKSPACE: .backspace,
  ]

  /// Terminals (and tmux) send Shift+arrows and Home/End as xterm sequences even where the
  /// terminfo entry (TERM=screen, tmux's default) does not list them; unlisted, curses would
  /// hand them over as loose characters (Esc, '[', '1', …). Teach curses the missing ones.
  private static func defineModifiedArrows() {
    let sequences: [(String, Int32)] = [
      ("\u{1B}[1;2D", KEY_SLEFT), ("\u{1B}[1;2C", KEY_SRIGHT),
      ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME),
      ("\u{1B}OF", KEY_END), ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END),
      ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
    ]
    for (sequence, code) in sequences where key_defined(sequence) == 0 {
      define_key(sequence, code)
    }
  }

  /// The current size in cells.
  var size: (width: Int, height: Int) {
    (Int(getmaxx(window)), Int(getmaxy(window)))
  }

  /// Waits up to `timeoutMilliseconds` (0: just polls) for a key. Nil when none came in
  /// time, and also when the wait ended for something that is not a key of `Key`: a resize
  /// (handled here: the next `paint` redraws every cell, so the caller just paints) or a
  /// function key no view binds.
  func readKey(timeoutMilliseconds: Int32) -> Key? {
    wtimeout(window, timeoutMilliseconds)
    var code: wint_t = 0
    let result = wget_wch(window, &code)
    if result == ERR { return nil }
    if result == gs_key_code_yes() {
      if Int32(code) == KEY_RESIZE { invalidate() }
      return Self.namedKeys[Int32(code)]
    }
    if code == 0x1B, reportsMouse, let report = readMouseReport() {
      return report.map(Key.mouse)
    }
    return Unicode.Scalar(UInt32(code)).map { .character(Character($0)) }
  }

  /// After an Esc: the rest of an SGR mouse report ("[<b;x;yM", or xterm's older
  /// "[M" and three bytes), which curses does not know and hands over character by
  /// character. Nil when what follows is not one (the
  /// characters read are pushed back, so the Esc stays a key); `.some(nil)` for a report
  /// that is garbled or cut, which is dropped.
  private func readMouseReport() -> MouseEvent?? {
    // A report arrives in one write; a few milliseconds cover a slow ssh link's split.
    wtimeout(window, 10)
    var read: [wint_t] = []
    defer { wtimeout(window, 0) }
    func next() -> wint_t? {
      var code: wint_t = 0
      let result = wget_wch(window, &code)
      guard result != ERR else { return nil }
      guard result != gs_key_code_yes() else {
        // A function key (an arrow right after Esc): not part of a report; it goes back
        // first, so the characters pushed back over it come out before it, in order.
        ungetch(Int32(code))
        return nil
      }
      read.append(code)
      return code
    }
    func pushBack() -> MouseEvent?? {
      for code in read.reversed() { unget_wch(wchar_t(bitPattern: UInt32(code))) }
      return nil
    }
    guard next() == wint_t(UInt8(ascii: "[")), let kind = next(),
      kind == wint_t(UInt8(ascii: "<")) || kind == wint_t(UInt8(ascii: "M"))
    else {
      return pushBack()
    }
    // A report it is: the rest may take longer to arrive over a slow link, and must not
    // leak out as keys.
    wtimeout(window, 200)
    if kind == wint_t(UInt8(ascii: "M")) {
      // A terminal that ignores the SGR mode (1006) sends xterm's older report: three
      // bytes, each a number + 32.
      guard let b = next(), let x = next(), let y = next() else { return .some(nil) }
      return .some(MouseEvent.decodeX10(UInt32(b), UInt32(x), UInt32(y)))
    }
    var body = ""
    while body.count < 24, let code = next(), let scalar = Unicode.Scalar(UInt32(code)) {
      body.unicodeScalars.append(scalar)
      if scalar == "M" || scalar == "m" { return .some(MouseEvent.decodeSGR(body)) }
    }
    return .some(nil)
  }

  /// Ctrl-Z: gives the terminal back as the shell had it (mouse reports off), stops the
  /// process, and takes the screen again when the shell continues it.
  func suspend() {
    guard active else { return }
    if reportsMouse { Self.write(MouseReporting.off) }
    endwin()
    crash_guard_stop_like_ctrl_z()
    // Continued (fg): curses' next refresh restores its own modes.
    invalidate()
    refresh()
    if reportsMouse { Self.write(MouseReporting.on) }
  }

  /// Forgets what is on the screen, so the next `paint` redraws every cell (after a resize
  /// the terminal may have reflowed or cleared anything).
  private func invalidate() {
    previous = nil
    clearok(window, true)
  }

  /// Paints `grid`: only the cells that differ from the previous frame, then one update.
  func paint(_ grid: CellGrid) {
    guard active else { return }
    let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
    if full { werase(window) }
    var cell = cchar_t()
    var text: [wchar_t] = [0, 0]
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let new = grid[x, y]
        if !full, let previous, previous[x, y] == new { continue }
        let (attributes, pair) = palette[new.style] ?? (gs_attr_normal(), 0)
        text[0] = wchar_t(bitPattern: new.character.unicodeScalars.first?.value ?? 32)
        setcchar(&cell, text, attributes, pair, nil)
        // The bottom-right cell reports ERR (the cursor cannot advance) but is drawn.
        mvwadd_wch(window, Int32(y), Int32(x), &cell)
      }
    }
    previous = grid
    wnoutrefresh(window)
    doupdate()
  }

  /// Leaves curses mode and gives the terminal back as it was. Safe to call twice.
  func restore() {
    guard active else { return }
    active = false
    crash_guard_disarm()
    // A terminal without an alternate screen (TERM=vt100, linux) would keep the last frame
    // below the prompt: clear it first.
    if !Self.hasAlternateScreen {
      erase()
      refresh()
    }
    curs_set(1)
    endwin()
    if reportsMouse { Self.write(MouseReporting.off) }
    delscreen(screen)
  }

  /// Whether the terminal switches to a screen of its own (terminfo `smcup`/`rmcup`) that
  /// leaving curses puts away.
  private static var hasAlternateScreen: Bool { hasCapability("rmcup") }

  // MARK: Colours

  /// How each role looks, by what the terminal can do: 256 colours, 8 colours, or none
  /// (no colour support, or NO_COLOR set: https://no-color.org). The looks come from
  /// `Palette`, which the asciicast export uses too.
  private static func makePalette(noColor: Bool) -> [Style: (attributes: attr_t, pair: Int16)] {
    var palette: [Style: (attributes: attr_t, pair: Int16)] = [:]
    guard !noColor, has_colors(), start_color() == OK else {
      for style in Style.allCases {
        palette[style] = (attributes(of: Palette.look(for: style, depth: .monochrome)), 0)
      }
      return palette
    }
    // −1 is the terminal's own background (and foreground), so a light theme stays light;
    // without use_default_colors, fall back to white on black.
    let defaults = use_default_colors() == OK
    let background: Int16 = defaults ? -1 : Int16(COLOR_BLACK)
    let foreground: Int16 = defaults ? -1 : Int16(COLOR_WHITE)
    let depth: ColorDepth = gs_colors() >= 256 ? .colors256 : .colors8
    for (index, style) in Style.allCases.enumerated() {
      let look = Palette.look(for: style, depth: depth)
      let pair = Int16(index + 1)
      init_pair(pair, look.foreground.map(Int16.init) ?? foreground, background)
      palette[style] = (attributes(of: look), pair)
    }
    return palette
  }

  private static func attributes(of look: Look) -> attr_t {
    var attributes = gs_attr_normal()
    if look.bold { attributes |= gs_attr_bold() }
    if look.dim { attributes |= gs_attr_dim() }
    if look.reverse { attributes |= gs_attr_reverse() }
    return attributes
  }
}

/// One environment variable, or nil when unset.
func environmentValue(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
