#!/usr/bin/env bash
# End-to-end test of `ganscope demo NAME --live` in tmux: for every scenario, the script and
# the `ganscope live` line it prints, then (after Enter) the live view with that setting: the
# status line shows the k, loss and optimizer the printed line asks for; q exits cleanly.
#
# Usage: Tests/e2e/demo.sh /path/to/ganscope
set -euo pipefail

BIN=${1:?usage: $0 /path/to/ganscope}
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
SOCKET=""
SESSIONS=0

# shellcheck source=lib/tmux.bash
source "$(dirname "$0")/lib/tmux.bash"
trap stop_server EXIT

# flag LINE NAME DEFAULT: the value of --NAME in a printed command line, or DEFAULT.
flag() {
  local value
  value=$(printf '%s\n' "$1" | grep -Eo -- "--$2 [^ ]+" | head -1 | cut -d' ' -f2)
  echo "${value:-$3}"
}

# token_is NAME VALUE: polls the status line until its token NAME=VALUE (a frame may be
# mid-redraw when read once).
token_is() {
  local deadline=$((SECONDS + 15))
  while ((SECONDS < deadline)); do
    [[ $(field "$1" || true) == "$2" ]] && return 0
    sleep 0.05
  done
  return 1
}

for name in $("$BIN" demo | cut -d' ' -f1); do
  line=$("$BIN" demo "$name" | grep -E '^  ganscope live ' || true)
  [[ -n $line ]] || { echo "not ok - $name: demo prints no 'ganscope live' line"; exit 1; }
  new_pane 120 40 C.UTF-8 "$BIN demo $name --live"
  wait_for 'Press Enter to open the live view' 20 || fail "$name: the script, then the prompt"
  tm send-keys -t e2e Enter
  wait_for 'iter=[0-9]+' 60 || fail "$name: the live view's first frame"
  for pair in "k:k:5" "loss:loss:nonsaturating" "opt:optimizer:adam" "lrD:lr:0.001" "lrG:lr:0.001"; do
    IFS=: read -r token option default <<<"$pair"
    want=$(flag "$line" "$option" "$default")
    token_is "$token" "$want" || fail "$name: $token is not $want, as the printed line asks"
  done
  ok "$name: live shows the printed setting (k, loss, optimizer, step sizes)"
  tm send-keys -t e2e q
  expect_clean_exit "$name: q"
done
