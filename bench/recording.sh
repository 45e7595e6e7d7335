#!/usr/bin/env bash
# Recording measurements with the real binary (what used to be a benchmark inside the test
# target): the size of a live session's recording, the open time of a one-hour recording
# intact and with ten damaged spots, and verify's speed on one core and on all of them.
#   swift build -c release && bash bench/recording.sh [DIR]
# DIR (default: a temporary directory) keeps the recordings, so a second run is quicker.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-$here/../.build/release/ganscope}
DIR=${1:-$(mktemp -d)}
mkdir -p "$DIR"
export SWIFT_BACKTRACE=interactive=no

seconds() { # seconds COMMAND...: wall seconds of one run, output discarded
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

# The live view's default cadence (pace 100 it/s, 30 fps: a frame every 3 iterations), at
# full speed: an hour of it is 360,000 iterations, 120,000 frames.
HOUR=$DIR/hour.gans
if [[ ! -s $HOUR ]]; then
  echo "recording an hour's worth of frames (120,000) at full speed..."
  "$BIN" train --iterations 360000 --every 3 --format csv --record "$HOUR" >/dev/null
fi
size=$(stat -c %s "$HOUR")
frames=$("$BIN" info "$HOUR" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["frames"])')
echo "one hour: $frames frames, $size bytes ($((size / frames)) bytes/frame)"

# Ten damaged spots: one byte flipped at ten places spread over the file.
DAMAGED=$DIR/hour-damaged.gans
python3 - "$HOUR" "$DAMAGED" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
for k in range(10):
    data[len(data) * (2 * k + 1) // 20] ^= 0x10
open(sys.argv[2], "wb").write(data)
PY
for file in "$HOUR" "$DAMAGED"; do
  times=()
  for _ in 1 2 3; do times+=("$(seconds "$BIN" info "$file")"); done
  echo "info (open + summary) $(basename "$file"): ${times[*]} s"
done
"$BIN" info "$DAMAGED" | grep -A3 '^file' | head -4

# Frames lost per flipped bit: 300 random single-bit flips of a 20-minute-sized recording.
MID=$DIR/mid.gans
[[ -s $MID ]] || "$BIN" train --iterations 20000 --every 3 --format csv --record "$MID" >/dev/null
python3 - "$BIN" "$MID" 300 <<'PY'
import json, random, subprocess, sys
BIN, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(path, "rb").read()
info = lambda p: subprocess.run([BIN, "info", p, "--json"], capture_output=True, text=True)
total = json.loads(info(path).stdout)["frames"]
rng, lost, unreadable = random.Random(1), [], 0
flipped = path + ".flip"
for _ in range(n):
    d = bytearray(data)
    d[rng.randrange(len(d))] ^= 1 << rng.randrange(8)
    open(flipped, "wb").write(d)
    r = info(flipped)
    if r.returncode != 0:
        unreadable += 1
        lost.append(total)
    else:
        lost.append(total - json.loads(r.stdout)["readable_frames"])
lost.sort()
print(f"{n} random one-bit flips of a {total}-frame recording: frames lost median "
      f"{lost[n // 2]}, mean {sum(lost) / n:.2f}, worst {lost[-1]}; unreadable {unreadable}")
PY

# verify on one core and on every core (the segments run in parallel).
for file in "$MID" "$HOUR"; do
  for cores in 0 "0-$(($(nproc) - 1))"; do
    echo "verify $(basename "$file") on cores $cores: $(seconds taskset -c "$cores" "$BIN" verify "$file") s"
  done
done
