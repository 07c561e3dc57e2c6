// The command line of every program, parsed by CLI11 (Debian's libcli11-dev).
//
// Every option is "--name value" (or "--name=value"); flags take no value. Unknown
// options, missing or malformed values are errors that name the option, one line. Values
// are validated by the experiment's parameter struct afterwards, which names the parameter.
// `--config FILE` reads options from a TOML file (name = "value" lines); the command line
// wins over the file. A program that writes data also writes <out>/config.toml, the file
// that replays the run: `<program> --config <out>/config.toml` computes the same data.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace clp {

class Cli {
 public:
  Cli(std::string program, std::string summary);
  ~Cli();
  Cli(const Cli&) = delete;
  Cli& operator=(const Cli&) = delete;

  // Options write into variables owned by the caller; their current value is the default.
  void option(const std::string& name, double* value, const std::string& help);
  void option(const std::string& name, int* value, const std::string& help);
  void option(const std::string& name, long* value, const std::string& help);
  void option(const std::string& name, std::string* value, const std::string& help);
  // Comma-separated list, e.g. --depths 2,5,8,13.
  void option(const std::string& name, std::vector<int>* value, const std::string& help);
  void option(const std::string& name, std::vector<long>* value, const std::string& help);
  void option(const std::string& name, std::vector<double>* value, const std::string& help);
  void flag(const std::string& name, bool* value, const std::string& help);

  // Parses argv (and the --config file, if given). Returns false when --help was given
  // (help printed to stdout); throws clp::Error on an unknown option, an option given
  // twice, a malformed or non-finite number, a list with an empty item, or a config file
  // that cannot be read or names an unknown option.
  bool parse(int argc, char** argv);

  // (name, value) for every option except flags marked as not provenance (--quiet,
  // --out): the parameters that determine the data, for the files' headers.
  std::vector<std::pair<std::string, std::string>> parameters() const;

  // The text value of option `name` (its default, or what the command line gave); nullptr
  // if there is no such option.
  const std::string* value_of(const std::string& name) const;

  // Whether option or flag `name` was given on the command line or in the --config file
  // (false: its default).
  bool given(const std::string& name) const;

  // The TOML config that replays this run: every option but --out with the value in
  // effect (flags, which change no data, left out), one `name = "value"` line each.
  std::string config_text() const;
  // Whether run_program writes <out>/config.toml after a successful run (default: when the
  // program has --out). make_report, whose --out is the output root, turns it off.
  bool writes_config() const { return writes_config_; }
  void no_config_file() { writes_config_ = false; }

  std::string help() const;
  const std::string& program() const { return program_; }

 private:
  struct Option {
    std::string name, help, default_text;
    bool is_flag = false;
    std::function<void(const std::string&)> set;
    std::function<std::string()> get;
    bool given = false;   // given on the command line or in the config file
    std::string current;  // text of the value now held
  };
  void add(const std::string& name, const std::string& help, bool is_flag,
           std::function<void(const std::string&)> set, std::function<std::string()> get);

  std::string program_, summary_;
  std::vector<Option> options_;
  std::unique_ptr<CLI::App> app_;
  bool writes_config_ = true;
};

// Formats a double the shortest way that reads back bit-identically (std::to_chars).
std::string format_double(double x);

}  // namespace clp
