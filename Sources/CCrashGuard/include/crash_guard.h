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

// Ctrl-Z, done by hand once the terminal is given back: stops the process with SIGTSTP's
// default action, as the shell's job control expects, and returns when it is continued.
// Where no shell does job control (an orphaned process group: `ssh -t host ganscope`,
// `xterm -e ganscope`) the kernel discards the signal and this returns at once, where
// SIGSTOP would stop the process for good. Whatever handler SIGTSTP had is put back.
void crash_guard_stop_like_ctrl_z(void);

#endif
