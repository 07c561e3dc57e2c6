# Ours, twopath_lr (a study beyond the paper). Usage: gnuplot -c figures/twopath_lr.gp <data dir> <output base> <pdf|png>
# Pathway b's final share of mode 1 after an early deficit, against the learning rate, one
# colour per depth: mean over the seeds that did not diverge (line), min-max band, every seed
# (dots); the marker says how the loss behaved (filled: fell at every step on every seed;
# open triangle: rose at some step on some seed); a cross at the bottom: some seed diverged;
# a black ring: some seed did not converge (src/common/convergence.hpp; its share is left out).
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 9; H = 5.6
load scriptdir.'style.gp'
f = data.'/runs.tsv'; su = data.'/summary.tsv'
m(key) = meta(f, key)
ds = distinct(su, "depth"); nd = words(ds)
stats su using "n_seeds" nooutput; nseeds = int(STATS_max)
set title sprintf("Two pathways: does a larger step undo the early deficit? (ours)\n{/*0.8 The Fig 2 network (two linear pathways, width %s), trained by gradient descent on the network for time %s = lr x steps,}\n{/*0.8 pathway b frozen for the first %s of it (the paper: lr 0.01, 150 of 1000 steps); %d seeds.}\n{/*0.8 0.5 = both pathways share mode 1 equally (as without a deficit); near 0 = the deficit is permanent.}", m("hidden"), m("time"), m("deficit-time"), nseeds) font ",11"
set xlabel "learning rate"
set ylabel "pathway b's final share of mode 1, K_b / (K_a + K_b)"
set logscale x 2
set format x "%g"
set xtics (0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64)
set yrange [-0.1:1.05]
set ytics 0, 0.25, 1
set key outside right center font ",9" spacing 1.2
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#888888"
plot for [i = 1:nd] su using (strcol("depth") eq word(ds, i) ? column("lr") : NaN):"min_share":"max_share" with filledcurves fc rgb color(i) fs transparent solid 0.12 noborder notitle, \
     for [i = 1:nd] f using (strcol("depth") eq word(ds, i) && strcol("status") ne "diverged" ? column("lr") * (1 + 0.03 * (i - 2)) : NaN):"share" with points pt 7 ps 0.3 lc rgb color(i) notitle, \
     for [i = 1:nd] su using (strcol("depth") eq word(ds, i) ? column("lr") : NaN):"mean_share" with lines lw 2 lc rgb color(i) title "D = ".word(ds, i), \
     for [i = 1:nd] su using (strcol("depth") eq word(ds, i) && column("n_oscillating") == 0 && column("n_diverged") == 0 ? column("lr") : NaN):"mean_share" with points pt 7 ps 1.0 lc rgb color(i) notitle, \
     for [i = 1:nd] su using (strcol("depth") eq word(ds, i) && column("n_oscillating") > 0 && column("n_diverged") < column("n_seeds") ? column("lr") : NaN):"mean_share" with points pt 8 ps 1.3 lw 1.5 lc rgb color(i) notitle, \
     for [i = 1:nd] su using (strcol("depth") eq word(ds, i) && column("n_diverged") > 0 ? column("lr") : NaN):(-0.06 + 0.02 * (i - 2)) with points pt 2 ps 1.0 lw 1.5 lc rgb color(i) notitle, \
     su using (column("n_unconverged") > 0 ? column("lr") : NaN):"mean_share" with points pt 6 ps 2.2 lw 2 lc rgb "black" notitle, \
     NaN with points pt 7 ps 1.0 lc rgb "black" title "loss fell at every step", \
     NaN with points pt 6 ps 2.2 lw 2 lc rgb "black" title "some seed not converged (left out)", \
     NaN with points pt 8 ps 1.3 lw 1.5 lc rgb "black" title "loss rose at some step", \
     NaN with points pt 2 ps 1.0 lw 1.5 lc rgb "black" title "some seed diverged", \
     NaN with points pt 7 ps 0.3 lc rgb "black" title "each seed"
