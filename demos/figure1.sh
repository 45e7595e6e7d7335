#!/usr/bin/env bash
# The paper's Figure 1, played live by `ganscope demo figure1` (the script presses the keys; space goes on).
# Checked by `ganscope demo --check figure1` (seeds 1-3): at iteration 300 JSD is between
# 0.05 and 0.3 and D is higher on data than on G's samples (a); 200 D steps (hold d) bring D closer to D* (b; o overlays D*); one G
# step (g) raises the mean of D on G's samples (c); by iteration 3000 JSD < 0.05 and D is
# within 0.08 of 1/2 (d).
cd "$(dirname "$0")/.." && exec swift run -c release ganscope demo figure1 "$@"
