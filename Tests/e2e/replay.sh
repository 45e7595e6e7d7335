#!/usr/bin/env bash
# End-to-end tests of `ganscope replay` in tmux: it makes a small recording with `train
# --record`, then checks bad input, the replay's frames and keys, a damaged file, a branch
# into a live run (from `b` and from --branch-at, recorded with --record), and a clean exit
# that leaves the terminal sane.
#
# Usage: Tests/e2e/replay.sh /path/to/ganscope
#
# The recipe that keeps these reliable is in lib/tmux.bash: a private tmux server without
# user config, polling for every expected change (never a fixed sleep), `EXIT=[0-9]` to find
# the exit status.
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0
tmp=$(mktemp -d)

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT


# frame: the replay's 1-based position (frame=<i>/<n> gives i).
frame() { field frame | cut -d/ -f1; }

# wait_frame EXPECTED [SECONDS]: polls until frame= shows EXPECTED/<n>.
wait_frame() { wait_for "(^| )frame=$1/$FRAMES( |$)" "${2:-20}"; }

# start WIDTH HEIGHT LOCALE ARGS...: a fresh pane running `ganscope replay ARGS`, after
# its first frame.
start() {
  local width=$1 height=$2 locale=$3
  shift 3
  new_pane "$width" "$height" "$locale" "$BIN replay $*"
  wait_for '(frame|iter)=[0-9]+' 60 || fail "first frame appears ($*)"
}

# expect_bad_input WHAT EXPECTED ARGS...: exit 2 and one `ganscope: ` line naming EXPECTED.
expect_bad_input() {
  local what=$1 expected=$2 message status
  shift 2
  set +e
  message=$("$BIN" replay "$@" </dev/null 2>&1 >/dev/null)
  status=$?
  set -e
  [[ $status == 2 ]] || fail "$what: exit status 2 (got $status: $message)"
  [[ $message == "ganscope: "* && $(printf '%s\n' "$message" | wc -l) == 1 ]] ||
    fail "$what: one ganscope: line (got: $message)"
  [[ $message == *"$expected"* ]] || fail "$what: message names '$expected' (got: $message)"
  ok "$what: $message"
}

# --- A small recording: 600 iterations, a frame every 3.
"$BIN" train --iterations 600 --every 3 --record "$tmp/r.gans" >/dev/null
[[ -s $tmp/r.gans ]] || fail "train --record writes $tmp/r.gans"
ok "train --record made a recording of $(wc -c <"$tmp/r.gans") bytes"

# --- Bad input: a clear message and status 2, before curses is touched.
expect_bad_input "a missing file" "$tmp/none.gans" "$tmp/none.gans"
printf 'not a recording at all\n' >"$tmp/junk.gans"
expect_bad_input "a file that is not a recording" "$tmp/junk.gans" "$tmp/junk.gans"
expect_bad_input "not a terminal" "the live view needs a terminal; try 'ganscope train'" \
  "$tmp/r.gans"
expect_bad_input "--branch-at out of range" "--branch-at" "$tmp/r.gans" --branch-at 999999

# --- The asciicast export: a v2 header, then one valid JSON event per frame, in time order.
"$BIN" export "$tmp/r.gans" --format asciicast --size 100x30 --out "$tmp/r.cast"
frames=$("$BIN" info "$tmp/r.gans" | awk '$1 == "frames" { print $2 }')
if ! command -v python3 >/dev/null; then
  echo "skip - no python3 to validate the asciicast's JSON"
else
python3 - "$tmp/r.cast" "$frames" <<'PY' || fail "the asciicast is valid"
import json, sys
path, frames = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    lines = f.read().split("\n")
assert lines[-1] == "", "ends with a newline"
header = json.loads(lines[0])
assert header["version"] == 2 and header["width"] == 100 and header["height"] == 30, header
assert isinstance(header["timestamp"], int) and header["env"]["TERM"], header
events = [json.loads(line) for line in lines[1:-1]]
assert len(events) == frames + 1, (len(events), frames)  # every frame changes iter=; the end
times = [e[0] for e in events]
assert all(e[1] == "o" and isinstance(e[2], str) for e in events)
assert times == sorted(times) and times[0] == 0, times[:3]
assert "frame=1/%d" % frames in events[0][2]
assert "\x1b[" in events[0][2] and any("\u2800" <= c <= "\u28ff" for c in events[0][2])
PY
ok "export --format asciicast: $(wc -l <"$tmp/r.cast") valid lines for $frames frames"
fi
expect_export_error() {
  local message status
  set +e
  message=$("$BIN" export "$tmp/r.gans" --format asciicast "$@" 2>&1 >/dev/null)
  status=$?
  set -e
  [[ $status == 2 && $message == "ganscope: --size"* ]] ||
    fail "export $*: exit 2 and a --size message (got $status: $message)"
}
expect_export_error --size 60x20
expect_export_error --size wide
ok "export --size rejects 60x20 and 'wide'"

