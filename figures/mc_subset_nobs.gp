# SPEC mc_subset_nobs. Usage: gnuplot -c figures/mc_subset_nobs.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "n"; ycol = "test_error"; keytitle = "entries after the deficit"; keyfmt = "n = %s"
ylabel = "final test error (mean of (W - M)^2)"
figtitle = "Subset deficit: the critical period and the number of observations"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("D %s, rank %s; %s of the n observed entries for T_{switch} steps, then all n for %s steps; N %s, g %s", m("depth"), m("rank1"), m("n-deficit"), m("continue-steps"), m("N"), m("g"))
load scriptdir.'mc_sweep.gp'
