#!/usr/bin/env bash
# Says, before make figures / studies / all start computing, what they will compute, on how
# many cores, about how long it will take, and where the output goes.
#   pipeline/plan.sh <plan file> <bin dir> <stamps dir> <jobs> <cores> <what> <out> [slurm]
# The plan file (written by the Makefile) has one line per run: program, run directory,
# data file, the arguments make will pass. A run is still to compute when its data file is
# missing, older than its program's stamp, or was made with other arguments (as make decides).
#
# The estimate. The flops of every matrix-completion run (mc_sweep and mc_sv_ode, nearly all
# of the time) come from the build's pipeline_floor --per-run, which parses each run's
# arguments with the program's own parameter declarations and counts them with
# src/completion/flops.hpp. The rate is measured here, now: the CPU time of a 4000-step
# depth-3 run of mc_sweep, counted the same way. Double-precision flops count DOUBLE_COST
# times a float flop (one core's double FMA peak is half its float peak), the
# singular-value ODE's ODE_COST times (its small products and LU reach half the completion
# step's fraction of the peak: docs/performance.md). The other programs (the two-pathway
# figures, twopath_lr) are given as seconds measured on a reference machine whose runs reach
# REF_RATE FLOP/s, scaled by the measured rate. The runs are then scheduled longest first on
# min(jobs, cores) slots; the estimate is the busiest slot. Without pipeline_floor (a build
# without the benchmarks) there is no estimate.
set -euo pipefail
plan=$1 bin=$2 stamps=$3 jobs=$4 cores=$5 what=$6 out=$7 runner=${8:-}
REF_RATE=8.0e10  # FLOP/s of a whole depth-3 paper run (370,000 steps in 33 s) on the reference machine
DOUBLE_COST=2
ODE_COST=2

# Which runs are still to compute.
norm() { tr -s ' \t' '  ' | sed 's/^ //; s/ $//'; }
todo=$(mktemp)
trap 'rm -f "$todo"' EXIT
total=0
while IFS=$'\t' read -r program dir data args; do
  program=${program//[[:space:]]/}  # make joins the lines with a space
  [ -n "$program" ] || continue
  total=$((total + 1))
  f="$dir/$data"
  if [ -f "$f" ] && [ -f "$dir/.args" ] && [ "$(norm <"$dir/.args")" = "$(echo "$args" | norm)" ] &&
     { [ ! -f "$stamps/$program.sha256" ] || [ ! "$stamps/$program.sha256" -nt "$f" ]; }; then
    continue
  fi
  printf '%s\t%s\t%s\n' "$program" "$(basename "$dir")" "$args" >>"$todo"
done <"$plan"
count=$(wc -l <"$todo")
if [ "$count" -eq 0 ]; then
  echo "make: $what: all $total runs are up to date; rendering and the report only (output: $out/)"
  exit 0
fi

if [ ! -x "$bin/pipeline_floor" ] || [ ! -x "$bin/mc_sweep" ]; then
  echo "make: $what: $count runs to compute ($((total - count)) up to date); no time estimate without $bin/pipeline_floor"
  exit 0
fi
# Each run's float and double flops, in the order of $todo.
flops=$(mktemp)
trap 'rm -f "$todo" "$flops"' EXIT
awk -F'\t' -v bin="$bin" '{ print bin "/" $1 " " $3 }' "$todo" | "$bin/pipeline_floor" --per-run >"$flops"

# The measured rate: float flops per CPU second of a short depth-3 run of this machine's
# mc_sweep (CPU time, so that other load on the machine does not make one core look slower).
probe="--depth 3 --switch-times 0 --continue-steps 4000 --quiet"
scratch=$(mktemp -d)
cpu=$( { TIMEFORMAT='%3U %3S'; time "$bin/mc_sweep" --out "$scratch" $probe >/dev/null 2>&1; } 2>&1 ) || cpu=""
rm -rf "$scratch"
probe_flops=$(echo "$bin/mc_sweep $probe" | "$bin/pipeline_floor" --per-run | cut -f1)
rate=$(echo "$cpu" | awk -v f="$probe_flops" '{ t = $1 + $2; if (t > 0) printf "%.4g", f / t }')
[ -n "$rate" ] || rate=$REF_RATE

slots=$jobs
[ "$jobs" = unlimited ] && slots=$count
[ "$runner" = slurm ] || { [ "$slots" -gt "$cores" ] && slots=$cores; }
[ "$slots" -gt "$count" ] && slots=$count

paste "$todo" "$flops" |
awk -F'\t' -v rate="$rate" -v ref="$REF_RATE" -v dcost="$DOUBLE_COST" -v ocost="$ODE_COST" -v slots="$slots" \
    -v count="$count" -v total="$total" -v jobs="$jobs" -v cores="$cores" -v what="$what" -v out="$out" -v runner="$runner" '
  function count_list(s,   x) { return split(s, x, ",") }
  function arg(a, name, dflt,   i, w, n) {
    n = split(a, w, " ")
    for (i = 1; i < n; ++i) if (w[i] == name) return w[i + 1]
    return dflt
  }
  {
    prog = $1; single = $4; dbl = $5
    if (single == "nan") { secs[NR] = 0; ++unknown; next }  # its problem file is not written yet
    # f: the cost of the run in float flops at the measured rate
    if (prog == "mc_sweep") { f = single + dcost * dbl; flop += single + dbl }
    else if (prog == "mc_sv_ode") { f = ocost * dcost * dbl; flop += dbl }
    else {
      if (prog == "twopath_lr") f = 27 * count_list(arg(" " $3 " ", "--seeds", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20")) / 20 * ref
      else f = 0.5 * ref  # the phase portraits and the two-pathway figures: under a second each
      flop += f
    }
    secs[NR] = f / rate
  }
  END {
    # longest first, each on the least busy slot
    nr = NR
    for (i = 1; i <= nr; ++i) for (j = i + 1; j <= nr; ++j) if (secs[j] > secs[i]) { t = secs[i]; secs[i] = secs[j]; secs[j] = t }
    for (s = 1; s <= slots; ++s) load[s] = 0
    for (i = 1; i <= nr; ++i) { b = 1; for (s = 2; s <= slots; ++s) if (load[s] < load[b]) b = s; load[b] += secs[i] }
    wall = 0; for (s = 1; s <= slots; ++s) if (load[s] > wall) wall = load[s]
    human = wall < 90 ? sprintf("%.0f s", wall) : wall < 5400 ? sprintf("%.0f min", wall / 60) : sprintf("%.1f h", wall / 3600)
    where = runner == "slurm" ? sprintf("as Slurm jobs, %s at once", jobs) : sprintf("on %d of %d cores (make -j%s)", slots, cores, jobs)
    printf "make: %s: %d runs to compute (%d up to date), %s\n", what, count, total - count, where
    printf "  estimate: about %s wall: %.3g FLOP at %.3g GFLOP/s per core (measured now by a short run)%s\n", \
      human, flop, rate / 1e9, runner == "slurm" ? ", plus the queue" : ""
    if (unknown > 0) printf "  (not counted: %d runs on problem files the pipeline writes first)\n", unknown
    printf "  output: %s/figures/<id>.pdf and .png, data in %s/data/, the report %s/report.html\n", out, out, out
  }'
