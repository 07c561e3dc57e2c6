# Paper Fig 12. Usage: gnuplot -c figures/fig12_nonlinear_relu.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 15; H = 5.5
has_ode = 0
load scriptdir.'style.gp'
figtitle = sprintf("Fig 12: two ReLU pathways (D = %s, ReLU after every layer) - the early deficit still leaves pathway a dominant", meta(data.'/trajectories.tsv', 'depth'))
load scriptdir.'multipath.gp'
