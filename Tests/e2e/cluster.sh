#!/usr/bin/env bash
# End-to-end tests of sweeps on a cluster, as docs/sweeps.md tells a user to run them:
# 1. --jobs follows the CPUs this process may use (taskset), and --jobs '' (an unset
#    $SLURM_CPUS_PER_TASK) is one line and exit 2;
# 2. with stderr not a terminal, a sweep ends with one closing line (runs, skipped, diverged);
# 3. SLURM, when slurmctld, slurmd and munge are installed and this runs as root: a one-node
#    cluster on this machine runs docs/sweeps.md's sweep.sbatch and merge.sbatch (taken from
#    the page; only the grid and --cpus-per-task are made small), one task is cancelled while
#    it runs and resubmitted as the page says, the merge runs as the dependent job, and its
#    output is byte for byte the unsharded sweep's;
# 4. GNU parallel over ssh, when parallel, openssh-server and rsync are installed and this
#    runs as root: the page's recipe against two "hosts" that are a local sshd (port 2222)
#    whose commands do not have ganscope on their PATH; the parts come back, the hosts are
#    left clean, and the merge equals the unsharded sweep.
#
# Usage: Tests/e2e/cluster.sh /path/to/ganscope (KEEP=DIR copies the SLURM results and logs there)
set -euo pipefail

