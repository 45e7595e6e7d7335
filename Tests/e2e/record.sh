#!/usr/bin/env bash
# End-to-end tests of recording with the real binary: `train --record` killed with SIGKILL
# mid-run leaves a file that opens and verifies bit for bit up to its last flushed frame;
# info, export and verify on it; their messages and exit codes on bad input; and an
# unwritable --record path (training completes, exit 1).
#
# Usage: Tests/e2e/record.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
export SWIFT_BACKTRACE=interactive=no
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

# shellcheck source=lib/checks.bash
source "$(dirname "$0")/lib/checks.bash"

# 1. kill -9 during a recording.
REC=$DIR/killed.gans
"$BIN" train --iterations 100000000 --every 1 --hidden 4 --layers 1 --record "$REC" >/dev/null &
PID=$!
deadline=$((SECONDS + 60))
while (($(stat -c %s "$REC" 2>/dev/null || echo 0) < 300000)); do
  ((SECONDS < deadline)) || { kill -9 $PID; fail "the recording never grew"; }
  sleep 0.05
done
kill -9 $PID
wait $PID 2>/dev/null || true
expect_exit 0 "$BIN" info "$REC"
grep -q "incomplete" "$DIR/out" || fail "info does not say the recording was cut short"
# A perceptron run has no psi (the Dirac-GAN's): info leaves out what does not apply.
grep -q "^  jsd " "$DIR/out" || fail "info lists no final jsd"
! grep -Eq "^  (psi|dirac_distance) " "$DIR/out" || fail "info lists psi for a perceptron run"
FRAMES=$(awk '/^frames/ {print $2}' "$DIR/out")
((FRAMES > 100)) || fail "only $FRAMES frames survived the kill"
ok "killed with SIGKILL: $FRAMES frames replayable"
expect_exit 0 "$BIN" verify "$REC"
grep -q "^ok: all $FRAMES frame" "$DIR/out" || fail "verify: $(cat "$DIR/out")"
grep -q "^note: incomplete" "$DIR/out" || fail "verify does not say the file is incomplete"
ok "verify after the kill: $(tail -1 "$DIR/out")"
expect_exit 0 "$BIN" export "$REC" --format csv --out "$DIR/killed.csv"
[[ $(wc -l <"$DIR/killed.csv") == $((FRAMES + 1)) ]] || fail "export has the wrong row count"
# The columns are the metric table's (RowPrinterTests and docs/sweeps.md's generated list
# pin them): the export's header is train's, not a copy of it here that goes stale.
"$BIN" train --iterations 1 --every 1 --format csv >"$DIR/one.csv"
HEADER=$(head -1 "$DIR/one.csv")
[[ $HEADER == iteration,jsd,* ]] || fail "train's header: $HEADER"
[[ $(head -1 "$DIR/killed.csv") == "$HEADER" ]] \
  || fail "export header: $(head -1 "$DIR/killed.csv") (train's: $HEADER)"
ok "export csv: $FRAMES rows"

# 2. A complete recording: train's rows and the export's are the same.
GOOD=$DIR/good.gans
"$BIN" train --iterations 300 --every 20 --format jsonl --record "$GOOD" >"$DIR/train.jsonl"
expect_exit 0 "$BIN" export "$GOOD" --format jsonl
cmp -s "$DIR/out" "$DIR/train.jsonl" || fail "export --format jsonl differs from train's rows"
expect_exit 0 "$BIN" info "$GOOD" --json
grep -q '"complete":true' "$DIR/out" || fail "info --json: $(cat "$DIR/out")"
ok "a complete recording exports train's rows and describes itself"

