# Paper Fig 1. Usage: gnuplot -c figures/fig1_phase_large.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 16; H = 8.6
load scriptdir.'style.gp'
ends = data.'/endpoints.tsv'
figtitle = sprintf("Fig 1: deeper networks suffer more from an early deficit (per-mode ODE, large init, s = %s, %s random starts)", meta(ends, 's'), meta(ends, 'runs'))
load scriptdir.'phase.gp'
