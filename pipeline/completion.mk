# Part B of SPEC: matrix completion with a deep factorization (paper Sec. 4).
#
# One make target per run: one configuration and one seed with all its switch times,
# computed by mc_sweep (which trains the deficit phase once and branches at every switch
# time). A run shared by several figures is computed once. Every sweep figure collects
# its configurations over seeds 1..SEEDS (mc_collect: final_error.tsv with every seed's
# rows, seed_stats.tsv with mean, sd, min, max and a 95% bootstrap interval per curve and
# switch time). `make -j2` spreads the runs over both cores.
RUNS := $(DATA)/runs

# QUICK=1: the paper's sizes (N 100, every n as in the paper) but three switch times
# (0, 20,000, 40,000) instead of nine, and 2 seeds: every figure keeps its shape at a
# small fraction of the cost, and the multi-seed path is exercised.
ifeq ($(QUICK),1)
MC_COMMON := --switch-times 0,20000,40000
SEEDS ?= 2
else
MC_COMMON :=
SEEDS ?= 5
endif
ifeq ($(shell echo '$(SEEDS)' | grep -Ex '[1-9][0-9]*'),)
$(error SEEDS must be a positive whole number (got '$(SEEDS)'), e.g. make figures SEEDS=5)
endif
# 1 2 ... k
seq_to = $(shell seq 1 $(1))
MC_SEEDS := $(call seq_to,$(SEEDS))
# mc_seeds is the paper's appendix figure of seeds 1..4: at least those four, more if SEEDS asks.
MC_SEEDS_VIEW := $(call seq_to,$(shell echo $$(( $(SEEDS) > 4 ? $(SEEDS) : 4 ))))
MC_SV_EVERY := 100

# $(call mc_args,<run id>,<mc_sweep arguments>): the run's arguments, rewritten only when
# they change (its data depend on them); RUN_ARGS.<run id> keeps them for pipeline/plan.sh.
define mc_args
RUN_ARGS.$(1) := $(MC_COMMON) $(2)
$(RUNS)/$(1)/.args: FORCE
	@mkdir -p $$(@D)
	@echo '$(MC_COMMON) $(2)' | cmp -s - $$@ || echo '$(MC_COMMON) $(2)' > $$@
endef

# $(call mc_run,<run id>,<mc_sweep arguments>): a run on our draws.
define mc_run
$(call mc_args,$(1),$(2))

$(RUNS)/$(1)/final_error.tsv: $(STAMPS)/mc_sweep.sha256 $(RUNS)/$(1)/.args
	pipeline/timed.sh $(RUNS)/$(1)/.seconds $(call run_on,$(1)) $(BIN)/mc_sweep --out $(RUNS)/$(1) $(MC_COMMON) $(2)
endef

# $(call mc_run_authors,<run id>,<mc_sweep arguments>): the same run on the authors' draws:
# pipeline/authors_draws.py writes the run's problem file (beside the runs: a run directory
# holds only the run's own files) from the same arguments (it ignores the training flags), and mc_sweep --problem trains on it with the authors' step counts.
# Its --draw: DRAWS=authors is the paper's (mkl), DRAWS=authors-nomkl a PyTorch without MKL.
AUTHORS_DRAW := $(if $(filter authors-nomkl,$(DRAWS)),nomkl,mkl)
define mc_run_authors
$(call mc_args,$(1),$(2))

# (.draw: which draw made it, rewritten only when DRAWS changes under one OUT.)
$(RUNS)/problems/$(1).draw: FORCE
	@mkdir -p $$(@D)
	@echo '$(AUTHORS_DRAW)' | cmp -s - $$@ || echo '$(AUTHORS_DRAW)' > $$@

$(RUNS)/problems/$(1).txt: pipeline/authors_draws.py $(RUNS)/$(1)/.args $(RUNS)/problems/$(1).draw | deps-torch
	@mkdir -p $$(@D)
	/usr/bin/python3 pipeline/authors_draws.py --draw $(AUTHORS_DRAW) --out $$@ $(2)

$(RUNS)/$(1)/final_error.tsv: $(STAMPS)/mc_sweep.sha256 $(RUNS)/$(1)/.args $(RUNS)/problems/$(1).txt
	pipeline/timed.sh $(RUNS)/$(1)/.seconds $(call run_on,$(1)) $(BIN)/mc_sweep --out $(RUNS)/$(1) $(MC_COMMON) $(2) --problem $(RUNS)/problems/$(1).txt
