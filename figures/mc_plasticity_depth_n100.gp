# Ours, mc_plasticity_depth_n100 (docs/plasticity.md): drawn as mc_plasticity_depth.
# Usage: gnuplot -c figures/mc_plasticity_depth_n100.gp <data dir> <output base> <pdf|png>
ARG0 = system("dirname ".ARG0)."/mc_plasticity_depth.gp"
call ARG0 ARG1 ARG2 ARG3
