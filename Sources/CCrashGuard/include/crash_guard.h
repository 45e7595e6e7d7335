// Restores the terminal when ganscope dies of a fatal signal while curses owns the screen.
// See crash_guard.c.
#ifndef GANSCOPE_CRASH_GUARD_H
#define GANSCOPE_CRASH_GUARD_H

// Records the terminal modes of the shell (from stdin); call before curses starts.
void crash_guard_save_terminal_modes(void);

// Installs the handlers of the fatal signals. `reset_bytes` (copied, at most 255 bytes) are
// written to stdout when one arrives: the terminal's own sequences to leave curses' screen.
void crash_guard_arm(const char *reset_bytes);

// Puts the previous handlers back; call before curses ends.
void crash_guard_disarm(void);

#endif
