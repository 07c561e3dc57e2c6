// Critical-period sweeps of deep matrix completion (paper Sec. 4, SPEC Part B).
//
// Two kinds of deficit, each followed by `continue_steps` steps of normal training:
//  - task switch: train on task 1 (rank r1) for T_switch steps, then on task 2 (rank r2,
//    independent, same observed entries). Test error against task 2.
//  - subset: one task (rank r1); during the deficit only the first n_deficit of the n
//    observed entries are seen, then all n. Test error against that task.
// Every switch time of a sweep shares initialization and data, so the first T_switch
// steps of every run are identical: the sweep trains the deficit phase once and branches
// a copy at each switch time (bit-identical to separate runs; a test checks it).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/convergence.hpp"
#include "common/tsv.hpp"
#include "completion/effective_rank.hpp"

namespace clp::completion {

struct SweepConfig {
  enum class Mode { kSwitch, kSubset } mode = Mode::kSwitch;
  int N = 100;          // matrix size
  int n = 2000;         // observed entries (after the deficit, in subset mode)
  int n_deficit = 1000; // entries seen during a subset deficit
  int rank1 = 10;       // task 1's rank (the single task's rank in subset mode)
  int rank2 = 5;        // task 2's rank (switch mode)
  int shared = -1;      // >= 0: task 2 shares its first `shared` directions with task 1 (ours)
  int depth = 3;
  double lr = 0.2;
  double g = 0.001;     // initialization scale: ||W||_F ~ g sqrt(N) at start
  std::uint64_t seed = 1;
  std::vector<long> switch_times{0, 1000, 5000, 10000, 20000, 40000, 60000, 80000, 100000};
  long continue_steps = 30000;
  long sv_every = 0;    // record the top singular values every k steps and at each branch's end (0 = never)
  int sv_count = 10;
  // Remedies applied at the switch (ours, beyond the paper): every layer shrunk and perturbed,
  // W_j <- shrink W_j + perturb xi (xi standard normal, one draw per seed shared by every switch
  // time), or re-initialized to its step-0 value; and weight decay during the phase after it.
  double shrink = 1, perturb = 0;
  bool reinit = false;
  double task2_wd = 0;
  bool use_double = false;  // run the fast kernel in double instead of float
  // A problem file (problem_file.hpp; e.g. the authors' draws from pipeline/authors_draws.py):
  // its tasks, entries and initial layers replace our draws, and the step counts follow the
  // authors' loop: T_switch + 1 steps of the deficit, then continue_steps - 2 steps, the
  // final error and train loss taken at the last iterate (SPEC, "The authors' random
  // draws", item 6). Its parameters must equal the ones above (validate checks).
  std::string problem;
  std::string problem_crc32;  // if set, the problem file's checksum must be this (a replay's pin)
  bool quiet = false;
  // Ours, the depth-and-plasticity study (docs/plasticity.md): the pattern of a subset
  // deficit's entries (random: the paper's; block: confined to `blocks` diagonal blocks,
  // completion/patterns.hpp), the initialization (gaussian: the paper's; diagonal: every
  // layer g^(1/D) I + diag(e), e ~ N(0, init_jitter^2) shared), and per-branch records
  // (branches.tsv): the error and the effective rank of W after `checkpoints` steps of the
  // last phase and at its end (threshold rank: singular values above erank_fraction x the
  // largest), and the effective rank at the switch.
  enum class Pattern { kRandom, kBlock } pattern = Pattern::kRandom;
  int blocks = 2;
  enum class Init { kGaussian, kDiagonal } init = Init::kGaussian;
  double init_jitter = 1e-5;
  bool branch_records = false;
  std::vector<long> checkpoints;  // strictly increasing, each in 1..continue_steps - 1
  double erank_fraction = 0.05;
  // Ours, the onset study (docs/onset.md, completion/onset.hpp): the switch times as multiples of
  // task 1's predicted learning time t* (resolve_switch_multiples sets switch_times and t_pred,
  // whole steps; 0: not used). The run then also measures t_learn on the trunk.
  std::vector<double> switch_multiples;
  long t_pred = 0;

  void validate() const;  // throws clp::Error naming the flag

  // Step counts: ours (T_switch deficit steps, then continue_steps), or the authors' loop
  // with a problem file (T_switch + 1, then continue_steps - 2, measured at the last iterate).
  long extra_deficit_steps() const { return problem.empty() ? 0 : 1; }
  long steps_after_deficit() const { return problem.empty() ? continue_steps : continue_steps - 2; }
  // The last iterate of a branch is step T_switch + last_step_offset().
  long last_step_offset() const { return extra_deficit_steps() + steps_after_deficit(); }
};

struct SweepPoint {
  long t_switch;
  double test_error;   // against the task learned last, after the last step
  double train_loss;   // (1/2n) sum of squared residuals before the last step (with a problem
                       // file: at the last iterate, as the authors' loop reports it)
  convergence::Status status = convergence::Status::kConverged;  // of the phase after the switch
};

struct SvSample {
  long t_switch, step;
  std::vector<double> sv;  // descending, sv_count values
};

// One record of a branch (branches.tsv): after `recovery` steps of the last phase.
struct BranchRecord {
  long t_switch, recovery;
  double test_error, train_loss;  // as SweepPoint, at this step
  EffectiveRank at_switch, at_end; // of W when the deficit ends, and after `recovery` steps
};

struct SweepResult {
  std::vector<SweepPoint> points;
  std::vector<BranchRecord> branches;  // with branch_records: per branch, each checkpoint and its end
  std::vector<SvSample> sv;  // per branch, its whole history (deficit part included)
  double init_norm = 0;      // ||W||_F at step 0
  std::string draws = "ours"; // whose random draws: ours, or the problem file's `draws` key
  std::string problem_crc32; // the problem file's checksum, if one was used
  // What identifies the random draw: CRC-32 (8 hex digits) over the bytes of M1, M2, the
  // observed entries and the initial layers, as drawn. Two runs with the same value trained
  // on the same data from the same start (one seed, not two), whatever their seed says.
  std::string draw_crc32;
  // The trunk's learning time of task 1: the first step t >= 1 whose train loss (before update
  // t) is at most half the initial one; -1 if the trunk never got there.
  long t_learn = -1;
};

// With cfg.problem set, `problem` may hold that file already read (else run_sweep reads it).
struct Problem;
SweepResult run_sweep(const SweepConfig& cfg, const Problem* problem = nullptr);

// Writes singular_values.tsv (if any) and, last, final_error.tsv with columns
// depth rank1 rank2 shared n n_deficit g lr seed mode t_switch continue_steps test_error
// excess_error train_loss shrink perturb reinit task2_wd status (excess = error minus the error of
// the smallest switch time; the last four: the remedy at the switch, none = 1 0 0 0;
// status: common/convergence.hpp's verdict on the training after the switch). With switch
// multiples (the onset study) two more columns: t_pred (t*) and t_learn (nan if not reached).
// The provenance says whose draws (`draws: ours` or the problem file's, e.g. `authors`)
// and, with a problem file, its checksum and the authors' step counts; `last_step_offset`
// = the last iterate's step minus T_switch.
void write_sweep(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                 const std::filesystem::path& dir);
// The rows of final_error.tsv (the file and clp.mc_sweep() both come from it).
DataTable sweep_table(const SweepResult& res, const SweepConfig& cfg);

}  // namespace clp::completion
