# SPEC mc_ode_vs_gd. Usage: gnuplot -c figures/mc_ode_vs_gd.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 16; H = 4.6
load scriptdir.'style.gp'
t2 = int(meta(data.'/singular_values.tsv', 'task2-steps'))
panelcol = "total_steps"; panelfmt = "run of %s steps (the last ".(t2 % 1000 == 0 ? sprintf("%dk", t2 / 1000) : sprintf("%d", t2))." on task 2)"
figtitle = "The singular-value ODE tracks gradient descent through the task switch"
load scriptdir.'sv_ode.gp'
