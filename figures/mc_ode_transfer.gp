# SPEC mc_ode_transfer. Usage: gnuplot -c figures/mc_ode_transfer.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 4.6
panelcol = "n"; panelfmt = "n = %s observed entries"
load scriptdir.'style.gp'
r1 = meta(data.'/singular_values.tsv', 'rank1'); r2 = meta(data.'/singular_values.tsv', 'rank2')
tasks = (r1 eq r2) ? sprintf("two rank-%s tasks", r1) : sprintf("a rank-%s and a rank-%s task", r1, r2)
figtitle = sprintf("Transfer between %s: the ODE against gradient descent for fewer observations", tasks)
load scriptdir.'sv_ode.gp'
