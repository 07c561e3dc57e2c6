#!/usr/bin/env bash
# make slurm-check: RUNNER=slurm proven on a real single-node Slurm.
#  1. starts one (pipeline/slurm-local.sh, in a scratch directory, free ports);
#  2. makes a two-pathway figure and a matrix-completion figure (QUICK=1 SEEDS=2) through
#     Slurm and again locally, and checks that every data row is byte-identical;
#  3. checks that every run went through Slurm: one COMPLETED job per run in Slurm's job log,
#     named after the run;
#  4. cancels a running job on purpose and checks that make fails and leaves no data file;
#  5. asks for a partition that does not exist and checks that make fails with the line that
#     names a Slurm error (exit 200), not the program's;
#  6. stops Slurm (also when a step fails or on Ctrl-C) and checks that no daemon or job
#     survives.
# Run from the repository root by the Makefile, after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d /tmp/clp-slurm-check.XXXXXX)
chmod 755 "$scratch"  # munged wants every directory above its socket searchable by all
export CLP_SLURM_DIR=$scratch/slurm
unset SLURM_JOB_ID SLURM_JOBID
figs=(fig2_multipath_deficit mc_depth)
common=(QUICK=1 SEEDS=2 --no-print-directory)

fail() { echo "slurm-check: FAIL: $*" >&2; exit 1; }
say() { echo "slurm-check: $*" >&2; }

# Stops Slurm and verifies that nothing of it is left; keeps the scratch directory (logs)
# only if the check failed.
finish() {
  local rc=$?
  trap - EXIT INT TERM
  pipeline/slurm-local.sh stop || rc=1
  local left
  # The daemons (their command lines name the Slurm directory) and the jobs' programs (they
  # name their output directories, all under the scratch directory).
  left=$(pgrep -a -f "$scratch" || true)
  if [ -n "$left" ]; then
    echo "slurm-check: FAIL: processes survived the stop:" >&2
    echo "$left" >&2
    pkill -9 -f "$scratch" || true
    rc=1
  fi
  if [ "$rc" -eq 0 ]; then
    rm -rf "$scratch"
    say "PASS"
  else
    say "failed (exit $rc); logs kept in $scratch"
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

pipeline/slurm-local.sh start
export SLURM_CONF=$CLP_SLURM_DIR/slurm.conf
jobs_log=$CLP_SLURM_DIR/jobcomp.log

# 2. Through Slurm, then locally.
say "making ${figs[*]} through Slurm"
make -j2 "${figs[@]}" RUNNER=slurm OUT="$scratch/slurm-out" "${common[@]}"
say "making ${figs[*]} locally"
make -j2 "${figs[@]}" OUT="$scratch/local-out" "${common[@]}"
(cd "$scratch/local-out/data" && find . -name '*.tsv' | sort) > "$scratch/local.files"
(cd "$scratch/slurm-out/data" && find . -name '*.tsv' | sort) > "$scratch/slurm.files"
cmp -s "$scratch/local.files" "$scratch/slurm.files" ||
  fail "the Slurm run wrote other data files than the local one: $(diff "$scratch/local.files" "$scratch/slurm.files" | tr '\n' ' ')"
[ -s "$scratch/local.files" ] || fail "no data files were written"
while read -r f; do
  cmp -s <(grep -v '^#' "$scratch/local-out/data/$f") <(grep -v '^#' "$scratch/slurm-out/data/$f") ||
    fail "data rows of $f differ between the Slurm and the local run"
done < "$scratch/local.files"
say "data rows byte-identical in $(wc -l < "$scratch/local.files") files"

# 3. Every run was a Slurm job: the figure program and each matrix-completion run.
runs=(fig2_multipath_deficit)
for d in "$scratch/slurm-out/data/runs"/*/; do runs+=("$(basename "$d")"); done
[ ${#runs[@]} -ge 5 ] || fail "expected the two-pathway program and at least 4 matrix-completion runs, found ${runs[*]}"
for r in "${runs[@]}"; do
  n=$(grep -c "Name=clp-$r JobState=COMPLETED" "$jobs_log" || true)
  [ "$n" -eq 1 ] || fail "run $r: $n COMPLETED jobs named clp-$r in Slurm's job log (want 1)"
done
say "${#runs[@]} runs went through Slurm, one COMPLETED job each"

# 4. A job cancelled on purpose: make fails, no data file is left for make to take as done.
# The slowest of mc_depth's runs in the local pass (its id comes from its parameters:
# pipeline/experiments.txt), so that it is still running when it is cancelled.
rid=$(for d in "$scratch/local-out/data/runs"/*_s1/; do echo "$(cat "$d/.seconds") $(basename "$d")"; done |
  sort -rn | head -n1 | cut -d' ' -f2)
target=$scratch/cancel-out/data/runs/$rid/final_error.tsv
set +e
make "$target" RUNNER=slurm OUT="$scratch/cancel-out" "${common[@]}" > "$scratch/cancel.log" 2>&1 &
make_pid=$!
set -e
job=
for _ in $(seq 1 600); do
  job=$(squeue -h -n "clp-$rid" -t RUNNING -o %i || true)
  [ -n "$job" ] && break
  sleep 0.1
done
[ -n "$job" ] || { kill "$make_pid" 2>/dev/null || true; fail "the run to cancel never started in Slurm"; }
sleep 1
scancel "$job"
set +e
wait "$make_pid"
make_rc=$?
set -e
[ "$make_rc" -ne 0 ] || fail "make succeeded although its job $job was cancelled"
[ ! -e "$target" ] || fail "a cancelled run left $target"
ls "$(dirname "$target")"/*.tmp* >/dev/null 2>&1 && fail "a cancelled run left a temporary file in $(dirname "$target")"
grep -q "JobId=$job .*JobState=CANCELLED" "$jobs_log" || fail "Slurm's job log does not show job $job as CANCELLED"
grep -q "was stopped" "$scratch/cancel.log" || fail "make's output does not say the job was stopped: $(tail -3 "$scratch/cancel.log")"
say "cancelled job $job: make failed (exit $make_rc), no data file left"

# 5. Slurm's own error, told apart from the program's.
set +e
make "$scratch/bad-out/data/fig2_multipath_deficit/trajectories.tsv" RUNNER=slurm SRUN_FLAGS=--partition=no-such-partition \
  OUT="$scratch/bad-out" "${common[@]}" > "$scratch/bad.log" 2>&1
bad_rc=$?
set -e
[ "$bad_rc" -ne 0 ] || fail "make succeeded with a partition that does not exist"
grep -q "Slurm could not run clp-fig2_multipath_deficit (srun exit 200" "$scratch/bad.log" ||
  fail "a Slurm error was not reported as one: $(tail -3 "$scratch/bad.log")"
[ ! -e "$scratch/bad-out/data/fig2_multipath_deficit/trajectories.tsv" ] || fail "a failed submission left a data file"
say "a Slurm error (no such partition) fails make and is named as Slurm's"
