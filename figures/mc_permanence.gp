# Ours, mc_permanence (docs/plasticity.md). Usage: gnuplot -c figures/mc_permanence.gp <data dir> <output base> <pdf|png>
# Is the damage permanent? For the task switch (left) and the subset deficit (right), depth 3:
# the rise error(T_switch) - error(0) at each T_switch against the number of steps after the
# switch (log scale): thick, the mean over seeds; bars, min-max; thin dashed, seed 1. A curve
# that stays flat is a critical period; one that falls to 0 is slow learning.
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 12; H = 5.2
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
ts = distinct(f, "t_switch"); recs = distinct(f, "recovery")
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
# The curves are told apart by the columns mode (switch: the task switch, subset: the subset
# deficit) and recovery (pipeline/experiments.txt). Rows of other curves give NaN, skipped
# without breaking a line.
set datafile missing NaN
modename(mo) = mo == 0 ? "switch" : "subset"
set multiplot layout 1, 2 title sprintf("Is the damage permanent? The rise against the length of the recovery (ours)\n{/*0.8 Depth %s, N %s, g %s, lr %s; the last phase recorded after %s steps along one branch per T_{switch}; thick: mean over %d seeds (%s); bars: min-max; thin dashed: seed 1.}", m("depth"), m("N"), m("g"), m("lr"), recs, nseeds, m("seeds")) font ",12"
set logscale x
set xlabel "steps after the switch (recovery)"
set ylabel "rise error(T_{switch}) - error(0)"
set key top right font ",9" title "T_{switch}"
set xrange [20000:500000]
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
do for [mo = 0:1] {
  set title (mo == 0 ? "task switch: rank 10 -> rank 5, n 2000" : "subset deficit: rank 5, 1000 of 1500 entries") font ",10"
  # A curve's points are not adjacent rows of seed_stats.tsv (its rows go curve by curve, i.e.
  # recovery length by recovery length): smooth unique joins them in x order.
  plot for [ti = 2:words(ts)] st using (strcol("mode") eq modename(mo) && strcol("t_switch") eq word(ts, ti) ? column("recovery") : NaN):"mean_excess":"min_excess":"max_excess" \
         with yerrorbars pt 7 ps 0.7 lw 1.2 lc rgb color(ti - 1) notitle, \
       for [ti = 2:words(ts)] f using (strcol("mode") eq modename(mo) && strcol("t_switch") eq word(ts, ti) && strcol("seed") eq "1" ? column("recovery") : NaN):"excess_error" \
         with lines lw 1 dt (6, 3) lc rgb color(ti - 1) notitle, \
       for [ti = 2:words(ts)] st using (strcol("mode") eq modename(mo) && strcol("t_switch") eq word(ts, ti) ? column("recovery") : NaN):"mean_excess" \
         smooth unique with linespoints pt 7 ps 0.7 lw 2 lc rgb color(ti - 1) title word(ts, ti)
}
unset multiplot
