#!/usr/bin/env bash
# End-to-end test of drawing a target with the mouse, the way a user meets it: `ganscope
# live --draw` in tmux at 120x40, the drawing cleared, two hills painted by real SGR mouse
# reports (what a terminal sends for a press, a drag and a release), Enter; the run trains
# on the drawn target and says how many modes it keeps; Ctrl-Z gives the terminal back with
# the mouse reports off and `fg` takes it again; quitting in the middle of a drag leaves the
# terminal sane; the recording verifies bit for bit and the printed spec trains again.
#
# Usage: Tests/e2e/draw.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0
DIR=$(mktemp -d)

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
trap 'stop_server; rm -rf "$DIR"' EXIT

# mouse BUTTON-CODE X Y FINAL: one SGR report as a terminal sends it (1-based cells; final
# M for a press or drag, m for a release).
mouse() { tm send-keys -t e2e -l $'\e'"[<$1;$2;$3$4"; }

# stroke FROM TO ROW: press at FROM, drag cell by cell to TO, release.
stroke() {
  mouse 0 "$1" "$3" M
  for ((x = $1 + 1; x <= $2; x++)); do mouse 32 "$x" "$3" M; done
  mouse 0 "$2" "$3" m
}

# TERM=xterm-256color: its terminfo names the SGR prefix as the mouse key (kmous), which
# curses would swallow; tmux's own TERM (screen) does not, so both are tried.
new_pane 120 40 C.UTF-8 \
  "TERM=xterm-256color $BIN live --draw --seed 3 --pace 3000 --record $DIR/drawn.gans"
wait_for 'your p_data: 1 hill' 60 || fail "the editor opens on the current target"
[[ $(mouse_flags) == "1 1 1" ]] || fail "mouse reports on in SGR mode (got $(mouse_flags))"
ok "live --draw opens the editor with mouse reports on"

tm send-keys -t e2e c
wait_for 'your p_data: 0 hills' || fail "c clears the drawing"
stroke 18 26 15
wait_for 'your p_data: 1 hill' || fail "a stroke paints a hill"
stroke 56 64 15
wait_for 'your p_data: 2 hills' || fail "a second stroke paints a second hill"
ok "two hills painted with the mouse"

tm send-keys -t e2e Enter
wait_for 'target=drawn' || fail "Enter trains on the drawing"
wait_for 'modes kept +[0-9]' 10 || fail "the mode metric applies to a drawn target"
# Let it train for a while: at 3000 it/s, about 10 s.
deadline=$((SECONDS + 60))
until (($(field iter) >= 30000)) || ((SECONDS > deadline)); do sleep 0.2; done
modes=$(screen | grep -Eo 'modes kept +[0-9]+' | grep -Eo '[0-9]+$')
[[ $modes == 1 || $modes == 2 ]] || fail "modes kept is 1 or 2 of the 2 drawn (got '$modes')"
ok "the run trains on the drawn target; modes kept $modes of 2"

# The editor again, and q in the middle of a drag (the button never released).
tm send-keys -t e2e T
wait_for 'your p_data' || fail "T opens the editor again"
mouse 0 30 12 M
mouse 32 31 12 M
mouse 32 32 12 M
tm send-keys -t e2e q
expect_clean_exit "q in the middle of a drag"
screen | grep -q "the target you drew, to train on it again: --target 'drawn(" ||
  fail "the drawn target is printed for --target"

"$BIN" verify "$DIR/drawn.gans" | grep -q '^ok' || fail "the recording verifies"
spec=$("$BIN" info "$DIR/drawn.gans" | grep -Eo "target=drawn\([^)]*\)" | head -1 | sed 's/^target=//')
[[ -n $spec ]] || fail "info lists the drawn target"
"$BIN" train --target "$spec" --iterations 100 --every 100 --seed 1 >/dev/null ||
  fail "the drawn spec trains again with --target"
ok "the recording verifies bit for bit and the drawn spec is a --target"

# Ctrl-Z: the shell gets the terminal back, mouse reports off; fg takes it again. (Its own
# pane: the shell runs the rest of the command line, `echo EXIT=`, when the job stops.)
new_pane 80 24 C.UTF-8 "$BIN live --seed 1"
wait_for 'iter=[0-9]+' 60 || fail "first frame appears"
# A click on a metric shows its history (TERM=screen here).
mouse 0 70 6 M
mouse 0 70 6 m
wait_for 'history of the run|history: ' 10 || fail "a click on a metric shows its history"
ok "a click on a metric opens its history"
tm send-keys -t e2e C-z
wait_for 'Stopped' 10 || fail "Ctrl-Z stops ganscope"
[[ $(tm display -p -t e2e '#{alternate_on}') == 0 ]] || fail "Ctrl-Z: alternate screen off"
[[ $(mouse_flags) == "0 0 0" ]] || fail "Ctrl-Z: mouse reports off (got $(mouse_flags))"
tm send-keys -t e2e 'fg' Enter
wait_for 'iter=[0-9]+' 10 || fail "fg: the view comes back"
[[ $(mouse_flags) == "1 1 1" ]] || fail "fg: mouse reports on again (got $(mouse_flags))"
tm send-keys -t e2e q
deadline=$((SECONDS + 15))
until [[ $(tm display -p -t e2e '#{alternate_on}') == 0 ]] || ((SECONDS > deadline)); do sleep 0.1; done
expect_sane_terminal "q after fg"
ok "Ctrl-Z and fg: the mouse is the shell's while stopped"
