# SPEC Part C (ours): mc_transfer_overlap. Task 2 (rank 5) shares k of its singular
# directions with task 1 (rank 10), k = 0..5; T_switch in {0, 5000, 20000, 60000, 100000};
# seeds 1..3; depth 3, n 2000, lr 0.2, g 0.001. One run per (k, seed).
OVERLAP_FIGURES := mc_transfer_overlap
ifeq ($(QUICK),1)
OVERLAP_K := 0 3 5
OVERLAP_SEEDS := 1
OVERLAP_ARGS := --switch-times 0,20000,40000
else
OVERLAP_K := 0 1 2 3 4 5
OVERLAP_SEEDS := 1 2 3
OVERLAP_ARGS := --switch-times 0,5000,20000,60000,100000
endif
$(foreach k,$(OVERLAP_K),$(foreach s,$(OVERLAP_SEEDS),$(eval $(call mc_run,ov_k$(k)_s$(s),--depth 3 --rank1 10 --rank2 5 --task2-shared $(k) --seed $(s) $(OVERLAP_ARGS)))))

mc_transfer_overlap_RUNS := $(foreach k,$(OVERLAP_K),$(foreach s,$(OVERLAP_SEEDS),ov_k$(k)_s$(s)))
mc_transfer_overlap_GROUP := shared
$(eval $(call mc_figure,mc_transfer_overlap))
$(eval $(call render_rules,mc_transfer_overlap))
