# Deficit experiments on the two-pathway network (paper Figs 2, 11, 12): one panel per
# deficit start; K_a (x) and K_b (o) from gradient descent every `every` steps for every
# mode (each mode at its own phase of `every`, so that modes with the same target, whose
# curves coincide, keep their markers apart), the per-mode ODE dashed (linear networks
# only); without an ODE the gradient-descent values are joined, K_a solid, K_b dashed.
# The deficit window shaded. A mode's colour is a square in the key.
# Caller sets the style variables, figtitle and has_ode (0 or 1), after loading style.gp.
traj = data.'/trajectories.tsv'; modes = data.'/modes.tsv'
starts = system(sprintf("sed -n 's/^# deficit-starts: //p' '%s' | tr ',' ' '", traj))
len = int(meta(traj, 'deficit-length')); T = int(meta(traj, 'steps'))
nstart = words(starts)
every = 35; rec = int(meta(traj, 'record-every'))
stats modes using "s" nooutput; nmodes = int(STATS_records); smax = STATS_max
array starget[nmodes]
do for [m = 1:nmodes] { stats modes using (column("mode") == m ? column("s") : NaN) nooutput; starget[m] = STATS_max }
sel(t0) = column("deficit_start") == t0
phase(m) = rec * int((int(m) - 1) * (every / rec) / nmodes)
mark(t0) = sel(t0) && int(column("step")) % every == phase(column("mode"))
ode = has_ode ? \
  'traj using (sel(t0) ? column("step") : NaN):"Ka_ode":(color(column("mode"))) with lines dt 2 lw 1 lc rgb variable notitle, '. \
  'traj using (sel(t0) ? column("step") : NaN):"Kb_ode":(color(column("mode"))) with lines dt 2 lw 1 lc rgb variable notitle, ' : ''
odekey = has_ode ? 'NaN with lines dt 2 lc rgb "black" title "per-mode ODE", ' : ''
gdlines = has_ode ? '' : \
  'traj using (sel(t0) ? column("step") : NaN):"Ka_gd":(color(column("mode"))) with lines lw 1.2 lc rgb variable notitle, '. \
  'traj using (sel(t0) ? column("step") : NaN):"Kb_gd":(color(column("mode"))) with lines dt (5, 4) lw 1.2 lc rgb variable notitle, '
gdkey = has_ode ? \
  'NaN with points pt 2 ps 1 lc rgb "black" title "K_a, gradient descent", NaN with points pt 6 ps 0.9 lc rgb "black" title "K_b, gradient descent", ' : \
  'NaN with linespoints pt 2 ps 1 lw 1.2 lc rgb "black" title "K_a, gradient descent", NaN with linespoints dt (5, 4) pt 6 ps 0.9 lw 1.2 lc rgb "black" title "K_b, gradient descent", '

set multiplot layout 1, nstart title figtitle font ",13" margins 0.06, 0.875, 0.12, 0.86 spacing 0.05, 0
set xrange [0:T]; set yrange [-0.05*smax:1.08*smax]
set xlabel "Epoch (one full-batch gradient-descent step)"
set ylabel "singular value K_{x,{/Symbol a}} of pathway x (x = a, b)"
unset key
do for [i = 1:nstart] {
  t0 = int(word(starts, i))
  set title sprintf("pathway b frozen for steps %d-%d", t0, t0 + len) font ",11"
  set object 1 rect from t0, graph 0 to t0 + len, graph 1 fc rgb "#888888" fs transparent solid 0.2 noborder behind
  if (i > 1) { unset ylabel }
  if (i == nstart) {
    set key at screen 0.99, 0.5 right center vertical font ",9" samplen 2.5 spacing 1.2 title "mode {/Symbol a} (target s_{/Symbol a})"
  }
  plot @ode @gdlines \
       traj using (mark(t0) ? column("step") : NaN):"Ka_gd":(color(column("mode"))) \
         with points pt 2 ps 0.8 lc rgb variable notitle, \
       traj using (mark(t0) ? column("step") : NaN):"Kb_gd":(color(column("mode"))) \
         with points pt 6 ps 0.7 lc rgb variable notitle, \
       for [m = 1:nmodes] NaN with points pt 5 ps 1.3 lc rgb color(m) title sprintf("%d  (%.2f)", m, starget[m]), \
       @gdkey @odekey NaN with boxes fs transparent solid 0.2 noborder lc rgb "#888888" title "deficit window"
}
unset multiplot
