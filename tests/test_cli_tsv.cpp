// The command-line parser, data-file writer/reader and the random generator.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/params.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"
#include "common/tsv.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using Cli = clp::ParamTable;

namespace {
bool parse(Cli& cli, std::vector<std::string> args) { return cli.parse(args); }
fs::path temp_dir(const std::string& name) { return clp::testing::scratch("cli_" + name); }
}  // namespace

TEST(Cli, ParsesValuesListsAndFlags) {
  double lr = 0.01;
  std::vector<int> depths{1};
  bool quiet = false;
  long steps = 5;
  Cli cli("prog", "test");
  cli.add("lr", lr, "");
  cli.add("depths", depths, "");
  cli.add("steps", steps, "");
  cli.add("quiet", quiet, "").role(clp::Role::kReport);
  EXPECT_TRUE(parse(cli, {"--lr", "0.5", "--depths=2,5,8", "--quiet", "--steps", "100"}));
  EXPECT_EQ(lr, 0.5);
  EXPECT_EQ(depths, (std::vector<int>{2, 5, 8}));
  EXPECT_TRUE(quiet);
  EXPECT_EQ(steps, 100);
}

TEST(Cli, RejectsUnknownFlagsAndMalformedNumbers) {
  double lr = 0.01;
  int depth = 3;
  Cli cli("prog", "test");
  cli.add("lr", lr, "");
  cli.add("depth", depth, "");
  EXPECT_THROW(parse(cli, {"--bogus", "1"}), clp::Error);
  EXPECT_THROW(parse(cli, {"--lr", "abc"}), clp::Error);
  EXPECT_THROW(parse(cli, {"--lr", "0.1x"}), clp::Error);
  EXPECT_THROW(parse(cli, {"--depth", "2.5"}), clp::Error);
  EXPECT_THROW(parse(cli, {"--depth"}), clp::Error);
  EXPECT_THROW(parse(cli, {"positional"}), clp::Error);
  const auto error_of = [&](std::vector<std::string> args) {
    try {
      parse(cli, std::move(args));
    } catch (const clp::Error& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(error_of({"--bogus"}), "unknown option --bogus: see --help");
  // A misspelled option is named, with the nearest declared one (within two edits).
  EXPECT_EQ(error_of({"--lrr", "0.1"}), "unknown option --lrr (did you mean --lr?): see --help");
  EXPECT_EQ(error_of({"--lr", "0.1", "--dpeth=2"}), "unknown option --dpeth (did you mean --depth?): see --help");
  // No suggestion that shares no letter in place: --s is not a misspelt --lr.
  EXPECT_EQ(error_of({"--s", "1"}), "unknown option --s: see --help");
  EXPECT_EQ(error_of({"--dt", "1"}), "unknown option --dt: see --help");
  EXPECT_NE(error_of({"positional"}).find("stray argument"), std::string::npos);
}

TEST(Cli, RejectsRepeatedFlagsEmptyListItemsAndNonFiniteNumbers) {
  double lr = 0.01;
  std::vector<long> times{0};
  {
    Cli cli("prog", "test");
    cli.add("lr", lr, "");
    EXPECT_THROW(parse(cli, {"--lr", "0.1", "--lr", "0.2"}), clp::Error);
  }
  for (const char* bad : {"0,100,", ",0,100", "0,,100", ""}) {
    Cli cli("prog", "test");
    cli.add("switch-times", times, "");
    EXPECT_THROW(parse(cli, {"--switch-times", bad}), clp::Error) << bad;
  }
  for (const char* bad : {"nan", "inf", "-inf", "1e999"}) {
    Cli cli("prog", "test");
    cli.add("lr", lr, "");
    EXPECT_THROW(parse(cli, {"--lr", bad}), clp::Error) << bad;
  }
  Cli cli("prog", "test");
  cli.add("switch-times", times, "");
  EXPECT_TRUE(parse(cli, {"--switch-times=0,100,200"}));
  EXPECT_EQ(times, (std::vector<long>{0, 100, 200}));
  EXPECT_EQ(cli.at("switch-times").value(), "0,100,200");
}

TEST(Tsv, NonFiniteCellsAreErrorsNamingFileLineAndColumn) {
  const fs::path d = temp_dir("tsv_nan");
  {
    std::ofstream f(d / "x.tsv");
    f << "# program: test\na\tb\n1\t2\n\n3\tnan\n";
  }
  const clp::TsvTable t = clp::read_tsv(d / "x.tsv");
  EXPECT_EQ(t.number(0, "b"), 2.0);
  try {
    t.number(1, "b");
    ADD_FAILURE() << "nan accepted";
  } catch (const clp::Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("x.tsv"), std::string::npos) << m;
    EXPECT_NE(m.find("line 5"), std::string::npos) << m;
    EXPECT_NE(m.find("column 'b'"), std::string::npos) << m;
  }
  fs::remove_all(d);
}

TEST(Cli, HelpListsEveryOptionWithItsDefault) {
  double lr = 0.01;
  Cli cli("prog", "summary");
  cli.add("lr", lr, "learning rate");
  const std::string h = cli.help();
  EXPECT_NE(h.find("--lr"), std::string::npos);
  EXPECT_NE(h.find("[0.01]"), std::string::npos);
}

TEST(Tsv, RoundTripsProvenanceHeaderAndExactNumbers) {
  const fs::path dir = temp_dir("tsv");
  clp::TsvWriter w(dir / "a.tsv", {{"program", "x"}, {"seed", "1"}}, {"name", "k", "value"});
  const double third = 1.0 / 3.0;
  w.row("early", 2, third);
  w.blank_line();
  w.row("late", 13, -1e-300);
  EXPECT_FALSE(fs::exists(dir / "a.tsv"));  // nothing on disk before commit
  w.commit();
  const clp::TsvTable t = clp::read_tsv(dir / "a.tsv");
  EXPECT_EQ(t.meta.at("program"), "x");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.text(0, "name"), "early");
  EXPECT_EQ(t.number(0, "value"), third);  // bit-exact round trip
  EXPECT_EQ(t.number(1, "value"), -1e-300);
  EXPECT_THROW(t.column("missing"), clp::Error);
  // No temporary file is left behind.
  int files = 0;
  for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  fs::remove_all(dir);
}

