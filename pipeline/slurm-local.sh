#!/usr/bin/env bash
# A real single-node Slurm on this machine, for trying and testing RUNNER=slurm: Debian's
# slurm-wlm and munge (installed if missing), run as root without systemd, every file in one
# scratch directory, on free ports. (The facts behind each setting: ../shared/PLATFORM.md.)
#   pipeline/slurm-local.sh start    start munged, slurmctld and slurmd; wait until the node is idle
#   pipeline/slurm-local.sh stop     cancel every job, shut the daemons down, stop munged (by PID)
#   pipeline/slurm-local.sh status   the daemons' PIDs, the node and the queue
# The directory is $CLP_SLURM_DIR (default /tmp/clp-slurm). After `start`, point the Slurm
# clients at this cluster with:  export SLURM_CONF=$CLP_SLURM_DIR/slurm.conf
# (`start` prints it). Jobs finished are logged one line each in $CLP_SLURM_DIR/jobcomp.log.
set -euo pipefail
dir=${CLP_SLURM_DIR:-/tmp/clp-slurm}
conf=$dir/slurm.conf
export SLURM_CONF=$conf
unset SLURM_JOB_ID SLURM_JOBID

die() { echo "slurm-local: error: $*" >&2; exit 1; }

pid_of() { cat "$dir/$1.pid" 2>/dev/null || true; }  # (a daemon removes its pid file as it exits)
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Waits up to $2 seconds for daemon $1 to exit; then kills it.
wait_gone() {
  local p i
  p=$(pid_of "$1")
  [ -n "$p" ] || return 0
  for i in $(seq 1 $(( $2 * 10 ))); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  echo "slurm-local: $1 (pid $p) did not stop in $2 s: killing it" >&2
  kill -9 "$p" 2>/dev/null || true
}

# A TCP port nobody listens on, from the ephemeral-free range 20000-29999.
free_port() {
  local p
  for p in $(shuf -i 20000-29999 -n 50); do
    if ! ss -Htln "sport = :$p" 2>/dev/null | grep -q .; then echo "$p"; return; fi
  done
  die "no free TCP port found for Slurm"
}

stop() {
  if [ -f "$conf" ] && alive slurmctld; then
    # Jobs first: stopping the daemons alone leaves running jobs and their srun alive.
    squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
    scontrol shutdown >/dev/null 2>&1 || true
  fi
  wait_gone slurmctld 10
  # slurmd stops with `scontrol shutdown`; if the controller was already gone, by signal.
  alive slurmd && kill "$(pid_of slurmd)" 2>/dev/null || true
  wait_gone slurmd 10
  alive munged && kill "$(pid_of munged)" 2>/dev/null || true
  wait_gone munged 5
  rm -f "$dir"/{slurmctld,slurmd,munged}.pid
  echo "slurm-local: stopped ($dir)" >&2
}

start() {
  alive slurmctld && die "already running in $dir (pipeline/slurm-local.sh stop first)"
  pipeline_dir=$(cd "$(dirname "$0")" && pwd)
  "$pipeline_dir/deps.sh" slurm
  mkdir -p "$dir"/{state,spool,munge}
  chmod 755 "$dir" "$dir/munge"
  # munge: a fresh key, its own socket.
  [ -s "$dir/munge/munge.key" ] || { dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none; }
  chmod 400 "$dir/munge/munge.key"
  munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed" ||
    die "munged did not start (see $dir/munged.log)"
  local node ctl_port d_port
  node=$(slurmd -C | head -n1)
  ctl_port=$(free_port)
  d_port=$(free_port)
  [ "$ctl_port" != "$d_port" ] || d_port=$((ctl_port + 1))
  cat > "$conf" <<EOF
# Written by pipeline/slurm-local.sh: a single-node cluster for RUNNER=slurm tests.
ClusterName=clp-local
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
EnforcePartLimits=ALL
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
MpiDefault=none
$node State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  slurmctld -f "$conf" || { stop; die "slurmctld did not start (see $dir/slurmctld.log)"; }
  slurmd -f "$conf" || { stop; die "slurmd did not start (see $dir/slurmd.log)"; }
  for _ in $(seq 1 300); do
    [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ] && break
    sleep 0.1
  done
  [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ] || { stop; die "the node did not become idle in 30 s (see $dir/*.log)"; }
  echo "slurm-local: running in $dir (controller port $ctl_port); use: export SLURM_CONF=$conf" >&2
}

status() {
  local d
  for d in munged slurmctld slurmd; do
    if alive "$d"; then echo "$d: running (pid $(pid_of "$d"))"; else echo "$d: not running"; fi
  done
  if alive slurmctld; then
    sinfo -N -o "%N %t %c"
    squeue -o "%i %j %T %M"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status   (directory: \$CLP_SLURM_DIR, default /tmp/clp-slurm)" >&2; exit 2 ;;
esac
