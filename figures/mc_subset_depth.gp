# SPEC mc_subset_depth. Usage: gnuplot -c figures/mc_subset_depth.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 8; H = 4.8
vary = "depth"; ycol = "excess_error"; keytitle = "depth D"; keyfmt = "D = %s"
ylabel = "error(T_{switch}) - error(0)\n(final test error, mean of (W - M)^2)"
figtitle = "Seeing only part of the data early: a critical period that grows with depth"
subtitle = "rank 5; 1000 of the 1500 observed entries for T_{switch} steps, then all 1500 for 30k steps"
load scriptdir.'mc_sweep.gp'
