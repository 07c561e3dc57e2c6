# Ours, mc_plasticity (docs/plasticity.md). Usage: gnuplot -c figures/mc_plasticity.gp <data dir> <output base> <pdf|png>
# The subset deficit with the deficit's pattern (rows: random, block-diagonal), the task's rank
# and the initialization (columns) and the depth (colours). Rows 1-2: the rise
# error(T_switch) - error(0) against T_switch (thick: mean over seeds; band: min-max; thin
# dashed: seed 1). Rows 3-4: the threshold rank of W of every seed, at the switch (open
# circles) and at the end (filled), against T_switch (at T_switch = 0 the switch is the
# initialization, whose rank is off the scale). A curve is found by its columns: pattern, init,
# rank1 and depth (the figure's group, pipeline/experiments.txt).
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 16; H = 13
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
ranks = distinct(f, "rank1"); depths = distinct(f, "depth")
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
pname(p) = p == 0 ? "random" : "block-diagonal"
iname(i) = i == 0 ? "Gaussian" : "diagonal"
# Whether the current row is the curve (pattern p, init i, rank r, depth D).
is(p, i, r, D) = strcol("pattern") eq (p == 0 ? "random" : "block") && strcol("init") eq (i == 0 ? "gaussian" : "diagonal") \
  && int(column("rank1")) == r && int(column("depth")) == D
set multiplot layout 4, 4 title sprintf("Depth and plasticity: a subset deficit with a random (connected) or a block-diagonal (disconnected) pattern (ours)\n{/*0.8 %s of %s observed entries for T_{switch} steps (random, or inside %s diagonal blocks), then all %s for %s steps; N %s, g %s, lr %s; %d seeds (%s). Threshold rank: singular values above %s of the largest.}", m("n-deficit"), m("n"), word(distinct(f, "blocks"), words(distinct(f, "blocks"))), m("n"), m("continue-steps"), m("N"), m("g"), m("lr"), nseeds, m("seeds"), m("erank-fraction")) font ",12"
set format x "%.0s%c"
set xtics 25000
# A fixed x range and a zero line keep a panel drawable when its curves are not collected.
tmax = word(distinct(f, "t_switch"), words(distinct(f, "t_switch"))) + 0
set xrange [-0.03 * tmax:1.05 * tmax]
set key top left font ",8" samplen 2
do for [p = 0:1] {
  do for [ri = 1:words(ranks)] {
    do for [i = 0:1] {
      r = int(word(ranks, ri))
      set title sprintf("%s deficit, rank %d, %s init", pname(p), r, iname(i)) font ",9"
      set xlabel "T_{switch}" offset 0, 0.5
      set ylabel "rise error(T) - error(0)" offset 1, 0
      plot for [di = 1:words(depths)] st using (is(p, i, r, int(word(depths, di))) ? column("t_switch") : NaN):"min_excess":"max_excess" \
             with filledcurves fc rgb color(di) fs transparent solid 0.15 noborder notitle, \
           for [di = 1:words(depths)] f using (is(p, i, r, int(word(depths, di))) && strcol("seed") eq "1" ? column("t_switch") : NaN):"excess_error" \
             with lines lw 1 dt (6, 3) lc rgb color(di) notitle, \
           for [di = 1:words(depths)] st using (is(p, i, r, int(word(depths, di))) ? column("t_switch") : NaN):"mean_excess" \
             with linespoints pt 7 ps 0.5 lw 2 lc rgb color(di) title "D = ".word(depths, di), \
           0 with lines lc rgb "#999999" lw 0.5 notitle
    }
  }
}
do for [p = 0:1] {
  do for [ri = 1:words(ranks)] {
    do for [i = 0:1] {
      r = int(word(ranks, ri))
      set title sprintf("%s deficit, rank %d, %s init: rank of W", pname(p), r, iname(i)) font ",9"
      set ylabel "threshold rank of W" offset 1, 0
      # At T_switch = 0 the "switch" is the initialization (rank up to N): off this scale.
      set yrange [0:4 * r + 2]
      plot for [di = 1:words(depths)] f using (is(p, i, r, int(word(depths, di))) ? column("t_switch") + 1500 * (di - 2) : NaN):"rank_switch" \
             with points pt 6 ps 0.6 lc rgb color(di) title (di == 1 ? "at the switch (open)" : ""), \
           for [di = 1:words(depths)] f using (is(p, i, r, int(word(depths, di))) ? column("t_switch") + 1500 * (di - 2) : NaN):"rank_end" \
             with points pt 7 ps 0.5 lc rgb color(di) title (di == 1 ? "at the end (filled)" : ""), \
           r with lines lc rgb "#999999" dt 2 lw 0.8 title "the task's rank"
      set autoscale y
    }
  }
}
unset multiplot
