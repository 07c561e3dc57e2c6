# SPEC mc_seeds. Usage: gnuplot -c figures/mc_seeds.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "seed"; ycol = "test_error"; keytitle = "seed"; keyfmt = "seed %s"
ylabel = "final test error on task 2"
figtitle = "The critical period across seeds: every draw, their mean and min-max band"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
subtitle = sprintf("D %s, rank %s -> %s, N %s, n %s, g %s; every seed draws new tasks, entries and initialization (%s)", m("depth"), m("rank1"), m("rank2"), m("N"), m("n"), m("g"), (m("draws") eq "authors") ? "the authors' random draws, their step counts" : "our random draws")
vals = distinct(f, "seed")
nv = words(vals)
set title figtitle."\n{/*0.8 ".subtitle."}" font ",12"
set xlabel "Deficit Removal (Epoch): T_{switch}, full-batch steps before the switch"
set ylabel ylabel
set format x "%.0s%c"
set key outside right center vertical title keytitle font ",10" spacing 1.3
plot st using "t_switch":"min_error":"max_error" with filledcurves fc rgb "#bbbbbb" fs transparent solid 0.4 title "min-max", \
     for [i = 1:nv] f using (strcol("seed") eq word(vals, i) ? column("t_switch") : NaN):"test_error" \
       with linespoints pt 7 ps 0.5 lw 1 dt 2 lc rgb color(i) title sprintf("seed %s", word(vals, i)), \
     st using "t_switch":"mean_error" with linespoints pt 7 ps 0.9 lw 3 lc rgb "black" title "mean"
