# Ours, mc_onset (a study beyond the paper; docs/onset.md). Usage:
#   gnuplot -c figures/mc_onset.gp <data dir> <output base> <pdf|png>
# The rise of the final task-2 error, error(T_switch) - error(0), of eight configurations (depth,
# initialization g, learning rate, one factor at a time around depth 3, g 0.001, lr 0.2). Left:
# against T_switch in steps (the curves apart). Right: against T_switch in units of each
# configuration's predicted learning time t* of task 1 (column t_pred, which also tells the
# configurations apart), where the theory says they collapse. Thick: mean over seeds; band:
# min-max over seeds; a black ring: a point one of whose runs did not converge (not evidence).
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 6.2
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
vals = distinct(st, "t_pred")
nv = words(vals)
# One label per configuration, in the order of vals: "D 3, g 0.001, lr 0.2" (spaces as '_').
labels = system(sprintf("awk -F'\t' '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} NF && !s[$c[\"t_pred\"]]++ {print $c[\"t_pred\"], \"D_\" $c[\"depth\"] \",_g_\" $c[\"g\"] \",_lr_\" $c[\"lr\"]}' '%s' | sort -g | cut -d' ' -f2 | tr '\\n' ' '", f))
lab(i) = system(sprintf("echo '%s' | tr '_' ' '", word(labels, i)))
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
stats st using (column("n_seeds") - column("n_converged")) nooutput; nbad = int(STATS_sum)
set multiplot title sprintf("When does the critical period open? (ours)\n{/*0.8 Task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; N %s, n %s; %d seeds (%s), our draws. T_{switch} at the multiples %s of each configuration's t*.}\n{/*0.8 t* = predicted learning time of task 1 (docs/onset.md): N^2 ln(s/g) / (2 lr s) at depth 2, N^2 g^{-(D-2)/D} / ((D-2) lr s) at depth D >= 3, s = ||M_1||_F / sqrt(rank 1).}%s", m('rank1'), m('rank2'), m('continue-steps'), m('N'), m('n'), nseeds, m('seeds'), m('switch-at-multiples'), (nbad > 0 ? sprintf("\n{/*0.8 Black rings: %d seed-points whose run did not converge (not evidence).}", nbad) : "")) font ",11"
set xzeroaxis lt 1 lc rgb "#999999"
set ylabel "rise of the final task-2 error: error(T_{switch}) - error(0)"
set offsets 0, 0, graph 0.05, graph 0.05
set origin 0, 0; set size 0.5, 0.84
set title "against T_{switch} in steps (thick: mean; band: min-max over seeds)" font ",10"
set xlabel "T_{switch} (steps on task 1 before the switch)"
set format x "%.0s%c"
set key inside top left font ",8" spacing 1.1
plot for [i = 1:nv] st using (strcol("t_pred") eq word(vals, i) ? column("t_switch") : NaN):"min_excess":"max_excess" \
       with filledcurves fc rgb color(i) fs transparent solid 0.15 noborder notitle, \
     for [i = 1:nv] st using (strcol("t_pred") eq word(vals, i) ? column("t_switch") : NaN):"mean_excess" \
       with linespoints pt 7 ps 0.6 lw 2 lc rgb color(i) title sprintf("%s (t* %s)", lab(i), word(vals, i)), \
     st using (column("n_converged") < column("n_seeds") ? column("t_switch") : NaN):"mean_excess" \
       with points pt 6 ps 2.2 lw 2 lc rgb "black" title (nbad > 0 ? "not converged on some seed" : "")
set origin 0.5, 0; set size 0.5, 0.84
set title "against T_{switch} / t* (the theory's clock: the curves should collapse)" font ",10"
set xlabel "T_{switch} / t*"
set format x "%g"
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb "#555555"
set key inside top left font ",8"
plot for [i = 1:nv] st using (strcol("t_pred") eq word(vals, i) ? column("t_switch") / column("t_pred") : NaN):"min_excess":"max_excess" \
       with filledcurves fc rgb color(i) fs transparent solid 0.15 noborder notitle, \
     for [i = 1:nv] st using (strcol("t_pred") eq word(vals, i) ? column("t_switch") / column("t_pred") : NaN):"mean_excess" \
       with linespoints pt 7 ps 0.6 lw 2 lc rgb color(i) notitle, \
     st using (column("n_converged") < column("n_seeds") ? column("t_switch") / column("t_pred") : NaN):"mean_excess" \
       with points pt 6 ps 2.2 lw 2 lc rgb "black" notitle, \
     NaN with lines lc rgb "#555555" dt 2 title "T_{switch} = t*"
unset multiplot
