# SPEC mc_rank. Usage: gnuplot -c figures/mc_rank.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "rank1"; ycol = "test_error"; keytitle = "rank of task 1"; keyfmt = "r_1 = %s"
figtitle = "The critical period depends on the rank of the pre-training task"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
ylabel = sprintf("final test error on task 2 (rank %s)", m("rank2"))
subtitle = sprintf("D %s, N %s, n %s, g %s; task 1 for T_{switch} steps, then task 2 (rank %s) for %s steps", m("depth"), m("N"), m("n"), m("g"), m("rank2"), m("continue-steps"))
load scriptdir.'mc_sweep.gp'
