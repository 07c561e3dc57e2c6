# SPEC mc_depth (paper Sec. 4). Usage: gnuplot -c figures/mc_depth.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "depth"; ycol = "excess_error"; keytitle = "depth D"; keyfmt = "D = %s"
ylabel = "Rel. Recon. Error\nerror(0) - error(T_{switch}) (final test error on task 2, mean of (W - M_2)^2)"
sign = -1  # as the authors' panel: a critical period goes down
figtitle = "Deeper factorizations have a critical period for pre-training"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; N %s, n %s, g %s, lr %s", m("rank1"), m("rank2"), m("continue-steps"), m("N"), m("n"), m("g"), m("lr"))
load scriptdir.'mc_sweep.gp'
