#include "common/app.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "common/error.hpp"

#ifndef CLP_VERSION
#define CLP_VERSION "unknown"
#endif

namespace clp {

namespace fs = std::filesystem;

Provenance provenance(const ParamTable& t, const std::string& description) {
  Provenance p{{"program", t.program()}, {"version", CLP_VERSION}, {"description", description}};
  for (const auto& kv : t.provenance()) p.push_back(kv);
  return p;
}

void check_out_dir(const std::string& out) {
  require(!out.empty(), "--out is empty: give the output directory, e.g. --out out/data/<figure id>");
  fs::path dir = fs::path(out).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "runs/x/" names runs/x
  require(dir.filename() != ".." && dir.filename() != "." && !dir.filename().empty() && dir != dir.root_path(),
          "--out " + out + ": name the run's own directory (its files are replaced as a whole), e.g. --out out/data/<figure id>");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error("--out " + out + ": a file of that name is in the way: choose another --out");
  const fs::path parent = fs::absolute(dir).parent_path();
  fs::create_directories(parent, ec);
  if (ec || !fs::is_directory(parent))
    throw Error("--out " + out + ": cannot create its parent directory (" +
                (ec ? ec.message() : std::string("a file is in the way")) + "): choose another --out");
  if (::access(parent.c_str(), W_OK) != 0) throw Error("--out " + out + ": its parent directory is not writable: choose another --out");
}

RunDirectory::RunDirectory(std::string out) {
  check_out_dir(out);
  fs::path abs = fs::absolute(fs::path(out)).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  out_ = abs.string();
  const fs::path dir(out_);
  // A staging directory left by a process that died (SIGKILL, or a signal during the run)
  // is removed by the next run into the same directory.
  const std::string prefix = "." + dir.filename().string() + ".staging-";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(prefix, 0) != 0) continue;
    const std::string rest = f.substr(prefix.size());
    const size_t dash = rest.find('-');
    if (dash == std::string::npos || dash == 0 || dash > 9 || rest.find_first_not_of("0123456789") != dash) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    if (pid != ::getpid() && ::kill(pid, 0) == -1 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
  std::string tmpl = (dir.parent_path() / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data()))
    throw Error("--out " + out + ": cannot create a staging directory beside it (" + std::strerror(errno) + ")");
  staging_ = tmpl;
  // mkdtemp makes it private (0700); a run directory gets the usual permissions.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(staging_.c_str(), 0777 & ~mask);
}

RunDirectory::~RunDirectory() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
}

void RunDirectory::commit() {
  std::error_code ec;
  const fs::path dir(out_), staged(staging_);
  if (fs::is_directory(dir, ec)) {
    // make's bookkeeping (.args, .seconds) belongs to the directory, not to the run: moved
    // over, so that it keeps its modification time (make compares it with the data's).
    std::vector<fs::path> keep;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (name.empty() || name[0] != '.' || name.find(".staging-") != std::string::npos) continue;
      if (!fs::exists(staged / name)) keep.push_back(e.path());
    }
    for (const auto& p : keep) fs::rename(p, staged / p.filename(), ec);
    if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0)
      throw Error("--out " + out_ + ": cannot put the run's files in place (" + std::strerror(errno) + ")");
    // staging_ now holds the old files; the destructor removes them.
    return;
  }
  if (::rename(staged.c_str(), dir.c_str()) != 0)
    throw Error("--out " + out_ + ": cannot put the run's files in place (" + std::strerror(errno) + ")");
  staging_.clear();
}

int run_program(int argc, char** argv, ParamTable& t, const std::function<std::string()>& body,
                const std::function<void()>& prepare) {
  try {
    if (!t.parse(argc, argv)) return 0;
    t.check();  // before reading any input file the options name
    if (prepare) {
      prepare();
      t.check();  // with the values the input supplied
    }
    std::string summary;
    const std::string* out = t.out();
    if (out && t.writes_config()) {
      // Before any computation: a bad --out is found in a second, not after an hour.
      RunDirectory run(*out);
      t.redirect_out(run.staging());
      summary = body();
      write_file_atomically(fs::path(run.staging()) / "config.toml", t.config_toml());
      run.commit();
      t.redirect_out("");
    } else {
      if (out) check_out_dir(*out), fs::create_directories(*out);
      summary = body();
    }
    if (!summary.empty()) std::cout << summary << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << t.program() << ": error: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace clp
