#!/usr/bin/env bash
# End-to-end tests of runs compared side by side, in tmux: `live --compare
# loss=minimax,nonsaturating` (both columns, both runs training, a key on all runs and on
# the selected one, D, the help, 80x24 and ASCII, q), `--record PREFIX` writing one file per
# run, two recordings made by `train --record` replayed side by side, and the bad command
# lines (one line on stderr, exit 2).
#
# Usage: Tests/e2e/compare.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0
WORK=$(mktemp -d)

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
trap 'stop_server; rm -rf "$WORK"' EXIT

# expect_refused WHAT ARGS...: one line on stderr naming WHAT, exit status 2.
expect_refused() {
  local what=$1 err status
  shift
  set +e
  err=$("$BIN" "$@" 2>&1 >/dev/null </dev/null)
  status=$?
  set -e
  [[ $status == 2 ]] || fail "$*: exit status 2 (got $status: $err)"
  [[ $(printf '%s\n' "$err" | wc -l) == 1 ]] || fail "$*: one line (got: $err)"
  [[ $err == *"$what"* ]] || fail "$*: says '$what' (got: $err)"
  ok "refused: $* -> $err"
}

# --- Bad command lines, before any terminal is needed.
expect_refused "unknown knob 'foo'" live --compare foo=1,2
expect_refused "has no values" live --compare loss=
expect_refused "makes 6 runs; at most 4" live --compare k=1,2,3 --compare loss=minimax,hinge
expect_refused "k is given twice" live --compare k=1,2 --compare k=3,4
expect_refused "single run" live --compare k=5
expect_refused "'bogus' is not one of" live --compare loss=bogus,minimax
expect_refused "the live view needs a terminal" live --compare k=1,5

# --- Live, UTF-8 at 120x40: both runs train, keys reach all of them or the selected one.
new_pane 120 40 C.UTF-8 "cd $WORK && $BIN live --compare loss=minimax,nonsaturating --record cmp"
wait_for 'runs=2' 60 || fail "the comparison's first frame"
wait_for '1 loss=minimax' 10 || fail "run 1's column"
screen | grep -q '2 loss=nonsaturating' || fail "run 2's column"
screen | grep -q 'p_g 2' || fail "the legend names both runs"
screen | grep -q 'REC' || fail "--record shows REC"
ok "two runs, two columns, recording"
first=$(field iter)
wait_for "iter=[0-9]*[1-9][0-9]{2,}" 20 || fail "both runs train (iter= grows past $first)"
ok "both runs train"

tm send-keys -t e2e Space
wait_for 'all runs: paused' 10 || fail "space pauses every run"
wait_for ' PAUSED ' 10 || fail "PAUSED on the status line"
tm send-keys -t e2e Tab
wait_for 'keys=run 1' 10 || fail "Tab selects run 1"
tm send-keys -t e2e Space
wait_for 'run 1: resumed' 10 || fail "space resumes run 1 only"
wait_for 'PAUSED=2' 10 || fail "run 2 stays paused"
ok "keys on every run, then on the selected one"
tm send-keys -t e2e 0
wait_for 'keys=all' 10 || fail "0 selects all runs"
tm send-keys -t e2e D
wait_for 'D\(x\) dashed' 10 || fail "D draws each run's D(x)"
tm send-keys -t e2e '?'
wait_for 'ganscope compare keys' 10 || fail "? shows the comparison's help"
tm send-keys -t e2e Escape
wait_gone 'ganscope compare keys' 10 || fail "Esc closes the help"
ok "D, help"
tm resize-window -t e2e -x 80 -y 24 2>/dev/null || tm resize-pane -t e2e -x 80 -y 24
wait_for 'iteration' 10 || fail "80x24 still shows the columns"
tm send-keys -t e2e q
expect_clean_exit "live --compare, q"
[[ -s $WORK/cmp-1.gans && -s $WORK/cmp-2.gans ]] || fail "--record cmp wrote cmp-1.gans and cmp-2.gans"
"$BIN" info "$WORK/cmp-2.gans" | grep -q nonsaturating || fail "cmp-2.gans is the non-saturating run"
ok "--record PREFIX: one file per run"

# --- ASCII at 80x24: four runs.
new_pane 80 24 C "$BIN live --compare k=1,5 --compare loss=minimax,nonsaturating"
wait_for 'runs=4' 60 || fail "four runs in ASCII"
wait_for '4 nonsaturat' 10 || fail "run 4's column"
[[ -z $(screen | LC_ALL=C grep -P '[^\x00-\x7F]' || true) ]] || fail "ASCII only in the C locale"
tm send-keys -t e2e q
expect_clean_exit "four runs in ASCII, q"

# --- Two recordings replayed side by side on one iteration axis.
"$BIN" train --iterations 2000 --every 250 --loss minimax --record "$WORK/a.gans" >/dev/null
"$BIN" train --iterations 1000 --every 250 --loss nonsaturating --record "$WORK/b.gans" >/dev/null
expect_refused "at most 4 recordings" replay "$WORK/a.gans" "$WORK/b.gans" "$WORK/a.gans" \
  "$WORK/b.gans" "$WORK/a.gans"
printf 'not a recording' >"$WORK/bad.gans"
expect_refused "is not a ganscope recording" replay "$WORK/a.gans" "$WORK/bad.gans"
new_pane 120 40 C.UTF-8 "$BIN replay --paused $WORK/a.gans $WORK/b.gans"
wait_for 'runs=2' 30 || fail "the side-by-side replay's first frame"
screen | grep -q '1 loss=minimax' || fail "labels from the configurations"
screen | grep -q 'iter=0' || fail "starts at iteration 0"
tm send-keys -t e2e End
wait_for 'iter=2000' 10 || fail "End: the last iteration of the axis"
screen | grep -Eq '^ iteration +2000 +1000' || fail "b.gans shows its last frame (1000) at 2000"
tm send-keys -t e2e Home
wait_for 'iter=0 ' 10 || fail "Home: back to iteration 0"
tm send-keys -t e2e Right
wait_for 'point=2/' 10 || fail "Right: the next point of the axis"
ok "side by side: End, Home, Right on one iteration axis"
tm send-keys -t e2e q
expect_clean_exit "replay side by side, q"
echo "all comparison end-to-end tests passed"
