#!/usr/bin/env bash
# The paper's Figure 1, live: p_data (dotted), p_g (green), D(x) (blue, dashed), and the
# arrows z -> x = G(z) under the plot.
#
# It starts paused at iteration 0. Then:
#   d d d d d   five D steps: D moves toward D* = p_data/(p_data+p_g)   (panel b; press o
#               to overlay D*)
#   g           one G step: G's samples follow the gradient of D       (panel c; press a
#               for the gradient arrows)
#   space       run: p_g settles onto p_data and D flattens to 1/2     (panel d)
# Watch JSD fall toward 0 and C(G) toward its floor -log 4 in the metrics pane.
cd "$(dirname "$0")/.." && exec swift run -c release ganscope live \
  --target gaussian --k 5 --seed 1 --pace 30 --paused "$@"
