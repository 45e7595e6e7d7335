#!/usr/bin/env bash
# Runs `ganscope bench` with the peer scripts' flags, for ../shared/bench/run_all.sh:
#   swift build -c release && EXTRA="ganscope=$PWD/bench/ganscope.sh" bash ../shared/bench/run_all.sh
exec "$(dirname "$0")/../.build/release/ganscope" bench "$@"
