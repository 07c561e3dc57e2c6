# Phase portraits of the per-mode two-pathway ODE (paper Figs 1 and 7): one column per
# depth, early deficit on top, late deficit below. Caller sets the style variables and
# figtitle, regime ("large" or "small"), after loading style.gp.
ends = data.'/endpoints.tsv'; traj = data.'/trajectories.tsv'; shares = data.'/shares.tsv'
flow = data.'/flow.tsv'; arrows = data.'/arrows.tsv'
s = real(meta(ends, 's'))
depths = system(sprintf("sed -n 's/^# depths: //p' '%s' | tr ',' ' '", ends))
ndep = words(depths)
nsteps = int(meta(ends, 'steps')); nruns = int(meta(ends, 'runs'))
# The deficit window on each trajectory (a phase portrait has no time axis): the part of the
# trajectory while b is frozen is drawn thick red, with a red dot where b is released. A
# window of a few steps, or one after the trajectory has settled, is then a dot alone.
w0early = int(meta(ends, 'early-start')); wnearly = int(meta(ends, 'early-length'))
w0late = int(meta(ends, 'late-start')); wnlate = int(meta(ends, 'late-length'))
win(def) = def eq "early" ? w0early : w0late
wlen(def) = def eq "early" ? wnearly : wnlate
inwin(def) = column("step") >= win(def) && column("step") <= win(def) + wlen(def)
early = sprintf("early deficit: b frozen for steps %d-%d", win("early"), win("early") + wlen("early"))
late = sprintf("late deficit: b frozen for steps %d-%d", win("late"), win("late") + wlen("late"))
figtitle = figtitle.sprintf("\n{/*0.75 red: the trajectory while pathway b is frozen, dot: where b is released; early: steps %d-%d, late: steps %d-%d, of %d steps}", \
  win("early"), win("early") + wlen("early"), win("late"), win("late") + wlen("late"), nsteps)

set multiplot layout 2, ndep title figtitle font ",14" margins 0.07, 0.98, 0.09, 0.88 spacing 0.045, 0.1
set size ratio -1
set xrange [0:s]; set yrange [0:s]
set xtics s/5; set ytics s/5
do for [row = 1:2] {
  def = row == 1 ? "early" : "late"
  do for [i = 1:ndep] {
    D = int(word(depths, i))
    stats shares using (strcol("deficit") eq def && column("depth") == D ? column("mean_b_share") : NaN) nooutput
    share = STATS_max
    # One run (Fig 7: one deterministic trajectory from p_a = p_b) has no mean to speak of.
    set title (nruns == 1 ? sprintf("D = %d, %s    final K_b/(K_a+K_b) = %.2f", D, def, share) : \
      sprintf("D = %d, %s    mean over %d runs of final K_b/(K_a+K_b) = %.2f", D, def, nruns, share)) font ",10"
    set xlabel "pathway a singular value K_a"
    set ylabel (i == 1 ? (row == 1 ? early : late)."\npathway b singular value K_b" : "pathway b singular value K_b")
    if (row == 1 && i == ndep) { set key top right opaque box font ",8" samplen 2 } else { unset key }
    plot flow using (column("depth") == D ? column("Ka") : NaN):"Kb" with lines lc rgb "#A23BEC" lw 0.6 title "no-deficit flow", \
         arrows using (column("depth") == D ? column("Ka") : NaN):"Kb":"dKa":"dKb" with vectors head size 0.12,25 filled lc rgb "#A23BEC" lw 0.6 notitle, \
         traj using (strcol("deficit") eq def && column("depth") == D ? column("Ka") : NaN):"Kb" with lines lc rgb "black" lw 0.8 title "trajectories", \
         s - x with lines lc rgb "#1f3cff" lw 1.5 title "K_a + K_b = s", \
         traj using (strcol("deficit") eq def && column("depth") == D && inwin(def) ? column("Ka") : NaN):"Kb" with lines lc rgb "#d62728" lw 3 title "b frozen (deficit)", \
         traj using (strcol("deficit") eq def && column("depth") == D && column("step") == win(def) + wlen(def) ? column("Ka") : NaN):"Kb" \
           with points pt 7 ps 1.2 lc rgb "#d62728" title "b released"
  }
}
unset multiplot
