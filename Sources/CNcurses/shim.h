// The one header through which ganscope sees curses. NCURSES_WIDECHAR must be set before
// curses.h, or the wide-character API (cchar_t, setcchar, wget_wch) is not declared.
#ifndef GANSCOPE_CNCURSES_SHIM_H
#define GANSCOPE_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Attribute macros Swift cannot import.
static inline attr_t gs_attr_bold(void) { return A_BOLD; }
static inline attr_t gs_attr_dim(void) { return A_DIM; }
static inline attr_t gs_attr_reverse(void) { return A_REVERSE; }
static inline attr_t gs_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t gs_attr_normal(void) { return A_NORMAL; }
static inline int gs_key_code_yes(void) { return KEY_CODE_YES; }

// Globals Swift 6 strict concurrency refuses to read directly.
static inline int gs_colors(void) { return COLORS; }
static inline WINDOW *gs_stdscr(void) { return stdscr; }

// newterm instead of initscr: initscr exits the process on an unusable TERM, newterm
// returns NULL so the caller can print a proper message. stdin/stdout are C globals, also
// unreadable from Swift 6.
static inline SCREEN *gs_newterm(void) { return newterm(NULL, stdout, stdin); }

// Whether the terminal can move the cursor to a given cell (terminfo's "cup"): without it
// (TERM=dumb) a full-screen view would draw its first frame and never update.
static inline int gs_can_address_cursor(void) {
  char name[] = "cup";
  const char *cup = tigetstr(name);
  return cup != NULL && cup != (const char *)-1;
}
#endif
