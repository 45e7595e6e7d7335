#!/usr/bin/env bash
# Step size too large. Least-squares loss with momentum SGD at lr 0.02 already oscillates:
# p_g jumps around 4 and the JSD sparkline never settles.
#
# Then press + (both step sizes x2) two or three times: within a few iterations the
# parameters blow up, the status line shows DIVERGED and training pauses. Recover: press -
# until lrD=0.01, then r (reset the nets) and space (run).
cd "$(dirname "$0")/.." && exec swift run -c release ganscope live \
  --loss least-squares --optimizer momentum --lr 0.02 --k 1 --seed 1 "$@"
