# Reproduces the figures of Kleinman, Achille, Soatto, "Critical Learning Periods Emerge
# Even in Deep Linear Networks" (ICLR 2024). See README.md for the user's manual.
#
#   make figures       the paper: build, compute every paper figure, check its claims, write
#                      out/report.html (every core unless -j is given; says what it will cost)
#   make studies       the project's own studies beyond the paper (report section "Studies"); make all: both
#   make build         configure and compile; make test: the GoogleTest suite (ctest); make test-asan: under sanitizers
#   make check         the paper's claims on the data computed (exit 0 = reproduced; computes nothing), and the
#                      studies' hypotheses where computed (holds / does not hold)
#   make report        rewrite out/report.html from what is computed (run by the goals above)
#   make gallery       copy a few rendered figures into docs/gallery/ (the README shows them)
#   make bench         run the Google Benchmark programs, JSON under out/bench/
#   make bench-compare our completion step vs PyTorch (installs python3-torch), table + figure
#   make bench-gemm    the step's products: libxsmm, Eigen, OpenBLAS (installs the last)
#   make <figure-id>   one figure and the data it needs, e.g. make fig2_multipath_deficit
#   make sweep FIGURE=mc_depth VARY=lr=0.1,0.4 OUT=out-lr    the figure once per value (README)
#   make compare A=out B=out-lr/lr-0.1   two output roots side by side: claims, points, changes
#   make mc-runs       every matrix-completion run, without collecting or rendering
#   make findings      the docs' findings from docs/findings/claims.tsv (findings-snapshot, findings-against OUT=..)
#   make crosscheck    our gradient descent vs the same loop in PyTorch on identical inputs (installs python3-torch)
#   make slurm-check   RUNNER=slurm on a real single-node Slurm started here (installs slurm-wlm, munge)
#   make python        the Python module clp in build/release/python (docs/python.md); make test PRESET=python tests it
# Variables: SEEDS=k (seeds 1..k; default 5, QUICK 2), QUICK=1 (reduced sizes), OUT=dir
# (default out), DRAWS=authors|authors-nomkl (the paper's figures on the authors' draws, with
# MKL's entries as in the paper or without; OUT out-<DRAWS>, SEEDS 1; docs/authors-draws.md),
# RUNNER=slurm (SRUN_FLAGS=extra srun options), PRESET=release|debug|asan|python.

# A target whose recipe fails is deleted, so that a half-written file is never taken as done.
.DELETE_ON_ERROR:

DRAWS ?= ours
ifeq ($(filter $(DRAWS),ours authors authors-nomkl),)
$(error DRAWS must be ours, authors or authors-nomkl (got '$(DRAWS)'), e.g. make figures DRAWS=authors)
endif
ifneq ($(DRAWS),ours)
OUT ?= out-$(DRAWS)
SEEDS ?= 1
endif
OUT ?= out
QUICK ?= 0
MAKE_VARIABLES := QUICK SEEDS OUT DRAWS RUNNER SRUN_FLAGS SRUN_CPUS PRESET FIGURE VARY A B TABLE AUTHORS_OUT
$(foreach v,$(filter-out $(MAKE_VARIABLES) SET NO_BUILD NO_DEPS BUILD GOAL_IDS CHECK_IDS CLP_BUILD_TARGET -%,$(foreach a,$(MAKEOVERRIDES),$(if $(findstring =,$(a)),$(firstword $(subst =, ,$(a)))))),$(error unknown variable $(v): make takes $(MAKE_VARIABLES) (make help)))
$(if $(filter-out 0 1,$(QUICK)),$(error QUICK must be 0 or 1 (got '$(QUICK)'), e.g. make figures QUICK=1))
# RUNNER=slurm: every run is a Slurm job through srun (pipeline/srun.sh); the rest stays local.
ifeq ($(RUNNER),slurm)
run_on = pipeline/srun.sh clp-$(1)
export SRUN_FLAGS SRUN_CPUS
else ifneq ($(RUNNER),)
$(error RUNNER must be slurm or unset (got '$(RUNNER)'), e.g. make -j64 figures RUNNER=slurm)
endif
PRESET ?= release
# The python preset is the release build with the Python module: one build of the library.
BUILD := build/$(if $(filter python,$(PRESET)),release,$(PRESET))
BIN := $(BUILD)/bin
DATA := $(OUT)/data
FIG := $(OUT)/figures

.DEFAULT_GOAL := help
.PHONY: all print-figures figures studies test test-asan check bench bench-compare bench-gemm crosscheck slurm-check report gallery build python clean help FORCE

