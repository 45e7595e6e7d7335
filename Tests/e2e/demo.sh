#!/usr/bin/env bash
# End-to-end tests of `ganscope demo` and `ganscope tour` in tmux. `demo NAME --live`: for every scenario, the script and
# the `ganscope live` line it prints, then (after Enter) the live view with that setting: the
# status line shows the k, loss and optimizer the printed line asks for; q exits cleanly.
# `demo NAME` played: the caption, the pause at the step's iteration, space going on, live
# keys, the too-small message, q; every scenario to its first pause point; piped, the plain
# script. `tour`: a page, space, Backspace, q; without a terminal one line and exit 2.
#
# Usage: Tests/e2e/demo.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
trap stop_server EXIT

# flag LINE NAME DEFAULT: the value of --NAME in a printed command line, or DEFAULT.
flag() {
  local value
  value=$(printf '%s\n' "$1" | grep -Eo -- "--$2 [^ ]+" | head -1 | cut -d' ' -f2)
  echo "${value:-$3}"
}

# token_is NAME VALUE: polls the status line until its token NAME=VALUE (a frame may be
# mid-redraw when read once).
token_is() {
  local deadline=$((SECONDS + 15))
  while ((SECONDS < deadline)); do
    [[ $(field "$1" || true) == "$2" ]] && return 0
    sleep 0.05
  done
  return 1
}

for name in $("$BIN" demo | cut -d' ' -f1); do
  line=$("$BIN" demo "$name" | grep -E '^  ganscope live ' || true)
  [[ -n $line ]] || { echo "not ok - $name: demo prints no 'ganscope live' line"; exit 1; }
  new_pane 120 40 C.UTF-8 "$BIN demo $name --live"
  wait_for 'Press Enter to open the live view' 20 || fail "$name: the script, then the prompt"
  tm send-keys -t e2e Enter
  wait_for 'iter=[0-9]+' 60 || fail "$name: the live view's first frame"
  # A flag the printed line leaves out has the model's default (the settings table's: the
  # Dirac-GAN has its own, and its status line says one lr= while both step sizes agree).
  defaults=("k:k:5" "loss:loss:nonsaturating" "opt:optimizer:adam" "lrD:lr:0.001" "lrG:lr:0.001")
  if [[ $(flag "$line" model mlp) == dirac ]]; then
    defaults=("k:k:1" "loss:loss:minimax" "opt:optimizer:sgd" "lr:lr:0.1")
  fi
  for pair in "${defaults[@]}"; do
    IFS=: read -r token option default <<<"$pair"
    want=$(flag "$line" "$option" "$default")
    token_is "$token" "$want" || fail "$name: $token is not $want, as the printed line asks"
  done
  ok "$name: live shows the printed setting (k, loss, optimizer, step sizes)"
  tm send-keys -t e2e q
  expect_clean_exit "$name: q"
done

# --- Not a terminal: `demo NAME` prints the script (no curses), `tour` refuses in one line.
set +e
printed=$("$BIN" demo figure1 </dev/null 2>&1)
status=$?
set -e
[[ $status == 0 && $printed == *"at iter=300: press space"* && $printed != *$'\e['* ]] ||
  fail "demo NAME piped: the script as plain text (exit $status)"
ok "demo NAME with stdout not a terminal prints the script"
set +e
err=$("$BIN" tour 2>&1 >/dev/null </dev/null)
status=$?
set -e
[[ $status != 0 && $(printf '%s\n' "$err" | wc -l) == 1 && $err == "ganscope: "*terminal* ]] ||
  fail "tour without a terminal: one line, non-zero exit (got $status: $err)"
ok "tour without a terminal: one line on stderr, exit $status"

# --- demo NAME on a terminal plays the scenario: caption, the pause at the step's iteration,
# space goes on, every live key works, q restores the terminal.
new_pane 120 40 C.UTF-8 "$BIN demo figure1"
wait_for 'figure1 · step 1 of 5 · keys: space' 60 || fail "figure1: the caption of step 1"
wait_for 'space: go on' 10 || fail "figure1: the pause point asks for space"
screen | grep -q '(a) near convergence' || fail "figure1: step 1's caption text"
token_is iter 300 || fail "figure1: paused exactly at iter=300"
screen | grep -q 'PAUSED' || fail "figure1: PAUSED at the pause point"
ok "demo figure1: caption and pause at iter=300"
tm send-keys -t e2e Space
wait_for 'step 2 of 5' 20 || fail "figure1: space goes on to step 2"
wait_for '\(b\) 1,000 D steps' 10 || fail "figure1: step 2's caption"
wait_for 'the script switched o: D\* overlay on' 10 || fail "figure1: (b) switches the D* overlay on"
tm send-keys -t e2e Space
wait_for 'step 3 of 5' 20 || fail "figure1: space goes on to step 3"
token_is iter 301 || fail "figure1: one G step makes iter=301"
ok "demo figure1: space goes on (b), (c)"
tm send-keys -t e2e o
wait_for 'D\* overlay off' 10 || fail "figure1: a live key (o) still works"
tm send-keys -t e2e Space
wait_for 'next step at iter=3000' 20 || fail "figure1: (d) runs on toward the end"
ok "demo figure1: live keys work, (d) runs"
tm resize-window -t e2e -x 60 -y 20
wait_for 'terminal too small \(need 80.24\)' || fail "figure1: 60x20 shows the too-small message"
tm resize-window -t e2e -x 120 -y 40
wait_gone 'too small' || fail "figure1: back to 120x40"
ok "demo figure1: too small a terminal gets the message"
tm send-keys -t e2e q
expect_clean_exit "demo figure1: q"

# --- Every scenario plays to its first pause point at 80x24.
for name in $("$BIN" demo | cut -d' ' -f1); do
  new_pane 80 24 C.UTF-8 "$BIN demo $name"
  wait_for "$name" 60 || fail "$name: the caption box"
  wait_for 'space: (go on|run on)' 60 || fail "$name: the first pause point"
  ok "$name plays to its first pause point at 80x24"
  tm send-keys -t e2e q
  expect_clean_exit "$name: q"
done

# --- The tour: a page, space plays, Backspace goes back to the page, q quits.
scenario_count=$("$BIN" demo | wc -l)
new_pane 80 24 C.UTF-8 "$BIN tour"
wait_for "ganscope tour · 1 of $scenario_count" 30 || fail "tour: the first page"
screen | grep -q 'the four panels, live' || fail "tour: the first page names Figure 1's topic"
tm send-keys -t e2e Space
wait_for "tour 1/$scenario_count · Figure 1 · step 1" 30 || fail "tour: space plays the scenario"
wait_for 'space: go on' 30 || fail "tour: the scenario pauses"
tm send-keys -t e2e BSpace
wait_for "ganscope tour · 1 of $scenario_count" 20 || fail "tour: Backspace goes back to the page"
tm resize-window -t e2e -x 60 -y 20
wait_for 'terminal too small' || fail "tour: 60x20 shows the too-small message"
tm resize-window -t e2e -x 80 -y 24
wait_gone 'too small' || fail "tour: back to 80x24"
ok "tour: page, play, Backspace, too small"
tm send-keys -t e2e q
expect_clean_exit "tour: q"
