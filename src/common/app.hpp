// The frame every program shares: parse its parameters (common/params.hpp), check them,
// run, write its files as one result, print a one-line summary; any error becomes one line
// "<program>: error: <cause>" and exit status 2.
#pragma once
#include <functional>
#include <string>

#include "common/params.hpp"
#include "common/tsv.hpp"

namespace clp {

// Program name, project version, what the data are, and every data parameter that applies,
// with its value in effect.
Provenance provenance(const ParamTable& t, const std::string& description);

// Throws clp::Error naming --out unless `out` can hold a run's directory: a non-empty path
// whose parent exists or can be created and is writable, and which is not a file.
void check_out_dir(const std::string& out);

// A run's output directory, written as one result: the program writes into a fresh staging
// directory beside it, and commit() puts the staging directory in its place in one rename
// (the old directory's bookkeeping files, names starting with '.', such as make's .args,
// are carried over; its other files go). Until commit(), and if the run fails, the output
// directory is as it was. Linux: renameat2(RENAME_EXCHANGE).
class RunDirectory {
 public:
  explicit RunDirectory(std::string out);  // creates the staging directory; throws clp::Error
  ~RunDirectory();                         // removes what is left of the staging directory
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;
  const std::string& staging() const { return staging_; }
  void commit();  // throws clp::Error; the output directory is then the staged one

 private:
  std::string out_, staging_;
};

// Parses the command line into t, calls prepare() (if given: e.g. reading an input file
// that supplies defaults) and checks every rule of t, then runs body. A program with --out
// writes into t.out_dir(), a staging directory that becomes --out with config.toml (the
// file that replays the run) only when body has returned. Prints body's summary line to
// stdout unless empty. Returns the process exit status: 0, or 2 after one line
// "<program>: error: <what>" on stderr.
int run_program(int argc, char** argv, ParamTable& t, const std::function<std::string()>& body,
                const std::function<void()>& prepare = {});

}  // namespace clp