help:
	@sed -n '/^#/!q;p' Makefile

# deps-build, deps-plot, deps-torch, deps-python: the packages of a step (pipeline/deps.sh).
deps-%:
	$(if $(NO_DEPS),,@pipeline/deps.sh $*)

$(BUILD)/build.ninja: CMakePresets.json | deps-build
	cmake --preset $(PRESET) >/dev/null
# The python preset's configure step needs pybind11 and numpy; it adds the module to a
# release build configured before (its stamp: the module's directory in the build).
$(BUILD)/build.ninja: | $(if $(filter python,$(PRESET)),deps-python)
ifeq ($(PRESET),python)
build: $(BUILD)/python/CTestTestfile.cmake
$(BUILD)/python/CTestTestfile.cmake: CMakePresets.json | deps-build deps-python
	cmake --preset python >/dev/null
endif

# ninja decides what to recompile (the programs for goals that run them, all for tests and benchmarks;
# make -jN: N compilers); a program's stamp (its SHA-256) is rewritten only if its binary changed,
# and data depends on the stamps: data are recomputed only when their program changed.
export CLP_BUILD_TARGET ?= $(if $(filter build test bench% crosscheck python slurm-check,$(MAKECMDGOALS)),all,programs)
STAMPS := $(BUILD)/stamps
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target $(CLP_BUILD_TARGET)$(build_jobs)
	@pipeline/stamp.sh $(BIN) $(STAMPS)

$(STAMPS)/%.sha256: $(if $(NO_BUILD),,build) ;
$(BIN)/%: build ;

test: build
	ctest --preset $(PRESET)

# The unit tests under the address and undefined-behaviour sanitizers (run by CI): the
# asan preset, only the test program and the programs it runs, and every test but the long
# science regressions (label science: make test runs them, in the release build).
test-asan: | deps-build
	cmake --preset asan >/dev/null
	cmake --build build/asan --target clp_tests$(build_jobs)
	ctest --preset asan

comma := ,
space := $() $()

# The figure registry (pipeline/figures.tsv) is the one list of figures (pipeline/registry.sh
# makes FIGURE_IDS, FIGURES_A/B/C, ...). Every figure's runs are declared once in pipeline/experiments.txt;
# pipeline_plan (a program of the build: it checks each run against its program's parameter declaration)
# writes their rules, one file per QUICK, SEEDS and DRAWS, read only by goals that compute or render figures.
REGISTRY := pipeline/figures.tsv
$(BUILD)/registry.mk: $(REGISTRY) pipeline/registry.sh
	@mkdir -p $(@D)
	@pipeline/registry.sh $(REGISTRY) > $@.$$$$.tmp && mv $@.$$$$.tmp $@
include $(BUILD)/registry.mk

RUNS := $(DATA)/runs
# FORCE when the digest of what made a figure's data (its .args) is not the one the rules give.
args_changed = $(if $(filter $(2),$(file < $(1)/.args)),,FORCE)
SEEDS ?= $(if $(filter 1,$(QUICK)),2,5)
ifeq ($(shell echo '$(SEEDS)' | grep -Ex '[1-9][0-9]*'),)
$(error SEEDS must be a positive whole number (got '$(SEEDS)'), e.g. make figures SEEDS=5)
endif
PLAN_ARGS = --quick $(QUICK) --seeds $(SEEDS) --draws $(DRAWS) $(if $(SET),--set-figure '$(FIGURE)' --set '$(SET)')
RULES := $(BUILD)/rules-$(DRAWS)-q$(QUICK)-s$(SEEDS)$(if $(SET),-$(FIGURE)-$(subst $(space),_,$(subst =,-,$(subst $(comma),+,$(SET))))).mk
# (Each writer its own temporary file: two makes in one checkout may write the rules at once.)
$(RULES): pipeline/experiments.txt $(REGISTRY) $(STAMPS)/pipeline_plan.sha256
	@$(BIN)/pipeline_plan rules $(PLAN_ARGS) > $@.$$$$.tmp && mv $@.$$$$.tmp $@
