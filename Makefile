# Reproduces the figures of Kleinman, Achille, Soatto, "Critical Learning Periods Emerge
# Even in Deep Linear Networks" (ICLR 2024). See README.md for the user's manual.
#
#   make figures       the paper: build, compute every paper figure, check its claims, write
#                      out/report.html (every core unless -j is given; says what it will cost)
#   make studies       the project's own studies beyond the paper (report section "Studies")
#   make all           both
#   make test          build and run the GoogleTest suite (ctest)
#   make test-asan     the unit tests under address + UB sanitizers (CI runs it)
#   make check         the paper's claims on the produced data (exit 0 = reproduced), and the
#                      studies' hypotheses where computed (holds / does not hold)
#   make report        rewrite out/report.html from what is computed (run by the goals above)
#   make gallery       copy a few rendered figures into docs/gallery/ (the README shows them)
#   make bench         run the Google Benchmark programs, JSON under out/bench/
#   make bench-compare our completion step vs PyTorch (installs python3-torch), table + figure
#   make bench-gemm    the step's products: kernel, Eigen, libxsmm, OpenBLAS (installs the last two)
#   make <figure-id>   one figure and the data it needs, e.g. make fig2_multipath_deficit
#   make mc-runs       every matrix-completion run, without collecting or rendering
#   make crosscheck    our gradient descent vs the same loop in PyTorch on identical inputs (installs python3-torch)
#   make slurm-check   RUNNER=slurm on a real single-node Slurm started here (installs slurm-wlm, munge)
#   make python        the Python module clp in build/release/python (docs/python.md); make test PRESET=python tests it
# Variables: SEEDS=k (matrix-completion figures over seeds 1..k; default 5, QUICK 2),
# QUICK=1 (reduced sizes, for CI and smoke tests), OUT=dir (output root, default out),
# DRAWS=authors (the paper's matrix-completion figures on the authors' random draws,
# replayed from their numpy + PyTorch procedure with the observed entries an MKL-enabled
# PyTorch draws, as in the paper; default OUT out-authors, SEEDS 1), DRAWS=authors-nomkl
# (the same with the entries a PyTorch without MKL draws, e.g. Debian's; default OUT
# out-authors-nomkl, SEEDS 1; docs/authors-draws.md),
# RUNNER=slurm (every run as a Slurm job via srun; SRUN_FLAGS=extra srun options),
# PRESET=release|debug|asan|python (CMake preset).

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
# RUNNER=slurm: every program that computes data (a run) executes as a Slurm job through
# srun (pipeline/srun.sh; extra srun options in SRUN_FLAGS); gnuplot, mc_collect and the
# report stay local. Unset: everything runs here, as always.
RUNNER ?=
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
.PHONY: all print-figures figures studies test test-asan check bench bench-compare bench-gemm crosscheck slurm-check report gallery build deps-build deps-plot deps-torch deps-python python clean help FORCE

help:
	@sed -n '1,27p' Makefile

deps-build:
	@pipeline/deps.sh build
deps-plot:
	@pipeline/deps.sh plot
deps-torch:
	@pipeline/deps.sh torch
deps-python:
	@pipeline/deps.sh python

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

# ninja decides what to recompile; then every program's stamp (its SHA-256) is rewritten
# only if the binary's content changed, and data depends on the stamps: a program's data
# is recomputed only when that program really changed.
STAMPS := $(BUILD)/stamps
build: $(BUILD)/build.ninja
	cmake --build $(BUILD)
	@pipeline/stamp.sh $(BIN) $(STAMPS)

$(STAMPS)/%.sha256: build ;
$(BIN)/%: build ;

test: build
	ctest --preset $(PRESET)

# The unit tests under the address and undefined-behaviour sanitizers (run by CI): the
# asan preset, only the test program and the programs it runs, and every test but the long
# science regressions (label science: make test runs them, in the release build).
test-asan: | deps-build
	cmake --preset asan >/dev/null
	cmake --build build/asan --target clp_tests
	ctest --preset asan

comma := ,
empty :=
space := $(empty) $(empty)

# The figure registry (pipeline/figures.tsv) is the one list of figures: FIGURE_IDS, each
# figure's program, data file and recipe come from it (pipeline/registry.sh); the fragments
# below hold only each figure's configuration.
REGISTRY := pipeline/figures.tsv
$(BUILD)/registry.mk: $(REGISTRY) pipeline/registry.sh
	@mkdir -p $(@D)
	@pipeline/registry.sh $(REGISTRY) > $@.tmp && mv $@.tmp $@
include $(BUILD)/registry.mk

include pipeline/figure.mk
include pipeline/twopath.mk
include pipeline/completion.mk
include pipeline/sv_ode.mk
include pipeline/overlap.mk
include pipeline/beyond.mk
include pipeline/plasticity.mk
include pipeline/onset.mk

