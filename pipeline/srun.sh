#!/usr/bin/env bash
# RUNNER=slurm: runs one program that computes data as a Slurm job step through srun: one
# task, SRUN_CPUS CPUs (default 1), named after the run (clp-<run id>), with $SRUN_FLAGS
# added (partition, account, time limit, ...). Everything else (rendering, the report, the
# collection of runs) stays on the machine that runs make.
#   pipeline/srun.sh <job name> <command> [args...]
# Exit status: the program's; 200 when Slurm itself failed (srun could not get or run the
# job: SLURM_EXIT_ERROR), with a line saying so. One Ctrl-C stops the job (--quit-on-interrupt).
set -uo pipefail
name=$1; shift
command -v srun >/dev/null 2>&1 ||
  { echo "error: RUNNER=slurm needs srun (Slurm's client) on this machine: install slurm-client, or run without RUNNER" >&2; exit 2; }
export SLURM_EXIT_ERROR=200
# SRUN_FLAGS is split on spaces on purpose (several options in one make variable).
# shellcheck disable=SC2086
srun --ntasks=1 --cpus-per-task="${SRUN_CPUS:-1}" --quit-on-interrupt --job-name="$name" ${SRUN_FLAGS:-} "$@"
rc=$?
case $rc in
  0) ;;
  200) echo "error: Slurm could not run $name (srun exit 200 = a Slurm error, not the program's: see srun's message above; check SRUN_FLAGS and the cluster)" >&2 ;;
  130) echo "error: $name was interrupted (Ctrl-C: its job was cancelled)" >&2 ;;
  143|137) echo "error: $name was stopped (exit $rc: the job was cancelled, hit its time limit, or was killed)" >&2 ;;
  *) echo "error: $name failed in its Slurm job (exit $rc, the program's own status)" >&2 ;;
esac
exit $rc
