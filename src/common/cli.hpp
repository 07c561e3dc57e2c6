// A small command-line parser for the per-figure programs.
//
// Every option is "--name value" (or "--name=value"); flags take no value. Unknown
// options, missing or malformed values are errors that name the option. Values are
// validated by the experiment's parameter struct afterwards, which names the parameter.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace clp {

class Cli {
 public:
  Cli(std::string program, std::string summary);

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

  // Parses argv. Returns false when --help was given (help printed to stdout);
  // throws clp::Error on an unknown option, an option given twice, a malformed or
  // non-finite number, or a list with an empty item.
  bool parse(int argc, char** argv);

  // (name, value) for every option except flags marked as not provenance (--quiet,
  // --out): the parameters that determine the data, for the files' headers.
  std::vector<std::pair<std::string, std::string>> parameters() const;

  // The text value of option `name` (its default, or what the command line gave); nullptr
  // if there is no such option.
  const std::string* value_of(const std::string& name) const;

  // Whether option or flag `name` was given on the command line (false: its default).
  bool given(const std::string& name) const;

  std::string help() const;
  const std::string& program() const { return program_; }

 private:
  struct Option {
    std::string name, help, default_text;
    bool is_flag = false;
    std::function<void(const std::string&)> set;
    std::function<std::string()> get;
    bool given = false;   // seen on this command line (a second time is an error)
    std::string current;  // text of the value now held
  };
  void add(const std::string& name, const std::string& help, bool is_flag,
           std::function<void(const std::string&)> set, std::function<std::string()> get);

  std::string program_, summary_;
  std::vector<Option> options_;
};

// Formats a double the shortest way that reads back bit-identically (std::to_chars).
std::string format_double(double x);

}  // namespace clp
