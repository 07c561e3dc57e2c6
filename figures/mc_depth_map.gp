# Ours, mc_depth_map (a study beyond the paper). Usage: gnuplot -c figures/mc_depth_map.gp <data dir> <output base> <pdf|png>
# Left: heat map of the mean rise error(T_switch) - error(0) over (depth, T_switch). Right:
# the final error itself against T_switch, one curve per depth (mean, min-max band, seed 1).
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 5.8
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
ts = distinct(st, "t_switch")
ds = distinct(st, "depth")
nt = words(ts); nd = words(ds)
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
# A black ring: a mean over seeds one of whose runs did not converge (not evidence; src/common/convergence.hpp).
stats st using (column("n_seeds") - column("n_converged")) nooutput; nbad = int(STATS_sum)
set multiplot title sprintf("The critical period across depth (ours)\n{/*0.8 Task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; N %s, n %s, g %s, lr %s for every depth (none diverged); %d seeds (%s).}\n{/*0.8 Left: the rise error(T_{switch}) - error(0), mean over seeds. Right: the final error itself; where the T_{switch} = 0 error is high, that depth has not finished learning task 2 in %s steps from its small initialization.}", m('rank1'), m('rank2'), m('continue-steps'), m('N'), m('n'), m('g'), m('lr'), nseeds, m('seeds'), m('continue-steps')) font ",11"
set origin 0, 0; set size 0.45, 0.86
set title "rise error(T_{switch}) - error(0), mean over seeds" font ",10"
set xlabel "depth D"
set ylabel "T_{switch} (steps on task 1)"
set xrange [0.5:nd + 0.5]; set yrange [-0.5:nt - 0.5]
set xtics 1 scale 0; set ytics () scale 0
do for [i = 1:nt] { set ytics add (word(ts, i) i - 1) }
unset grid
set palette defined (0 "#ffffcc", 0.5 "#fd8d3c", 1 "#800026")
set cblabel "mean rise"
plot st using "depth":"t_index":"mean_excess" with image notitle, \
     st using "depth":"t_index":(sprintf("%.2f", column("mean_excess"))) with labels font ",8" notitle
set origin 0.47, 0; set size 0.53, 0.86
set title "final test error on task 2 (thick: mean; band: min-max over seeds; thin dashed: seed 1)" font ",10"
set xlabel "T_{switch} (steps on task 1 before the switch)"
set ylabel "final test error on task 2"
set autoscale xy; set xtics auto; set ytics auto; set grid
set format x "%.0s%c"
set key outside right center title "depth" font ",9"
plot for [i = 1:nd] st using (strcol("depth") eq word(ds, i) ? column("t_switch") : NaN):"min_error":"max_error" with filledcurves fc rgb color(i) fs transparent solid 0.15 notitle, \
     for [i = 1:nd] f using (strcol("depth") eq word(ds, i) && strcol("seed") eq "1" ? column("t_switch") : NaN):"test_error" with lines lw 1.3 dt (6, 3) lc rgb color(i) notitle, \
     for [i = 1:nd] st using (strcol("depth") eq word(ds, i) ? column("t_switch") : NaN):"mean_error" with linespoints pt 7 ps 0.7 lw 2 lc rgb color(i) title "D = ".word(ds, i), \
     st using (column("n_converged") < column("n_seeds") ? column("t_switch") : NaN):"mean_error" with points pt 6 ps 2.2 lw 2 lc rgb "black" title (nbad > 0 ? "not converged on some seed" : "")
unset multiplot