# --- The replay at 120x40: frames, keys, speed, help, the end, and a branch.
start 120 40 C.UTF-8 "$tmp/r.gans" --paused
FRAMES=$(field frame | cut -d/ -f2)
[[ $FRAMES -ge 100 ]] || fail "the recording has its frames (frame=$(field frame))"
wait_frame 1 || fail "starts on frame 1"
screen | grep -q 'PAUSED' || fail "--paused shows PAUSED"
screen | grep -q 'speed=1x' || fail "speed=1x"
screen | grep -q 'space play' || fail "footer hint"
screen | grep -q $'\u2588' || fail "timeline playhead"
[[ $(field iter) == 0 ]] || fail "frame 1 is iteration 0 (iter=$(field iter))"
ok "replay shows frame 1 of $FRAMES"

tm send-keys -t e2e Right
wait_frame 2 || fail "Right advances to frame 2"
[[ $(field iter) == 3 ]] || fail "frame 2 is iteration 3 (iter=$(field iter))"
tm send-keys -t e2e Right
wait_frame 3 || fail "Right advances to frame 3"
tm send-keys -t e2e Left
wait_frame 2 || fail "Left goes back to frame 2"
ok "Right and Left step one frame (iter=$(field iter))"

tm send-keys -t e2e PgDn
wait_frame $((2 + FRAMES / 10)) || fail "PgDn moves a tenth"
tm send-keys -t e2e S-Right
wait_frame $((2 + 2 * (FRAMES / 10))) || fail "Shift+Right moves a tenth"
tm send-keys -t e2e S-Left
wait_frame $((2 + FRAMES / 10)) || fail "Shift+Left moves a tenth back"
tm send-keys -t e2e PgUp
wait_frame 2 || fail "PgUp moves a tenth back"
ok "PgUp/PgDn and Shift+Left/Right move a tenth"

tm send-keys -t e2e 5
wait_frame $((FRAMES * 5 / 10 + 1)) || fail "5 jumps to 50%"
tm send-keys -t e2e Home
wait_frame 1 || fail "Home goes to frame 1"
ok "5 and Home jump"

tm send-keys -t e2e '>'
wait_for 'speed=2x' || fail "> doubles the speed"
tm send-keys -t e2e '<' '<' '<'
wait_for 'speed=0.25x' || fail "< halves the speed"
tm send-keys -t e2e '>' '>'
wait_for 'speed=1x' || fail "back to 1x"
ok "< and > change the speed"

tm send-keys -t e2e Space
wait_gone 'PAUSED' || fail "space plays"
first=$(frame)
deadline=$((SECONDS + 10))
while (($(frame) <= first + 3)) && ((SECONDS < deadline)); do sleep 0.05; done
(($(frame) > first + 3)) || fail "playing advances frames (from $first)"
tm send-keys -t e2e Space
wait_for 'PAUSED' || fail "space pauses"
paused_at=$(settled frame | cut -d/ -f1) || fail "frame= settles when paused"
ok "space plays (frame $first -> $paused_at) and pauses"

tm send-keys -t e2e '?'
wait_for 'ganscope replay keys' || fail "? shows the help"
screen | grep -q 'branch: go live from here' || fail "help lists b"
screen | grep -q 'timeline:' || fail "help has the timeline legend"
page_through_help 'ganscope replay keys' 'click or drag on the timeline'
tm send-keys -t e2e Escape
wait_gone 'ganscope replay keys' || fail "Esc closes the help"
ok "? shows and hides the help with the legend, Esc closes it"

