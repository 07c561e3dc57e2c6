# Reproduces every figure of Kleinman, Achille, Soatto, "Critical Learning Periods Emerge
# Even in Deep Linear Networks" (ICLR 2024). See README.md for the user's manual.
#
#   make figures       build, compute all data, render out/figures/<id>.{pdf,png}
#   make test          build and run the GoogleTest suite (ctest)
#   make test-asan     the unit tests under address + UB sanitizers (CI runs it)
#   make check         check the paper's claims on the produced data (after make figures)
#   make report        out/report.html: every figure with its claims (run by make figures)
#   make bench         run the Google Benchmark programs, JSON under out/bench/
#   make bench-compare our completion step vs PyTorch (installs python3-torch), table + figure
#   make bench-gemm    the step's products: Eigen vs libxsmm and OpenBLAS (installs both)
#   make <figure-id>   one figure and the data it needs, e.g. make fig2_multipath_deficit
#   make mc-runs       every matrix-completion run, without collecting or rendering
#   make crosscheck    our gradient descent vs the same loop in PyTorch on identical inputs (installs python3-torch)
#   make slurm-check   RUNNER=slurm on a real single-node Slurm started here (installs slurm-wlm, munge)
#   make python        the Python module clp in build/python (docs/python.md); make test PRESET=python tests it
# Variables: SEEDS=k (matrix-completion figures over seeds 1..k; default 5, QUICK 2),
# QUICK=1 (reduced sizes, for CI and smoke tests), OUT=dir (output root, default out),
# DRAWS=authors (the paper's matrix-completion figures on the authors' random draws,
# replayed from their numpy + PyTorch procedure; default OUT out-authors, SEEDS 1),
# RUNNER=slurm (every run as a Slurm job via srun; SRUN_FLAGS=extra srun options),
# PRESET=release|debug|asan|python (CMake preset).

DRAWS ?= ours
ifeq ($(filter $(DRAWS),ours authors),)
$(error DRAWS must be ours or authors (got '$(DRAWS)'), e.g. make figures DRAWS=authors)
endif
ifeq ($(DRAWS),authors)
OUT ?= out-authors
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
BUILD := build/$(PRESET)
BIN := $(BUILD)/bin
DATA := $(OUT)/data
FIG := $(OUT)/figures

.PHONY: all print-figures figures test test-asan check bench bench-compare bench-gemm crosscheck slurm-check report build deps-build deps-plot deps-torch deps-python python clean help FORCE
all: figures

help:
	@sed -n '1,22p' Makefile

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
# The python preset's configure step needs pybind11 and numpy.
$(BUILD)/build.ninja: | $(if $(filter python,$(PRESET)),deps-python)

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
# asan preset, only the test program and the programs it runs, and every test but the
# reduced paper-size sweep (which takes most of make test PRESET=asan's time).
test-asan: | deps-build
	cmake --preset asan >/dev/null
	cmake --build build/asan --target clp_tests
	ctest --preset asan -E CompletionDepthAndSingularValuesOnReducedSweep

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

figures: $(FIGURE_IDS)
	@pipeline/verify_figures.sh $(FIG) $(FIGURE_IDS)
	@$(MAKE) --no-print-directory report

# The report shows failed claims too, so the claims table is written whatever the verdicts
# (exit 1 = some claim failed). An old table is removed first, so that a checker that cannot
# run (exit 2) leaves no stale verdicts: the report then says so and make fails after it.
report: $(foreach id,$(FIGURE_IDS),$(DATA)/$(id)/$($(id)_DATA)) build
	@rm -f $(OUT)/claims.tsv
	@status=0; $(BIN)/check_claims --data $(DATA) --figures $(subst $(space),$(comma),$(strip $(FIGURE_IDS))) \
	  --table $(OUT)/claims.tsv $(if $(filter 1,$(QUICK)),--quick) >/dev/null || status=$$?; \
	$(BIN)/make_report --out $(OUT) || exit $$?; \
	if [ $$status -ge 2 ]; then echo "error: check_claims could not run (exit $$status); the report has no verdicts: run make check" >&2; exit 1; fi

check: $(foreach id,$(FIGURE_IDS),$(DATA)/$(id)/$($(id)_DATA)) build
	$(BIN)/check_claims --data $(DATA) --figures $(subst $(space),$(comma),$(strip $(FIGURE_IDS))) --table $(OUT)/claims.tsv $(if $(filter 1,$(QUICK)),--quick)

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

# The step's dense products in Eigen against libxsmm and OpenBLAS (installs both; a build
# of its own in build/gemm, so the project's build never links them).
bench-gemm: | deps-build
	@pipeline/deps.sh gemm
	cmake -S . -B build/gemm -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLP_BENCH_GEMM=ON -DCLP_BUILD_TESTS=OFF >/dev/null
	cmake --build build/gemm --target bench_gemm
	@mkdir -p $(OUT)/bench
	build/gemm/bin/bench_gemm --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
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

# The Python module (python/, docs/python.md) and the programs it is tested against, in a build
# of their own (build/python: the library as position-independent code); make test
# PRESET=python runs its tests, the example script and the notebook.
python:
	@$(MAKE) --no-print-directory build PRESET=python

clean:
	rm -rf build $(OUT)
