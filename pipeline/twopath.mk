# Part A of SPEC: the two-pathway model and its phase portraits (paper Figs 1, 2, 3, 7, 11, 12).
# Every program's defaults are the paper's parameters; QUICK=1 shrinks the runs.
ifeq ($(QUICK),1)
fig1_phase_large_ARGS := --runs 20
fig7_phase_small_ARGS := --record-tol 0.05
fig2_multipath_deficit_ARGS := --record-every 5
fig3_gate_lesion_ARGS := --record-every 5
fig11_nonlinear_tanh_ARGS := --record-every 5
fig12_nonlinear_relu_ARGS := --record-every 5
endif
