# SPEC Part C, mc_transfer_overlap (ours). Usage: gnuplot -c figures/mc_transfer_overlap.gp <data dir> <output base> <pdf|png>
# Left: heat map of the final task-2 error (mean over seeds) over (shared directions k,
# T_switch). Right: the same as curves, one per k.
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 5.6
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
ts = distinct(st, "t_switch")
ks = distinct(st, "shared")
nt = words(ts); nk = words(ks)
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
set multiplot title sprintf("How pre-training transfers depends on what the tasks share (ours)\n{/*0.8 Task 1 has rank %s; task 2 has rank %s, of which k singular directions (left and right) are task 1's top k and the rest are orthogonal to task 1. Train task 1 for T_{switch} steps,}\n{/*0.8 then task 2 for %s steps; colour/height = final test error on task 2, mean over %d seeds. Shared directions transfer; foreign ones are damaged by long pre-training. D %s, N %s, n %s, g %s.}", m('rank1'), m('rank2'), m('continue-steps'), nseeds, m('depth'), m('N'), m('n'), m('g')) font ",11"
set origin 0, 0; set size 0.47, 0.87
set title "final task-2 error (mean over seeds)" font ",10"
set xlabel "shared directions k"
set ylabel "T_{switch} (steps on task 1)"
set xrange [-0.5:nk - 0.5]; set yrange [-0.5:nt - 0.5]
set xtics 1 scale 0; set ytics () scale 0
do for [i = 1:nt] { set ytics add (word(ts, i) i - 1) }
unset grid
set palette defined (0 "#ffffcc", 0.5 "#fd8d3c", 1 "#800026")
set cblabel "test error"
plot st using "shared":"t_index":"mean_error" with image notitle, \
     st using "shared":"t_index":(sprintf("%.2f", column("mean_error"))) with labels font ",8" notitle
set origin 0.5, 0; set size 0.5, 0.87
set title "the same as curves (thick: mean; band: min-max over seeds; thin dashed: seed 1)" font ",10"
set xlabel "T_{switch} (steps on task 1 before the switch)"
set ylabel "final test error on task 2"
set autoscale xy; set xtics auto; set ytics auto; set grid
set format x "%.0s%c"
set key outside right center title "k shared" font ",9"
plot for [i = 1:nk] st using (strcol("shared") eq word(ks, i) ? column("t_switch") : NaN):"min_error":"max_error" with filledcurves fc rgb color(i) fs transparent solid 0.15 notitle, \
     for [i = 1:nk] f using (strcol("shared") eq word(ks, i) && strcol("seed") eq "1" ? column("t_switch") : NaN):"test_error" with lines lw 1.3 dt (6, 3) lc rgb color(i) notitle, \
     for [i = 1:nk] st using (strcol("shared") eq word(ks, i) ? column("t_switch") : NaN):"mean_error" with linespoints pt 7 ps 0.7 lw 2 lc rgb color(i) title "k = ".word(ks, i)
unset multiplot
