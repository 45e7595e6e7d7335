# Helpers shared by the headless end-to-end scripts (sourced, not run): reporting, and running
# a command with its exit status checked. The script sets DIR (a scratch directory) first;
# the command's stdout and stderr land in $DIR/out and $DIR/err.

ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; exit 1; }

# expect_exit CODE COMMAND...: runs the command and checks its exit status.
expect_exit() {
  local want=$1
  shift
  set +e
  "$@" >"$DIR/out" 2>"$DIR/err"
  local got=$?
  set -e
  [[ $got == "$want" ]] || fail "$* exited $got, not $want: $(cat "$DIR/err")"
}
