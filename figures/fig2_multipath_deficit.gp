# Paper Fig 2. Usage: gnuplot -c figures/fig2_multipath_deficit.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 15; H = 5.5
has_ode = 1
load scriptdir.'style.gp'
figtitle = sprintf("Fig 2: two deep linear pathways (D = %s) under a deficit to pathway b - early deficits are permanent, gradient descent follows the ODE", meta(data.'/trajectories.tsv', 'depth'))
load scriptdir.'multipath.gp'
