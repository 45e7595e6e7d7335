#!/usr/bin/env bash
# Replay a recorded live session: demos/sample.gans, recorded with
#   ganscope live --target bimodal --k 3 --seed 1 --pace 300 --record demos/sample.gans
# while pressing K K (k = 5), ] (D's step size x 2), t (target -> trimodal) and l (loss ->
# least-squares). Those changes are the marks on the timeline above the footer.
#
# What to watch: G starts as a narrow spike between the two modes of p_data and spreads out
# to cover both; the target switches to three modes at frame=379 (the T mark: JSD jumps back
# up) and p_g re-spreads over all three. (`ganscope info demos/sample.gans` lists the marks;
# it numbers frames from 0, the screen's frame= from 1.)
#
# It starts playing at 1x (the recorded pace, 30 frames/s). Then:
#   space          pause / play
#   Left Right     one frame back / on: look how D(x) (blue) leans toward the data
#   PgUp PgDn      a tenth back / on (Shift+Left/Right too); Home End; 0-9 jump to 0%...90%
#   < >            replay speed / 2, x 2 (1/4x ... 64x)
#   o  a  h        D* overlay, grad D arrows, p_g as histogram bars (as in the live view)
#   b              branch: train on live from this very frame (paused: space runs, . steps,
#                  K/k change k, l the loss ...). E.g. press 6 (frame=373), then Right six
#                  times to frame=379, the first frame with three modes; b, then l l and
#                  space: does the minimax loss (saturating) recover the third mode as well?
#                  (Or start there: demos/replay.sh --branch-at 379.)
#   ?              every key, and the legend of the timeline's marks (k, eta, L, T ...)
#   q              quit
cd "$(dirname "$0")/.." && exec swift run -c release ganscope replay demos/sample.gans "$@"
