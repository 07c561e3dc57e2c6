# The rules every figure shares, one macro per recipe of the registry (pipeline/figures.tsv,
# which sets <id>_DATA and <id>_PROGRAM). A figure's configuration file sets:
#   recipe program:  <id>_ARGS     the program's arguments (empty = the paper's defaults)
#   recipe collect:  <id>_CONFIGS  the run configurations (pipeline/completion.mk), and
#                    optionally <id>_SEEDS (default 1..SEEDS), <id>_GROUP (the column
#                    that tells its curves apart, default depth) and <id>_COLLECT_ARGS
#                    (more mc_collect options, e.g. --per-curve-times)
#   recipe copy:     <id>_RUN      the run whose <id>_DATA file the figure shows
# Then make <id> computes what changed and renders figures/<id>.gp to $(FIG)/<id>.pdf
# and $(FIG)/<id>.png.

# recipe program: $(BIN)/<program> --out $(DATA)/<id> $(<id>_ARGS), rerun when the program or
# the arguments change (the arguments are recorded in a stamp that changes only when they do).
define figure_rules
$(DATA)/$(1)/.args: FORCE
	@mkdir -p $$(@D)
	@echo '$$($(1)_ARGS)' | cmp -s - $$@ || echo '$$($(1)_ARGS)' > $$@

$(DATA)/$(1)/$$($(1)_DATA): $(STAMPS)/$$($(1)_PROGRAM).sha256 $(DATA)/$(1)/.args
	pipeline/timed.sh $(DATA)/$(1)/.seconds $(call run_on,$(1)) $(BIN)/$$($(1)_PROGRAM) --out $(DATA)/$(1) $$($(1)_ARGS)

$(call render_rules,$(1))
endef

# recipe collect: mc_collect gathers the runs of its configurations over its seeds.
define collect_rules
$(1)_SEED_LIST := $$(or $$($(1)_SEEDS),$(MC_SEEDS))
$(1)_RUNS := $$(call mc_runs,$$($(1)_CONFIGS),$$($(1)_SEED_LIST))
$(DATA)/$(1)/$$($(1)_DATA): $$(foreach r,$$($(1)_RUNS),$(RUNS)/$$(r)/final_error.tsv) $(STAMPS)/mc_collect.sha256
	$(BIN)/mc_collect --out $(DATA)/$(1) --description "$(1)" --group $$(or $$($(1)_GROUP),depth) $$($(1)_COLLECT_ARGS) \
	  --seeds $$(subst $$(space),$$(comma),$$(strip $$($(1)_SEED_LIST))) \
	  --runs $$(subst $$(space),$$(comma),$$(foreach r,$$($(1)_RUNS),$(RUNS)/$$(r)/final_error.tsv))

$(call render_rules,$(1))
endef

# recipe copy: one file of one run (a run writes all its files before final_error.tsv).
define copy_rules
$(DATA)/$(1)/$$($(1)_DATA): $(RUNS)/$$($(1)_RUN)/final_error.tsv
	@mkdir -p $$(@D)
	cp $(RUNS)/$$($(1)_RUN)/$$($(1)_DATA) $$@.tmp && mv $$@.tmp $$@
	@cp $(RUNS)/$$($(1)_RUN)/.seconds $$(@D)/.seconds 2>/dev/null || true

$(call render_rules,$(1))
endef

# Rendering: figures/<id>.gp with the figure's data directory (again when any script
# changes: the figure scripts load shared ones, style.gp, phase.gp, mc_sweep.gp, ...).
# On our draws, a figure also gets the same figure's data on the authors' draws
# (AUTHORS_OUT, default out-authors: make figures DRAWS=authors) if it has been computed;
# the sweep figures (figures/mc_sweep.gp) draw its seed 1, the paper's curve, beside ours.
GNUPLOT_SCRIPTS := $(wildcard figures/*.gp)
AUTHORS_OUT ?= out-authors
paper_data = $(if $(filter ours,$(DRAWS)),$(if $(wildcard $(AUTHORS_OUT)/data/$(1)/final_error.tsv),$(AUTHORS_OUT)/data/$(1)))
define render_rules
$(FIG)/$(1).pdf $(FIG)/$(1).png &: $(GNUPLOT_SCRIPTS) $(DATA)/$(1)/$$($(1)_DATA) $(addsuffix /final_error.tsv,$(call paper_data,$(1))) | deps-plot
	@mkdir -p $(FIG)
	gnuplot$(if $(call paper_data,$(1)), -e "paperdata='$(call paper_data,$(1))'") -c figures/$(1).gp $(DATA)/$(1) $(FIG)/$(1) pdf </dev/null
	gnuplot$(if $(call paper_data,$(1)), -e "paperdata='$(call paper_data,$(1))'") -c figures/$(1).gp $(DATA)/$(1) $(FIG)/$(1) png </dev/null

.PHONY: $(1)
$(1): $(FIG)/$(1).pdf $(FIG)/$(1).png
endef
