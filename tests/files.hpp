// What the tests share to work with files and programs: scratch directories, whole-file
// reads, and running a program of the build (or any command line) with its exit status,
// stdout and stderr.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/tsv.hpp"

namespace clp::testing {

// Rewrites a data file's "# checksum:" line (TsvWriter) for the header and rows it now holds,
// as if its program had written them: to test the checks that look past the checksum (a
// non-finite cell, rows that disagree with their labels) on a file edited by the test.
inline void reseal(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::string head;
  size_t at = 0;
  while (at < text.size() && text[at] == '#') {
    const size_t end = text.find('\n', at) + 1;
    if (text.compare(at, 12, "# checksum: ") != 0) head += text.substr(at, end - at);
    at = end;
  }
  clp::Fnv1a sum;
  sum.add(text.data() + at, text.size() - at);
  std::ofstream(file, std::ios::binary) << head << "# checksum: " << sum.hex() << "\n" << text.substr(at);
}

// The whole file, byte for byte ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// This test process's scratch root, <tmp>/clp_test_<pid> (one per process, so that tests
// running at once never share one). scratch.cpp removes it when the process ends with every
// test passed, and names it on stderr otherwise.
// Another process's (a test run in a process of its own): scratch_root(its pid).
inline std::filesystem::path scratch_root(pid_t pid = ::getpid()) {
  return std::filesystem::temp_directory_path() / ("clp_test_" + std::to_string(pid));
}

// An empty scratch directory <scratch root>/<name>: removed if it exists, then created unless
// `create` is false (an --out that the program under test must create itself).
inline std::filesystem::path scratch(const std::string& name, bool create = true) {
  const std::filesystem::path d = scratch_root() / name;
  std::filesystem::remove_all(d);
  if (create) std::filesystem::create_directories(d);
  else std::filesystem::create_directories(d.parent_path());
  return d;
}

// Whether `dir` holds a regular file at any depth (false if it does not exist).
inline bool has_files(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir)) return false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) return true;
  return false;
}

struct Outcome {
  int status;  // the exit status; -1 if killed by a signal
  std::string out, err;
};

// Runs a command line (compound ones too) with /bin/sh; its exit status (a program killed
// by signal k: 128 + k, as the shell reports it), stdout and stderr.
inline Outcome run_shell(const std::string& command) {
  const std::filesystem::path base = scratch("run_shell");
  const std::filesystem::path out = base / "stdout", err = base / "stderr";
  const int raw = std::system(("{ " + command + "\n} >'" + out.string() + "' 2>'" + err.string() + "'").c_str());
  Outcome r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
  std::filesystem::remove_all(base);
  return r;
}

#ifdef CLP_BIN_DIR
// Runs `<program> <args>` from the build's program directory (CLP_BIN_DIR).
inline Outcome run_program(const std::string& program, const std::string& args) {
  return run_shell(std::string(CLP_BIN_DIR) + "/" + program + " " + args);
}
#endif

}  // namespace clp::testing
