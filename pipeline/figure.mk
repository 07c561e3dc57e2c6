# The rules every figure shares. For a figure id X, a sweep file defines
#   X_DATA  the file its program writes last (the data target; the program writes all
#           its files atomically, so this one existing means the run finished)
#   X_ARGS  the program's arguments (empty = the paper's defaults)
#   X_PROGRAM  the program, if it is not named X
# and calls $(eval $(call figure_rules,X)). Then:
#   make X  runs $(BIN)/X --out $(DATA)/X $(X_ARGS) if the program or the arguments
#           changed, and renders figures/X.gp to $(FIG)/X.pdf and $(FIG)/X.png.

# The arguments are recorded in a stamp that changes only when they do.
define figure_rules
$(DATA)/$(1)/.args: FORCE
	@mkdir -p $$(@D)
	@echo '$$($(1)_ARGS)' | cmp -s - $$@ || echo '$$($(1)_ARGS)' > $$@

$(DATA)/$(1)/$$($(1)_DATA): $(STAMPS)/$$(or $$($(1)_PROGRAM),$(1)).sha256 $(DATA)/$(1)/.args
	pipeline/timed.sh $(DATA)/$(1)/.seconds $(BIN)/$$(or $$($(1)_PROGRAM),$(1)) --out $(DATA)/$(1) $$($(1)_ARGS)

$(call render_rules,$(1))
endef

# Rendering only (for figures whose data comes from elsewhere, e.g. collected runs).
define render_rules
$(FIG)/$(1).pdf $(FIG)/$(1).png &: figures/$(1).gp figures/style.gp $(DATA)/$(1)/$$($(1)_DATA) | deps-plot
	@mkdir -p $(FIG)
	gnuplot -c figures/$(1).gp $(DATA)/$(1) $(FIG)/$(1) pdf </dev/null
	gnuplot -c figures/$(1).gp $(DATA)/$(1) $(FIG)/$(1) png </dev/null

.PHONY: $(1)
$(1): $(FIG)/$(1).pdf $(FIG)/$(1).png
endef
