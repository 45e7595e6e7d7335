#!/usr/bin/env bash
# The paper's Figure 1, played live by `ganscope demo figure1` (the script presses the keys; space goes on).
# Its claim, and the spread measured on seeds, is checked by `ganscope demo --check figure1` on
# held-out seeds; `ganscope demo figure1 --print` prints it: (a) p_g near p_data and D partly
# accurate, (b) 1,000 D steps (hold d) move D toward D* (o overlays it), (c) one G step (g)
# raises D on G's samples, (d) by iteration 3000 p_g settles on p_data and D flattens to 1/2.
cd "$(dirname "$0")/.." && exec swift run -c release ganscope demo figure1 "$@"
