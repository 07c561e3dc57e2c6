# Ours, beyond the paper (docs/plasticity.md): does depth cause plasticity loss or prevent it,
# and is the damage permanent? Two studies, every run on our draws over seeds 1..SEEDS,
# collected like Part B's figures. Each run writes branches.tsv (mc_sweep --branch-records: the
# error and the effective rank of W per branch, at the switch, at each checkpoint and at the
# end); a view target copies it as the run's table for mc_collect, its curves told apart by their columns.
#
# mc_plasticity: the paper's subset deficit (a rank-r task; during the deficit n_deficit of the
# n observed entries, then all n) with the deficit's pattern as a factor: random (the first
# n_deficit of a uniform draw, connected) or block (n_deficit inside 2 diagonal blocks,
# disconnected; the rest anywhere), crossed with the rank (1, 5), the initialization (the
# paper's Gaussian, g 0.001; diagonal: each layer g^(1/D) I + diag(e), e ~ N(0, 1e-5^2)) and
# the depth (2, 3, 4). N = 50 (1/8 of N = 100's cost at depth >= 3) with n_deficit 500 and
# n 750: the paper's 1000 and 1500 at N = 100 scaled by the rank-5 degrees of freedom
# 2 N r - r^2 (975 -> 475), so that the deficit sees about as many entries as the rank-5 task
# has degrees of freedom, as in the paper. lr 0.2, 30,000 steps after the switch.
#
# mc_permanence: at the paper's size (N 100, depth 3), the base task switch (rank 10 -> 5,
# n 2000) and the subset deficit (rank 5, 1000 of 1500), T_switch 0, 20,000 and 100,000, the
# last phase run for 300,000 steps and recorded after 30,000 (the paper's length), 100,000 and
# 300,000: one long branch per switch time, so each length continues the shorter ones exactly
# (tested). The same seeds draw the same tasks, entries and initial layers as mc_depth's and
# mc_subset_depth's depth-3 runs, so the 30,000-step record is their final error.
#
# QUICK=1: the same grid at two switch times (0, 20,000) with the 30,000 steps after the
# switch of the full sweep (after 10,000 the rank-5 runs at depth 3 and 4 are still learning,
# which is no evidence and fails the figure), and a 40,000-step recovery recorded at 20,000 (~45 CPU-seconds on an idle machine): it
# checks the pipeline; every claim of these studies needs the full sweep.
ifeq ($(QUICK),1)
PL_TIMES := --switch-times 0,20000
PM_TIMES := --switch-times 0,20000 --continue-steps 40000 --checkpoints 20000
else
PL_TIMES := --switch-times 0,20000,50000,100000
PM_TIMES := --switch-times 0,20000,100000 --continue-steps 300000 --checkpoints 30000,100000
endif

# $(call pl_run,<config>,<mc_sweep arguments>): run pl_<config>_s<seed> for every seed, and its
# view plb_<config>_s<seed>/final_error.tsv (the run's branches.tsv). The arguments are the
# whole command line (MC_COMMON, the paper figures' QUICK switch times, does not apply).
define pl_run_seed
$(RUNS)/pl_$(1)_s$(3)/.args: FORCE
	@mkdir -p $$(@D)
	@echo '$(2) $(call seed_arg,$(3))' | cmp -s - $$@ || echo '$(2) $(call seed_arg,$(3))' > $$@

$(RUNS)/pl_$(1)_s$(3)/final_error.tsv: $(STAMPS)/mc_sweep.sha256 $(RUNS)/pl_$(1)_s$(3)/.args
	pipeline/timed.sh $(RUNS)/pl_$(1)_s$(3)/.seconds $(call run_on,pl_$(1)_s$(3)) $(BIN)/mc_sweep --out $(RUNS)/pl_$(1)_s$(3) $(2) $(call seed_arg,$(3))

$(RUNS)/plb_$(1)_s$(3)/final_error.tsv: $(RUNS)/pl_$(1)_s$(3)/final_error.tsv
	@mkdir -p $$(@D)
	cp $(RUNS)/pl_$(1)_s$(3)/branches.tsv $$@.tmp && mv $$@.tmp $$@
	@cp -p $(RUNS)/pl_$(1)_s$(3)/.seconds $(RUNS)/pl_$(1)_s$(3)/.args $$(@D)/ 2>/dev/null || true

# The view stands for its run in pipeline/plan.sh's estimate (its arguments, and the copy of
# its .args that tells whether it is up to date).
RUN_ARGS.plb_$(1)_s$(3) := $(2) $(call seed_arg,$(3))
endef
# An optional third argument: the seeds (default 1..SEEDS).
pl_run = $(foreach s,$(or $(3),$(MC_SEEDS)),$(eval $(call pl_run_seed,$(1),$(2),$(s))))

