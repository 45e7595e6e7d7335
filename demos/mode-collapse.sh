#!/usr/bin/env bash
# Mode collapse that waiting does not cure: five modes at -8, -4, 0, 4, 8 (sd 0.3), k = 5.
# Checked by `ganscope demo --check mode-collapse` (seeds 1-3): G keeps at most two of the
# five modes at iteration 2500, and still at most two at 5000 (a mode is kept when 5% of G's samples
# lie within 0.9 of its centre). Played live: the script pauses at 2500 and 5000; space goes on.
cd "$(dirname "$0")/.." && exec swift run -c release ganscope demo mode-collapse "$@"
