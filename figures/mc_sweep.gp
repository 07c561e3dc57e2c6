# A matrix-completion sweep (SPEC Part B): final test error against the deficit length
# T_switch, one curve per value of the column `vary`. Caller sets the style variables and
# vary, ycol ("test_error" or "excess_error"), ylabel, figtitle, keytitle, keyfmt, subtitle,
# after loading style.gp and setting f (the final_error.tsv).
vals = distinct(f, vary)
nv = words(vals)
set title figtitle."\n{/*0.8 ".subtitle."}" font ",12"
set xlabel "deficit length T_{switch} (gradient-descent steps before the switch)"
set ylabel ylabel
set key outside right center vertical title keytitle font ",10" spacing 1.3
set xtics rotate by 0
set format x "%.0s%c"
set yrange [*:*]
set offsets 0, 0, graph 0.05, graph 0.05
set xzeroaxis lt 1 lc rgb "#999999"
plot for [i = 1:nv] f using (strcol(vary) eq word(vals, i) ? column("t_switch") : NaN):ycol \
     with linespoints pt 7 ps 0.8 lw 2 lc rgb color(i) title sprintf(keyfmt, word(vals, i))
