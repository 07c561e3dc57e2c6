// branches.tsv: the per-branch records of a sweep run with --branch-records (ours, the
// depth-and-plasticity study, docs/plasticity.md). One row per switch time and record
// (each checkpoint of the last phase, then its end): the test error, its rise over the
// smallest switch time at the same recovery length, and the effective rank of W at the
// switch and at the record.
#pragma once
#include <filesystem>

#include "common/tsv.hpp"
#include "completion/sweep.hpp"

namespace clp::completion {

// The curve key of a record, one decimal digit (or two for the rank) per factor, so that a
// figure collecting several runs (mc_collect --group cell) keeps every curve apart:
//   cell = 100000 k + 10000 m + 1000 (2 p + i) + 10 rank1 + depth
// k the record's position among the checkpoints and the end (1-based), m the mode (0 switch,
// 1 subset), p the pattern (0 random, 1 block), i the initialization (0 gaussian,
// 1 diagonal). The run's other columns say the same in words.
long branch_cell(const SweepConfig& cfg, int record_index);

// Writes branches.tsv into dir (before final_error.tsv, the run's make target).
void write_branches(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                    const std::filesystem::path& dir);

}  // namespace clp::completion
