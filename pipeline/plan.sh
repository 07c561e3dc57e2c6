#!/usr/bin/env bash
# Says, before make figures / studies / all start computing, what they will compute, on how
# many cores, about how long it will take, and where the output goes.
#   pipeline/plan.sh <plan file> <bin dir> <stamps dir> <jobs> <cores> <what> <out> [slurm]
# The plan file (written by the Makefile) has one line per run: program, run directory,
# data file, the arguments make will pass. A run is still to compute when its data file is
# missing, older than its program's stamp, or was made with other arguments (as make decides).
#
# The estimate. A matrix-completion run (mc_sweep, nearly all of the time) trains its deficit
# phase once and branches at every switch time: max(T_switch) + k * continue_steps gradient
# steps for k switch times. One step of the N x N depth-D factorization with n observed
# entries costs (3D - 6) 2N^3 FLOP for its dense products (D >= 3) plus 6nN for the two
# passes over the entries (D >= 2; 4n at D = 1). The rate is measured here, now: a 4000-step
# depth-3 run of mc_sweep, its CPU time. The other programs (the singular-value ODE, the two-pathway
# figures) are given as seconds measured on a reference machine whose runs reach
# REF_RATE FLOP/s, converted to FLOP at that rate. The runs are then scheduled longest first
# on min(jobs, cores) slots; the estimate is the busiest slot.
set -euo pipefail
plan=$1 bin=$2 stamps=$3 jobs=$4 cores=$5 what=$6 out=$7 runner=${8:-}
N=100
REF_RATE=8.0e10  # FLOP/s of a whole depth-3 paper run (370,000 steps in 33 s) on the reference machine

# Which runs are still to compute, and the FLOP of each.
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

# The measured rate: FLOP per CPU second of a short depth-3 run of this machine's mc_sweep
# (CPU time, so that other load on the machine does not make one core look slower).
rate=""
if [ -x "$bin/mc_sweep" ]; then
  scratch=$(mktemp -d)
  cpu=$( { TIMEFORMAT='%3U %3S'; time "$bin/mc_sweep" --out "$scratch" --depth 3 --switch-times 0 \
           --continue-steps 4000 --quiet >/dev/null 2>&1; } 2>&1 ) || cpu=""
  rm -rf "$scratch"
  [ -n "$cpu" ] && rate=$(echo "$cpu" | awk -v N=$N '{ t = $1 + $2; f = 4000 * (3 * 2 * N^3 + 6 * 2000 * N)
                                                     if (t > 0) printf "%.4g", f / t }')
fi
[ -n "$rate" ] || rate=$REF_RATE

slots=$jobs
[ "$jobs" = unlimited ] && slots=$count
[ "$runner" = slurm ] || { [ "$slots" -gt "$cores" ] && slots=$cores; }
[ "$slots" -gt "$count" ] && slots=$count

awk -F'\t' -v N=$N -v rate="$rate" -v ref="$REF_RATE" -v slots="$slots" -v count="$count" -v total="$total" \
    -v jobs="$jobs" -v cores="$cores" -v what="$what" -v out="$out" -v runner="$runner" '
  function arg(a, name, dflt,   i, w, n) {
    n = split(a, w, " ")
    for (i = 1; i < n; ++i) if (w[i] == name) return w[i + 1]
    return dflt
  }
  function count_list(s,   x) { return split(s, x, ",") }
  function max_list(s,   x, i, n, m) { n = split(s, x, ","); m = 0; for (i = 1; i <= n; ++i) if (x[i] + 0 > m) m = x[i] + 0; return m }
  {
    prog = $1; a = " " $3 " "
    if (prog == "mc_sweep") {
      D = arg(a, "--depth", 3); n = arg(a, "--n", 2000)
      T = arg(a, "--switch-times", "0,1000,5000,10000,20000,40000,60000,80000,100000")
      steps = max_list(T) + count_list(T) * arg(a, "--continue-steps", 30000)
      step = (D >= 3 ? (3 * D - 6) * 2 * N^3 : 0) + (D >= 2 ? 6 * n * N : 4 * n)
      f = steps * step
    } else if (prog == "mc_sv_ode") {
      # about 0.9 ms per step of the ODE and the network together, on the reference machine
      steps = 0; nt = count_list(arg(a, "--totals", "10000,20000,30000,50000"))
      split(arg(a, "--totals", "10000,20000,30000,50000"), tt, ","); for (i = 1; i <= nt; ++i) steps += tt[i]
      steps *= count_list(arg(a, "--n", "5000"))
      f = steps * 0.9e-3 * ref
    } else if (prog == "twopath_lr") {
      f = 27 * count_list(arg(a, "--seeds", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20")) / 20 * ref
    } else {
      f = 0.5 * ref  # the phase portraits and the two-pathway figures: under a second each
    }
    secs[NR] = f / rate; flop += f
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
    printf "  output: %s/figures/<id>.pdf and .png, data in %s/data/, the report %s/report.html\n", out, out, out
  }' "$todo"