# 3. Bad input: one 'ganscope: ' line, exit 2.
printf 'iteration,jsd\n0,0.69\n' >"$DIR/text.csv"
: >"$DIR/empty.gans"
mkdir "$DIR/folder.gans"
head -c 100 "$GOOD" >"$DIR/cut.gans"
cp "$GOOD" "$DIR/newer.gans"
printf '\x09' | dd of="$DIR/newer.gans" bs=1 seek=8 conv=notrunc status=none
for bad in text.csv empty.gans folder.gans missing.gans cut.gans newer.gans; do
  for command in info verify export; do
    expect_exit 2 "$BIN" $command "$DIR/$bad"
    err=$(cat "$DIR/err")
    [[ $err == ganscope:* && $(wc -l <"$DIR/err") == 1 ]] || fail "$command $bad said: $err"
  done
  ok "$bad -> ${err#ganscope: }"
done

# 4. An unwritable --record path: refused before training (no rows), one line, exit 1
#    (every output that cannot be written is exit 1; exit 2 is bad input).
expect_exit 1 "$BIN" train --iterations 100 --every 50 --format csv --record "$DIR/no/such/dir/x.gans"
[[ ! -s $DIR/out ]] || fail "training ran before the unwritable --record was found"
grep -q "^ganscope: cannot record to '.*x.gans': No such file or directory$" "$DIR/err" \
  || fail "unwritable --record said: $(cat "$DIR/err")"
ok "unwritable --record: refused before training, exit 1"

# 5. A damaged recording: info says damaged (not incomplete), verify exits 1, export writes
#    the readable frames and names the missing one on stderr.
DAMAGED=$DIR/damaged.gans
python3 - "$GOOD" "$DAMAGED" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) * 3 // 4] ^= 0x10
open(sys.argv[2], "wb").write(data)
PY
expect_exit 0 "$BIN" info "$DAMAGED"
grep -q "^file         damaged in 1 place" "$DIR/out" || fail "info on a damaged file: $(cat "$DIR/out")"
grep -q "incomplete" "$DIR/out" && fail "info calls a damaged (complete) file incomplete"
expect_exit 1 "$BIN" verify "$DAMAGED"
grep -q "^FAILED: the file is damaged" "$DIR/out" || fail "verify on a damaged file: $(cat "$DIR/out")"
expect_exit 0 "$BIN" export "$DAMAGED" --format csv
grep -q "damaged in 1 place" "$DIR/err" || fail "export did not name the damage: $(cat "$DIR/err")"
ok "damaged: info names the span, verify exits 1, export warns"

# 6. Never destroy a recording: an existing file is refused without --force (and left
#    alone); a file being recorded is refused even with it; a FIFO never blocks.
cp "$GOOD" "$DIR/keep.gans"
expect_exit 1 "$BIN" train --iterations 10 --every 5 --record "$DIR/keep.gans"
grep -q "exists; ganscope does not write over it unless asked (--force)" "$DIR/err" \
  || fail "an existing --record said: $(cat "$DIR/err")"
cmp -s "$GOOD" "$DIR/keep.gans" || fail "the existing recording was changed"
expect_exit 0 "$BIN" train --iterations 10 --every 5 --record "$DIR/keep.gans" --force
LIVE=$DIR/busy.gans
"$BIN" train --iterations 100000000 --every 1 --hidden 4 --layers 1 --record "$LIVE" >/dev/null &
PID=$!
while [[ ! -s $LIVE ]]; do sleep 0.05; done
expect_exit 1 "$BIN" train --iterations 10 --every 5 --record "$LIVE" --force
kill -9 $PID
wait $PID 2>/dev/null || true
grep -q "another ganscope is recording to it" "$DIR/err" || fail "a second writer said: $(cat "$DIR/err")"
mkfifo "$DIR/fifo.gans"
expect_exit 2 timeout 10 "$BIN" info "$DIR/fifo.gans"
grep -q "is not a regular file" "$DIR/err" || fail "info on a FIFO said: $(cat "$DIR/err")"
before=$(cksum <"$GOOD")
expect_exit 1 "$BIN" replay "$GOOD" --record "$GOOD" --force
grep -q "would write over the recording being replayed" "$DIR/err" \
  || fail "replay --record onto itself said: $(cat "$DIR/err")"
[[ $(cksum <"$GOOD") == "$before" ]] || fail "the replayed file was changed"
ok "existing files kept without --force, one writer at a time, FIFOs refused"
echo "record.sh: all passed"
