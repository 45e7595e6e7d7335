#!/usr/bin/env bash
# Vanishing gradients of the saturating (minimax) loss, and the non-saturating rescue.
# Checked by `ganscope demo --check vanishing-gradient` (seeds 1-3): with k = 50, D rejects
# G's samples; at iteration 1000 D(fake) < 0.001, |grad G| < 1e-5, mean G moved < 0.1
# since iteration 200 and JSD = log 2. The script presses l there (non-saturating): 500 iterations later JSD < 0.35 and mean
# G is within 0.6 of the data's mean 4.
cd "$(dirname "$0")/.." && exec swift run -c release ganscope demo vanishing-gradient "$@"
