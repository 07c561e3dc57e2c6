# Ours, mc_lr (a study beyond the paper). Usage: gnuplot -c figures/mc_lr.gp <data dir> <output base> <pdf|png>
# Left: final error against T_switch, one curve per learning rate (mean, min-max band, seed 1).
# Right: the rise at the longest deficit against the learning rate (mean and its 95%
# bootstrap interval, every seed as a dot).
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 5.8
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
lrs = distinct(st, "lr")
ts = distinct(st, "t_switch")
nl = words(lrs); tmax = word(ts, words(ts))
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
# A black ring: a mean over seeds one of whose runs did not converge (not evidence; src/common/convergence.hpp).
stats st using (column("n_seeds") - column("n_converged")) nooutput; nbad = int(STATS_sum)
set multiplot title sprintf("Is the critical period a small-step phenomenon? (ours)\n{/*0.8 Task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps at learning rate lr (the same steps for every lr, so a smaller lr also trains for a shorter time lr x steps);}\n{/*0.8 D %s, N %s, n %s, g %s; %d seeds (%s). lr x4 from %s to %s (seed 1 still converges at twice that, diverges at four times).}\n{/*0.8 Where the error at T_{switch} = 0 is near 1, that lr has not learned task 2 in %s steps even without pre-training, so there is no rise to see.}", m('rank1'), m('rank2'), m('continue-steps'), m('depth'), m('N'), m('n'), m('g'), nseeds, m('seeds'), word(lrs, 1), word(lrs, nl), m('continue-steps')) font ",11"
set origin 0, 0; set size 0.55, 0.86
set title "final test error on task 2 (thick: mean; band: min-max over seeds; thin dashed: seed 1)" font ",10"
set xlabel "T_{switch} (steps on task 1 before the switch)"
set ylabel "final test error on task 2"
set format x "%.0s%c"
set key outside right center title "learning rate" font ",9"
plot for [i = 1:nl] st using (strcol("lr") eq word(lrs, i) ? column("t_switch") : NaN):"min_error":"max_error" with filledcurves fc rgb color(i) fs transparent solid 0.15 notitle, \
     for [i = 1:nl] f using (strcol("lr") eq word(lrs, i) && strcol("seed") eq "1" ? column("t_switch") : NaN):"test_error" with lines lw 1.3 dt (6, 3) lc rgb color(i) notitle, \
     for [i = 1:nl] st using (strcol("lr") eq word(lrs, i) ? column("t_switch") : NaN):"mean_error" with linespoints pt 7 ps 0.7 lw 2 lc rgb color(i) title "lr = ".word(lrs, i), \
     st using (column("n_converged") < column("n_seeds") ? column("t_switch") : NaN):"mean_error" with points pt 6 ps 2.2 lw 2 lc rgb "black" title (nbad > 0 ? "not converged on some seed" : "")
set origin 0.56, 0; set size 0.44, 0.86
set title sprintf("rise at T_{switch} = %s: error(%s) - error(0)", tmax, tmax) font ",10"
set xlabel "learning rate"
set ylabel "rise of the final error"
set logscale x 2
set format x "%g"
set xtics ()
do for [i = 1:nl] { set xtics add (word(lrs, i) word(lrs, i) + 0) }
set xrange [*:*]; set autoscale y
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xzeroaxis lt 1 lc rgb "#999999"
set key inside bottom right title "" font ",9"
plot st using (strcol("t_switch") eq tmax ? column("lr") : NaN):"mean_excess":"ci_lo_excess":"ci_hi_excess" with yerrorlines pt 7 ps 0.9 lw 2 lc rgb "black" title "mean, 95% bootstrap interval", \
     f using (strcol("t_switch") eq tmax ? column("lr") : NaN):"excess_error" with points pt 6 ps 0.7 lc rgb "#1f77b4" title "each seed"
unset multiplot
