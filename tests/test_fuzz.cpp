// Seeded mutation fuzzing of what users and files feed the programs: command lines through
// the parser and the configurations' validation, and data files through the reader and the
// claim checker. Every case must end in success or one clp::Error whose message is one
// line; no other exception, no crash; and a data file mutated into an invalid one (a row
// dropped, duplicated, cut, a cell made non-finite, empty or not a number) is never PASS.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "claims/claims.hpp"
#include "common/params.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"
#include "common/tsv.hpp"
#include "programs/programs.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace clp;

namespace {

const std::vector<std::string> kValues{"", "0", "1", "-1", "2", "100", "1e999", "nan", "inf", "-inf", "0.2", "abc",
                                       "1,", ",1", "1,,2", "0,100,50", "0,1000,5000", "2,5,8", "--depth", "=", "1e-320",
                                       "99999999999999999999", "3.5", " 1", "1 ", "\xc3\xa9", std::string(300, '9')};

bool one_line(const std::string& m) { return !m.empty() && m.find('\n') == std::string::npos; }

// One random command line for a Cli with these option names (and some unknown ones).
std::vector<std::string> random_args(Rng& rng, const std::vector<std::string>& names) {
  std::vector<std::string> args;
  const int n = static_cast<int>(rng.below(6));
  for (int i = 0; i < n; ++i) {
    const std::string name = rng.below(8) == 0 ? "bogus" : names[rng.below(names.size())];
    const std::string value = kValues[rng.below(kValues.size())];
    switch (rng.below(4)) {
      case 0: args.push_back("--" + name + "=" + value); break;
      case 1: args.push_back("--" + name); break;  // value may be missing
      default: args.push_back("--" + name), args.push_back(value);
    }
  }
  return args;
}


// Runs f; it must return or throw clp::Error with a one-line message. Counts errors.
void expect_clean(const std::function<void()>& f, const std::string& what, int& errors) {
  try {
    f();
  } catch (const Error& e) {
    ++errors;
    EXPECT_TRUE(one_line(e.what())) << what << ": '" << e.what() << "'";
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": not a clp::Error: " << e.what();
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + " ";
  return s;
}

std::vector<std::string> lines_of(const fs::path& f) {
  std::ifstream in(f);
  std::vector<std::string> v;
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

std::vector<size_t> data_lines(const std::vector<std::string>& v) {
  std::vector<size_t> idx;
  bool header = false;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].empty() || v[i][0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    idx.push_back(i);
  }
  return idx;
}

// Mutates a valid data file into an invalid one.
std::vector<std::string> invalidate(Rng& rng, std::vector<std::string> v) {
  const auto rows = data_lines(v);
  const size_t r = rows[rng.below(rows.size())];
  switch (rng.below(5)) {
    case 0: v.erase(v.begin() + static_cast<long>(r)); break;           // a row dropped
    case 1: v.insert(v.begin() + static_cast<long>(r), v[r]); break;    // a row duplicated
    case 2: v.resize(rows[rows.size() / 2 + rng.below(rows.size() / 2)]); break;  // the tail cut
    default: {                                                           // a cell broken
      std::vector<std::string> cells;
      std::stringstream ss(v[r]);
      for (std::string c; std::getline(ss, c, '\t');) cells.push_back(c);
      static const std::vector<std::string> bad{"nan", "inf", "-inf", "", "x", "1e999", "1..2"};
      size_t c = rng.below(cells.size());
      // a numeric cell (not the text column 'mode'/'deficit')
      for (int tries = 0; tries < 10 && cells[c].find_first_of("0123456789") == std::string::npos; ++tries)
        c = rng.below(cells.size());
      if (cells[c].find_first_of("0123456789") == std::string::npos) {
        v.erase(v.begin() + static_cast<long>(r));
        break;
      }
      cells[c] = bad[rng.below(bad.size())];
      std::string o;
      for (size_t i = 0; i < cells.size(); ++i) o += (i ? "\t" : "") + cells[i];
      v[r] = o;
    }
  }
  return v;
}

void fuzz_data(const std::string& id, const fs::path& good, const std::string& file, int cases, std::uint64_t seed) {
  for (const auto& r : claims::check_figure(id, good)) ASSERT_TRUE(r.pass) << id << ": " << r.claim;
  const auto valid = lines_of(good / file);
  const fs::path bad = good.string() + "_bad";
  fs::remove_all(bad);
  fs::copy(good, bad, fs::copy_options::recursive);
  Rng rng(seed);
  for (int i = 0; i < cases; ++i) {
    const auto v = invalidate(rng, valid);
    {
      std::ofstream out(bad / file);
      for (const auto& l : v) out << l << "\n";
    }
    const auto rows = claims::check_figure_or_fail(id, bad);
    for (const auto& r : rows) {
      EXPECT_FALSE(r.pass) << id << " case " << i << ": PASS on invalid data: " << r.claim << "\n" << [&] {
        std::string diff;
        for (size_t k = 0; k < std::max(v.size(), valid.size()); ++k)
          if (k >= v.size() || k >= valid.size() || v[k] != valid[k])
            diff += "line " + std::to_string(k + 1) + ": '" + (k < valid.size() ? valid[k] : "") + "' -> '" +
                    (k < v.size() ? v[k] : "") + "'\n";
        return diff;
      }();
      EXPECT_TRUE(one_line(r.measured)) << r.measured;
    }
    if (::testing::Test::HasFailure()) return;
  }
  fs::remove_all(bad);
}

}  // namespace

TEST(Fuzz, CommandLinesEndInSuccessOrOneCleanError) {
  Rng rng(20261128);
  int errors = 0, total = 0;
  // Every program's own parameters, from its declaration (programs/programs.hpp), parsed
  // and checked by its rules (mc_trace's problem file is not read: it names none here).
  for (const std::string& program : programs::names()) {
    std::vector<std::string> names;
    {
      auto p = programs::make(program);
      ParamTable t(p->name(), "fuzz");
      p->declare(t);
      for (const auto& q : t.params())
        if (q->role() != Role::kOutput) names.push_back(q->name());
    }
    for (int i = 0; i < 600; ++i, ++total) {
      auto p = programs::make(program);
      ParamTable t(p->name(), "fuzz");
      p->declare(t);
      const auto args = random_args(rng, names);
      expect_clean([&] {
        if (t.parse(args)) {
          if (program != "mc_trace") p->prepare(t);
          t.check();
        }
      }, program + " " + join(args), errors);
    }
  }
  // Most random command lines are wrong; some are right. Both kinds must occur.
  EXPECT_GT(errors, total / 2);
  EXPECT_LT(errors, total);
}

TEST(Fuzz, MutatedDataFilesNeverPass) {
  const fs::path dir = clp::testing::scratch("fuzz");
  fs::remove_all(dir);
  // A complete mc_depth sweep over 3 seeds (synthetic, with the effects the claims want).
  {
    TsvWriter w(dir / "mc_depth" / "final_error.tsv", {{"program", "test"}, {"seeds", "1,2,3"}, {"curves", "1,2,3"}},
                {"depth", "rank1", "n", "g", "seed", "mode", "t_switch", "test_error", "excess_error", "status"});
    for (int D : {1, 2, 3})
      for (long s : {1L, 2L, 3L})
        for (long T : {0L, 50000L, 100000L}) {
          const double rise = D == 1 ? 0 : (D - 1) * 0.5 * T / 100000.0 * (1 + 0.01 * s);
          w.row(D, 10, 2000, 0.001, s, "switch", T, 0.1 + rise, rise, "converged");
        }
    w.commit();
  }
  fuzz_data("mc_depth", dir / "mc_depth", "final_error.tsv", 1500, 1);
  // fig2 and fig1 as the programs write them (reduced).
  auto make = [&](const std::string& program, const std::string& args) {
    const std::string cmd = std::string(CLP_BIN_DIR) + "/" + program + " --out " + (dir / program).string() + " " +
                            args + " >/dev/null 2>&1";
    const int raw = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << cmd;
  };
  make("fig2_multipath_deficit", "--record-every 5");
  fuzz_data("fig2_multipath_deficit", dir / "fig2_multipath_deficit", "trajectories.tsv", 300, 2);
  make("fig1_phase_large", "--runs 10 --flow-grid 2");
  fuzz_data("fig1_phase_large", dir / "fig1_phase_large", "endpoints.tsv", 800, 3);
  fs::remove_all(dir);
}
