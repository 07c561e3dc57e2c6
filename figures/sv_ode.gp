# Singular-value ODE against gradient descent (SPEC mc_ode_vs_gd, mc_ode_transfer): one panel
# per value of `panelcol` (total_steps or n); GD as coloured lines, the ODE as black dashes,
# the switch to task 2 as a grey dashed line. Caller sets the style variables, figtitle,
# panelcol, panelfmt, after loading style.gp.
f = data.'/singular_values.tsv'
m(key) = meta(f, key)
vals = distinct(f, panelcol)
if (panelcol eq "n") { vals = system(sprintf("echo '%s' | tr ' ' '\\n' | sort -g -r | tr '\\n' ' '", vals)) }
np = words(vals)
task2 = int(m('task2-steps'))
stats f using "index" nooutput; nsv = int(STATS_max)
stats f using "sv_gd" nooutput; ymax = STATS_max
set multiplot layout 1, np title figtitle."\n{/*0.8 ".sprintf("top %d singular values of W = W_%s ... W_1; coloured: gradient descent on the network, black dashes: the ODE (darkest = largest); N %s, D %s, rank %s -> %s, lr %s, g %s", nsv, m('depth'), m('N'), m('depth'), m('rank1'), m('rank2'), m('eta'), m('g'))."}" font ",12" margins 0.05, 0.98, 0.12, 0.8 spacing 0.04, 0
set yrange [0:1.05*ymax]
set format x "%.0s%c"
set xlabel "Epoch (one full-batch gradient-descent step)"
set ylabel "singular value"
unset key
do for [k = 1:np] {
  v = word(vals, k)
  T = panelcol eq "total_steps" ? int(v) : int(m('totals'))
  # How many of the top values have risen (above 1% of the largest) at the switch: from a small
  # initialization task 1's values are learned one after another, so in a short task 1 the
  # rest are still near 0.
  sw = T - task2
  stats f using (strcol(panelcol) eq v && column("step") == sw && column("sv_gd") > 0.01 * ymax ? 1 : 0) nooutput; nup = int(STATS_sum)
  rank1 = int(m('rank1'))
  risen = nup >= rank1 ? sprintf("all %d of task 1's values have risen", rank1) : sprintf("%d of task 1's %d values have risen", nup, rank1)
  set title sprintf(panelfmt, v).(sw > 0 ? sprintf("\n{/*0.9 switch at step %d: %s}", sw, risen) : "\n{/*0.9 no task 1 (switch at step 0)}") font ",10"
  set xrange [0:T]
  set arrow 1 from T - task2, graph 0 to T - task2, graph 1 nohead dt 2 lc rgb "gray40" lw 1.5
  if (k == np) { set key top left font ",9" samplen 2 }
  plot f using (strcol(panelcol) eq v && column("index") <= nsv ? column("step") : NaN):"sv_gd":(svcolor(column("index"), nsv)) with lines lw 2 lc rgb variable notitle, \
       f using (strcol(panelcol) eq v ? column("step") : NaN):"sv_ode" with lines dt 2 lw 1.2 lc rgb "black" notitle, \
       NaN with lines lw 2 lc rgb svcolor(1, nsv) title "gradient descent", NaN with lines dt 2 lc rgb "black" title "singular-value ODE", \
       NaN with lines dt 2 lc rgb "gray40" title "switch to task 2"
  unset key
  unset ylabel
}
unset multiplot
