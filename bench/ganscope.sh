#!/usr/bin/env bash
# Runs `ganscope bench` with the peer scripts' flags, for the peer suite's run_all.sh
# (docs/performance.md; PEERS: a checkout of that suite):
#   swift build -c release && EXTRA="ganscope=$PWD/bench/ganscope.sh" bash "$PEERS/run_all.sh"
exec "$(dirname "$0")/../.build/release/ganscope" bench "$@"
