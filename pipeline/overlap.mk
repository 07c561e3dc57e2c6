# SPEC Part C (ours): mc_transfer_overlap. Task 2 (rank 5) shares k of its singular
# directions with task 1 (rank 10), k = 0..5; T_switch in {0, 5000, 20000, 60000, 100000};
# seeds 1..SEEDS; depth 3, n 2000, lr 0.2, g 0.001. One run per (k, seed).
ifeq ($(QUICK),1)
OVERLAP_K := 0 3 5
OVERLAP_ARGS :=  # MC_COMMON sets QUICK's switch times (a flag given twice is an error)
else
OVERLAP_K := 0 1 2 3 4 5
OVERLAP_ARGS := --switch-times 0,5000,20000,60000,100000
endif
$(foreach k,$(OVERLAP_K),$(call mc_config,ov_k$(k),--depth 3 --rank1 10 --rank2 5 --task2-shared $(k) $(OVERLAP_ARGS),$(MC_SEEDS)))

mc_transfer_overlap_CONFIGS := $(foreach k,$(OVERLAP_K),ov_k$(k))
mc_transfer_overlap_GROUP := shared
