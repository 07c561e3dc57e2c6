# SPEC mc_ode_transfer. Usage: gnuplot -c figures/mc_ode_transfer.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 14; H = 4.6
panelcol = "n"; panelfmt = "n = %s observed entries"
figtitle = "Transfer between two rank-5 tasks: the ODE against gradient descent for fewer observations"
load scriptdir.'sv_ode.gp'