endef

# A configuration is a name and its mc_sweep arguments; its run for seed s is <name>_s<s>.
# Seed 1 is mc_sweep's default and passes no --seed, so a seed-1 run is the same target
# (same arguments, same data) whatever SEEDS is. The paper's figures take their draws from
# DRAWS (paper_config); our own studies always use ours (mc_config).
seed_arg = $(if $(filter-out 1,$(1)),--seed $(1))
# $(call mc_config,<name>,<mc_sweep arguments>,<seeds>[,<run macro>])
mc_config = $(foreach s,$(3),$(eval $(call $(or $(4),mc_run),$(1)_s$(s),$(2) $(call seed_arg,$(s)))))
MC_PAPER_RUN := $(if $(filter-out ours,$(DRAWS)),mc_run_authors,mc_run)
paper_config = $(call mc_config,$(1),$(2),$(3),$(MC_PAPER_RUN))
# The run ids of configurations over seeds: $(call mc_runs,<names>,<seeds>)
mc_runs = $(foreach c,$(1),$(foreach s,$(2),$(c)_s$(s)))

# The shared base configuration: depth 3, rank 10 -> 5, n 2000, g 0.001 (with singular values).
BASE := sw_D3_r10_n2000_g0.001
$(call paper_config,$(BASE),--depth 3 --rank1 10 --n 2000 --sv-every $(MC_SV_EVERY),$(sort $(MC_SEEDS) $(MC_SEEDS_VIEW)))
$(foreach D,1 2,$(call paper_config,sw_D$(D)_r10_n2000_g0.001,--depth $(D) --rank1 10 --n 2000,$(MC_SEEDS)))
$(foreach r,2 5 15,$(call paper_config,sw_D3_r$(r)_n2000_g0.001,--depth 3 --rank1 $(r) --n 2000,$(MC_SEEDS)))
$(foreach n,1000 1500 3000 4000,$(call paper_config,sw_D3_r10_n$(n)_g0.001,--depth 3 --rank1 10 --n $(n),$(MC_SEEDS)))
$(foreach g,0.1 0.01 0.001 0.0001,$(call paper_config,sw_D3_r10_n2000_g$(g)_c50k,--depth 3 --rank1 10 --n 2000 --g $(g) --continue-steps 50000,$(MC_SEEDS)))
$(foreach D,1 2 3,$(call paper_config,sub_D$(D)_r5_n1500,--mode subset --depth $(D) --rank1 5 --n 1500 --n-deficit 1000,$(MC_SEEDS)))
$(foreach n,1250 1750 2000,$(call paper_config,sub_D3_r5_n$(n),--mode subset --depth 3 --rank1 5 --n $(n) --n-deficit 1000,$(MC_SEEDS)))

mc_depth_CONFIGS := sw_D1_r10_n2000_g0.001 sw_D2_r10_n2000_g0.001 $(BASE)
mc_rank_CONFIGS := sw_D3_r2_n2000_g0.001 sw_D3_r5_n2000_g0.001 $(BASE) sw_D3_r15_n2000_g0.001
mc_nobs_CONFIGS := sw_D3_r10_n1000_g0.001 sw_D3_r10_n1500_g0.001 $(BASE) sw_D3_r10_n3000_g0.001 sw_D3_r10_n4000_g0.001
mc_init_CONFIGS := $(foreach g,0.1 0.01 0.001 0.0001,sw_D3_r10_n2000_g$(g)_c50k)
mc_subset_depth_CONFIGS := $(foreach D,1 2 3,sub_D$(D)_r5_n1500)
mc_subset_nobs_CONFIGS := sub_D3_r5_n1250 sub_D3_r5_n1500 sub_D3_r5_n1750 sub_D3_r5_n2000
mc_rank_GROUP := rank1
mc_nobs_GROUP := n
mc_init_GROUP := g
mc_subset_nobs_GROUP := n
mc_seeds_CONFIGS := $(BASE)
mc_seeds_SEEDS := $(MC_SEEDS_VIEW)

# One draw, seed 1, as in the paper: the singular values of the base run.
mc_singular_values_RUN := $(BASE)_s1