# Every figure of the registry, by its recipe (pipeline/figure.mk).
$(foreach id,$(FIGURES_program),$(eval $(call figure_rules,$(id))))
$(foreach id,$(FIGURES_collect),$(eval $(call collect_rules,$(id))))
$(foreach id,$(FIGURES_copy),$(eval $(call copy_rules,$(id))))

# Every run of the collected figures (make mc-runs computes them without rendering).
.PHONY: mc-runs
mc-runs: $(foreach f,$(FIGURES_collect),$(foreach r,$($(f)_RUNS),$(RUNS)/$(r)/final_error.tsv))

# The registry's figure ids, in order (the tests compare them with the registry).
print-figures:
	@echo $(FIGURE_IDS)

# The two goals. The registry's parts A and B are the paper's figures (make figures: every
# paper figure, its claims and the report, nothing else); part C holds the project's own
# studies beyond the paper (make studies). make all = both.
PAPER_IDS := $(FIGURES_A) $(FIGURES_B)
STUDY_IDS := $(FIGURES_C)

# Every core unless the user chose: make 4.3 shows -j in MAKEFLAGS only inside recipes, so
# the goal's recipe reads it there and starts the work in a sub-make with -j<cores> if none
# was given (make -j4 figures, MAKEFLAGS=-j4 and plain make -j keep theirs).
NPROC := $(shell nproc 2>/dev/null || echo 1)
jobs_given = $(filter -j%,$(MAKEFLAGS))
jobs_flag = $(if $(jobs_given),,-j$(NPROC))
jobs_count = $(if $(jobs_given),$(or $(patsubst -j%,%,$(firstword $(jobs_given))),unlimited),$(NPROC))

# The runs a set of figures needs, one line each for pipeline/plan.sh: program, run
# directory, data file, intended arguments (pipeline/plan.sh tells which are still to compute
# and estimates their time).
define nl


endef
plan_runs = $(sort $(foreach f,$(filter $(FIGURES_collect),$(1)),$($(f)_RUNS)) \
  $(foreach f,$(filter $(FIGURES_copy),$(1)),$($(f)_RUN)))
plan_lines = $(foreach r,$(call plan_runs,$(1)),mc_sweep	$(RUNS)/$(r)	final_error.tsv	$(strip $(RUN_ARGS.$(r)))$(nl))$(foreach \
  f,$(filter $(FIGURES_program),$(1)),$($(f)_PROGRAM)	$(DATA)/$(f)	$($(f)_DATA)	$(strip $($(f)_ARGS))$(nl))

# $(call goal_rules,<goal>,<figure ids>,<internal target>,<what>): the packages of the build
# and the plots in one install, the build, the plan (runs, cores, estimated time, output),
# then the work in a sub-make.
define goal_rules
$(1):
	@pipeline/deps.sh build plot
	@$$(MAKE) --no-print-directory build
	$$(file >$(BUILD)/plan-$(1).tsv,$$(call plan_lines,$(2)))
	@pipeline/plan.sh $(BUILD)/plan-$(1).tsv $(BIN) $(STAMPS) $$(jobs_count) $(NPROC) "$(4)" $(OUT) $(RUNNER)
	@$$(MAKE) --no-print-directory $$(jobs_flag) $(3)
