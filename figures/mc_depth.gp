# SPEC mc_depth (paper Sec. 4). Usage: gnuplot -c figures/mc_depth.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "depth"; ycol = "excess_error"; keytitle = "depth D"; keyfmt = "D = %s"
ylabel = "Rel. Recon. Error = error(0) - error(T_{switch})\n(final task-2 test error; lower = more damage)"
# The paper's sign (SPEC mc_depth; the authors' plotting script plots losses[0] - losses):
# a critical period goes down, the opposite of the claims' rise error(T_switch) - error(0).
sign = -1
figtitle = "Deeper factorizations have a critical period for pre-training"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; N %s, n %s, g %s, lr %s", m("rank1"), m("rank2"), m("continue-steps"), m("N"), m("n"), m("g"), m("lr"))
load scriptdir.'mc_sweep.gp'
