# Ours, beyond the paper (docs/studies.md): the matrix-completion
# critical period across depth, against the learning rate, and under two remedies at the
# switch; the two-pathway critical period against the learning rate. Every matrix-completion
# figure is the paper's task switch (rank 10 -> 5, n 2000, g 0.001, N 100, the paper's switch
# times, 30,000 steps after the switch) over seeds 1..SEEDS, collected like Part B's figures;
# a configuration shared with them (e.g. the base run, depth 3 at lr 0.2) is computed once.

# These studies always run on our draws. Under DRAWS=authors(-nomkl) the paper's runs (mc_depth's,
# the base run) hold the authors' draws, so ours get their own run ids (prefix ours_).
ifneq ($(DRAWS),ours)
OURS := ours_
$(foreach D,1 2,$(call mc_config,ours_sw_D$(D)_r10_n2000_g0.001,--depth $(D) --rank1 10 --n 2000,$(MC_SEEDS)))
$(call mc_config,ours_$(BASE),--depth 3 --rank1 10 --n 2000 --sv-every $(MC_SV_EVERY),$(MC_SEEDS))
else
OURS :=
endif
OURS_BASE := $(OURS)$(BASE)

# mc_depth_map: D 1..6 at lr 0.2 (D 1-3 are mc_depth's runs).
$(foreach D,4 5 6,$(call mc_config,sw_D$(D)_r10_n2000_g0.001,--depth $(D) --rank1 10 --n 2000,$(MC_SEEDS)))
mc_depth_map_CONFIGS := $(foreach D,1 2,$(OURS)sw_D$(D)_r10_n2000_g0.001) $(OURS_BASE) $(foreach D,4 5 6,sw_D$(D)_r10_n2000_g0.001)

# mc_lr: depth 3, lr x4 from 0.0125 to 12.8 (0.2 is the base run), the switch times and step
# counts of the paper (in steps, so a smaller lr also trains for a shorter time). Probed on
# seed 1: lr 25.6 still converges, 51.2 diverges within 60 steps; the grid stops
# at 12.8, a factor 2 inside that edge.
MC_LRS := 0.0125 0.05 0.8 3.2 12.8
$(foreach lr,$(MC_LRS),$(call mc_config,sw_D3_r10_n2000_g0.001_lr$(lr),--depth 3 --rank1 10 --n 2000 --lr $(lr),$(MC_SEEDS)))
mc_lr_CONFIGS := $(foreach lr,0.0125 0.05,sw_D3_r10_n2000_g0.001_lr$(lr)) $(OURS_BASE) $(foreach lr,0.8 3.2 12.8,sw_D3_r10_n2000_g0.001_lr$(lr))
mc_lr_GROUP := lr

# mc_remedies: shrink and perturb at the switch, W_j <- lambda W_j + sigma xi with lambda in
# {0.1, 0.3, 0.6} and sigma = 0.01, the initialization's standard deviation
# (g^(1/D) / sqrt(N) = 0.1 / 10); lambda 1 is the base run (no remedy).
MC_SHRINK := 0.1 0.3 0.6
MC_PERTURB := 0.01
$(foreach l,$(MC_SHRINK),$(call mc_config,sw_D3_r10_n2000_g0.001_sp$(l),--depth 3 --rank1 10 --n 2000 --switch-shrink $(l) --switch-perturb $(MC_PERTURB),$(MC_SEEDS)))
mc_remedies_CONFIGS := $(foreach l,$(MC_SHRINK),sw_D3_r10_n2000_g0.001_sp$(l)) $(OURS_BASE)
mc_remedies_GROUP := shrink

# mc_weight_decay: weight decay wd in {1e-4, 1e-3} during task 2 (lr x wd x 30,000 steps = 0.6
# and 6: a mild and a strong pull to zero); wd 0 is the base run.
MC_WD := 0.0001 0.001
$(foreach w,$(MC_WD),$(call mc_config,sw_D3_r10_n2000_g0.001_wd$(w),--depth 3 --rank1 10 --n 2000 --task2-wd $(w),$(MC_SEEDS)))
mc_weight_decay_CONFIGS := $(OURS_BASE) $(foreach w,$(MC_WD),sw_D3_r10_n2000_g0.001_wd$(w))
mc_weight_decay_GROUP := task2_wd

# twopath_lr: the program's defaults (D 2, 4, 8; lr 0.01 x 2^(k/2) up to 0.64; 20 seeds);
# QUICK=1: 4 seeds.
ifeq ($(QUICK),1)
twopath_lr_ARGS := --seeds 1,2,3,4
endif
