// A program's parameters, each declared once: name, type, default, unit, one-line help and
// its rule. Everything else is derived from that one declaration: the command-line options
// (CLI11), --help, validation and its messages, the provenance lines of the data files
// (values in effect), the config.toml that replays a run (every option, flags included, an
// input file pinned by its checksum), and the keyword arguments of the Python module.
//
// A declaration, e.g. in completion/sweep_params.cpp:
//   t.add("lr", cfg.lr, "learning rate").positive();
//   t.add("rank1", cfg.rank1, "rank of task 1").at_least(1).rule(
//       [&] { return cfg.rank1 <= cfg.N; }, "must be at most --N");
//   t.add("n-deficit", cfg.n_deficit, "entries seen during the deficit").applies_when(
//       [&] { return cfg.mode == Mode::kSubset; }, "--mode subset");
// The table holds references to the variables it declares: it must not outlive them.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/format.hpp"
#include "common/tsv.hpp"

namespace CLI {
class App;
}

namespace clp {

// Throws the one-line error of a --name value that is not one of the allowed list.
[[noreturn]] void throw_bad_choice(const std::string& name, const std::string& text, const std::string& list);

// What a parameter is for: the data (provenance, config), where the output goes (--out: in
// neither), or how the program reports (--quiet: config only).
enum class Role { kData, kOutput, kReport };

class Param {
 public:
  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::string& unit_text() const { return unit_; }
  const std::string& type() const { return type_; }  // int, long, seed, double, text, flag, list of ...
  std::string value() const { return get_(); }        // the value in effect, as text
  const std::string& default_value() const { return default_; }
  Role role() const { return role_; }
  bool is_flag() const { return type_ == "flag"; }
  bool is_input_file() const { return input_file_; }
  bool applies() const { return !applies_ || applies_(); }
  const std::string& applies_text() const { return applies_text_; }

  // Rules, checked by ParamTable::check() on the values in effect, in declaration order.
  // Numbers (every element of a list): lo <= x, lo < x, x <= hi.
  Param& at_least(double lo);
  Param& positive();  // > 0
  Param& at_most(double hi);
  Param& increasing();  // a list: strictly increasing
  Param& nonempty();    // a list or a text: not empty
  // A list that may be empty (an optional list: --switch-at-multiples); every other list
  // must not be.
  Param& may_be_empty();
  Param& choices(std::vector<std::string> allowed);  // a text: one of these
  // A relation to other parameters: ok() must hold, else "--<name> <why>" (why may name
  // other flags and values, e.g. "must be at most --N (100)").
  Param& rule(std::function<bool()> ok, std::function<std::string()> why);
  Param& rule(std::function<bool()> ok, const std::string& why);
  // The parameter matters only when cond() holds (e.g. --n-deficit with --mode subset):
  // otherwise it is left out of the provenance, and giving it is an error.
  Param& applies_when(std::function<bool()> cond, std::string condition_text);
  Param& unit(std::string u);
  Param& role(Role r);
  // A path the run reads: config.toml stores it absolute (replayable from anywhere).
  Param& input_file();
  // The parameter is a column of the program's data rows (ParamTable::columns()), named
  // `column` (empty: the flag's name with '-' as '_'). Its cell is the value in effect (a
  // flag: 1 or 0), or cell() where the row means something else than the flag (in subset
  // mode the rank2 column holds the single task's rank, rank1).
  Param& column(std::string column = "", std::function<std::string()> cell = {});
  // The column's name (empty: the parameter is not a column).
  const std::string& column_name() const { return column_; }

 private:
  friend class ParamTable;
  std::string name_, help_, unit_, type_, default_, applies_text_, column_;
  std::function<std::string()> cell_;
  Role role_ = Role::kData;
  bool input_file_ = false;
  bool may_be_empty_ = false;
  std::function<std::string()> get_;
  std::function<void(const std::string&)> set_;  // parses text (throws clp::Error naming the option)
  std::function<std::vector<double>()> numbers_;   // numeric values, for the range rules
  std::function<size_t()> size_;                   // list length / text length
  std::function<bool()> applies_;
  std::vector<std::function<void(const Param&)>> rules_;
  bool given_ = false;
  std::string config_where_;  // "--config <file>, line <n>: " when the value came from a config file
};

class ParamTable {
 public:
  ParamTable(std::string program, std::string summary);
  ~ParamTable();
  ParamTable(const ParamTable&) = delete;
  ParamTable& operator=(const ParamTable&) = delete;

