# SPEC Part B, end: the singular-value ODE against gradient descent (mc_sv_ode).
# mc_ode_transfer (SPEC): D 2, rank 5 -> 5, n 10000 / 5000 / 1500, eta 0.5, g 0.01, 10,000 steps per task.
MC_TRANSFER_ARGS := --depth 2 --rank1 5 --rank2 5 --eta 0.5 --g 0.01 --totals 20000 --task2-steps 10000

ifeq ($(QUICK),1)
mc_ode_vs_gd_ARGS := --totals 10000,20000
mc_ode_transfer_ARGS := $(MC_TRANSFER_ARGS) --n 10000,1500 --record-every 50
else
mc_ode_vs_gd_ARGS :=
mc_ode_transfer_ARGS := $(MC_TRANSFER_ARGS) --n 10000,5000,1500
endif
