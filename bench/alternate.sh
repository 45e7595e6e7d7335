#!/usr/bin/env bash
# A quick same-run comparison at one size: ganscope, PyTorch eager and JAX lax.scan in turn,
# ROUNDS times (3 by default), each pinned to core 0, printing iterations/s and the medians.
# The full comparison is the peer suite's run_all.sh (see docs/performance.md). PEERS must
# name a checkout of the peer suite (PyTorch/JAX/NumPy scripts; not distributed with ganscope).
#   swift build -c release && PEERS=/path/to/peers bash bench/alternate.sh [--H 32 --m 128 --k 1]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peers=${PEERS:?set PEERS to a checkout of the peer benchmark suite}
py=${VENV:-$HOME/.cache/gan1d-peers-venv}/bin/python
[[ -x $py ]] || { echo "no peer venv at $py (run $peers/setup.sh)" >&2; exit 2; }
size=("$@")
[[ ${#size[@]} -gt 0 ]] || size=(--H 32 --m 128 --k 1)
declare -A cmd=(
  [ganscope]="$here/ganscope.sh"
  [torch]="$py $peers/gan_torch.py"
  [jax_scan]="$py $peers/gan_jax.py --variant scan"
)
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq 1 "${ROUNDS:-3}"); do
  for impl in ganscope torch jax_scan; do
    # shellcheck disable=SC2086
    taskset -c 0 ${cmd[$impl]} "${size[@]}" --iters 5000 --warmup 1000 --threads 1 \
      --seed $((round - 1)) | "$py" -c '
import json, sys
d = json.loads(sys.stdin.read())
print(sys.argv[1], d["iterations_per_second"])' "$impl" | tee -a "$results"
  done
done
"$py" - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    impl, speed = line.split()
    runs.setdefault(impl, []).append(float(speed))
median = {impl: statistics.median(v) for impl, v in runs.items()}
g = median["ganscope"]
print(f"medians: ganscope {g:,.0f}, torch {median['torch']:,.0f}, jax_scan {median['jax_scan']:,.0f}"
      f" -> {g / median['torch']:.1f}x torch, {g / median['jax_scan']:.2f}x jax_scan")
PY
