# SPEC mc_subset_depth. Usage: gnuplot -c figures/mc_subset_depth.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "depth"; ycol = "excess_error"; keytitle = "depth D"; keyfmt = "D = %s"
ylabel = "Rel. Recon. Error = error(0) - error(T_{switch})\n(final test error; lower = more damage)"
# The paper's sign (SPEC mc_subset_depth; the authors' plotting script plots losses[0] - losses):
# a critical period goes down, the opposite of the claims' rise error(T_switch) - error(0).
sign = -1
figtitle = "Seeing only part of the data early: a critical period that grows with depth"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("rank %s; %s of the %s observed entries for T_{switch} steps, then all of them for %s steps; N %s, g %s", m("rank1"), m("n-deficit"), m("n"), m("continue-steps"), m("N"), m("g"))
load scriptdir.'mc_sweep.gp'
