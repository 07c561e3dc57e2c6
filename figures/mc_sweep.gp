# A matrix-completion sweep (SPEC Part B) over seeds: final test error against the deficit
# length T_switch, one colour per value of the column `vary`. For every value: the mean over
# seeds (thick line with points), the min-max band over seeds (shaded), and seed 1 alone
# (thin dashed line: the single draw the paper shows). Caller sets the style variables and
# vary, ycol ("test_error" or "excess_error"), ylabel, figtitle, keytitle, keyfmt, subtitle,
# after loading style.gp and setting f (final_error.tsv); reads seed_stats.tsv beside it.
# A ring in the curve's colour marks a mean over seeds one of whose runs did not converge
# (n_converged < n_seeds; src/common/convergence.hpp): that point is not evidence. The rings
# of curve i have size growing with i, so rings of several curves at one point (T_switch = 0,
# where every excess is 0) stay apart; the key names every curve with such runs.
# Optional: sign = -1 plots the negative of ycol (the authors' depth panels plot
# error(0) - error(T_switch), "Rel. Recon. Error", where a critical period goes down; the
# caller's ylabel then says in words that lower is more damage).
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
# Per curve: its runs that did not converge (nbadc) of all its runs (nrunc), for the key.
array nbadc[nv]; array nrunc[nv]
do for [i = 1:nv] {
  stats st using (strcol(vary) eq word(vals, i) ? column("n_seeds") - column("n_converged") : 0) nooutput; nbadc[i] = int(STATS_sum)
  stats st using (strcol(vary) eq word(vals, i) ? column("n_seeds") : 0) nooutput; nrunc[i] = int(STATS_sum)
}
ringsize(i) = 2.0 + 1.0 * (i - 1)
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
     for [i = 1:nv] st using (strcol(vary) eq word(vals, i) && column("n_converged") < column("n_seeds") ? column("t_switch") : NaN):(sign * column("mean_".sfx)) \
       with points pt 6 ps ringsize(i) lw 2 lc rgb color(i) \
       title (nbadc[i] > 0 ? sprintf("%s: %d of %d runs not converged", sprintf(keyfmt, word(vals, i)), nbadc[i], nrunc[i]) : ""), \
     NaN with linespoints pt 7 ps 0.8 lw 2.5 lc rgb "gray50" title (nseeds > 1 ? "mean over seeds (colour of its curve)" : ""), \
     NaN with filledcurves fc rgb "gray50" fs transparent solid 0.15 noborder title (nseeds > 1 ? "min-max over seeds" : ""), \
     NaN with lines lw 1.3 dt (6, 3) lc rgb "gray50" title (nseeds > 1 ? "seed 1 alone" : "")