BIN=$(realpath "${1:?usage: $0 /path/to/ganscope}")
[[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 2; }
DOC=$(realpath "$(dirname "$0")/../../docs/sweeps.md")
export SWIFT_BACKTRACE=interactive=no
DIR=$(mktemp -d)
chmod 755 "$DIR"
CTLD=""
SLURMD=""
SSHD=""
MUNGED=""
cleanup() {
  [[ -n $SSHD ]] && kill "$SSHD" 2>/dev/null || true
  [[ -n $MUNGED ]] && kill "$MUNGED" 2>/dev/null || true
  [[ -n $SLURMD ]] && kill "$SLURMD" 2>/dev/null || true
  [[ -n $CTLD ]] && kill "$CTLD" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT

ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; exit 1; }

# 1. --jobs.
line=$(taskset -c 0 "$BIN" sweep --k 1,2 --dry-run | tail -1)
[[ $line == "jobs: 1 (auto: affinity mask 1 CPU"* ]] || fail "taskset -c 0: $line"
if (($(nproc --all) >= 2)); then
  line=$(taskset -c 0,1 "$BIN" sweep --k 1,2 --dry-run | tail -1)
  [[ $line == "jobs: 2 (auto: affinity mask 2 CPUs"* ]] || fail "taskset -c 0,1: $line"
fi
line=$(taskset -c 0 "$BIN" sweep --k 1,2 --jobs 3 --dry-run | tail -1)
[[ $line == "jobs: 3 (--jobs; auto would be 1"* ]] || fail "--jobs 3: $line"
set +e
"$BIN" sweep --k 1,2 --jobs "" >"$DIR/out" 2>"$DIR/err"
status=$?
set -e
[[ $status == 2 && $(wc -l <"$DIR/err") == 1 && ! -s $DIR/out ]] || fail "--jobs '': exit $status"
grep -q "^ganscope: --jobs '' has an empty value.*--jobs auto" "$DIR/err" \
  || fail "--jobs '': $(cat "$DIR/err")"
ok "--jobs auto is 1 under taskset -c 0; --jobs '' is one line and exit 2"

# 2. The closing line in a log.
SMALL=(--k 1,2,3 --iterations 30 --every 10 --hidden 4 --layers 1)
"$BIN" sweep "${SMALL[@]}" --shard 1/2 --out "$DIR/log.jsonl" 2>"$DIR/log"
grep -qx "ganscope: sweep: 2 runs, 0 skipped, 0 diverged; [0-9.]* s on [12] jobs\?" "$DIR/log" \
  || fail "closing line: $(cat "$DIR/log")"
"$BIN" sweep "${SMALL[@]}" --out "$DIR/log.jsonl" 2>"$DIR/log"
[[ $(wc -l <"$DIR/log") == 1 ]] || fail "a log of more than one line: $(cat "$DIR/log")"
grep -q "^ganscope: sweep: 1 run, 2 skipped (already in $DIR/log.jsonl), 0 diverged; " \
  "$DIR/log" || fail "closing line of a resume: $(cat "$DIR/log")"
ok "a sweep logs one closing line: runs, skipped, diverged"

# extract NAME: the fenced block of docs/sweeps.md whose first or second line is '# NAME: ...'.
extract() {
  awk -v name="# $1:" '
    /^```/ { if (inside) { if (keep) exit; inside = 0; next } inside = 1; n = 0; text = ""; next }
    inside { n++; text = text $0 "\n"; if (n <= 2 && index($0, name) == 1) keep = 1 }
    END { if (keep) printf "%s", text }' "$DOC"
}

SMALLGRID='GRID="--k 1,2,5 --loss minimax,nonsaturating --seeds 2 --iterations 300 --hidden 8"'

# 3. SLURM.
# A grid whose shard 3 has a quick cell (k = 1) and then a slow one (k = 40, ~4 s): the task
# is cancelled between them. 16 cells, 2 per shard.
GRID='GRID=(--k 1,40 --seeds 8 --iterations 60000 --hidden 8 --batch 32)'
if [[ $(id -u) == 0 ]] && command -v slurmctld >/dev/null && command -v munged >/dev/null; then
  start_s=$(date +%s)
  S=$DIR/slurm
  mkdir -p "$S/state" "$S/spool"
  host=$(hostname -s)
  cpus=$(slurmd -C | sed -n 's/.* CPUs=\([0-9]*\) .*/\1/p')
  cat >"$S/slurm.conf" <<EOF
ClusterName=e2e
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=e2e Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$S/slurm.conf
  if ! munge -n >/dev/null 2>&1; then
    mkdir -p /run/munge && chown munge:munge /run/munge
    [[ -s /etc/munge/munge.key ]] || { mungekey -c 2>/dev/null || create-munge-key; }
    runuser -u munge -- munged
    for _ in $(seq 50); do [[ -s /run/munge/munged.pid ]] && break; sleep 0.1; done
    MUNGED=$(cat /run/munge/munged.pid)  # stopped at the end: it was not running before
  fi
  # pidfile: waits for a daemon's pid file and prints the pid.
  pidfile() {
    for _ in $(seq 50); do [[ -s $1 ]] && break; sleep 0.1; done
    cat "$1"
  }
  slurmctld -i
  CTLD=$(pidfile "$S/slurmctld.pid")
  slurmd
  SLURMD=$(pidfile "$S/slurmd.pid")
  for _ in $(seq 50); do sinfo -h -o %t 2>/dev/null | grep -q idle && break; sleep 0.2; done
  sinfo -h -o %t | grep -q idle || fail "the one-node cluster did not come up: $(sinfo 2>&1)"

  # The page's scripts, with a small grid and one CPU per task (the node may have two).
  W=$DIR/results
  mkdir "$W"
  extract sweep.sbatch | sed "s/^GRID=(.*/$GRID/; s/--cpus-per-task=4/--cpus-per-task=1/" \
    >"$W/sweep.sbatch"
  extract merge.sbatch >"$W/merge.sbatch"
  grep -q '^N=8 ' "$W/sweep.sbatch" && grep -q 'shard "$SLURM_ARRAY_TASK_ID/$N"' "$W/sweep.sbatch" \
    && grep -q "^N=8 " "$W/merge.sbatch" || fail "the scripts were not found in $DOC"
  cd "$W"
  export GANSCOPE=$BIN
  JOB=$(sbatch --parsable sweep.sbatch)
  MERGE=$(sbatch --parsable --dependency=afterok:"$JOB" merge.sbatch)
  # Cancel task 3 after its first (quick) cell, during its second (slow) one.
  for _ in $(seq 600); do
    [[ -s part-3.jsonl ]] && break
    sleep 0.1
  done
  [[ $(wc -l <part-3.jsonl 2>/dev/null) == 1 ]] || fail "task 3 did not write its first line alone"
  scancel "${JOB}_3"
  for _ in $(seq 600); do
    [[ -z $(squeue -h -j "$JOB" 2>/dev/null) ]] && break
    sleep 0.2
  done
  [[ -z $(squeue -h -j "$JOB") ]] || fail "the array did not finish"
  for _ in $(seq 100); do
    reason=$(squeue -h -j "$MERGE" -o %r)
    [[ $reason == DependencyNeverSatisfied ]] && break
    sleep 0.2
  done
  [[ $reason == DependencyNeverSatisfied ]] || fail "the merge is '$reason', not waiting forever"
  # As the page says: resubmit the one task, point the merge at it.
  RETRY=$(sbatch --parsable --array=3 sweep.sbatch)
  scontrol update JobId="$MERGE" Dependency=afterok:"$RETRY"
  for _ in $(seq 600); do
    [[ -z $(squeue -h -j "$MERGE" 2>/dev/null) ]] && break
    sleep 0.2
  done
  [[ -s runs.jsonl ]] || fail "no runs.jsonl; merge log: $(cat merge-*.out 2>&1)"
  grep -q "ganscope: sweep: 1 run, 1 skipped (already in part-3.jsonl), 0 diverged; " \
    "sweep-${RETRY}_3.out" || fail "the resubmitted task's log: $(cat "sweep-${RETRY}_3.out")"
  grep -q "^ganscope: sweep: 2 runs, 0 skipped, 0 diverged; .* on 1 job$" "sweep-${JOB}_1.out" \
    || fail "task 1's log: $(cat "sweep-${JOB}_1.out")"
  # The unsharded sweep of the same grid, here.
  eval "$GRID"
  "$BIN" sweep "${GRID[@]}" --out "$DIR/all.jsonl" 2>/dev/null
  cmp runs.jsonl "$DIR/all.jsonl" || fail "the merged sweep differs from the unsharded one"
  if [[ -n ${KEEP:-} ]]; then cp -r "$W" "$KEEP"; fi
  cd - >/dev/null
  scontrol shutdown >/dev/null 2>&1 || true
  for _ in $(seq 50); do kill -0 "$CTLD" 2>/dev/null || kill -0 "$SLURMD" 2>/dev/null || break; sleep 0.1; done
  CTLD=""
  SLURMD=""
  unset SLURM_CONF GANSCOPE
  ok "SLURM: the page's array job, task 3 cancelled and resubmitted, the dependent merge" \
    "equals the unsharded sweep ($(($(date +%s) - start_s)) s)"
else
  echo "ok - # skip: SLURM needs root and slurmctld, slurmd, munge (apt-get install slurm-wlm munge)"
fi

# 4. GNU parallel over ssh: host1 and host2 are this machine's sshd on port 2222 (an ssh
# configuration of the test's own, given to parallel by $PARALLEL_SSH); only the grid of the
# page's block is made small.
if [[ $(id -u) == 0 ]] && command -v parallel >/dev/null && [[ -x /usr/sbin/sshd ]] \
  && command -v rsync >/dev/null; then
  start_s=$(date +%s)
  P=$DIR/ssh
  mkdir -m 700 "$P"
  ssh-keygen -q -t ed25519 -N '' -f "$P/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$P/id"
  cp "$P/id.pub" "$P/authorized_keys"
  cat >"$P/sshd_config" <<END
Port 2222
ListenAddress 127.0.0.1
HostKey $P/host_key
AuthorizedKeysFile $P/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
PidFile $P/sshd.pid
StrictModes no
UsePAM no
END
  cat >"$P/ssh_config" <<END
Host host1 host2
  HostName 127.0.0.1
  Port 2222
  User root
  IdentityFile $P/id
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
END
  mkdir -p /run/sshd
  /usr/sbin/sshd -f "$P/sshd_config"
  for _ in $(seq 50); do [[ -s $P/sshd.pid ]] && break; sleep 0.1; done
  SSHD=$(cat "$P/sshd.pid")
  export PARALLEL_SSH="ssh -F $P/ssh_config"
  remote() { $PARALLEL_SSH host1 "$@"; }
  remote true || fail "cannot ssh to the local sshd"
  # The jobs run in the login directory: it must not hold a part already (it would resume).
  [[ -z $(remote 'ls -d ganscope part-*.jsonl 2>/dev/null') ]] \
    || fail "the login directory already holds ganscope or part-*.jsonl"
  remote 'command -v ganscope' >/dev/null && echo "# note: ganscope is on the ssh PATH here"
  W=$DIR/parallel
  mkdir "$W"
  extract parallel | sed "s/^GRID=.*/$SMALLGRID/" >"$W/run.sh"
  grep -q -- "--basefile ganscope --return part-{}.jsonl --cleanup" "$W/run.sh" \
    || fail "the parallel recipe was not found in $DOC"
  (cd "$W" && PATH=$(dirname "$BIN"):$PATH bash -euo pipefail run.sh) 2>"$DIR/parallel.err" \
    || fail "the parallel recipe failed: $(cat "$DIR/parallel.err")"
  eval "$SMALLGRID"
  # shellcheck disable=SC2086
  "$BIN" sweep $GRID 2>/dev/null | cmp - "$W/runs.jsonl" || fail "parallel: merged != unsharded"
  left=$(remote 'ls -d ganscope part-*.jsonl 2>/dev/null' || true)
  [[ -z $left ]] || fail "parallel left on the host: $left"
  kill "$SSHD"
  SSHD=""
  unset PARALLEL_SSH
  ok "GNU parallel over ssh: the page's recipe, parts returned, hosts cleaned, merge equals" \
    "the unsharded sweep ($(($(date +%s) - start_s)) s)"
else
  echo "ok - # skip: GNU parallel over ssh needs root, parallel, openssh-server and rsync"
fi
echo "cluster.sh: all passed"
