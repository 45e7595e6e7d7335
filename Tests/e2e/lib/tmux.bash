# Helpers shared by the tmux end-to-end scripts (sourced, not run): a private tmux server
# on $SOCKET without user config, and polling for what the screen shows. Each script sets
# its own EXIT trap (calling stop_server).
#
# What keeps the scripts reliable (each was a real failure first):
# - `tmux -L <unique socket> -f /dev/null` for every call: no user config, no other server.
# - A new server per program run: reusing one right after kill-server races its exit.
# - `escape-time 0`, or Esc and the keys after it arrive late; `remain-on-exit on`, so the
#   pane and its last screen outlive the program.
# - LANG/LC_ALL passed into the pane: the program's locale decides braille or ASCII.
# - Wait for the first frame before sending keys (keys sent earlier are lost), and poll for
#   every expected change; never sleep a fixed time.
# - The command line is echoed on screen: match `EXIT=[0-9]`, not `EXIT=`.
# - SWIFT_BACKTRACE=interactive=no, or a crash waits for a key with curses still active.
# - After the program ends: #{alternate_on} is 0, #{cursor_flag} is 1, the mouse flags are
#   0 (no mouse reports left on), `stty -a` shows icanon.

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

# settled FIELD: the token's value once it has not changed for two seconds (about 60 frames).
settled() {
  local deadline=$((SECONDS + 30)) value last="" since=$SECONDS
  while ((SECONDS < deadline)); do
    value=$(field "$1")
    if [[ $value != "$last" ]]; then
      last=$value
      since=$SECONDS
    elif ((SECONDS - since >= 2)); then
      echo "$value"
      return 0
    fi
    sleep 0.05
  done
  return 1
}

# new_pane WIDTH HEIGHT LOCALE COMMAND: a fresh private server and pane running COMMAND,
# followed by `echo EXIT=$?`. A new server per run: reusing one right after kill-server
# races its exit.
new_pane() {
  stop_server
  SESSIONS=$((SESSIONS + 1))
  SOCKET="ganscope-e2e-$$-$SESSIONS"
  tm new-session -d -s e2e -x "$1" -y "$2" -e LANG="$3" -e LC_ALL="$3" \
    'bash --norc --noprofile'
  tm set-option -t e2e remain-on-exit on >/dev/null
  tm set-option -s escape-time 0
  tm send-keys -t e2e "SWIFT_BACKTRACE=interactive=no $4; echo EXIT=\$?" Enter
}

# expect_clean_exit HOW: status 0, the alternate screen off, the tty back in canonical mode.
expect_clean_exit() {
  wait_for 'EXIT=[0-9]' 15 || fail "$1: the program exits"
  screen | grep -Eq 'EXIT=0' || fail "$1: exit status 0"
  expect_sane_terminal "$1"
  ok "$1 exits 0 and leaves the terminal sane"
}

# mouse_flags: tmux's record of the mouse reports the program asked for ("0 0 0": none).
mouse_flags() { tm display -p -t e2e '#{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag}'; }

# expect_sane_terminal HOW: after the program ended, the alternate screen is off, the cursor
# visible, no mouse reports left on and the tty back in canonical mode.
expect_sane_terminal() {
  [[ $(tm display -p -t e2e '#{alternate_on}') == 0 ]] || fail "$1: alternate screen off"
  [[ $(tm display -p -t e2e '#{cursor_flag}') == 1 ]] || fail "$1: cursor visible"
  [[ $(mouse_flags) == "0 0 0" ]] || fail "$1: mouse reports off (got $(mouse_flags))"
  tm send-keys -t e2e "stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon; echo STTY=\$?" \
    Enter
  wait_for 'STTY=[0-9]' 10 || fail "$1: stty ran"
  screen | grep -qx 'icanon' || fail "$1: stty shows icanon"
}

# page_through_help TITLE GESTURE: with the keys page (TITLE) shown, `?` goes to the mouse
# page (which lists GESTURE), the words, the marks, closes, and opens the keys page again.
page_through_help() {
  tm send-keys -t e2e '?'
  wait_for 'the mouse \(' || fail "? again: the mouse"
  screen | grep -q -- "$2" || fail "the mouse page lists its gestures"
  tm send-keys -t e2e '?'
  wait_for 'the words on screen' || fail "? again: the glossary of the words on screen"
  tm send-keys -t e2e '?'
  wait_for 'the marks on screen' || fail "? again: the marks on screen"
  tm send-keys -t e2e '?'
  wait_gone 'the marks on screen' || fail "? after the marks hides the help"
  screen | grep -q -- "$1" && fail "? after the marks hides the help"
  tm send-keys -t e2e '?'
  wait_for "$1" || fail "? shows the help again"
}
