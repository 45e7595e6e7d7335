/// When and how the terminal is asked to report the mouse: xterm's button-event tracking
/// (1002: presses, releases, and motion while a button is held) in the SGR encoding (1006:
/// plain decimal cells, no 223-column limit), which xterm, tmux, GNOME Terminal, iTerm2,
/// kitty and Windows Terminal speak. Switched off on every way out: `Terminal.restore`, the
/// crash guard's bytes, and Ctrl-Z (`Terminal.suspend`).
enum MouseReporting {
  static let on = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h"
  static let off = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

  /// Set (to anything) to leave the mouse to the terminal, e.g. for its own text selection.
  static let optOutVariable = "GANSCOPE_NO_MOUSE"

  /// Only where the terminfo entry says the terminal reports the mouse at all (`kmous`),
  /// and not on the Linux console, whose mouse (gpm) speaks no SGR.
  static func wanted(term: String?, hasMouseKey: Bool, optOut: String?) -> Bool {
    guard optOut == nil, hasMouseKey, let term else { return false }
    return !term.hasPrefix("linux")
  }
}
