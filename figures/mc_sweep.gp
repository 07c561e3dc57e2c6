# A matrix-completion sweep (SPEC Part B) over seeds: final test error against the deficit
# length T_switch, one colour per value of the column `vary`. For every value: the mean over
# seeds (thick line with points), the min-max band over seeds (shaded), and seed 1 alone
# (thin dashed line: the single draw the paper shows). Caller sets the style variables and
# vary, ycol ("test_error" or "excess_error"), ylabel, figtitle, keytitle, keyfmt, subtitle,
# after loading style.gp and setting f (final_error.tsv); reads seed_stats.tsv beside it.
# A black ring marks a mean over seeds one of whose runs did not converge (n_converged <
# n_seeds; src/common/convergence.hpp): that point is not evidence.
# Optional: sign = -1 plots the negative of ycol (the authors' depth panels plot
# error(0) - error(T_switch), "Rel. Recon. Error", where a critical period goes down).
# The x axis is the authors' "Deficit Removal (Epoch)": an epoch is one full-batch step.
# Optional: paperdata (gnuplot -e "paperdata='dir'" before -c; a loaded script sees no
# ARGn), the same figure's data directory on the authors' draws (make <id> DRAWS=authors,
# out-authors/data/<id>). When it holds a final_error.tsv of the paper's draw (draws:
# authors) with the same curves, its seed-1 rows are drawn as black lines: the paper's own
# curves beside our seeds.
if (!exists("sign")) sign = 1
paperf = (exists("paperdata") && paperdata ne "") ? paperdata.'/final_error.tsv' : ""
if (paperf ne "" && system(sprintf("test -f '%s' && echo 1 || echo 0", paperf)) ne "1") paperf = ""
if (paperf ne "" && meta(paperf, "draws") ne "authors") paperf = ""
if (paperf ne "" && distinct(paperf, vary) ne distinct(f, vary)) paperf = ""
st = data.'/seed_stats.tsv'
sfx = (ycol eq "excess_error") ? "excess" : "error"
vals = distinct(st, vary)
nv = words(vals)
stats st using "n_seeds" nooutput; nseeds = int(STATS_max)
stats st using (column("n_seeds") - column("n_converged")) nooutput; nbad = int(STATS_sum)
drawtext = (meta(f, "draws") eq "authors") ? "the authors' random draws as in the paper (their step counts)" : \
           (meta(f, "draws") eq "authors-nomkl") ? "the authors' procedure on a PyTorch without MKL (their step counts)" : "our random draws"
seedline = (nseeds == 1) ? sprintf("one draw: seed 1 of %s", drawtext) : \
  sprintf("thick: mean over %d seeds (%s) of %s; band: min-max over the seeds; thin dashed: seed 1 alone", nseeds, meta(f, "seeds"), drawtext)
set title figtitle."\n{/*0.8 ".subtitle."}\n{/*0.8 ".seedline."}" font ",12"
set xlabel "Deficit Removal (Epoch): T_{switch}, full-batch steps before the switch"
set ylabel ylabel font ",9"
set key outside below center horizontal title keytitle font ",10" spacing 1.2 width 1
set xtics rotate by 0
set format x "%.0s%c"
set yrange [*:*]
set offsets 0, 0, graph 0.05, graph 0.05
set xzeroaxis lt 1 lc rgb "#999999"
plot for [i = 1:nv] st using (strcol(vary) eq word(vals, i) ? column("t_switch") : NaN):(sign * column("min_".sfx)):(sign * column("max_".sfx)) \
       with filledcurves fc rgb color(i) fs transparent solid 0.15 noborder notitle, \
     for [i = 1:nv] f using (strcol(vary) eq word(vals, i) && strcol("seed") eq "1" ? column("t_switch") : NaN):(sign * column(ycol)) \
       with lines lw 1.3 dt (6, 3) lc rgb color(i) notitle, \
     for [i = 1:nv] st using (strcol(vary) eq word(vals, i) ? column("t_switch") : NaN):(sign * column("mean_".sfx)) \
       with linespoints pt 7 ps 0.8 lw 2.5 lc rgb color(i) title sprintf(keyfmt, word(vals, i)), \
     for [i = 1:(paperf ne "" ? nv : 0)] (paperf ne "" ? paperf : f) using (strcol(vary) eq word(vals, i) && strcol("seed") eq "1" ? column("t_switch") : NaN):(sign * column(ycol)) \
       with linespoints pt 4 ps 0.7 lw 1.5 lc rgb "black" title (i == 1 ? "paper (authors' draw, seed 1)" : ""), \
     st using (column("n_converged") < column("n_seeds") ? column("t_switch") : NaN):(sign * column("mean_".sfx)) \
       with points pt 6 ps 2.2 lw 2 lc rgb "black" title (nbad > 0 ? "not converged on some seed" : ""), \
     NaN with lines lw 2.5 lc rgb "black" title (nseeds > 1 ? "mean" : ""), \
     NaN with filledcurves fc rgb "black" fs transparent solid 0.15 noborder title (nseeds > 1 ? "min-max" : ""), \
     NaN with lines lw 1.3 dt (6, 3) lc rgb "black" title (nseeds > 1 ? "seed 1" : "")
