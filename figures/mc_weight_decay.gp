# Ours, mc_weight_decay (a study beyond the paper). Usage: gnuplot -c figures/mc_weight_decay.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 9; H = 5.2
vary = "task2_wd"; ycol = "test_error"; keytitle = "weight decay"; keyfmt = "wd = %s"
ylabel = "final test error on task 2"
figtitle = "Weight decay after the switch: does it undo the critical period? (ours)"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
subtitle = sprintf("task 2 trained on the loss + (wd/2) {/Symbol S}_j ||W_j||^2 (wd = 0: no remedy)}\n{/*0.8 task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; D %s, N %s, n %s, g %s, lr %s", m("rank1"), m("rank2"), m("continue-steps"), m("depth"), m("N"), m("n"), m("g"), m("lr"))
load scriptdir.'mc_sweep.gp'
