#include "completion/branches.hpp"

#include <map>

#include "common/convergence.hpp"
#include "common/error.hpp"
#include "completion/params.hpp"

namespace clp::completion {

void write_branches(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                    const std::filesystem::path& dir) {
  require(cfg.branch_records, "write_branches needs a run with --branch-records");
  std::vector<long> recoveries = cfg.checkpoints;
  recoveries.push_back(cfg.continue_steps);
  // The error of the smallest switch time at each recovery length: the rise's baseline.
  std::map<long, double> base;
  const long first_switch = cfg.switch_times.front();
  for (const BranchRecord& b : res.branches)
    if (b.t_switch == first_switch) base[b.recovery] = b.test_error;
  require(base.size() == recoveries.size() && res.branches.size() == recoveries.size() * cfg.switch_times.size(),
          "write_branches: the run does not hold one record per switch time and recovery length");

  // Every record of a branch carries that branch's status (the validity contract's verdict on
  // the whole phase after the switch, common/convergence.hpp).
  std::map<long, std::string> status;
  for (const SweepPoint& pt : res.points) status[pt.t_switch] = convergence::name(pt.status);
  Provenance p = prov;
  p.push_back({"draws", res.draws});
  p.push_back({"draw_crc32", res.draw_crc32});
  p.push_back({"content",
               "per switch time and recovery (steps after the deficit): final test error (mean over all N^2 entries of "
               "(W - M)^2), its rise over the smallest switch time at the same recovery, and the effective rank of W "
               "at the switch and at the record (threshold: singular values above erank-fraction x the largest; "
               "entropy: exp of the entropy of the normalized singular values)"});
  // The parameter columns come from the parameters' declaration (completion/params.cpp).
  const auto params = sweep_columns(cfg);
  std::vector<std::string> columns;
  for (const auto& [name, cell] : params) columns.push_back(name);
  for (const char* c : {"t_switch", "recovery", "test_error", "excess_error", "train_loss", "rank_switch",
                        "entropy_switch", "rank_end", "entropy_end", "status"})
    columns.push_back(c);
  TsvWriter w(dir / "branches.tsv", p, columns);
  for (const BranchRecord& b : res.branches) {
    for (const auto& [name, cell] : params) w << cell;
    w.row(b.t_switch, b.recovery, b.test_error, b.test_error - base.at(b.recovery), b.train_loss, b.at_switch.threshold,
          b.at_switch.entropy, b.at_end.threshold, b.at_end.entropy, status.at(b.t_switch));
  }
  w.commit();
}

}  // namespace clp::completion
