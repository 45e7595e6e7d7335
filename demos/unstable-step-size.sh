#!/usr/bin/env bash
# Too large a step size: least squares with momentum SGD (step size 0.02, k = 1).
# Checked by `ganscope demo --check divergence` (seeds 1-3): no NaN in 500 iterations;
# + + + (step sizes 0.16) gives a NaN within 200 iterations (DIVERGED, training pauses);
# - - - r and space (reset, run on) train to iteration 3000 with no NaN and mean G within 1 of 4.
# Played live: the script presses the keys and pauses at the divergence; space goes on.
# For swings without a NaN see `ganscope demo oscillation` (k = 1, damped by K K K K).
cd "$(dirname "$0")/.." && exec swift run -c release ganscope demo divergence "$@"
