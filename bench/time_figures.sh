#!/usr/bin/env bash
# `make figures` (the paper's figures, default size and seeds) timed on this machine, built,
# into a fresh output directory, with every core: its wall time, its CPU time, and the
# estimate it printed before it started, written as JSON for bench/perf_report.py; and every run's
# own time beside its flops (pipeline_floor --per-run on the commands of `make -n figures`), so
# that the report can say which runs hold the gap between the wall time and the floor.
#   bench/time_figures.sh <json out>
# Run it on an otherwise idle machine (nothing else on its cores): the wall time is the
# measurement. The output directory is removed afterwards.
set -euo pipefail
json=$1
cd "$(dirname "$0")/.."
make --no-print-directory build >/dev/null
# This machine's FMA peak now (BM_FmaPeak, the largest of 9 repetitions; float and double), before
# and after the timing: the floor is computed at the larger, so that the ratio is of this run's machine.
peaks() {
  build/release/bin/bench_completion --benchmark_filter='BM_FmaPeak<(float|double)>' --benchmark_repetitions=9 \
    --benchmark_format=json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
runs = [b for b in json.load(sys.stdin)["benchmarks"] if b.get("run_type") == "iteration"]
print(*(max(b["GFLOP/s"] for b in runs if b["name"].startswith(f"BM_FmaPeak<{t}>")) for t in ("float", "double")))'
}
read -r float_before double_before <<<"$(peaks)"
out=$(mktemp -u /tmp/clp-figures-timed-XXXXXX)
log=$(mktemp /tmp/clp-figures-timed-log-XXXXXX)
# The runs' commands, planned into another root and read for the timed one (make -n creates
# neither).
make -n --no-print-directory NO_BUILD=1 OUT="$out.plan" done-figures | grep -e '--out ' >"$log.plan"
build/release/bin/pipeline_floor --per-run <"$log.plan" >"$log.flops"
load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
/usr/bin/time -f '%e %U %S' -o "$log.time" make --no-print-directory figures OUT="$out" >"$log" 2>&1 || {
  echo "time_figures: make figures failed; its log: $log" >&2
  exit 1
}
read -r wall user sys <"$log.time"
read -r float_after double_after <<<"$(peaks)"
estimate=$(sed -n 's/^  estimate: about \([0-9.]*\) \(s\|min\|h\) wall.*/\1 \2/p' "$log" | head -n1)
runs=$(sed -n 's/^make: .*: \([0-9]*\) runs to compute.*/\1/p' "$log" | head -n1)
[ -n "$estimate" ] && [ -n "$runs" ] || { echo "time_figures: no estimate or run count in $log" >&2; exit 1; }
read -r value unit <<<"$estimate"
case $unit in s) est=$value ;; min) est=$(awk -v v="$value" 'BEGIN {print v * 60}') ;; h) est=$(awk -v v="$value" 'BEGIN {print v * 3600}') ;; esac
cpu_model=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)
avx512=$(grep -q -w avx512f /proc/cpuinfo && echo yes || echo no)
cat >"$json.tmp" <<EOF
{
  "date": "$start",
  "cpu_model": "$cpu_model",
  "avx512f": "$avx512",
  "cores": $(nproc),
  "load_average_at_start": "$load",
  "runs": $runs,
  "wall_seconds": $wall,
  "cpu_seconds": $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}'),
  "estimate_seconds": $est,
  "float_peak_gflops": [$float_before, $float_after],
  "double_peak_gflops": [$double_before, $double_after],
  "run_seconds": $(OUT="$out" PLAN="$log.plan" FLOPS="$log.flops" /usr/bin/python3 -c '
import json, os, re
# Each run: [program, N, depth, flops in float, flops in double, its wall time (its .seconds)].
rows = []
for line, f in zip(open(os.environ["PLAN"]), open(os.environ["FLOPS"])):
    single, dbl, program, N, depth = f.split()
    if program in ("-", "?"):
        continue
    d = re.search(r"--out (\S+)", line).group(1).replace(os.environ["OUT"] + ".plan", os.environ["OUT"])
    with open(os.path.join(d, ".seconds")) as t:
        rows.append([program, int(N), int(depth), float(single), float(dbl), float(t.read())])
print(json.dumps(rows))')
}
EOF
mv "$json.tmp" "$json"
rm -rf "$out" "$log" "$log.time" "$log.plan" "$log.flops"
cat "$json"
