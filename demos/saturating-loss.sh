#!/usr/bin/env bash
# The saturating (minimax) generator loss against the non-saturating one, same seed, same
# momentum SGD (the paper's optimizer). Early on D rejects G's samples with confidence, so
# log(1 - D(G(z))) is flat and G barely moves: watch g_mean stay near 0 with minimax while
# the non-saturating loss moves G toward the data at once (and overshoots).
set -e
cd "$(dirname "$0")/.."
swift build -c release --product ganscope >/dev/null
flags=(--optimizer momentum --lr 0.01 --k 5 --seed 1 --iterations 1500 --every 250)
echo "== minimax (saturating): G descends log(1 - D(G(z)))"
.build/release/ganscope train --loss minimax "${flags[@]}"
echo
echo "== non-saturating: G ascends log D(G(z))"
.build/release/ganscope train --loss nonsaturating "${flags[@]}"
echo
echo "Now live with the minimax loss: press l to switch the loss and watch G start to move."
read -r -p "Press Enter to open the live view (q quits) ... " _
exec .build/release/ganscope live --loss minimax --optimizer momentum --lr 0.01 --k 5 --seed 1
