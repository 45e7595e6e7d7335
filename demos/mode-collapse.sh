#!/usr/bin/env bash
# Mode collapse: a target with two well separated modes, trained with k = 1 (one D step
# per G step). G squeezes all of its mass into a narrow spike inside one mode; the other
# mode is never visited, and KL(p_data||p_g) stays high while JSD looks only "moderate".
#
# Then press K a few times (k = 2, 3, 4, 5): with a better-trained D the spike widens into
# a full mode, but the missing mode stays missing: a continuous G of a uniform z cannot
# jump the gap once it has committed. Press r to restart the nets and watch which mode wins.
cd "$(dirname "$0")/.." && exec swift run -c release ganscope live \
  --target 'mix(normal(-4,0.4),normal(4,0.4))' --k 1 --seed 1 "$@"
