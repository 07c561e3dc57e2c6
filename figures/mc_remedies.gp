# Ours, mc_remedies (a study beyond the paper). Usage: gnuplot -c figures/mc_remedies.gp <data dir> <output base> <pdf|png>
data = ARG1; outbase = ARG2; fmt = ARG3; scriptdir = system("dirname ".ARG0)."/"
W = 9; H = 5.4
vary = "shrink"; ycol = "test_error"; keytitle = "at the switch"; keyfmt = "{/Symbol l} = %s"
ylabel = "final test error on task 2"
figtitle = "Shrink and perturb at the switch: does it undo the critical period? (ours)"
load scriptdir.'style.gp'
f = data.'/final_error.tsv'
m(key) = meta(f, key)
colmax(c) = system(sprintf("awk -F'\t' '/^#/ {next} !h {for (i = 1; i <= NF; i++) if ($i == \"%s\") k = i; h = 1; next} NF && $k > x {x = $k} END {print x + 0}' '%s'", c, f))
subtitle = sprintf("at the switch every layer W_j <- {/Symbol l} W_j + {/Symbol s} {/Symbol x} ({/Symbol x} standard normal, {/Symbol s} = %s, the initialization's std); {/Symbol l} = 1: no remedy}\n{/*0.8 (re-initializing every layer at the switch gives exactly the T_{switch} = 0 error: tested, not drawn)}\n{/*0.8 task 1 (rank %s) for T_{switch} steps, then task 2 (rank %s) for %s steps; D %s, N %s, n %s, g %s, lr %s", colmax("perturb"), m("rank1"), m("rank2"), m("continue-steps"), m("depth"), m("N"), m("n"), m("g"), m("lr"))
load scriptdir.'mc_sweep.gp'
