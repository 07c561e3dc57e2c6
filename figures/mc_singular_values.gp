# SPEC mc_singular_values. Usage: gnuplot -c figures/mc_singular_values.gp <data dir> <output base> <pdf|png>
# One panel per switch time: the top singular values of W = W_D ... W_1 against the step.
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 10
load scriptdir.'style.gp'
f = data.'/singular_values.tsv'
ts = system(sprintf("sed -n 's/^# switch-times: //p' '%s' | tr ',' ' '", f))
cont = int(meta(f, 'continue-steps'))
nt = words(ts)
stats f using "index" nooutput; nsv = int(STATS_max)
stats f using "sv" nooutput; ymax = STATS_max
rows = int(ceil(nt / 3.0))
set multiplot layout rows, 3 title sprintf("Singular values of W learned on task 1 (rank %s) are not fully unlearned on task 2 (rank %s)\n{/*0.8 top %d singular values of W = W_%s ... W_1 against the step (darkest = largest); dashed line: the switch; N %s, n %s, g %s; one draw (seed %s of %s), as in the paper}", meta(f, 'rank1'), meta(f, 'rank2'), nsv, meta(f, 'depth'), meta(f, 'N'), meta(f, 'n'), meta(f, 'g'), meta(f, 'seed'), (meta(f, 'draws') eq 'authors') ? "the authors' random draws" : "our random draws") font ",12"
set yrange [0:1.05*ymax]
set format x "%.0s%c"
set ylabel "singular value"
set xlabel "Epoch (one full-batch gradient-descent step)"
unset key
# summer-like colours: index 1 dark green ... index nsv yellow
do for [k = 1:nt] {
  T = int(word(ts, k))
  set title sprintf("T_{switch} = %d", T) font ",10"
  set xrange [0:T + cont]
  set arrow 1 from T, graph 0 to T, graph 1 nohead dt 2 lc rgb "gray40" lw 1.5
  plot f using (column("t_switch") == T ? column("step") : NaN):"sv":(svcolor(column("index"), nsv)) with lines lw 1.5 lc rgb variable
}
unset multiplot
