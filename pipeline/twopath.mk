# Part A of SPEC: the two-pathway model and its phase portraits (paper Figs 1, 2, 3, 7, 11, 12).
# Every program's defaults are the paper's parameters; QUICK=1 shrinks the runs.
TWOPATH_FIGURES := fig1_phase_large fig7_phase_small fig2_multipath_deficit fig3_gate_lesion \
                   fig11_nonlinear_tanh fig12_nonlinear_relu

fig1_phase_large_DATA := endpoints.tsv
fig7_phase_small_DATA := endpoints.tsv
fig2_multipath_deficit_DATA := trajectories.tsv
fig3_gate_lesion_DATA := trajectories.tsv
fig11_nonlinear_tanh_DATA := trajectories.tsv
fig12_nonlinear_relu_DATA := trajectories.tsv

ifeq ($(QUICK),1)
fig1_phase_large_ARGS := --runs 20
fig7_phase_small_ARGS := --record-tol 0.05
fig2_multipath_deficit_ARGS := --record-every 5
fig3_gate_lesion_ARGS := --record-every 5
fig11_nonlinear_tanh_ARGS := --record-every 5
fig12_nonlinear_relu_ARGS := --record-every 5
endif

$(foreach id,$(TWOPATH_FIGURES),$(eval $(call figure_rules,$(id))))
