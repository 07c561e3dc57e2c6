#include "completion/params.hpp"

#include <cmath>
#include <limits>

#include "common/error.hpp"
#include "common/memory_rule.hpp"
#include "completion/onset.hpp"
#include "completion/patterns.hpp"

namespace clp::completion {

namespace {

double squared(int N) { return double(N) * double(N); }

// The smallest normal number of the run's precision: an initialization whose end-to-end
// entries (standard deviation g / sqrt(N)) fall below it starts at W = 0 in that precision,
// a point gradient descent cannot leave for depth >= 2.
double smallest_normal(bool use_double) {
  return use_double ? std::numeric_limits<double>::min() : double(std::numeric_limits<float>::min());
}

}  // namespace

void declare_params(ParamTable& t, SweepConfig& c) {
  using Mode = SweepConfig::Mode;
  const auto is_switch = [&c] { return c.mode == Mode::kSwitch; };
  const auto is_subset = [&c] { return c.mode == Mode::kSubset; };
  t.choice<Mode>("mode", c.mode, {{"switch", Mode::kSwitch}, {"subset", Mode::kSubset}},
                 "deficit: switch (task 1, then task 2) or subset (the first n-deficit entries, then all n)")
      .column();
  t.add("N", c.N, "matrix size N (N by N)").at_least(2).at_most(20000).column();
  t.add("n", c.n, "observed entries (after the deficit)")
      .column()
      .at_least(1)
      .rule([&c] { return c.n <= squared(c.N); }, [&c] { return "must be at most N^2 = " + format_double(squared(c.N)); });
  t.add("n-deficit", c.n_deficit, "entries seen during the deficit (the first of the n)")
      .column("", [&c, is_subset] { return std::to_string(is_subset() ? c.n_deficit : c.n); })  // switch: all n
      .applies_when(is_subset, "--mode subset")
      .at_least(1)
      .rule([&c] { return c.n_deficit <= c.n; }, [&c] { return "must be at most --n (" + std::to_string(c.n) + ")"; });
  t.add("rank1", c.rank1, "rank of task 1 (of the single task with --mode subset)")
      .column()
      .at_least(1)
      .rule([&c] { return c.rank1 <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.add("rank2", c.rank2, "rank of task 2")
      .column("", [&c, is_switch] { return std::to_string(is_switch() ? c.rank2 : c.rank1); })  // subset: the one task
      .applies_when(is_switch, "--mode switch")
      .at_least(1)
      .rule([&c] { return c.rank2 <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.add("task2-shared", c.shared,
        "k >= 0: task 2 shares its first k singular directions with task 1, the others orthogonal (-1: independent)")
      .column("shared")
      .applies_when(is_switch, "--mode switch")
      .at_least(-1)
      .rule([&c] { return c.shared < 0 || (c.shared <= std::min(c.rank1, c.rank2) && c.rank1 + c.rank2 - c.shared <= c.N); },
            "must be at most min(--rank1, --rank2), with rank1 + rank2 - k <= N");
  t.add("depth", c.depth, "number of N by N layers D").at_least(1).at_most(1000).column();
  t.add("lr", c.lr,
        "learning rate of full-batch gradient descent on L = (1/(2n)) sum over the n observed entries of "
        "(W_uv - y_uv)^2 (a mean over the entries: rates well above 1 can converge)")
      .positive()
      .column();
  t.add("g", c.g, "initialization scale: layer entries N(0, g^(2/D) / N), so ||W||_F ~ g sqrt(N)")
      .column()
      .positive()
      .rule([&c] { return c.g / std::sqrt(double(c.N)) >= smallest_normal(c.use_double); },
            [&c] {
              return std::string("is too small for --precision ") + (c.use_double ? "double" : "float") +
                     ": the initial W = W_D ... W_1 (entries of size g / sqrt(N)) underflows to 0, a point gradient "
                     "descent cannot leave; raise --g" +
                     (c.use_double ? "" : " or use --precision double");
            });
  t.add("seed", c.seed, "random seed (tasks, observed entries, initialization)").column();
  t.add("switch-times", c.switch_times, "deficit lengths T_switch, strictly increasing").unit("steps").at_least(0).increasing();
  t.add("switch-at-multiples", c.switch_multiples,
        "ours (docs/onset.md): the switch times as these multiples of task 1's predicted learning time t*, "
        "rounded to whole steps, strictly increasing (not with --switch-times); writes t* and the measured "
        "learning time as columns")
      .may_be_empty()
      .at_least(0)
      .increasing()
      .rule([&c] { return c.switch_multiples.empty() || c.depth >= 2; },
            "needs --depth >= 2 (the predicted learning time of a depth-1 map is not a power law in g)");
  t.add("continue-steps", c.continue_steps, "steps of normal training after the switch")
      .column()
      .unit("steps")
      .at_least(1)
      .rule([&c] { return c.problem.empty() || c.continue_steps >= 2; },
            "must be at least 2 with --problem (the authors' loop trains continue-steps - 2 steps after the switch)");
  t.add("switch-shrink", c.shrink, "remedy at the switch: multiply every layer by this (shrink and perturb; 1: none)")
      .column("shrink")
      .at_least(0);
  t.add("switch-perturb", c.perturb, "remedy at the switch: add this times standard normal noise to every layer (0: none)")
      .column("perturb")
      .at_least(0);
  t.add("switch-reinit", c.reinit, "remedy at the switch: reset every layer to its initial value")
      .column("reinit")
      .rule([&c] { return !c.reinit || (c.shrink == 1 && c.perturb == 0); },
            "replaces the layers: drop --switch-shrink and --switch-perturb");
  t.add("task2-wd", c.task2_wd, "weight decay after the switch: GD on the loss + (wd/2) sum_j ||W_j||^2 (0: none)")
      .column()
      .at_least(0);
  t.add("sv-every", c.sv_every, "record the top singular values every k steps (0: never)").unit("steps").at_least(0);
  t.add("sv-count", c.sv_count, "how many singular values to record")
      .applies_when([&c] { return c.sv_every > 0; }, "--sv-every > 0")
      .at_least(1)
      .rule([&c] { return c.sv_count <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.choice<bool>("precision", c.use_double, {{"float", false}, {"double", true}},
                 "arithmetic of the kernel: float (fast, as the authors) or double")
      .column();
  t.add("problem", c.problem,
        "train on this problem file (tasks, entries, initial layers; e.g. the authors' draws from "
        "pipeline/authors_draws.py) with the authors' step counts; options not given are taken from it")
      .input_file()
      .rule([&c] { return c.problem.empty() || c.shared < 0; }, "cannot be used with --task2-shared (the file holds task 2)")
      .rule([&c] { return c.problem.empty() || (c.shrink == 1 && c.perturb == 0 && !c.reinit && c.task2_wd == 0); },
            "cannot be used with the remedies (--switch-shrink, --switch-perturb, --switch-reinit, --task2-wd are ours)");
  t.add("problem-crc32", c.problem_crc32, "the problem file's CRC-32 (8 hex digits; written into config.toml, "
                                          "so that a replay refuses a changed file; empty: not checked)")
      .applies_when([&c] { return !c.problem.empty(); }, "--problem");
  // The depth-and-plasticity study (ours; docs/plasticity.md).
  using Pattern = SweepConfig::Pattern;
  using Init = SweepConfig::Init;
  t.choice<Pattern>("pattern", c.pattern, {{"random", Pattern::kRandom}, {"block", Pattern::kBlock}},
                    "entries seen during the subset deficit: random (the first n-deficit of the draw) or block "
                    "(n-deficit drawn inside the diagonal blocks, the rest anywhere)")
      .column()
      .rule([&c] { return c.pattern == Pattern::kRandom || (c.mode == Mode::kSubset && c.problem.empty()); },
            "block applies to the subset deficit on our draws: --mode subset, without --problem");
  t.add("blocks", c.blocks, "number of diagonal blocks of --pattern block")
      .column()
      .applies_when([&c] { return c.mode == Mode::kSubset && c.pattern == Pattern::kBlock; }, "--pattern block")
      .at_least(1)
      .rule([&c] { return c.blocks <= c.N && diagonal_block_capacity(c.N, c.blocks) >= c.n_deficit; },
            "must be at most --N, with room for --n-deficit entries inside the diagonal blocks");
  t.choice<Init>("init", c.init, {{"gaussian", Init::kGaussian}, {"diagonal", Init::kDiagonal}},
                 "initialization: gaussian (the paper's) or diagonal (each layer g^(1/D) I + diag(e))")
      .column()
      .rule([&c] { return c.init == Init::kGaussian || c.problem.empty(); },
            "diagonal is ours: not with --problem (the file holds the layers)");
  t.add("init-jitter", c.init_jitter, "standard deviation of the diagonal jitter e, shared by the layers")
      .applies_when([&c] { return c.init == Init::kDiagonal; }, "--init diagonal")
      .at_least(0);
  t.add("branch-records", c.branch_records,
        "write branches.tsv: error and effective rank of W per branch, at the switch and after the last phase")
      .rule([&c] { return !c.branch_records || c.problem.empty(); }, "is ours: not with --problem")
      .rule([&c] { return c.branch_records || c.checkpoints.empty(); }, "is needed by --checkpoints");
  t.add("checkpoints", c.checkpoints, "also record each branch after these many steps of the last phase")
      .unit("steps")
      .applies_when([&c] { return c.branch_records && !c.checkpoints.empty(); }, "--branch-records")
      .at_least(1)
      .increasing()
      .rule([&c] { return c.checkpoints.back() < c.continue_steps && c.checkpoints.size() <= 8; },
            "must be below --continue-steps, at most 8 of them");
  t.add("erank-fraction", c.erank_fraction,
        "effective rank: count the singular values above this fraction of the largest")
      .applies_when([&c] { return c.branch_records; }, "--branch-records")
      .positive()
      .at_most(0.999999);
  t.add("quiet", c.quiet, "no progress on stderr").role(Role::kReport);

  // Memory: the layers (trunk, branch, gradients and the kernel's scratch), the tasks and W
  // in double, the entries; the loss of every step of a branch (the record the status is
  // decided on, and a working copy); the recorded singular values and their text.
  memory_rule(t, {
      {"--N or --depth",
       [&c] {
         const double word = c.use_double ? 8 : 4, N2 = squared(c.N);
         return 6 * double(c.depth) * N2 * word + 6 * N2 * 8 + 64 * double(c.n);
       }},
      {"--continue-steps", [&c] { return (double(c.continue_steps) + 2) * 8 * 2; }},
      {"--switch-times or --continue-steps (or raise --sv-every)",
       [&c] {
         const double samples =
             c.sv_every > 0 ? (double(c.switch_times.back()) + double(c.switch_times.size()) * double(c.continue_steps)) /
                                      double(c.sv_every) +
                                  2.0 * double(c.switch_times.size())
                            : 0;
         return samples * double(c.sv_count) * (8 + 48);
       }},
  });
}

namespace {

// Reads a problem file and pins its checksum: a given --problem-crc32 must match it (a
// replay of a run whose file changed is refused), an empty one takes its value.
Problem read_pinned(const std::string& path, std::string& crc32) {
  Problem p = read_problem(path);
  if (!crc32.empty() && crc32 != p.crc32)
    throw Error("--problem " + path + " has checksum " + p.crc32 + ", not the " + crc32 +
                " of --problem-crc32: the file changed since the run was made; restore it, or drop --problem-crc32");
  crc32 = p.crc32;
  return p;
}

}  // namespace

Problem read_trace_problem(TraceParams& p) { return read_pinned(p.problem, p.problem_crc32); }

std::vector<std::pair<std::string, std::string>> sweep_columns(const SweepConfig& cfg) {
  SweepConfig c = cfg;  // the table binds to its config
  ParamTable t("mc_sweep", "");
  declare_params(t, c);
  return t.columns();
}

std::vector<std::pair<std::string, std::string>> sweep_columns(const std::map<std::string, std::string>& provenance) {
  SweepConfig c;
  ParamTable t("mc_sweep", "");
  declare_params(t, c);
  std::vector<std::string> args;
  std::vector<bool> named;  // per column, in declaration order: its parameter is in the provenance
  for (const auto& p : t.params()) {
    const auto v = provenance.find(p->name());
    const bool here = v != provenance.end() && p->role() == Role::kData && !p->is_input_file();
    if (!p->column_name().empty()) named.push_back(here);
    if (!here) continue;
    if (p->is_flag()) args.push_back("--" + p->name() + "=" + v->second);
    else args.insert(args.end(), {"--" + p->name(), v->second});
  }
  t.parse(args);
  std::vector<std::pair<std::string, std::string>> out;
  const auto all = t.columns();
  for (size_t i = 0; i < all.size(); ++i)
    if (named[i]) out.push_back(all[i]);
  return out;
}

std::optional<Problem> finish_sweep_params(ParamTable& t, SweepConfig& cfg) {
  std::optional<Problem> problem;
  if (!cfg.problem.empty()) {
    const Problem& p = problem.emplace(read_pinned(cfg.problem, cfg.problem_crc32));
    using Mode = SweepConfig::Mode;
    if (!t.given("mode")) cfg.mode = p.mode == "subset" ? Mode::kSubset : Mode::kSwitch;
    if (!t.given("N")) cfg.N = p.N;
    if (!t.given("n")) cfg.n = p.n;
    if (!t.given("n-deficit")) cfg.n_deficit = p.n_deficit;
    if (!t.given("rank1")) cfg.rank1 = p.rank1;
    if (!t.given("rank2")) cfg.rank2 = p.rank2;
    if (!t.given("depth")) cfg.depth = p.depth;
    if (!t.given("g")) cfg.g = p.g;
    if (!t.given("seed")) cfg.seed = p.seed;
  }
  t.check();
  // The multiples set the switch times. A --switch-times given with them is refused unless it
  // is the very list they give (the config.toml of such a run holds both, and replays).
  const std::vector<long> given_times = cfg.switch_times;
  resolve_switch_multiples(cfg, problem ? &*problem : nullptr);
  if (!cfg.switch_multiples.empty() && t.given("switch-times") && given_times != cfg.switch_times)
    throw Error("--switch-at-multiples sets the switch times: drop --switch-times");
  return problem;
}

void declare_params(ParamTable& t, OdeCompareConfig& c) {
  t.add("N", c.N, "matrix size N").at_least(2).at_most(20000);
  t.add("n", c.n_list, "observed entries (a list: one comparison per value)")
      .at_least(1)
      .rule(
          [&c] {
            for (int n : c.n_list)
              if (n > squared(c.N)) return false;
            return true;
          },
          [&c] { return "must be at most N^2 = " + format_double(squared(c.N)); });
  t.add("rank1", c.rank1, "rank of task 1").at_least(1).rule([&c] { return c.rank1 <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.add("rank2", c.rank2, "rank of task 2").at_least(1).rule([&c] { return c.rank2 <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.add("depth", c.depth, "depth D (at least 2: the ODE's F needs s^(2/D) to separate values)").at_least(2).at_most(1000);
  t.add("eta", c.eta, "learning rate of GD and step of the ODE").positive();
  t.add("g", c.g, "initialization: every layer g^(1/D) I + diag(e)")
      .positive()
      .rule([&c] { return std::pow(c.g, 1.0 / c.depth) >= std::numeric_limits<double>::min(); },
            "is too small: the layers' g^(1/D) underflows in double; raise --g");
  t.add("jitter", c.jitter, "e ~ N(0, jitter^2), shared by the layers (keeps singular values distinct)").at_least(0);
  t.add("totals", c.totals, "run lengths, strictly increasing")
      .unit("steps")
      .at_least(1)
      .increasing()
      .rule([&c] { return c.totals.front() >= c.task2_steps; }, "must be at least --task2-steps each");
  t.add("task2-steps", c.task2_steps, "the last steps of every run, on task 2").unit("steps").at_least(0);
  t.add("record-every", c.record_every, "record the singular values every k steps").unit("steps").at_least(1);
  t.add("sv-count", c.sv_count, "how many singular values to record")
      .at_least(1)
      .rule([&c] { return c.sv_count <= c.N; }, [&c] { return "must be at most --N (" + std::to_string(c.N) + ")"; });
  t.add("seed", c.seed, "random seed (tasks, entries, jitter)");
  t.add("quiet", c.quiet, "no progress on stderr").role(Role::kReport);
  // The layers and the ODE's state; the recorded singular values (and their text); the loss
  // of every step of a branch's task-2 phase, of both (the status record and a working copy).
  memory_rule(t, {
      {"--N", [&c] { return 40 * squared(c.N) * 8; }},
      {"--totals (or raise --record-every)",
       [&c] {
         double records = 0;
         for (long T : c.totals) records += double(T) / double(c.record_every) + 1;
         return records * double(c.n_list.size()) * double(c.sv_count) * (2 * 8 + 64);
       }},
      {"--task2-steps", [&c] { return (double(c.task2_steps) + 2) * 2 * 8 * 2; }},
  });
}

void declare_params(ParamTable& t, TraceParams& p) {
  t.add("problem", p.problem, "problem file (pipeline/authors_draws.py)").input_file().nonempty();
  t.add("problem-crc32", p.problem_crc32,
        "the problem file's CRC-32 (written into config.toml, so that a replay refuses a changed file; empty: "
        "not checked)");
  declare_params(t, p.cfg);
}

void declare_params(ParamTable& t, TraceConfig& c) {
  t.add("steps", c.steps, "iterations").unit("steps").at_least(1);
  t.add("switch-at", c.switch_at, "iterations t <= this use task 1 (the deficit subset); -1: none")
      .at_least(-1)
      .rule([&c] { return c.switch_at < c.steps; }, "must be before the last iteration (--steps)");
  t.add("lr", c.lr, "learning rate").positive();
  t.choice<bool>("precision", c.use_double, {{"float", false}, {"double", true}}, "the kernel's arithmetic");
  // Per iteration: train loss and test error (two doubles), the last phase's loss record
  // (one more, and a working copy of it), and their text line.
  t.memory_rule([&c] { return double(c.steps) * (32 + 48) + 1e8; }, "--steps");
}

}  // namespace clp::completion
