// A crash while curses owns the screen — a Swift trap (SIGILL, SIGTRAP), a bad access
// (SIGSEGV, SIGBUS), SIGFPE or abort() (SIGABRT) — would otherwise leave the shell in the
// alternate screen with echo off and the cursor hidden. The handler lives in C because it
// may only call async-signal-safe functions: it resets the terminal modes with tcsetattr,
// writes bytes prepared in advance, and then hands the signal on.
//
// A genuine fault goes to the handler that was installed before (Swift's backtracer, or the
// default action) so the crash is still reported, now on a usable terminal; the faulting
// instruction runs again on return and faults into it. A fatal signal sent from outside
// (kill, raise, abort: si_code <= 0) gets the default action, since returning to the program
// would let it run on.
#include "crash_guard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <pthread.h>
#include <unistd.h>

enum { fatal_signal_count = 6 };
static const int fatal_signals[fatal_signal_count] = {SIGSEGV, SIGBUS, SIGILL,
                                                      SIGFPE,  SIGTRAP, SIGABRT};
static struct sigaction previous_actions[fatal_signal_count];
static struct termios shell_modes;
static int have_shell_modes;
static char reset_bytes[256];
static size_t reset_length;

static void restore_terminal_and_resignal(int number, siginfo_t *info, void *context) {
  (void)context;
  if (have_shell_modes) tcsetattr(STDIN_FILENO, TCSANOW, &shell_modes);
  size_t written = 0;
  while (written < reset_length) {
    ssize_t n = write(STDOUT_FILENO, reset_bytes + written, reset_length - written);
    if (n <= 0) break;
    written += (size_t)n;
  }
  int sent_from_outside = info == NULL || info->si_code <= 0;
  for (int i = 0; i < fatal_signal_count; i++) {
    if (fatal_signals[i] != number) continue;
    if (sent_from_outside) {
      struct sigaction default_action;
      memset(&default_action, 0, sizeof default_action);
      default_action.sa_handler = SIG_DFL;
      sigemptyset(&default_action.sa_mask);
      sigaction(number, &default_action, NULL);
    } else {
      sigaction(number, &previous_actions[i], NULL);
    }
  }
  // Blocked while this handler runs: delivered to the action just set when it returns.
  raise(number);
}

void crash_guard_save_terminal_modes(void) {
  have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
}

void crash_guard_arm(const char *bytes) {
  size_t length = strlen(bytes);
  if (length >= sizeof reset_bytes) length = sizeof reset_bytes - 1;
  memcpy(reset_bytes, bytes, length);
  reset_length = length;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = restore_terminal_and_resignal;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < fatal_signal_count; i++) {
    sigaction(fatal_signals[i], &action, &previous_actions[i]);
  }
}

void crash_guard_disarm(void) {
  for (int i = 0; i < fatal_signal_count; i++) {
    sigaction(fatal_signals[i], &previous_actions[i], NULL);
  }
}

void crash_guard_stop_like_ctrl_z(void) {
  struct sigaction default_action, previous;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(SIGTSTP, &default_action, &previous);
  sigset_t tstp, old_mask;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  pthread_sigmask(SIG_UNBLOCK, &tstp, &old_mask);
  // Process-directed, so whichever thread takes it, the default action stops the process.
  kill(getpid(), SIGTSTP);
  pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
  sigaction(SIGTSTP, &previous, NULL);
}