  // Declares a parameter bound to `value`, whose current value is the default.
  Param& add(const std::string& name, int& value, const std::string& help);
  Param& add(const std::string& name, long& value, const std::string& help);
  Param& add(const std::string& name, std::uint64_t& value, const std::string& help);  // a seed: >= 0
  Param& add(const std::string& name, double& value, const std::string& help);        // finite
  Param& add(const std::string& name, std::string& value, const std::string& help);   // one line
  Param& add(const std::string& name, bool& value, const std::string& help);          // a flag
  Param& add(const std::string& name, std::vector<int>& value, const std::string& help);   // 1,2,3
  Param& add(const std::string& name, std::vector<long>& value, const std::string& help);
  Param& add(const std::string& name, std::vector<double>& value, const std::string& help);
  // A choice among named values stored as T (an enum, a bool): --precision float|double.
  template <typename T>
  Param& choice(const std::string& name, T& value, std::vector<std::pair<std::string, T>> options,
                const std::string& help);

  // A rule of the whole table, checked after every parameter's own (e.g. the memory a run
  // needs): ok() or an Error with why().
  void rule(std::function<bool()> ok, std::function<std::string()> why);
  // The memory a run needs, bytes(), must fit this machine (80% of its physical memory):
  // otherwise "needs X GB of memory (this machine has Y GB): lower <flags>".
  void memory_rule(std::function<double()> bytes, std::string flags);

  // Parses a command line (argv[0] is the program) and the --config file it names. Returns
  // false when --help was given (the help printed to stdout). Throws clp::Error (one line
  // naming the option) on an unknown option, an option given twice, a malformed value, or
  // a config file that cannot be read or names an unknown option. Does not check rules.
  bool parse(int argc, const char* const* argv);
  bool parse(const std::vector<std::string>& args);  // without argv[0]
  // Every rule, in declaration order, then the table's own; throws clp::Error naming the
  // flag. A parameter that does not apply but was given is an error too.
  void check() const;

  // Whether the parameter was given (on the command line, in --config or by keyword).
  bool given(const std::string& name) const;
  Param& at(const std::string& name);
  const Param& at(const std::string& name) const;
  const std::vector<std::unique_ptr<Param>>& params() const { return params_; }
  const std::string& program() const { return program_; }
  const std::string& summary() const { return summary_; }

  // The output directory (the value of --out), or nullptr if the program has none.
  const std::string* out() const;
  // Where the program writes: --out's value unless redirect_out() set another directory
  // (run_program stages a run's files there and moves them into --out together).
  std::string out_dir() const;
  void redirect_out(std::string dir) { out_redirect_ = std::move(dir); }

  // "name: value" for every data parameter that applies, with its value in effect.
  Provenance provenance() const;
  // The data columns of the parameters declared with Param::column, in declaration order:
  // (column name, cell text of the values in effect).
  std::vector<std::pair<std::string, std::string>> columns() const;
  // The TOML file that replays the run: every option but --out with its value in effect,
  // flags included, input files as absolute paths.
  std::string config_toml() const;
  // Whether run_program writes <out>/config.toml (make_report, whose --out is the output
  // root, turns it off).
  bool writes_config() const { return writes_config_; }
  void no_config_file() { writes_config_ = false; }
  std::string help() const;

 private:
  Param& declare(const std::string& name, const std::string& help, std::string type, std::function<std::string()> get,
                 std::function<void(const std::string&)> set);
  // The declared name within two edits of `given` (a misspelling), or "".
  std::string nearest_name(const std::string& given) const;
  std::string program_, summary_, out_redirect_;
  std::unique_ptr<CLI::App> app_;
  std::vector<std::unique_ptr<Param>> params_;
  std::vector<std::pair<std::function<bool()>, std::function<std::string()>>> rules_;
  bool writes_config_ = true;
};


template <typename T>
Param& ParamTable::choice(const std::string& name, T& value, std::vector<std::pair<std::string, T>> options,
                          const std::string& help) {
  std::vector<std::string> names;
  std::string list;
  for (const auto& o : options) {
    names.push_back(o.first);
    list += (list.empty() ? "" : ", ") + o.first;
  }
  auto get = [&value, options] {
    for (const auto& o : options)
      if (o.second == value) return o.first;
    return std::string("?");
  };
  auto set = [&value, options, name, list](const std::string& text) {
    for (const auto& o : options)
      if (o.first == text) {
        value = o.second;
        return;
      }
    throw_bad_choice(name, text, list);
  };
  return declare(name, help, "one of " + list, get, set);
}

}  // namespace clp
