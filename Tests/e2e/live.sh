#!/usr/bin/env bash
# End-to-end tests of `ganscope live` in tmux: first frame, keys, help, resize, the
# too-small message, a clean exit (q, Ctrl-C, SIGTERM) that leaves the terminal sane, a crash
# (SIGSEGV, SIGILL) that leaves it sane too, in a UTF-8 and in the C locale.
#
# Usage: Tests/e2e/live.sh /path/to/ganscope
#
# The recipe that keeps these reliable is in lib/tmux.bash: a private tmux server without
# user config, polling for every expected change (never a fixed sleep), `EXIT=[0-9]` to find
# the exit status.
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
trap stop_server EXIT


# wait_field NAME EXPECTED [SECONDS]: polls until the token has that value (numerically).
wait_field() {
  local name=$1 expected=$2 deadline=$((SECONDS + ${3:-20})) value
  while ((SECONDS < deadline)); do
    value=$(field "$name")
    if [[ -n $value ]] && awk -v a="$value" -v b="$expected" \
      'BEGIN { exit !(a == b || (b != 0 && (a - b) / b < 1e-6 && (b - a) / b < 1e-6)) }'; then
      return 0
    fi
    sleep 0.05
  done
  return 1
}

# start WIDTH HEIGHT LOCALE: a fresh pane running the live view, after its first frame.
start() {
  new_pane "$1" "$2" "$3" "$BIN live --seed 1"
  wait_for 'iter=[0-9]+' 60 || fail "first frame appears ($3)"
}

# --- Not a terminal: a clear message and status 2, before curses is touched.
set +e
message=$("$BIN" live --seed 1 </dev/null 2>&1 >/dev/null)
status=$?
set -e
[[ $status == 2 ]] || fail "not a terminal: exit status 2 (got $status)"
[[ $message == *"the live view needs a terminal; try 'ganscope train'"* ]] ||
  fail "not a terminal: message (got: $message)"
ok "without a terminal: message and exit 2"

# --- UTF-8 at 120x40: the frame, keys, help, resize, too small, q.
start 120 40 C.UTF-8
screen | grep -q '? help' || fail "footer hint"
screen | grep -q $'\u2500' || fail "box drawing in UTF-8"
ok "first frame appears"

k=$(field k)
tm send-keys -t e2e K
wait_field k $((k + 1)) || fail "K raises k= from $k"
ok "K raises k= ($k -> $((k + 1)))"

lr=$(field lrD)
tm send-keys -t e2e ']'
wait_field lrD "$(awk -v x="$lr" 'BEGIN { print 2 * x }')" || fail "] doubles lrD= from $lr"
ok "] doubles lrD= ($lr -> $(field lrD))"

# P packs D's inputs (PacGAN): the status word and the curve's name say so; P P turns it off.
tm send-keys -t e2e P
wait_for 'pack=2' || fail "P shows pack=2"
screen | grep -q 'D(x,…,x) P=2' || fail "P names D's curve on the diagonal"
tm send-keys -t e2e P
wait_for 'pack=4' || fail "P P shows pack=4"
tm send-keys -t e2e P
wait_gone 'pack=' || fail "P P P turns packing off"
ok "P packs D's inputs (pack=2, 4, off) and names its curve"

tm send-keys -t e2e Space
wait_for 'PAUSED' || fail "space shows PAUSED"
before=$(settled iter) || fail "iter= stops advancing when paused"
ok "space pauses at iter=$before"

tm send-keys -t e2e '.'
wait_field iter $((before + 1)) || fail ". advances one iteration from $before"
after=$(settled iter) || fail "iter= settles after ."
[[ $after == $((before + 1)) ]] || fail ". advances exactly one iteration ($before -> $after)"
ok ". advances exactly one iteration ($before -> $after)"

tm send-keys -t e2e d
wait_for 'panel \(b\)' || fail "d names panel (b)"
tm send-keys -t e2e g
wait_for 'panel \(c\)' || fail "g names panel (c)"
ok "d and g name the panels of Figure 1"

tm send-keys -t e2e '?'
wait_for 'ganscope keys' || fail "? shows the help"
screen | grep -q 'reset both nets' || fail "help lists r"
page_through_help 'ganscope keys' 'click a metric: its history'
tm send-keys -t e2e Escape
wait_gone 'ganscope keys' || fail "Esc closes the help"
ok "? shows and hides the help, Esc closes it"

tm send-keys -t e2e Left
wait_for 'key Left does nothing; \? lists the keys' || fail "an unbound key says so"
ok "an unbound key (Left) says it does nothing"

