import CNcurses
import GANView

#if canImport(Glibc)
  import Glibc
#endif

/// A key press as the live loop sees it.
enum TerminalKey: Equatable {
  case character(Character)
  /// The terminal changed size: the next frame must be painted in full.
  case resize
  /// A function key the view does not use.
  case other(UInt32)
}

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

  /// Sets the locale, enters curses mode (cbreak so Ctrl-C still raises SIGINT, no echo,
  /// keypad keys decoded, cursor hidden) and sets up the colours. Call after the signal
  /// handling is in place. `noColor`: NO_COLOR is set (https://no-color.org).
  init(noColor: Bool) throws(TerminalError) {
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    symbols = codeset == "UTF-8" || codeset == "UTF8" ? .unicode : .ascii
    guard let screen = gs_newterm(), let window = gs_stdscr() else {
      let term = environmentValue("TERM") ?? "unset"
      throw TerminalError(description: "cannot use this terminal (TERM=\(term))")
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
    palette = Self.makePalette(noColor: noColor)
  }

  /// The current size in cells.
  var size: (width: Int, height: Int) {
    (Int(getmaxx(window)), Int(getmaxy(window)))
  }

  /// Waits up to `timeoutMilliseconds` (0: just polls) for a key; nil when none came.
  func readKey(timeoutMilliseconds: Int32) -> TerminalKey? {
    wtimeout(window, timeoutMilliseconds)
    var code: wint_t = 0
    let result = wget_wch(window, &code)
    if result == ERR { return nil }
    if result == gs_key_code_yes() {
      return Int32(code) == KEY_RESIZE ? .resize : .other(UInt32(code))
    }
    guard let scalar = Unicode.Scalar(UInt32(code)) else { return .other(UInt32(code)) }
    return .character(Character(scalar))
  }

  /// Forgets what is on the screen, so the next `paint` redraws every cell (after a resize
  /// the terminal may have reflowed or cleared anything).
  func invalidate() {
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
    curs_set(1)
    endwin()
    delscreen(screen)
  }

  // MARK: Colours

  /// How each role looks, by what the terminal can do: 256 colours, 8 colours, or none
  /// (no colour support, or NO_COLOR set: https://no-color.org), where attributes alone
  /// keep the status bar and the warnings apart.
  private static func makePalette(noColor: Bool) -> [Style: (attributes: attr_t, pair: Int16)] {
    let bold = gs_attr_bold()
    let dim = gs_attr_dim()
    let reverse = gs_attr_reverse()
    let normal = gs_attr_normal()
    var palette: [Style: (attributes: attr_t, pair: Int16)] = [:]
    guard !noColor, has_colors(), start_color() == OK else {
      let mono: [Style: attr_t] = [
        .dim: dim, .axis: normal, .heading: bold, .model: bold, .modelFill: dim,
        .status: reverse, .warning: bold | reverse,
      ]
      for style in Style.allCases { palette[style] = (mono[style] ?? normal, 0) }
      return palette
    }
    // −1 is the terminal's own background (and foreground), so a light theme stays light;
    // without use_default_colors, fall back to white on black.
    let defaults = use_default_colors() == OK
    let background: Int16 = defaults ? -1 : Int16(COLOR_BLACK)
    let foreground: Int16 = defaults ? -1 : Int16(COLOR_WHITE)
    let rich = gs_colors() >= 256
    // (foreground with 256 colours, with 8 colours, attributes)
    let looks: [Style: (Int16, Int16, attr_t)] = [
      .text: (foreground, foreground, normal),
      .dim: (244, foreground, rich ? normal : dim),
      .axis: (246, foreground, normal),
      .heading: (foreground, foreground, bold),
      .data: (foreground, foreground, normal),
      .model: (41, Int16(COLOR_GREEN), rich ? normal : bold),
      .modelFill: (22, Int16(COLOR_GREEN), rich ? normal : dim),
      .discriminator: (39, Int16(COLOR_BLUE), bold),
      .optimal: (170, Int16(COLOR_MAGENTA), normal),
      .metric: (178, Int16(COLOR_YELLOW), normal),
      .status: (foreground, foreground, reverse),
      .warning: (196, Int16(COLOR_RED), bold),
    ]
    for (index, style) in Style.allCases.enumerated() {
      let (fg256, fg8, attributes) = looks[style] ?? (foreground, foreground, normal)
      let pair = Int16(index + 1)
      init_pair(pair, rich ? fg256 : fg8, background)
      palette[style] = (attributes, pair)
    }
    return palette
  }
}
