// The figure programs as a user runs them: bad input gives one clear error line naming the
// parameter, a non-zero exit, and no data file; --help lists the flags.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int status;
  std::string out, err;
};

Outcome run(const std::string& program, const std::string& args, const fs::path& dir) {
  const fs::path o = dir.string() + ".stdout", e = dir.string() + ".stderr";
  const std::string cmd = std::string(CLP_BIN_DIR) + "/" + program + " --out " + dir.string() + " " + args +
                          " >" + o.string() + " 2>" + e.string();
  const int raw = std::system(cmd.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  Outcome r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(o), slurp(e)};
  fs::remove(o);
  fs::remove(e);
  return r;
}

fs::path fresh(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("clp_prog_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

bool has_files(const fs::path& dir) {
  if (!fs::exists(dir)) return false;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) return true;
  return false;
}

void expect_clean_error(const std::string& program, const std::string& args, const std::string& names) {
  const fs::path dir = fresh(program);
  const Outcome r = run(program, args, dir);
  EXPECT_NE(r.status, 0) << program << " " << args;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(names), std::string::npos) << "stderr should name " << names << ": " << r.err;
  EXPECT_FALSE(has_files(dir)) << "a failed run left a data file in " << dir;
  fs::remove_all(dir);
}

}  // namespace

TEST(Programs, BadInputIsOneClearLineAndNoFile) {
  expect_clean_error("fig2_multipath_deficit", "--depth 0", "--depth");
  expect_clean_error("fig2_multipath_deficit", "--deficit-length -5", "--deficit-length");
  expect_clean_error("fig2_multipath_deficit", "--lr nan", "--lr");
  expect_clean_error("fig2_multipath_deficit", "--lr -0.1", "--lr");
  expect_clean_error("fig2_multipath_deficit", "--lr 1e6 --init-scale 1", "diverged");
  expect_clean_error("fig3_gate_lesion", "--lesion-mode 9", "--lesion-mode");
  expect_clean_error("fig11_nonlinear_tanh", "--steps 0", "--steps");
  expect_clean_error("fig1_phase_large", "--bogus 3", "--bogus");
  expect_clean_error("fig1_phase_large", "--depths 2,0", "--depths");
  expect_clean_error("fig1_phase_large", "--dt inf", "--dt");
  expect_clean_error("fig7_phase_small", "--early-length -1", "deficit length");
  expect_clean_error("fig7_phase_small", "--init-p 0", "--init-p");
}

TEST(Programs, CompletionBadInputAndDivergence) {
  expect_clean_error("mc_sweep", "--N 10 --n 101", "--n");
  expect_clean_error("mc_sweep", "--rank1 0", "--rank1");
  expect_clean_error("mc_sweep", "--N 20 --rank2 21", "--rank2");
  expect_clean_error("mc_sweep", "--depth 0", "--depth");
  expect_clean_error("mc_sweep", "--lr 0", "--lr");
  expect_clean_error("mc_sweep", "--lr nan", "--lr");
  expect_clean_error("mc_sweep", "--switch-times 0,100,50", "--switch-times");
  expect_clean_error("mc_sweep", "--mode sideways", "--mode");
  expect_clean_error("mc_sweep", "--N 20 --n 100 --g 1 --lr 500 --switch-times 0 --continue-steps 100 --quiet",
                     "diverged");
}

TEST(Programs, HelpListsParametersWithPaperDefaults) {
  const fs::path dir = fresh("help");
  const Outcome r = run("fig2_multipath_deficit", "--help", dir);
  EXPECT_EQ(r.status, 0);
  for (const char* s : {"--depth <v>", "[4]", "--lr", "[0.01]", "--deficit-starts", "[0,400,750]", "--quiet"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  EXPECT_FALSE(has_files(dir));
}

TEST(Programs, SmallRunWritesItsFilesAndASummary) {
  const fs::path dir = fresh("small");
  const Outcome r = run("fig2_multipath_deficit", "--steps 50 --deficit-starts 0 --quiet", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "trajectories.tsv"));
  EXPECT_TRUE(fs::exists(dir / "modes.tsv"));
  EXPECT_NE(r.out.find("fig2_multipath_deficit:"), std::string::npos);
  fs::remove_all(dir);
}