GNUPLOT_SCRIPTS := $(wildcard figures/*.gp)
NO_RULES := help print-figures sweep compare build test test-asan deps-build deps-plot deps-torch deps-python python clean bench bench-compare bench-gemm crosscheck findings findings-snapshot findings-against
$(foreach g,$(MAKECMDGOALS),$(if $(or $(findstring /,$(g)),$(filter $(FIGURE_IDS) $(NO_RULES) all figures studies check report gallery mc-runs slurm-check done-% deps-%,$(g))),,$(error no goal '$(g)': make help lists the goals, make print-figures the figure ids)))
ifneq ($(filter-out $(NO_RULES),$(or $(MAKECMDGOALS),help)),)
include $(RULES)
endif
# On our draws, a figure also gets the same figure's data on the authors' draws (AUTHORS_OUT,
# default out-authors: make figures DRAWS=authors) if it has been computed; the sweep figures
# (figures/mc_sweep.gp) draw its seed 1, the paper's curve, beside ours.
AUTHORS_OUT ?= out-authors
paper_data = $(if $(filter ours,$(DRAWS)),$(if $(wildcard $(AUTHORS_OUT)/data/$(1)/final_error.tsv),$(AUTHORS_OUT)/data/$(1)))

# Every run of the figures (make mc-runs computes them without collecting or rendering).
.PHONY: mc-runs
mc-runs: $(ALL_RUNS)

# The registry's figure ids, in order (the tests compare them with the registry).
print-figures:
	@echo $(FIGURE_IDS)

# The goals: figures (registry parts A, B), studies (part C), all, and figure ids. Each installs
# packages, builds, says what it will compute (pipeline_plan estimate), then works on every core
# unless -j was given (make 4.3 shows -j in MAKEFLAGS only inside recipes: hence the sub-make).
IDS.figures := $(FIGURES_A) $(FIGURES_B)
IDS.studies := $(FIGURES_C)
IDS.all := $(FIGURE_IDS)
WHAT.figures := the paper's figures
WHAT.studies := the studies beyond the paper
WHAT.all := the paper's figures and the studies
NPROC := $(shell nproc 2>/dev/null || echo 1)
jobs_given = $(filter -j%,$(MAKEFLAGS))
build_jobs = $(patsubst -j%, --parallel %,$(filter-out -j,$(firstword $(jobs_given))))
jobs_flag = $(if $(jobs_given),,-j$(NPROC))
jobs_count = $(if $(jobs_given),$(or $(patsubst -j%,%,$(firstword $(jobs_given))),unlimited),$(NPROC))
goal_runs = $(sort $(foreach f,$(IDS.$(1)),$(RUNS.$(f))))
# Figure ids given together (make -j mc_depth mc_rank) are one goal, "ids": their shared runs
# are computed once, by the first id's recipe; the others' do nothing.
GOAL_IDS := $(filter $(FIGURE_IDS),$(MAKECMDGOALS))
IDS.ids := $(GOAL_IDS)
goal = $(if $(filter $(1),$(GOAL_IDS)),ids,$(1))
skip = $(if $(filter $@,$(wordlist 2,999,$(GOAL_IDS))),@exit 0; ,@)
# The estimate's dry run of make (not run by make -n: it names the sub-make indirectly), without
# the jobserver of a make -j above (a line not a sub-make's gets none). The programs were built
# when make read $(RULES) (it needs pipeline_plan's stamp): the goal's sub-make has NO_BUILD=1.
DRY_MAKE = MAKEFLAGS='$(subst ','\'',$(filter-out -j% --jobserver-auth=% --jobserver-fds=%,$(MAKEFLAGS)))' $(MAKE)
.PHONY: figures studies all $(FIGURE_IDS)
figures studies all $(FIGURE_IDS):
	$(skip)pipeline/deps.sh build plot
	$(skip){ $(DRY_MAKE) -n --no-print-directory NO_BUILD=1 $(call goal_runs,$(call goal,$@)); echo "dry-run-status $$?"; } | $(BIN)/pipeline_plan estimate \
	  --bin $(BIN) --jobs $(jobs_count) --cores $(NPROC) --total $(words $(call goal_runs,$(call goal,$@))) \
	  --what "$(or $(WHAT.$@),$(GOAL_IDS),$@)" --out $(OUT) --runner "$(RUNNER)"
	$(skip)$(MAKE) --no-print-directory $(jobs_flag) done-$(call goal,$@) GOAL_IDS="$(GOAL_IDS)" NO_BUILD=1

# A goal is done when its figures are rendered and the report rewritten.
.SECONDEXPANSION:
done-%: $$(foreach f,$$(IDS.$$*),$$(FIG)/$$(f).pdf $$(FIG)/$$(f).png)
	@pipeline/verify_figures.sh $(FIG) $(IDS.$*)
	@$(MAKE) --no-print-directory report

# make sweep FIGURE=<id> VARY="<name>=<v1>,<v2>,...": the figure once per value (all checked before any run), every run
# given <name>=<value>, in $(OUT)/<name>-<value>/ with figure, claims, report; verdicts printed (a FAIL is a finding).
VARY_NAME = $(firstword $(subst =, ,$(VARY)))
.PHONY: sweep compare
sweep:
	@$(if $(filter $(FIGURE),$(FIGURE_IDS)),$(if $(VARY),,echo "error: make sweep needs VARY=<parameter>=<v1>$(comma)<v2>$(comma)...$(comma) e.g. make sweep FIGURE=$(FIGURE) VARY=lr=0.1$(comma)0.4" >&2; exit 2),echo "error: make sweep needs FIGURE=<a figure id> (got '$(FIGURE)'), e.g. make sweep FIGURE=mc_depth VARY=lr=0.1,0.4" >&2; exit 2)
	@$(MAKE) --no-print-directory build && values=$$($(BIN)/pipeline_plan vary --quick $(QUICK) --seeds $(SEEDS) --draws $(DRAWS) \
	  --set-figure $(FIGURE) --vary '$(VARY)') && $(BIN)/pipeline_plan out-root '$(OUT)' || exit 2; for v in $$values; do $(MAKE) --no-print-directory $(FIGURE) NO_BUILD=1 FIGURE=$(FIGURE) SET="$(VARY_NAME)=$$v" \
	  CHECK_IDS=$(FIGURE) OUT=$(OUT)/$(VARY_NAME)-$$v || exit $$?; echo "$(VARY_NAME)=$$v:"; $(BIN)/check_claims --data $(OUT)/$(VARY_NAME)-$$v/data --figures $(FIGURE) $(if $(filter 1,$(QUICK)),--quick) || [ $$? -eq 1 ] || exit 2; done

# make compare A=<root> B=<root>: two roots' claims and points side by side (compare_results).
compare: build
	@$(if $(and $(A),$(B)),,echo "error: make compare needs A=<output root> B=<output root>, e.g. make compare A=out B=out-lr/lr-0.1" >&2; exit 2)
	$(BIN)/compare_results --a $(A) --b $(B) $(if $(TABLE),--table $(TABLE))

# The claims of every paper figure, and the hypotheses of every study whose data exist (a study not
# computed is listed as such; its verdicts never decide the exit status, 0 when every paper claim passes).
CHECK_IDS ?= $(FIGURE_IDS)
CHECK_ARGS = --data $(DATA) --figures $(subst $(space),$(comma),$(strip $(CHECK_IDS))) \
  --table $(OUT)/claims.tsv $(if $(filter 1,$(QUICK)),--quick)

# The report shows failed claims too, so the claims table is written whatever the verdicts (exit 1 = some
# paper claim failed). An old table is removed first, so that a checker that cannot run (exit 2) leaves no
# stale verdicts: the report then says so and make fails. It reports what make figures / studies computed.
report: $(if $(NO_BUILD),,build)
	@$(BIN)/pipeline_plan out-root '$(OUT)' && rm -f $(OUT)/claims.tsv
	@status=0; $(BIN)/check_claims $(CHECK_ARGS) >/dev/null || status=$$?; \
	$(BIN)/make_report --out $(OUT) --figures $(subst $(space),$(comma),$(strip $(CHECK_IDS))) $(if $(SET),--setting '$(SET)') || exit $$?; \
	if [ $$status -ge 2 ]; then echo "error: check_claims could not run (exit $$status); the report has no verdicts: run make check" >&2; exit 1; fi

# make check computes nothing: the paper figures' data (and a study's, where computed) must be this configuration's, up to date.
CHECKED_IDS = $(IDS.figures) $(filter $(notdir $(wildcard $(DATA)/*)),$(IDS.studies))
check: build
	@$(MAKE) -q --no-print-directory NO_BUILD=1 NO_DEPS=1 $(foreach id,$(CHECKED_IDS),$(DATA)/$(id)/$($(id)_DATA)) || { bad=; $(foreach id,$(CHECKED_IDS),$(MAKE) -q --no-print-directory NO_BUILD=1 NO_DEPS=1 $(DATA)/$(id)/$($(id)_DATA) || bad="$$bad $(id)";) fix="make$$bad (or make figures, make studies)"; [ $$(echo $$bad | wc -w) -lt $(words $(IDS.figures)) ] || { bad=" any paper figure"; fix="make figures"; }; \
	  echo "error: $(OUT) does not hold up-to-date data of$$bad for QUICK=$(QUICK) SEEDS=$(SEEDS) DRAWS=$(DRAWS) (not computed, of another configuration, or older than its program): $$fix with them first, or give make check the QUICK, SEEDS and DRAWS the root was made with (a make sweep root holds one figure: its verdicts are in its claims.tsv)" >&2; exit 2; }
	$(BIN)/check_claims $(CHECK_ARGS)

# The docs' findings (report/findings.hpp): every verdict and number README.md and docs/*.md quote about a
# study is a span rendered from docs/findings/claims.tsv, a committed snapshot of the default-size claims table.
# make findings renders them; findings-snapshot takes the study rows of $(OUT)/claims.tsv (after a default-size
# make studies); findings-against checks $(OUT)/claims.tsv has the snapshot's verdicts (Findings.* tests).
DOCS_MD := README.md $(wildcard docs/*.md)
.PHONY: findings findings-snapshot findings-against
findings: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --docs $(subst $(space),$(comma),$(strip $(DOCS_MD)))
findings-snapshot: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --import $(OUT)/claims.tsv --commit $$(git rev-parse HEAD) --seeds "$(SEEDS)"
findings-against: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --against $(OUT)/claims.tsv

# The README's figures (docs/gallery/), copied from a full make figures (paper-scale data); computes nothing.
GALLERY := fig1_phase_large fig2_multipath_deficit mc_depth mc_singular_values
gallery: build
	@[ "$(QUICK)-$(SEEDS)-$(DRAWS)" = 0-5-ours ] || { echo "error: make gallery copies paper-scale figures: run it without QUICK, SEEDS or DRAWS (got QUICK=$(QUICK) SEEDS=$(SEEDS) DRAWS=$(DRAWS))" >&2; exit 2; }
	@$(MAKE) -q --no-print-directory NO_BUILD=1 NO_DEPS=1 $(foreach f,$(GALLERY),$(FIG)/$(f).png) || { echo "error: $(FIG) does not hold up-to-date $(GALLERY): make figures first" >&2; exit 2; }
	@mkdir -p docs/gallery
	@for id in $(GALLERY); do cp $(FIG)/$$id.png docs/gallery/$$id.png; done
	@echo "docs/gallery: $(foreach f,$(GALLERY),$(FIG)/$(f).png) from $(FIG)"

bench: build
	@$(BIN)/pipeline_plan out-root '$(OUT)' && mkdir -p $(OUT)/bench
	$(BIN)/bench_twopath --benchmark_out=$(OUT)/bench/twopath.json --benchmark_out_format=json
	$(BIN)/bench_completion --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
	  --benchmark_out=$(OUT)/bench/completion.json --benchmark_out_format=json

# Our completion step against the same step in PyTorch, timed alternately on one thread.
bench-compare: build | deps-plot
	@pipeline/deps.sh torch
	@$(BIN)/pipeline_plan out-root '$(OUT)' && mkdir -p $(OUT)/bench $(FIG)
	/usr/bin/python3 bench/compare_torch.py --bench $(BIN)/bench_completion --out $(OUT)/bench/compare.tsv
	gnuplot -c figures/bench_scaling.gp $(OUT)/bench $(FIG)/bench_scaling png </dev/null
	gnuplot -c figures/bench_scaling.gp $(OUT)/bench $(FIG)/bench_scaling pdf </dev/null

# The step's products on libxsmm (what the step runs), Eigen and the serial OpenBLAS (installed
# here; found when the build is configured again; only the benchmarks link it).
bench-gemm: | deps-build
	@pipeline/deps.sh gemm
	cmake --preset $(PRESET) >/dev/null
	cmake --build $(BUILD) --target bench_gemm
	@mkdir -p $(OUT)/bench
	$(BIN)/bench_gemm --benchmark_repetitions=9 --benchmark_enable_random_interleaving=true \
	  --benchmark_out=$(OUT)/bench/gemm.json --benchmark_out_format=json

# Our kernel against the same gradient descent in PyTorch on the authors' draws, and the exporter's tests.
crosscheck: build | deps-torch
	cmake --build $(BUILD) --target clp_torch_tests
	$(BIN)/pipeline_plan out-root '$(OUT)' && pipeline/crosscheck.sh $(BIN) $(OUT)/crosscheck

# RUNNER=slurm on a real single-node Slurm (pipeline/slurm-check.sh); no daemon survives it.
slurm-check: build | deps-plot
	pipeline/slurm-check.sh

# The Python module (docs/python.md), added to the release build (the programs' library); make
# test PRESET=python runs its tests, the example script and the notebook.
python:
	@$(MAKE) --no-print-directory build PRESET=python

clean:
	@[ ! -e $(OUT) ] || [ -e $(OUT)/.clp-output-root ] || { echo "error: not removing OUT=$(OUT): no $(OUT)/.clp-output-root, so the pipeline did not make it" >&2; exit 2; }
	rm -rf build $(OUT)
