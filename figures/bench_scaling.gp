# Time per gradient step against N, ours vs PyTorch (make bench-compare).
# Usage: gnuplot -c figures/bench_scaling.gp <bench dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 4.2
load scriptdir.'style.gp'
f = data.'/compare.tsv'
set multiplot layout 1, 4 title sprintf("Deep matrix completion, one gradient step (n = N^2/5, float, 1 thread): ours vs PyTorch %s\n{/*0.8 dotted: our FLOP count at a reference single-core float GEMM rate (%s GFLOP/s, set by --peak-gflops)}", meta(f, 'torch'), word(meta(f, 'peak_gflops'), 1)) font ",11"
set logscale xy
set xrange [40:500]
set xtics (50, 100, 200, 400)
set xlabel "N"
set format y "10^{%T}"
do for [D = 1:4] {
  set title sprintf("depth D = %d", D) font ",10"
  set ylabel (D == 1 ? "time per step (µs)" : "")
  if (D == 1) { set key top left font ",9" } else { unset key }
  plot f using (column("D") == D ? column("N") : NaN):"torch_us" with linespoints pt 7 lw 2 lc rgb "#d62728" title "PyTorch", \
       f using (column("D") == D ? column("N") : NaN):"ours_us" with linespoints pt 5 lw 2 lc rgb "#1f77b4" title "ours", \
       f using (column("D") == D ? column("N") : NaN):"peak_us" with lines dt 3 lw 1.5 lc rgb "gray30" title "FLOPs at peak"
}
unset multiplot