# v cycles the main pane through the pictures of the run over time, built from the file.
tm send-keys -t e2e v
wait_for 'history: JSD over iterations' || fail "v shows the history"
tm send-keys -t e2e m
wait_for 'history: C\(G\)' || fail "m picks the next metric"
tm send-keys -t e2e v
wait_for 'space-time: p_g' || fail "v shows the space-time view"
tm send-keys -t e2e v
wait_for 'phase plane:' || fail "v shows the phase plane"
tm send-keys -t e2e v
wait_for 'spectrum|not drawn' || fail "v shows the spectrum of the game's Jacobian"
tm send-keys -t e2e v
wait_for 'p_data' || fail "v comes back to the plot"
ok "v cycles plot, history, space-time and phase in the replay"

tm resize-window -t e2e -x 80 -y 24
for ((i = 0; i < 100; i++)); do
  [[ $(screen | sed -n 24p) == *"q quit"* ]] && break
  sleep 0.05
done
[[ $(screen | sed -n 24p) == *"q quit"* ]] || fail "80x24: footer on row 24"
screen | sed -n 23p | grep -q $'\u2588' || fail "80x24: timeline on row 23"
screen | grep -Eq 'frame=[0-9]+/' || fail "80x24: status line"
tm resize-window -t e2e -x 120 -y 40
wait_for "^ space play" || fail "back to 120x40"
ok "resize to 80x24 and back redraws"

tm send-keys -t e2e End
wait_frame "$FRAMES" || fail "End reaches the last frame"
last_iter=$(field iter)
[[ $last_iter == 600 ]] || fail "the last frame is iteration 600 (iter=$last_iter)"
ok "End reaches frame $FRAMES/$FRAMES, iter=$last_iter"

tm send-keys -t e2e b
wait_for 'pace=' || fail "b starts a live run (the live status has pace=)"
wait_gone 'frame=' || fail "b leaves the replay screen"
screen | grep -q 'PAUSED' || fail "the branch starts paused"
[[ $(field iter) == "$last_iter" ]] || fail "the branch starts at iter=$last_iter (got $(field iter))"
tm send-keys -t e2e '.'
wait_for "(^| )iter=$((last_iter + 1)) " || fail ". advances the branch one iteration"
ok "b continues live from iter=$last_iter; . steps to $((last_iter + 1))"
tm send-keys -t e2e q
expect_clean_exit "q after b"

# --- --branch-at skips the replay; --record records the branch.
start 120 40 C.UTF-8 "$tmp/r.gans" --branch-at 11 --record "$tmp/branch.gans"
wait_for 'pace=' || fail "--branch-at starts live"
[[ $(field iter) == 30 ]] || fail "--branch-at 11 continues from iteration 30 (got $(field iter))"
screen | grep -q 'REC' || fail "--record shows REC"
tm send-keys -t e2e Space
wait_for "(^| )iter=(3[1-9]|[4-9][0-9]|[1-9][0-9]{2,})" || fail "space runs the branch"
tm send-keys -t e2e q
expect_clean_exit "q after --branch-at"
[[ -s $tmp/branch.gans ]] || fail "--record wrote $tmp/branch.gans"
start 120 40 C.UTF-8 "$tmp/branch.gans" --paused
[[ $(field iter) == 30 ]] || fail "the branch's recording starts at iteration 30 (got $(field iter))"
ok "the branch's recording replays from iteration 30"
tm send-keys -t e2e C-c
expect_clean_exit "Ctrl-C"

# --- A file cut short (a crash): its frames replay, with a notice that calls it incomplete.
size=$(wc -c <"$tmp/r.gans")
head -c $((size - 100)) "$tmp/r.gans" >"$tmp/cut.gans"
start 120 40 C.UTF-8 "$tmp/cut.gans" --paused
wait_for 'incomplete recording \(not stopped cleanly\): replaying its [0-9]+ frames' ||
  fail "a truncated file shows the notice"
ok "a truncated file replays with: $(screen | grep -Eo 'incomplete recording.*frames' |
  sed 's/ *$//')"
tm send-keys -t e2e q
expect_clean_exit "q (incomplete file)"

# --- The C locale: ASCII only.
start 120 40 C "$tmp/r.gans" --paused
wait_for 'space play' || fail "C locale: footer"
if screen | LC_ALL=C grep -q $'[\x80-\xff]'; then fail "C locale: only ASCII on screen"; fi
screen | grep -q -- '#---' || fail "C locale: ASCII timeline"
ok "with LANG=C it draws in ASCII"
tm send-keys -t e2e q
expect_clean_exit "q (C locale)"

echo "all replay end-to-end tests passed"
