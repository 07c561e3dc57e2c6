#!/usr/bin/env bash
# `make figures` (the paper's figures, default size and seeds) timed on this machine, built,
# into a fresh output directory, with every core: its wall time, its CPU time, and the
# estimate it printed before it started, written as JSON for bench/perf_report.py.
#   bench/time_figures.sh <json out>
# Run it on an otherwise idle machine (nothing else on its cores): the wall time is the
# measurement. The output directory is removed afterwards.
set -euo pipefail
json=$1
cd "$(dirname "$0")/.."
make --no-print-directory build >/dev/null
out=$(mktemp -u /tmp/clp-figures-timed-XXXXXX)
log=$(mktemp /tmp/clp-figures-timed-log-XXXXXX)
load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
/usr/bin/time -f '%e %U %S' -o "$log.time" make --no-print-directory figures OUT="$out" >"$log" 2>&1 || {
  echo "time_figures: make figures failed; its log: $log" >&2
  exit 1
}
read -r wall user sys <"$log.time"
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
  "estimate_seconds": $est
}
EOF
mv "$json.tmp" "$json"
rm -rf "$out" "$log" "$log.time"
cat "$json"
