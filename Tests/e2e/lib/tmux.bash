# Helpers shared by the tmux end-to-end scripts (sourced, not run): a private tmux server
# on $SOCKET without user config, and polling for what the screen shows. Each script sets
# its own EXIT trap (calling stop_server).

tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
stop_server() { [[ -z $SOCKET ]] || tm kill-server 2>/dev/null || true; }

screen() { tm capture-pane -p -t e2e; }
ok() { echo "ok - $*"; }
fail() {
  echo "not ok - $*"
  echo "--- screen:"
  screen || true
  echo "---"
  exit 1
}

# wait_for PATTERN [SECONDS]: polls the screen until an extended regex matches.
wait_for() {
  local pattern=$1 deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    screen | grep -Eq -- "$pattern" && return 0
    sleep 0.05
  done
  return 1
}

# wait_gone PATTERN [SECONDS]: polls until the pattern is no longer on screen.
wait_gone() {
  local pattern=$1 deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    screen | grep -Eq -- "$pattern" || return 0
    sleep 0.05
  done
  return 1
}

# field NAME: the value of the status token NAME=value.
field() { screen | grep -Eo -- "(^| )$1=[^ ]+" | head -1 | sed 's/.*=//'; }
