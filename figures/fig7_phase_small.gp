# Paper Fig 7. Usage: gnuplot -c figures/fig7_phase_small.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 12.5; H = 8.8
load scriptdir.'style.gp'
figtitle = sprintf("Fig 7: small initialization - an early deficit leaves pathway a with most of s, a late one does not (s = %s)", meta(data.'/endpoints.tsv', 's'))
load scriptdir.'phase.gp'
