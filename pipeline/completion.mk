# Part B of SPEC: matrix completion with a deep factorization (paper Sec. 4).
#
# One make target per run (one configuration with all its switch times, computed by
# mc_sweep, which trains the deficit phase once and branches at every switch time);
# a run shared by several figures is computed once. The figures collect their runs'
# final_error.tsv rows. `make -j2` spreads the runs over both cores.
MC_FIGURES := mc_depth mc_rank mc_nobs mc_seeds mc_init mc_subset_depth mc_subset_nobs mc_singular_values
RUNS := $(DATA)/runs

# QUICK=1: the paper's sizes (N 100, every n as in the paper) but three switch times
# (0, 20,000, 40,000) instead of nine: every figure keeps its shape at a fifth of the cost.
ifeq ($(QUICK),1)
MC_COMMON := --switch-times 0,20000,40000
else
MC_COMMON :=
endif
mc_n = $(1)
MC_SV_EVERY := 100

# $(call mc_run,<run id>,<mc_sweep arguments>)
define mc_run
$(RUNS)/$(1)/.args: FORCE
	@mkdir -p $$(@D)
	@echo '$(MC_COMMON) $(2)' | cmp -s - $$@ || echo '$(MC_COMMON) $(2)' > $$@

$(RUNS)/$(1)/final_error.tsv: $(STAMPS)/mc_sweep.sha256 $(RUNS)/$(1)/.args
	pipeline/timed.sh $(RUNS)/$(1)/.seconds $(BIN)/mc_sweep --out $(RUNS)/$(1) $(MC_COMMON) $(2)
endef

# The shared base run: depth 3, rank 10 -> 5, n 2000, g 0.001, seed 1 (with singular values).
BASE := sw_D3_r10_n2000_g0.001_s1
$(eval $(call mc_run,$(BASE),--depth 3 --rank1 10 --n $(call mc_n,2000) --sv-every $(MC_SV_EVERY)))
$(foreach D,1 2,$(eval $(call mc_run,sw_D$(D)_r10_n2000_g0.001_s1,--depth $(D) --rank1 10 --n $(call mc_n,2000))))
$(foreach r,2 5 15,$(eval $(call mc_run,sw_D3_r$(r)_n2000_g0.001_s1,--depth 3 --rank1 $(r) --n $(call mc_n,2000))))
$(foreach n,1000 1500 3000 4000,$(eval $(call mc_run,sw_D3_r10_n$(n)_g0.001_s1,--depth 3 --rank1 10 --n $(call mc_n,$(n)))))
$(foreach s,2 3 4,$(eval $(call mc_run,sw_D3_r10_n2000_g0.001_s$(s),--depth 3 --rank1 10 --n $(call mc_n,2000) --seed $(s))))
$(foreach g,0.1 0.01 0.001 0.0001,$(eval $(call mc_run,sw_D3_r10_n2000_g$(g)_s1_c50k,--depth 3 --rank1 10 --n $(call mc_n,2000) --g $(g) --continue-steps 50000)))
$(foreach D,1 2 3,$(eval $(call mc_run,sub_D$(D)_r5_n1500_s1,--mode subset --depth $(D) --rank1 5 --n $(call mc_n,1500) --n-deficit $(call mc_n,1000))))
$(foreach n,1250 1750 2000,$(eval $(call mc_run,sub_D3_r5_n$(n)_s1,--mode subset --depth 3 --rank1 5 --n $(call mc_n,$(n)) --n-deficit $(call mc_n,1000))))

mc_depth_RUNS := sw_D1_r10_n2000_g0.001_s1 sw_D2_r10_n2000_g0.001_s1 $(BASE)
mc_rank_RUNS := sw_D3_r2_n2000_g0.001_s1 sw_D3_r5_n2000_g0.001_s1 $(BASE) sw_D3_r15_n2000_g0.001_s1
mc_nobs_RUNS := sw_D3_r10_n1000_g0.001_s1 sw_D3_r10_n1500_g0.001_s1 $(BASE) sw_D3_r10_n3000_g0.001_s1 sw_D3_r10_n4000_g0.001_s1
mc_seeds_RUNS := $(BASE) $(foreach s,2 3 4,sw_D3_r10_n2000_g0.001_s$(s))
mc_init_RUNS := $(foreach g,0.1 0.01 0.001 0.0001,sw_D3_r10_n2000_g$(g)_s1_c50k)
mc_subset_depth_RUNS := $(foreach D,1 2 3,sub_D$(D)_r5_n1500_s1)
mc_subset_nobs_RUNS := sub_D3_r5_n1250_s1 sub_D3_r5_n1500_s1 sub_D3_r5_n1750_s1 sub_D3_r5_n2000_s1

MC_SWEEP_FIGURES := mc_depth mc_rank mc_nobs mc_seeds mc_init mc_subset_depth mc_subset_nobs

# $(call mc_figure,<figure id>): collect the runs, render figures/<id>.gp.
define mc_figure
$(1)_DATA := final_error.tsv
$(DATA)/$(1)/final_error.tsv: $(foreach r,$($(1)_RUNS),$(RUNS)/$(r)/final_error.tsv) $(STAMPS)/mc_collect.sha256
	$(BIN)/mc_collect --out $(DATA)/$(1) --description "$(1)" --group $$(or $$($(1)_GROUP),depth) --runs $$(subst $$(space),$$(comma),$(foreach r,$($(1)_RUNS),$(RUNS)/$(r)/final_error.tsv))
endef
$(foreach f,$(MC_SWEEP_FIGURES),$(eval $(call mc_figure,$(f))))

mc_singular_values_DATA := singular_values.tsv
$(DATA)/mc_singular_values/singular_values.tsv: $(RUNS)/$(BASE)/final_error.tsv
	@mkdir -p $(@D)
	cp $(RUNS)/$(BASE)/singular_values.tsv $@.tmp && mv $@.tmp $@
	@cp $(RUNS)/$(BASE)/.seconds $(@D)/.seconds 2>/dev/null || true

$(foreach f,$(MC_FIGURES),$(eval $(call render_rules,$(f))))
