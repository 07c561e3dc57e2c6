# SPEC mc_nobs. Usage: gnuplot -c figures/mc_nobs.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "n"; ycol = "test_error"; keytitle = "observed entries"; keyfmt = "n = %s"
ylabel = "final test error on task 2"
figtitle = "The critical period depends on the number of observations"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("D %s, rank %s -> %s, N %s, g %s; task 1 for T_{switch} steps, then task 2 for %s steps", m("depth"), m("rank1"), m("rank2"), m("N"), m("g"), m("continue-steps"))
load scriptdir.'mc_sweep.gp'