PL_PATTERNS := random block
PL_INITS := gaussian diagonal
PL_RANKS := 1 5
PL_DEPTHS := 2 3 4
pl_name = $(1)_$(2)_r$(3)_D$(4)
$(foreach p,$(PL_PATTERNS),$(foreach i,$(PL_INITS),$(foreach r,$(PL_RANKS),$(foreach D,$(PL_DEPTHS),\
  $(call pl_run,$(call pl_name,$(p),$(i),$(r),$(D)),--mode subset --N 50 --n 750 --n-deficit 500 $(if $(filter block,$(p)),--blocks 2) \
    --pattern $(p) --init $(i) --rank1 $(r) --depth $(D) --branch-records $(PL_TIMES) --quiet)))))
mc_plasticity_CONFIGS := $(foreach p,$(PL_PATTERNS),$(foreach i,$(PL_INITS),$(foreach r,$(PL_RANKS),$(foreach D,$(PL_DEPTHS),plb_$(call pl_name,$(p),$(i),$(r),$(D))))))
mc_plasticity_GROUP := pattern,init,rank1,depth

$(call pl_run,perm_switch_D3,--depth 3 --rank1 10 --rank2 5 --n 2000 --branch-records $(PM_TIMES) --quiet)
$(call pl_run,perm_subset_D3,--mode subset --depth 3 --rank1 5 --n 1500 --n-deficit 1000 --branch-records $(PM_TIMES) --quiet)
mc_permanence_CONFIGS := plb_perm_switch_D3 plb_perm_subset_D3
mc_permanence_GROUP := mode,recovery

# mc_plasticity_depth and mc_plasticity_depth_n100: the depth comparison in the paper's setting
# (rank 5, Gaussian init), decided with the seed counts that docs/plasticity.md fixed before
# their runs from the spread of mc_plasticity's paired differences: 33 seeds at N 50 (random
# and block pattern, depths 2, 3, 4), 10 at the paper's size N 100 (random pattern, the
# paper's 1,000 of 1,500 entries), both capped there by the block pattern's spread and by the
# cost at N 100. Only the switch times the rise needs (0 and 100,000). QUICK=1: 2 seeds,
# QUICK switch times; every claim SKIPs.
PD_SEEDS_N50 := 33
PD_SEEDS_N100 := 10
# At QUICK size QUICK checks depths 2 and 3 at N 100 (depth 4 there is the slowest run of the
# study; QUICK checks the pipeline, and every claim needs the full sweep).
ifeq ($(QUICK),1)
PD_TIMES := --switch-times 0,20000
PD_N50 := $(MC_SEEDS)
PD_N100 := $(MC_SEEDS)
PD100_DEPTHS := 2 3
else
PD_TIMES := --switch-times 0,100000
PD_N50 := $(call seq_to,$(PD_SEEDS_N50))
PD_N100 := $(call seq_to,$(PD_SEEDS_N100))
PD100_DEPTHS := $(PL_DEPTHS)
endif
$(foreach p,$(PL_PATTERNS),$(foreach D,$(PL_DEPTHS),\
  $(call pl_run,pd_$(call pl_name,$(p),gaussian,5,$(D)),--mode subset --N 50 --n 750 --n-deficit 500 $(if $(filter block,$(p)),--blocks 2) \
    --pattern $(p) --init gaussian --rank1 5 --depth $(D) --branch-records $(PD_TIMES) --quiet,$(PD_N50))))
mc_plasticity_depth_CONFIGS := $(foreach p,$(PL_PATTERNS),$(foreach D,$(PL_DEPTHS),plb_pd_$(call pl_name,$(p),gaussian,5,$(D))))
mc_plasticity_depth_SEEDS := $(PD_N50)
mc_plasticity_depth_GROUP := pattern,init,rank1,depth
$(foreach D,$(PD100_DEPTHS),$(call pl_run,pd100_random_gaussian_r5_D$(D),--mode subset --n 1500 --n-deficit 1000 \
  --pattern random --init gaussian --rank1 5 --depth $(D) --branch-records $(PD_TIMES) --quiet,$(PD_N100)))
mc_plasticity_depth_n100_CONFIGS := $(foreach D,$(PD100_DEPTHS),plb_pd100_random_gaussian_r5_D$(D))
mc_plasticity_depth_n100_SEEDS := $(PD_N100)
mc_plasticity_depth_n100_GROUP := pattern,init,rank1,depth
