// branches.tsv: the per-branch records of a sweep run with --branch-records (ours, the
// depth-and-plasticity study, docs/plasticity.md). One row per switch time and record
// (each checkpoint of the last phase, then its end): the test error, its rise over the
// smallest switch time at the same recovery length, and the effective rank of W at the
// switch and at the record. A figure collecting several runs tells their curves apart by the
// parameter columns and the recovery (mc_collect --group mode,pattern,init,rank1,depth,recovery).
#pragma once
#include <filesystem>

#include "common/tsv.hpp"
#include "completion/sweep.hpp"

namespace clp::completion {

// Writes branches.tsv into dir (before final_error.tsv, the run's make target).
void write_branches(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                    const std::filesystem::path& dir);

}  // namespace clp::completion