endef
$(eval $(call goal_rules,figures,$(PAPER_IDS),paper-figures,the paper's figures))
$(eval $(call goal_rules,studies,$(STUDY_IDS),study-figures,the studies beyond the paper))
$(eval $(call goal_rules,all,$(FIGURE_IDS),all-figures,the paper's figures and the studies))

.PHONY: paper-figures study-figures all-figures
paper-figures: $(PAPER_IDS)
	@pipeline/verify_figures.sh $(FIG) $(PAPER_IDS)
	@$(MAKE) --no-print-directory report
study-figures: $(STUDY_IDS)
	@pipeline/verify_figures.sh $(FIG) $(STUDY_IDS)
	@$(MAKE) --no-print-directory report
all-figures: $(FIGURE_IDS)
	@pipeline/verify_figures.sh $(FIG) $(FIGURE_IDS)
	@$(MAKE) --no-print-directory report

# The claims of every paper figure, and the hypotheses of every study whose data exist
# (check_claims: a study not computed is listed as such; its verdicts never decide the exit
# status, which is 0 when every paper claim passes).
CHECK_ARGS = --data $(DATA) --figures $(subst $(space),$(comma),$(strip $(FIGURE_IDS))) \
  --table $(OUT)/claims.tsv $(if $(filter 1,$(QUICK)),--quick)

# The report shows failed claims too, so the claims table is written whatever the verdicts
# (exit 1 = some paper claim failed). An old table is removed first, so that a checker that
# cannot run (exit 2) leaves no stale verdicts: the report then says so and make fails after
# it. It reports what is computed; make figures / make studies compute what it shows.
report: build
	@rm -f $(OUT)/claims.tsv
	@status=0; $(BIN)/check_claims $(CHECK_ARGS) >/dev/null || status=$$?; \
	$(BIN)/make_report --out $(OUT) || exit $$?; \
	if [ $$status -ge 2 ]; then echo "error: check_claims could not run (exit $$status); the report has no verdicts: run make check" >&2; exit 1; fi

check: $(foreach id,$(PAPER_IDS),$(DATA)/$(id)/$($(id)_DATA)) build
	$(BIN)/check_claims $(CHECK_ARGS)

# The docs' findings (report/findings.hpp): every verdict and number README.md and docs/*.md
# quote about a study is a generated span rendered from docs/findings/claims.tsv, a committed
# snapshot of the default-size claims table. make findings renders them; make findings-snapshot
# replaces the snapshot with the study rows of $(OUT)/claims.tsv (after a default-size make
# studies: its report step writes the table); make findings-against checks that
# $(OUT)/claims.tsv has the snapshot's verdicts, row for row. The test
# Findings.DocsAreWhatTheSnapshotGives fails when a doc is not what the snapshot gives.
DOCS_MD := README.md $(wildcard docs/*.md)
.PHONY: findings findings-snapshot findings-against
findings: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --docs $(subst $(space),$(comma),$(strip $(DOCS_MD)))
findings-snapshot: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --import $(OUT)/claims.tsv --commit $$(git rev-parse HEAD) --seeds "$(SEEDS)"
findings-against: build
	$(BIN)/findings --snapshot docs/findings/claims.tsv --against $(OUT)/claims.tsv

# A few reproduced figures, kept in the repository for the README (docs/gallery/). Refresh
# them after a full make figures (the default OUT, SEEDS and QUICK: paper-scale data).
GALLERY := fig1_phase_large fig2_multipath_deficit mc_depth mc_singular_values
gallery: $(GALLERY)
	@mkdir -p docs/gallery
	@for id in $(GALLERY); do cp $(FIG)/$$id.png docs/gallery/$$id.png; done
	@echo "docs/gallery: $(GALLERY) from $(FIG)"

bench: build
	@mkdir -p $(OUT)/bench
	$(BIN)/bench_twopath --benchmark_out=$(OUT)/bench/twopath.json --benchmark_out_format=json
	$(BIN)/bench_completion --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
	  --benchmark_out=$(OUT)/bench/completion.json --benchmark_out_format=json

# Our completion step against the same step in PyTorch, timed alternately on one thread.
bench-compare: build | deps-plot
	@pipeline/deps.sh torch
	@mkdir -p $(OUT)/bench $(FIG)
	/usr/bin/python3 bench/compare_torch.py --bench $(BIN)/bench_completion --out $(OUT)/bench/compare.tsv
	gnuplot -c figures/bench_scaling.gp $(OUT)/bench $(FIG)/bench_scaling png </dev/null
	gnuplot -c figures/bench_scaling.gp $(OUT)/bench $(FIG)/bench_scaling pdf </dev/null

# The step's dense products on every implementation of the build: the project's kernel (where
# built), Eigen, libxsmm and the serial OpenBLAS (installed here; the build finds them when it
# is configured again, and only the benchmarks link them).
bench-gemm: | deps-build
	@pipeline/deps.sh gemm
	cmake --preset $(PRESET) >/dev/null
	cmake --build $(BUILD) --target bench_gemm
	@mkdir -p $(OUT)/bench
	$(BIN)/bench_gemm --benchmark_repetitions=9 --benchmark_enable_random_interleaving=true \
	  --benchmark_out=$(OUT)/bench/gemm.json --benchmark_out_format=json

# Our kernel against the same gradient descent in PyTorch on identical inputs (the authors'
# draws), and the exporter's tests (run by CI; installs python3-torch).
crosscheck: build | deps-torch
	cmake --build $(BUILD) --target clp_torch_tests
	pipeline/crosscheck.sh $(BIN) $(OUT)/crosscheck

# RUNNER=slurm proven on a real single-node Slurm (pipeline/slurm-check.sh): started, used,
# compared with a local run, a job cancelled on purpose, stopped; no daemon survives it.
slurm-check: build | deps-plot
	pipeline/slurm-check.sh

# The Python module (python/, docs/python.md), added to the release build (build/release/python:
# the same library as the programs it is tested against); make test PRESET=python runs its
# tests, the example script and the notebook.
python:
	@$(MAKE) --no-print-directory build PRESET=python

clean:
	rm -rf build $(OUT)