# v cycles the main pane through the run over time, fed by the frames the view shows.
tm send-keys -t e2e v
wait_for 'history: JSD over iterations' || fail "v shows the history"
tm send-keys -t e2e v
wait_for 'space-time: p_g' || fail "v shows the space-time view"
tm send-keys -t e2e v
wait_for 'phase plane:' || fail "v shows the phase plane"
tm send-keys -t e2e z
wait_for 'that key acts on the history' || fail "z in the phase plane says where it acts"
tm send-keys -t e2e v
wait_for 'spectrum|not drawn' || fail "v shows the spectrum of the game's Jacobian"
tm send-keys -t e2e v
wait_for 'p_data' || fail "v comes back to the plot"
ok "v cycles plot, history, space-time and phase live"

tm resize-window -t e2e -x 80 -y 24
# Redrawn: the footer sits on the new last row and the plot's axis corner is there.
wait_for '^ space pause .* q quit *$' || fail "resize to 80x24"
for ((i = 0; i < 100; i++)); do
  [[ $(screen | sed -n 24p) == *"q quit"* ]] && break
  sleep 0.05
done
[[ $(screen | sed -n 24p) == *"q quit"* ]] || fail "80x24: footer on row 24"
screen | grep -q $'\u2514' || fail "80x24: plot axis drawn"
screen | grep -Eq 'iter=[0-9]+' || fail "80x24: status line"
ok "resize to 80x24 redraws"

tm resize-window -t e2e -x 60 -y 20
wait_for 'terminal too small \(need 80.24\)' || fail "60x20 shows the too-small message"
ok "60x20 shows the too-small message"

tm resize-window -t e2e -x 120 -y 40
wait_for 'iter=[0-9]+' || fail "back to 120x40"
wait_gone 'too small' || fail "120x40: message gone"
tm send-keys -t e2e q
expect_clean_exit "q"

# --- Ctrl-C and SIGTERM.
start 120 40 C.UTF-8
tm send-keys -t e2e C-c
expect_clean_exit "Ctrl-C"

start 120 40 C.UTF-8
shell=$(tm display -p -t e2e '#{pane_pid}')
pid=$(pgrep -P "$shell" | head -1)
[[ -n $pid ]] || fail "SIGTERM: find the process"
kill -TERM "$pid"
expect_clean_exit "SIGTERM"

# --- Ctrl-\ (SIGQUIT) and SIGUSR1/2 quit the same way, never a dump over the screen.
start 120 40 C.UTF-8
tm send-keys -t e2e 'C-\'
expect_clean_exit "Ctrl-\\ (SIGQUIT)"
for sig in USR1 USR2; do
  start 120 40 C.UTF-8
  shell=$(tm display -p -t e2e '#{pane_pid}')
  pid=$(pgrep -P "$shell" | head -1)
  [[ -n $pid ]] || fail "SIG$sig: find the process"
  kill "-$sig" "$pid"
  expect_clean_exit "SIG$sig"
done

# --- A terminal that cannot move the cursor gets one line and a non-zero exit.
set +e
err=$(TERM=dumb script -qec "$BIN live" /dev/null 2>&1)
code=$?
set -e
[[ $code -ne 0 && $err == *"cannot move the cursor"* ]] || fail "TERM=dumb gave exit $code: $err"
ok "TERM=dumb: $(printf '%s' "$err" | tr -d '\r' | head -c 70)…"

# --- A crash while curses owns the screen (a Swift trap is SIGILL, a bad access SIGSEGV):
# the terminal is restored before the crash is reported, and the status says it crashed.
for crash in SEGV ILL; do
  start 120 40 C.UTF-8
  shell=$(tm display -p -t e2e '#{pane_pid}')
  pid=$(pgrep -P "$shell" | head -1)
  [[ -n $pid ]] || fail "SIG$crash: find the process"
  kill "-$crash" "$pid"
  wait_for 'EXIT=[0-9]' 60 || fail "SIG$crash: the program ends"
  screen | grep -Eq 'EXIT=(0|2)$' && fail "SIG$crash: a crash status"
  expect_sane_terminal "SIG$crash"
  ok "a crash (SIG$crash) still leaves the terminal sane"
done

# --- The C locale: still draws, in ASCII only.
start 120 40 C
wait_for '\? help' || fail "C locale: footer"
if screen | LC_ALL=C grep -q $'[\x80-\xff]'; then fail "C locale: only ASCII on screen"; fi
screen | grep -q -- '+----' || fail "C locale: ASCII axes"
ok "with LANG=C it draws in ASCII"
tm send-keys -t e2e q
expect_clean_exit "q (C locale)"

echo "all live-view end-to-end tests passed"
