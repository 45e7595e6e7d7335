#!/usr/bin/env bash
# End-to-end tests of every output ganscope writes besides recordings, tried as a careless or
# hostile user would: an output onto one of the command's inputs (by name, hard link or
# symbolic link) or onto a recording another ganscope is writing is refused and the
# recording still verifies; a failed write on a full file system leaves the previous file
# byte for byte; two sweeps on one --out: one is refused; a 10^9-cell grid is refused at
# once in little memory; a full standard output is exit 1 for every command that prints,
# a closed pipe exit 0; signals close train's recording cleanly and leave a sweep resumable.
#
# Usage: Tests/e2e/outputs.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
export SWIFT_BACKTRACE=interactive=no
DIR=$(mktemp -d)
SMALL=""
PID=""
cleanup() {
  [[ -n $PID ]] && kill -9 "$PID" 2>/dev/null || true
  [[ -n $SMALL ]] && umount "$SMALL" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT

# shellcheck source=lib/checks.bash
source "$(dirname "$0")/lib/checks.bash"

# one_line: stderr is exactly one 'ganscope: ' line containing $1.
one_line() {
  [[ $(wc -l <"$DIR/err") == 1 ]] && grep -q "^ganscope: .*$1" "$DIR/err" \
    || fail "expected one line with '$1', got: $(cat "$DIR/err")"
}

REC=$DIR/run.gans
"$BIN" train --iterations 300 --every 20 --hidden 8 --record "$REC" >/dev/null
ln "$REC" "$DIR/hard.gans"
ln -s "$REC" "$DIR/soft.gans"
before=$(cksum <"$REC")

# 1. An output onto an input, through any name.
for target in "$REC" "$DIR/hard.gans" "$DIR/soft.gans"; do
  expect_exit 1 "$BIN" export "$REC" --format csv --out "$target"
  one_line "also an input of this command"
  expect_exit 1 "$BIN" export "$REC" --format asciicast --out "$target"
done
"$BIN" figure --from "$REC" --out "$DIR/fig.svg" >/dev/null
expect_exit 1 "$BIN" figure --from "$DIR/fig.svg" --out "$DIR/fig.svg"
seq 1 200 >"$DIR/data.txt"
expect_exit 1 "$BIN" train --iterations 10 --target "file:$DIR/data.txt" --samples-out "$DIR/data.txt"
one_line "also an input"
[[ $(wc -l <"$DIR/data.txt") == 200 ]] || fail "the data file was changed"
expect_exit 1 "$BIN" train --iterations 10 --samples-out "$DIR/s.gans" --record "$DIR/s.gans"
one_line "name the same file"
[[ ! -e $DIR/s.gans ]] || fail "a refused run left a file"
[[ $(cksum <"$REC") == "$before" ]] || fail "the recording changed"
ok "no output replaces an input (name, hard link, symbolic link, file: data, --record)"

# 2. A recording is never replaced by another kind of output, and a locked one never
#    written, even with --force.
cp "$REC" "$DIR/other.gans"
expect_exit 1 "$BIN" export "$DIR/other.gans" --out "$REC"
one_line "is a ganscope recording"
LIVE=$DIR/live.gans
"$BIN" train --iterations 100000000 --every 1 --hidden 4 --layers 1 --record "$LIVE" >/dev/null &
PID=$!
while [[ ! -s $LIVE ]]; do sleep 0.05; done
expect_exit 1 "$BIN" export "$DIR/other.gans" --format csv --out "$LIVE"
one_line "another ganscope is writing it"
ln -s "$LIVE" "$DIR/live.svg"  # a picture's name, the recording's file
expect_exit 1 "$BIN" figure --from "$DIR/other.gans" --out "$DIR/live.svg"
one_line "another ganscope is writing it"
expect_exit 1 "$BIN" train --iterations 10 --samples-out "$LIVE"
expect_exit 1 "$BIN" sweep --iterations 10 --out "$LIVE"
kill -INT $PID
set +e
wait $PID
status=$?
set -e
[[ $status == 130 ]] || fail "train --record exited $status after SIGINT, not 130"
expect_exit 0 "$BIN" info "$LIVE"
grep -q "stopped cleanly" "$DIR/out" || fail "after SIGINT info says: $(grep '^file' "$DIR/out")"
expect_exit 0 "$BIN" verify "$LIVE"
expect_exit 0 "$BIN" verify "$REC"
ok "recordings are refused as outputs; SIGINT closes train's recording cleanly (exit 130)"

# 3. A failed write leaves the old file byte for byte (a 64 KiB tmpfs, where root may
#    mount one).
if mkdir -p "$DIR/small" && mount -t tmpfs -o size=64k tmpfs "$DIR/small" 2>/dev/null; then
  SMALL=$DIR/small
  printf 'old\n' >"$SMALL/a.csv"
  BIG=$(dirname "$0")/../../demos/sample.gans  # 174 KB of CSV
  expect_exit 1 "$BIN" export "$BIG" --format csv --out "$SMALL/a.csv"
  one_line "No space left on device"
  [[ $(cat "$SMALL/a.csv") == old && $(ls -A "$SMALL") == a.csv ]] || fail "export left: $(ls -A "$SMALL")"
  "$BIN" sweep --iterations 10 --k 1,2,3,4,5,6,7,8 --seeds 2 --out "$DIR/part.jsonl" 2>/dev/null
  cp "$DIR/part.jsonl" "$SMALL/merged.jsonl"
  head -c 36000 /dev/zero >"$SMALL/filler"  # leaves 8 KB: less than any output below
  expect_exit 1 "$BIN" figure --from "$REC" --out "$SMALL/b.svg"
  [[ ! -e $SMALL/b.svg && $(ls -A "$SMALL" | tr '\n' ' ') == "a.csv filler merged.jsonl " ]] \
    || fail "figure left a stub: $(ls -A "$SMALL")"
  expect_exit 1 "$BIN" train --iterations 10 --samples-out "$SMALL/a.csv"
  [[ $(cat "$SMALL/a.csv") == old ]] || fail "--samples-out changed the old file"
  expect_exit 1 "$BIN" sweep merge "$DIR/part.jsonl" --out "$SMALL/merged.jsonl"
  rm "$SMALL/filler"
  cmp -s "$DIR/part.jsonl" "$SMALL/merged.jsonl" || fail "a failed merge changed its --out"
  umount "$SMALL"
  SMALL=""
  ok "a full disk: exit 1, one line, the old file unchanged and no stub (export, figure, samples, merge)"
else
  echo "ok - # skip: cannot mount a tmpfs here (not root)"
fi

# 4. Sweeps: one writer per --out, a part knows its shard, twins are refused.
GRID=(--k 1,2,3,4 --seeds 2 --iterations 20000 --every 1000 --hidden 4 --layers 1)
"$BIN" sweep "${GRID[@]}" --jobs 1 --out "$DIR/both.jsonl" 2>/dev/null &
PID=$!
while [[ ! -e $DIR/both.jsonl ]]; do sleep 0.05; done
expect_exit 1 "$BIN" sweep "${GRID[@]}" --jobs 1 --out "$DIR/both.jsonl"
one_line "another ganscope is writing it"
kill -TERM $PID
set +e
wait $PID
status=$?
set -e
[[ $status == 143 ]] || fail "sweep exited $status after SIGTERM, not 143"
SMALLGRID=(--k 1,2,3 --iterations 30 --every 10 --hidden 4 --layers 1)
"$BIN" sweep "${SMALLGRID[@]}" --out "$DIR/all.jsonl" 2>/dev/null
"$BIN" sweep "${SMALLGRID[@]}" --shard 1/3 --out "$DIR/p1.jsonl" 2>/dev/null
expect_exit 2 "$BIN" sweep "${SMALLGRID[@]}" --shard 3/3 --out "$DIR/p1.jsonl"
one_line "not in shard 3/3"
cat "$DIR/p1.jsonl" "$DIR/p1.jsonl" >"$DIR/twice.jsonl"
expect_exit 2 "$BIN" sweep summary "$DIR/twice.jsonl"
one_line "is there twice"
ok "sweeps: a second writer refused, SIGTERM exit 143, a part resumed by another shard refused, twins refused"

# 5. A 10^9-cell grid: refused at once, in little memory.
start=$(date +%s%N)
expect_exit 2 /usr/bin/env time -f "%M" -o "$DIR/kb" "$BIN" sweep --iterations 10 \
  --lr 1e-4:1e-1:log:1000 --beta1 0:0.9:lin:1000 --beta2 0.9:0.99:lin:1000 --dry-run
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
one_line "at most 10000000"
kb=$(tail -1 "$DIR/kb")
((elapsed_ms < 1000 && kb < 50000)) || fail "the 10^9-cell grid took $elapsed_ms ms and $kb KB"
expect_exit 2 "$BIN" sweep --seeds 1000000000 --dry-run
ok "a 10^9-cell grid is refused in $elapsed_ms ms and $((kb / 1024)) MB"

# 6. A full standard output is exit 1 with one line; a closed pipe is a quiet success.
for command in "train --iterations 20 --every 10" "info $REC" "verify $REC" "export $REC" \
  "sweep --iterations 10 --k 1,2" "sweep summary $DIR/all.jsonl" "sweep merge $DIR/all.jsonl" \
  "demo" "demo mode-collapse"; do
  set +e
  # shellcheck disable=SC2086
  "$BIN" $command >/dev/full 2>"$DIR/err"
  status=$?
  set -e
  [[ $status == 1 ]] || fail "$command >/dev/full exited $status: $(cat "$DIR/err")"
  one_line "cannot write to standard output"
done
set +e
"$BIN" export "$REC" | head -1 >/dev/null
status=${PIPESTATUS[0]}
set -e
[[ $status == 0 ]] || fail "export | head exited $status"
ok "> /dev/full: exit 1 and one line for every command that prints; | head: exit 0"
# 7. Smaller items: a moment past the recording's end, a damaged header length, and a
#    terminal without an alternate screen is left clean.
expect_exit 2 "$BIN" figure --from "$REC" --at 10,20,30,999999 --out "$DIR/late.svg"
one_line "the recording ends at iteration 300"
[[ ! -e $DIR/late.svg ]] || fail "a refused figure left a file"
python3 - "$REC" "$DIR/header.gans" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[12 + 3] ^= 0x10  # a high byte of the header record's length
open(sys.argv[2], "wb").write(data)
PY
expect_exit 2 "$BIN" info "$DIR/header.gans"
one_line "is damaged: its header record"
if command -v tmux >/dev/null; then
  SOCKET=ganscope-outputs-$$
  tmux -L "$SOCKET" new-session -d -x 80 -y 24 "TERM=vt100 bash --norc --noprofile"
  tmux -L "$SOCKET" send-keys "TERM=vt100 $BIN live --paused" Enter
  seen=no
  for _ in $(seq 100); do
    tmux -L "$SOCKET" capture-pane -p | grep -q "p_data" && { seen=yes; break; }
    sleep 0.1
  done
  [[ $seen == yes ]] || { tmux -L "$SOCKET" kill-server; fail "TERM=vt100: live never drew"; }
  tmux -L "$SOCKET" send-keys q
  sleep 1
  screen=$(tmux -L "$SOCKET" capture-pane -p)
  tmux -L "$SOCKET" kill-server
  ! grep -q "p_data\|JSD" <<<"$screen" || fail "TERM=vt100: the last frame stayed on screen"
  ok "--at past the end refused; a damaged header length is 'damaged'; TERM=vt100 is left clean"
else
  ok "--at past the end refused; a damaged header length is 'damaged' # skip vt100: no tmux"
fi
# 8. What a hostile review found: a file that is not a sweep's output is never cut by a
#    resume (nor a sweep's own output with Windows line ends), /dev/stdout keeps the shell's
#    >>, --record never replaces the run's own data even with --force, a shard count past
#    the cap is one line, and upgrade refuses an existing file before re-simulating.
printf '{"note":"keep me"}' >"$DIR/cfg.json"
expect_exit 2 "$BIN" sweep --iterations 10 --every 5 --out "$DIR/cfg.json"
one_line "not this sweep's output"
[[ $(cat "$DIR/cfg.json") == '{"note":"keep me"}' ]] || fail "a non-sweep --out was cut"
"$BIN" sweep --iterations 10 --every 5 --seeds 3 --out "$DIR/lf.jsonl" 2>/dev/null
sed 's/$/\r/' "$DIR/lf.jsonl" >"$DIR/crlf.jsonl"
expect_exit 0 "$BIN" sweep --iterations 10 --every 5 --seeds 3 --out "$DIR/crlf.jsonl"
[[ $(wc -l <"$DIR/crlf.jsonl") == 3 ]] || fail "a CRLF sweep output lost lines on resume"
printf 'precious\n' >"$DIR/log.txt"
"$BIN" export "$REC" --out /dev/stdout >>"$DIR/log.txt"
[[ $(head -1 "$DIR/log.txt") == precious ]] || fail "--out /dev/stdout replaced the file >> appends to"
expect_exit 1 "$BIN" train --target "file:$DIR/data.txt" --iterations 10 --record "$DIR/data.txt" --force
one_line "also an input"
[[ $(wc -l <"$DIR/data.txt") == 200 ]] || fail "--record --force replaced the run's data"
expect_exit 2 "$BIN" sweep --dry-run --shard 1/9223372036854775807
one_line "need 1 <= i <= n <= 10000000"
expect_exit 1 "$BIN" upgrade "$REC" "$DIR/other.gans"
one_line "exists"
ok "non-sweep and CRLF --out files, /dev/stdout >>, --record onto data, huge shards, upgrade"
echo "outputs.sh: all passed"