TEST(Tsv, AnEmptyLastCellIsACell) {
  // A row ending in a tab has an empty last cell (claims.tsv writes an empty fingerprint for a
  // figure without data); a row that lacks a cell is still an error.
  const fs::path dir = temp_dir("tsv_empty");
  {
    std::ofstream f(dir / "a.tsv");
    f << "# program: x\na\tb\tc\n1\t2\t\n";
  }
  const clp::TsvTable t = clp::read_tsv(dir / "a.tsv");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.text(0, "c"), "");
  EXPECT_EQ(t.text(0, "b"), "2");
  {
    std::ofstream f(dir / "b.tsv");
    f << "a\tb\tc\n1\t2\n";
  }
  EXPECT_THROW(clp::read_tsv(dir / "b.tsv"), clp::Error);
  fs::remove_all(dir);
}

TEST(Tsv, RowWidthIsChecked) {
  clp::TsvWriter w("unused.tsv", {}, {"a", "b"});
  w << 1.0;
  EXPECT_THROW(w.end_row(), clp::Error);
}

TEST(Rng, SameSeedSameStreamAndSaneMoments) {
  clp::Rng a(7), b(7);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.normal(), b.normal());
  clp::Rng r(1);
  double sum = 0, sq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = r.normal();
    sum += x;
    sq += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);  // 4.5 standard errors
  EXPECT_NEAR(sq / n, 1.0, 0.015);
}

TEST(Rng, RandomOrthogonalIsOrthogonal) {
  clp::Rng r(3);
  const Eigen::MatrixXd q = clp::random_orthogonal(50, r);
  EXPECT_LT((q.transpose() * q - Eigen::MatrixXd::Identity(50, 50)).norm(), 1e-12);
}

// --config FILE (common/params.cpp's reader): options from a TOML file, the command line winning over it, and
// the text a run writes (config_text) read back to the same parameters.
namespace {
// A program's options: three kinds of value and a flag.
struct Options {
  double lr = 0.01;
  long steps = 3;
  std::vector<long> times{0};
  bool quiet = false;
  Cli cli{"prog", "test"};
  Options() {
    cli.add("lr", lr, "");
    cli.add("steps", steps, "");
    cli.add("switch-times", times, "");
    cli.add("quiet", quiet, "").role(clp::Role::kReport);
  }
};
}  // namespace

TEST(Cli, ConfigFileSetsOptionsAndTheCommandLineWins) {
  const fs::path dir = temp_dir("config");
  std::ofstream(dir / "run.toml") << "# a comment\nlr = \"0.5\"\nswitch-times = \"0,100,200\"\nsteps = 7\n";
  Options o;
  EXPECT_TRUE(parse(o.cli, {"--config", (dir / "run.toml").string(), "--steps", "9"}));
  EXPECT_EQ(o.lr, 0.5);
  EXPECT_EQ(o.times, (std::vector<long>{0, 100, 200}));
  EXPECT_EQ(o.steps, 9);  // the command line wins
  EXPECT_TRUE(o.cli.given("lr"));
  EXPECT_FALSE(o.cli.given("quiet"));
  // The config a run writes replays it: every option with the value in effect, flags too.
  const std::string text = o.cli.config_toml();
  EXPECT_NE(text.find("lr = \"0.5\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("steps = \"9\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("quiet = \"false\"\n"), std::string::npos) << text;
  std::ofstream(dir / "replay.toml") << text;
  Options again;
  EXPECT_TRUE(parse(again.cli, {"--config", (dir / "replay.toml").string()}));
  EXPECT_EQ(again.cli.provenance(), o.cli.provenance());
  EXPECT_EQ(again.times, o.times);
  fs::remove_all(dir);
}

TEST(Cli, BadConfigFilesAreOneLineErrorsNamingConfig) {
  const fs::path dir = temp_dir("badconfig");
  std::ofstream(dir / "extra.toml") << "lr = \"0.5\"\nbogus = \"1\"\n";
  std::ofstream(dir / "value.toml") << "lr = \"fast\"\n";
  for (const auto& [args, names] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--config", (dir / "extra.toml").string()}, "--config"},
           {{"--config", (dir / "missing.toml").string()}, "--config"},
           {{"--config", (dir / "value.toml").string()}, "--lr"},
           {{"--config"}, "--config"}}) {
    double lr = 0.01;
    Cli cli("prog", "test");
    cli.add("lr", lr, "");
    try {
      parse(cli, args);
      ADD_FAILURE() << "no error for " << args.back();
    } catch (const clp::Error& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find(names), std::string::npos) << m;
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
  }
  fs::remove_all(dir);
}
