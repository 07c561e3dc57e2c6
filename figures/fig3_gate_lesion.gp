# Paper Fig 3. Usage: gnuplot -c figures/fig3_gate_lesion.gp <data dir> <output base> <pdf|png>
# Left: modes 1-5 of both pathways (GD markers, ODE dashed) with the gate shaded.
# Right: the final K_a and K_b = U^T W V (15 by 8) as heat maps.
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 15; H = 5.2
load scriptdir.'style.gp'
traj = data.'/trajectories.tsv'; modes = data.'/modes.tsv'
len = int(meta(traj, 'deficit-length')); T = int(meta(traj, 'steps')); lesion = int(meta(traj, 'lesion-mode'))
every = 35; nshow = 5; rec = int(meta(traj, 'record-every'))
array starget[nshow]
do for [m = 1:nshow] { stats modes using (column("mode") == m ? column("s") : NaN) nooutput; starget[m] = STATS_max }
show(m) = int(m) <= nshow
# Modes with the same target s (3 and 4 of the paper's task: both 1.73) follow the same curve:
# twin[m] is the next shown mode with m's target (0: none). Such a mode's ODE is drawn as a
# wide translucent band under its twin's dashes, and each mode's markers sit at its own phase of `every` steps, so both
# stay visible; the key says they coincide.
array twin[nshow]
do for [m = 1:nshow] { twin[m] = 0; do for [k = nshow:m + 1:-1] { if (abs(starget[k] - starget[m]) <= 1e-6 * starget[m]) { twin[m] = k } } }
odelw(m) = twin[int(m)] > 0 ? 6 : 1.2
odedt(m) = twin[int(m)] > 0 ? 1 : 2
odelc(m) = twin[int(m)] > 0 ? color(m) + 0x99000000 : color(m)
phase(m) = rec * int((int(m) - 1) * (every / rec) / nshow)
mark(m) = show(m) && int(column("step")) % every == phase(m)
modetitle(m) = sprintf("%d (%.2f)%s%s", m, starget[m], m == lesion ? ", lesioned from a" : "", \
  twin[m] > 0 ? sprintf(" = %d, same s (band)", twin[m]) : "")

set multiplot title sprintf("Fig 3: pathway b gated for steps 0-%d and mode %d lesioned from pathway a - mode %d ends in pathway b, all others in pathway a (D = %s)", len, lesion, lesion, meta(traj, 'depth')) font ",12"
# Left panel: trajectories.
set origin 0, 0; set size 0.52, 0.93
set lmargin 9; set rmargin 30
set xrange [0:T]; set yrange [-0.1:4.2]
set xlabel "Epoch (one full-batch gradient-descent step)"; set ylabel "singular value K_{x,{/Symbol a}}"
set title "modes 1-5: K_a (x) and K_b (o) from gradient descent; the per-mode ODE dashed" font ",10"
set object 1 rect from 0, graph 0 to len, graph 1 fc rgb "#888888" fs transparent solid 0.2 noborder behind
set key at graph 1.02, 0.5 left center vertical Left reverse font ",9" samplen 2 spacing 1.1 title "mode (target s)" left
plot for [m = 1:nshow] traj using (column("mode") == m ? column("step") : NaN):"Ka_ode" with lines dt odedt(m) lw odelw(m) lc rgb odelc(m) notitle, \
     for [m = 1:nshow] traj using (column("mode") == m ? column("step") : NaN):"Kb_ode" with lines dt odedt(m) lw odelw(m) lc rgb odelc(m) notitle, \
     traj using (mark(column("mode")) ? column("step") : NaN):"Ka_gd":(color(column("mode"))) with points pt 2 ps 0.8 lc rgb variable notitle, \
     traj using (mark(column("mode")) ? column("step") : NaN):"Kb_gd":(color(column("mode"))) with points pt 6 ps 0.8 lc rgb variable notitle, \
     for [m = 1:nshow] NaN with points pt 5 ps 1.3 lc rgb color(m) title modetitle(m), \
     NaN with points pt 2 lc rgb "black" title "K_a (GD)", NaN with points pt 6 ps 0.8 lc rgb "black" title "K_b (GD)", \
     NaN with lines dt 2 lc rgb "black" title "ODE", NaN with boxes fs transparent solid 0.2 noborder lc rgb "#888888" title "gate on b"
unset object 1; unset key
# Right panels: final K matrices.
set palette defined (-1 "#2166ac", 0 "#f7f7f7", 1 "#b2182b")
stats data.'/final_Ka.tsv' using "K" nooutput; kmax = STATS_max
stats data.'/final_Kb.tsv' using "K" nooutput; kmax = (STATS_max > kmax ? STATS_max : kmax)
set cbrange [-kmax:kmax]
set xrange [0.5:8.5]; set yrange [15.5:0.5]
set xtics 1 scale 0; set ytics 1 scale 0; unset grid
set xlabel "input mode (column of K)"; set ylabel "output mode (row of K)"
set lmargin 6; set rmargin 2
set origin 0.53, 0; set size 0.2, 0.93
set title "final K_a = U^T W_a V" font ",10"
unset colorbox
plot data.'/final_Ka.tsv' using "col":"row":"K" with image notitle
set origin 0.74, 0; set size 0.255, 0.93
set title "final K_b = U^T W_b V" font ",10"
set rmargin 9
set colorbox; set cblabel "K entry"
plot data.'/final_Kb.tsv' using "col":"row":"K" with image notitle
unset multiplot
