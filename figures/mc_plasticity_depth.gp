# Ours, mc_plasticity_depth and mc_plasticity_depth_n100 (docs/plasticity.md): the depth
# comparison with the seed counts fixed before the runs. Usage:
#   gnuplot -c figures/mc_plasticity_depth.gp <data dir> <output base> <pdf|png>
# One panel per deficit pattern present: the rise error(T) - error(0) at the longest switch
# time against the depth, every seed a small point (seeds joined across depths by a thin
# line: the comparisons are paired by seed), the mean over seeds a large point with the 95%
# bootstrap interval of the mean (seed_stats.tsv). A curve is found by its columns (pattern,
# depth: the figure's group columns). A black ring marks a seed whose rise is not evidence (its
# run at T_switch 0 or at the longest switch time was still learning at its end) and the mean
# of a depth holding one.
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 16; H = 8
load scriptdir.'style.gp'
f = data.'/final_error.tsv'; st = data.'/seed_stats.tsv'
m(key) = meta(f, key)
depths = distinct(f, "depth"); seeds = distinct(f, "seed")
times = distinct(f, "t_switch"); tmax = word(times, words(times)) + 0
dmin = word(depths, 1) + 0; dmax = word(depths, words(depths)) + 0
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
pname(p) = p == 0 ? "random" : "block-diagonal"
# The pattern of the current row: 0 random, 1 block.
pat(x) = strcol("pattern") eq "block" ? 1 : 0
pats = distinct(f, "pattern"); has0 = 0; has1 = 0
do for [pi = 1:words(pats)] { if (word(pats, pi) eq "block") { has1 = 1 } else { has0 = 1 } }
npat = has0 + has1
# A seed's rise at tmax is evidence only if its runs at T_switch 0 and tmax both converged
# (docs/validity.md). notev: columns pattern, depth, rise, a row per seed for which either is not;
# badcells: " pattern:depth " of the cells holding such a seed (their mean gets a ring too).
notev = sprintf("< awk -F'\t' -v T=%d '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next} \
  {k = $c[\"pattern\"] \" \" $c[\"depth\"] \" \" $c[\"seed\"]; t = $c[\"t_switch\"] + 0} \
  t == T {y[k] = $c[\"excess_error\"]} (t == T || t == 0) && $c[\"status\"] != \"converged\" {bad[k] = 1} \
  END {print \"pattern\\tdepth\\trise\"; for (k in bad) if (k in y) {split(k, a, \" \"); print a[1] \"\\t\" a[2] \"\\t\" y[k]}}' '%s'", tmax, f)
badcells = system(sprintf("%s | awk 'NR > 1 {printf \" %%s:%%s \", $1, $2}'", notev[3:*]))
nnotev = int(system(sprintf("%s | awk 'NR > 1' | wc -l", notev[3:*])))
nbad(pattern) = int(system(sprintf("%s | awk -F'\t' -v p=%s 'NR > 1 && $1 == p' | wc -l", notev[3:*], pattern)))
# The plot of panel p (macros, defined before the loop that expands them).
panel = 'for [si = 1:words(seeds)] f using (column("t_switch") == tmax && pat(0) == p && strcol("seed") eq word(seeds, si) ? column("depth") : NaN):"excess_error"'. \
  ' with linespoints pt 7 ps 0.5 lw 0.5 lc rgb "#999999" notitle,'. \
  ' st using (column("t_switch") == tmax && pat(0) == p ? column("depth") : NaN):"mean_excess":"ci_lo_excess":"ci_hi_excess"'. \
  ' with yerrorbars pt 7 ps 1.0 lw 2 lc rgb color(2) title "mean over seeds, 95% CI",'. \
  ' 0 with lines lc rgb "#999999" lw 0.5 notitle'
rings = 'notev using (strcol("pattern") eq (p == 0 ? "random" : "block") ? column("depth") : NaN):"rise"'. \
  ' with points pt 6 ps 0.9 lw 1.5 lc rgb "black" title sprintf("seed with a run still learning at its end: not evidence (%d in the figure)", nnotev),'. \
  ' st using (column("t_switch") == tmax && pat(0) == p && strstrt(badcells, sprintf(" %s:%d ", strcol("pattern"), column("depth"))) > 0 ? column("depth") : NaN):"mean_excess"'. \
  ' with points pt 6 ps 2.2 lw 2 lc rgb "black" title "mean over a cell holding such a seed"'
set multiplot layout 1, npat title sprintf("Depth and plasticity in the paper's setting (ours): rank %s, %s init, N %s, %s of %s entries during the deficit\n{/*0.8 rise at T_{switch} %d (final error after %s steps on all entries, minus without a deficit); %d seeds (%s); large points: mean and 95%% bootstrap interval}", m("rank1"), m("init"), m("N"), m("n-deficit"), m("n"), tmax, m("continue-steps"), nseeds, m("seeds")) font ",11"
set xrange [dmin - 0.4:dmax + 0.4]
set xtics 1
set xlabel "depth D"
set ylabel "rise error(T) - error(0)"
set key top left font ",8"
do for [p = 0:1] {
  if ((p == 0 && has0) || (p == 1 && has1)) {
  set title sprintf("%s deficit", pname(p)) font ",10"
  # The rings only in a panel that has such a seed (gnuplot warns about a plot without points).
  if (nbad(p == 0 ? "random" : "block") > 0) { plot @panel, @rings } else { plot @panel }
  }
}
unset multiplot
