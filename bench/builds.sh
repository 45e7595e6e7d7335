#!/usr/bin/env bash
# Compares builds of ganscope on one sweep cell (the default configuration, 5000 iterations,
# `sweep --jobs 1 --timing`), interleaved: each round runs every binary once, in the order
# given, so a change in the machine's load falls on all of them alike. Prints each run's
# training seconds, then per binary the median and its ratio to the first binary's median.
#
# Usage: bench/builds.sh ROUNDS NAME=BINARY [NAME=BINARY...]
#   e.g. bench/builds.sh 3 native=.build/release/ganscope portable=.build-portable/release/ganscope
set -euo pipefail
rounds=${1:?usage: $0 ROUNDS NAME=BINARY...}
shift
(($# >= 1)) || { echo "usage: $0 ROUNDS NAME=BINARY..." >&2; exit 2; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for pair in "$@"; do
    name=${pair%%=*}
    bin=${pair#*=}
    seconds=$("$bin" sweep --jobs 1 --timing 2>/dev/null \
      | python3 -c 'import json, sys; print(json.loads(sys.stdin.read())["train_seconds"])')
    echo "round $round $name $seconds"
    echo "$name $seconds" >>"$results"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$@" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, seconds = line.split()
    runs.setdefault(name, []).append(float(seconds))
names = [pair.split("=", 1)[0] for pair in sys.argv[2:]]
base = statistics.median(runs[names[0]])
for name in names:
    median = statistics.median(runs[name])
    print(f"{name:10s} median {median:8.3f} s  ({median / base:6.2f} x {names[0]})  runs: "
          + " ".join(f"{s:.3f}" for s in runs[name]))
EOF
