# Ours, mc_plasticity_depth_n100 (docs/plasticity.md): drawn as mc_plasticity_depth.
# Usage: gnuplot -c figures/mc_plasticity_depth_n100.gp <data dir> <output base> <pdf|png>
call system("dirname ".ARG0)."/mc_plasticity_depth.gp" ARG1 ARG2 ARG3
