#!/bin/sh
# Keep or remove the project's product kernel: whole paper-size runs (mc_sweep at the paper's
# settings, depth 3 by default) from a build with the kernel (CLP_GEMM_KERNEL=ON) and one
# without (OFF), run side by side on two cores, in alternating order, ROUNDS times. Prints
# each pair's CPU times and their ratio, checks that the two builds' final errors agree, and
# writes the data as JSON. The kernel stays only if the ratio of medians is at least 1.15.
#
#   bench/kernel_verdict.sh [OUT.json]      (ROUNDS=3 DEPTH=3 by default)
#
# Exit status: 0 measured; 3 when the compiler does not target AVX-512 here (no kernel to
# measure: the build with CLP_GEMM_KERNEL=ON is refused at configure time).
set -eu
out=${1:-bench/results/kernel_verdict.json}
rounds=${ROUNDS:-3}
depth=${DEPTH:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for k in ON OFF; do
  if ! cmake -S . -B build/kernel-$k -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLP_GEMM_KERNEL=$k \
      -DCLP_BUILD_TESTS=OFF -DCLP_BUILD_BENCH=OFF >build/kernel-$k.configure.log 2>&1; then
    if [ $k = ON ]; then
      echo "kernel_verdict: this compiler does not target AVX-512 here ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')):" \
           "no build with the kernel, nothing to measure" >&2
      exit 3
    fi
    cat build/kernel-$k.configure.log >&2
    exit 1
  fi
  cmake --build build/kernel-$k --target mc_sweep >/dev/null
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One run of a build into its own directory; its CPU seconds (user, sys; GNU time) and wall clock.
run() {  # run <build> <tag>
  start=$(date +%s.%N)
  /usr/bin/env time -f '%U %S' -o "$tmp/$2.time" build/kernel-$1/bin/mc_sweep --quiet --depth "$depth" --out "$tmp/$2" >/dev/null
  end=$(date +%s.%N)
  echo "$(cat "$tmp/$2.time") $start $end" >"$tmp/$2.t"
}
rows=""
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then a=ON b=OFF; else a=OFF b=ON; fi
  run $a r${r}_$a & p1=$!
  run $b r${r}_$b & p2=$!
  wait $p1 $p2
  on=$(awk '{print $1 + $2}' "$tmp/r${r}_ON.t")
  off=$(awk '{print $1 + $2}' "$tmp/r${r}_OFF.t")
  cmp -s "$tmp/r${r}_ON/final_error.tsv" "$tmp/r1_ON/final_error.tsv" || { echo "kernel_verdict: the kernel build's reruns differ" >&2; exit 1; }
  echo "round $r: kernel $on s, Eigen $off s, ratio $(awk "BEGIN{printf \"%.3f\", $off / $on}")"
  rows="$rows${rows:+,}{\"round\": $r, \"kernel_cpu_s\": $on, \"eigen_cpu_s\": $off}"
done
# The two builds' final errors, relative difference (float rounding in another order).
diff=$(paste "$tmp/r1_ON/final_error.tsv" "$tmp/r1_OFF/final_error.tsv" | awk -F'\t' '
  /^#/ || /^depth/ || NF == 0 {next}
  { n = NF / 2; for (i = 1; i <= n; i++) if ($i != "" && $(n + i) != "" && $i + 0 == $i && $i != 0) {
      d = ($i - $(n + i)) / $i; if (d < 0) d = -d; if (d > m) m = d } }
  END { printf "%.3g", m + 0 }')
med() { tr ' ' '\n' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
on_med=$(for r in $(seq 1 "$rounds"); do awk '{print $1 + $2}' "$tmp/r${r}_ON.t"; done | med)
off_med=$(for r in $(seq 1 "$rounds"); do awk '{print $1 + $2}' "$tmp/r${r}_OFF.t"; done | med)
ratio=$(awk "BEGIN{printf \"%.3f\", $off_med / $on_med}")
verdict=$(awk "BEGIN{print ($off_med / $on_med >= 1.15) ? \"keep\" : \"remove\"}")
echo "median: kernel $on_med s, Eigen $off_med s: $ratio x; final errors agree to $diff relative: $verdict"
mkdir -p "$(dirname "$out")"
cat >"$out" <<JSON
{
  "what": "mc_sweep at the paper's settings (depth $depth, 370,000 steps), CLP_GEMM_KERNEL=ON against OFF, side by side on two cores, CPU seconds (user + sys)",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "cpu_model": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')",
  "compiler": "$(${CXX:-c++} --version | head -1)",
  "flags": "-O3 -march=native (CMake Release, CLP_NATIVE=ON)",
  "rounds": [$rows],
  "median_kernel_cpu_s": $on_med,
  "median_eigen_cpu_s": $off_med,
  "ratio_of_medians": $ratio,
  "max_relative_difference_of_final_errors": $diff,
  "verdict": "$verdict"
}
JSON
echo "kernel_verdict: wrote $out"
