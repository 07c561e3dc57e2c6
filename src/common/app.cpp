#include "common/app.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "common/error.hpp"
#include "completion/gemm.hpp"

#ifndef CLP_VERSION
#define CLP_VERSION "unknown"
#endif

namespace clp {

namespace fs = std::filesystem;

Provenance provenance(const ParamTable& t, const std::string& description) {
  Provenance p{{"program", t.program()},
               {"version", CLP_VERSION},
               {"arithmetic", completion::gemm::arithmetic()},
               {"description", description}};
  for (const auto& kv : t.provenance()) p.push_back(kv);
  return p;
}

namespace {

// The pipeline's bookkeeping in a run directory (the generated rules): a digest of the arguments
// that made the run (.args) and its wall time (.seconds, written through .seconds.tmp), both
// written after the program by the rule that ran it. They describe the run they were written
// for: a program that replaces the directory drops them, so that a run made outside the rule
// (by hand, with other parameters) is never taken by make as the one its rule makes.
bool is_pipeline_file(const std::string& name) { return name == ".args" || name == ".seconds" || name == ".seconds.tmp"; }

// --out as the directory it names: absolute, "runs/x/" as runs/x, a symbolic link (at any
// component) followed to its target. Throws clp::Error naming --out for a path that cannot
// name a run's own directory, a dangling link, or a file in the way.
fs::path resolve_out(const std::string& out) {
  require(!out.empty(), "--out is empty: give the output directory, e.g. --out out/data/<figure id>");
  fs::path dir = fs::path(out).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "runs/x/" names runs/x
  require(dir.filename() != ".." && dir.filename() != "." && !dir.filename().empty() && dir != dir.root_path(),
          "--out " + out + ": name the run's own directory (its files are replaced as a whole), e.g. --out out/data/<figure id>");
  std::error_code ec;
  const fs::path abs = fs::absolute(dir, ec);
  if (fs::is_symlink(fs::symlink_status(abs, ec)) && !fs::exists(abs, ec))
    throw Error("--out " + out + " is a symbolic link to " + fs::read_symlink(abs, ec).string() +
                ", which does not exist: create the target directory, or give another --out");
  fs::path target = fs::weakly_canonical(abs, ec);
  if (ec) target = abs.lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  require(!target.filename().empty() && target != target.root_path() && target.filename() != "..",
          "--out " + out + " leads to " + target.string() + ": name the run's own directory, e.g. --out out/data/<figure id>");
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    throw Error("--out " + out + ": a file of that name is in the way: choose another --out");
  return target;
}

void check_parent(const std::string& out, const fs::path& dir) {
  std::error_code ec;
  const fs::path parent = dir.parent_path();
  fs::create_directories(parent, ec);
  if (ec || !fs::is_directory(parent))
    throw Error("--out " + out + ": cannot create its parent directory (" +
                (ec ? ec.message() : std::string("a file is in the way")) + "): choose another --out");
  if (::access(parent.c_str(), W_OK) != 0) throw Error("--out " + out + ": its parent directory is not writable: choose another --out");
}

// The manifest's first line names the program; every other line is one path the run made,
// relative to the run directory (a directory with a trailing '/').
std::vector<std::string> manifest_entries(const fs::path& dir, std::string* program) {
  std::ifstream in(dir / kRunManifest);
  std::vector<std::string> lines;
  std::string line;
  if (!std::getline(in, line) || line.rfind("program: ", 0) != 0) return lines;
  *program = line.substr(9);
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The run directory's contents, relative, directories with a trailing '/'.
std::vector<std::string> contents(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).string();
    if (it->is_directory(ec) && !it->is_symlink(ec)) rel += "/";
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_under(const fs::path& p, const fs::path& dir) {
  auto d = dir.begin(), q = p.begin();
  for (; d != dir.end(); ++d, ++q)
    if (q == p.end() || *q != *d) return false;
  return true;
}

// --- Signals: a run interrupted by SIGINT, SIGTERM or SIGHUP removes its staging directory,
// then dies of the signal. The handler uses only async-signal-safe system calls.
char g_staging[4096];
volatile sig_atomic_t g_staging_set = 0;
struct sigaction g_old_actions[3];
constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};

struct Dirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];
};

void remove_tree_at(int parent, const char* name, int depth) {
  if (::unlinkat(parent, name, 0) == 0 || errno == ENOENT) return;
  if (depth > 32) return;
  const int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  alignas(8) char buf[2048];
  // Again from the start while a pass removed something (removing entries while reading
  // them may skip some); a bounded number of passes, so that an entry that cannot be
  // removed does not hold the process.
  bool removed = true;
  for (int pass = 0; removed && pass < 8; ++pass) {
    removed = false;
    ::lseek(fd, 0, SEEK_SET);
    for (long n; (n = ::syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0;)
      for (long off = 0; off < n;) {
        const auto* e = reinterpret_cast<const Dirent64*>(buf + off);
        off += e->d_reclen;
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0))) continue;
        remove_tree_at(fd, e->d_name, depth + 1);
        removed = true;
      }
  }
  ::close(fd);
  ::unlinkat(parent, name, AT_REMOVEDIR);
}

extern "C" void on_fatal_signal(int sig) {
  const int saved = errno;
  if (g_staging_set) remove_tree_at(AT_FDCWD, g_staging, 0);
  errno = saved;
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void watch_signals(const std::string& staging) {
  if (staging.size() >= sizeof g_staging) return;
  std::memcpy(g_staging, staging.c_str(), staging.size() + 1);
  g_staging_set = 1;
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sigemptyset(&sa.sa_mask);
  for (int s : kSignals) sigaddset(&sa.sa_mask, s);
  for (int i = 0; i < 3; ++i) {
    ::sigaction(kSignals[i], &sa, &g_old_actions[i]);
    // A signal the caller ignores (nohup, a shell's background job) stays ignored.
    if (g_old_actions[i].sa_handler == SIG_IGN) ::sigaction(kSignals[i], &g_old_actions[i], nullptr);
  }
}

void unwatch_signals() {
  if (!g_staging_set) return;
  for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &g_old_actions[i], nullptr);
  g_staging_set = 0;
}

// Whether `name` is a staging directory ".<dir>.staging-<pid>-XXXXXX" of a process that no
// longer runs.
bool is_dead_staging(const std::string& name) {
  const size_t at = name.rfind(".staging-");
  if (name.empty() || name[0] != '.' || at == std::string::npos || at == 0) return false;
  const std::string rest = name.substr(at + 9);
  const size_t dash = rest.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 9 || rest.find_first_not_of("0123456789") != dash ||
      rest.size() - dash - 1 != 6)
    return false;
  const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
  return pid != ::getpid() && ::kill(pid, 0) == -1 && errno == ESRCH;
}

}  // namespace

bool may_be_output_root(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  if (fs::exists(dir / kOutputRootMark, ec)) return true;
  bool evidence = fs::is_directory(dir / "data" / "runs", ec);
  bool only_temporaries = true;  // a killed write's leftovers alone
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    const auto t = name.find(".tmp.");
    if (t != std::string::npos) name = name.substr(0, t);
    only_temporaries = only_temporaries && t != std::string::npos;
    static const std::vector<std::string> kTop{"data", "figures", "bench", "crosscheck", "claims.tsv", "report.html"};
    if (std::find(kTop.begin(), kTop.end(), name) == kTop.end()) return false;
  }
  if (only_temporaries) return true;
  if (!evidence && fs::is_regular_file(dir / "claims.tsv", ec)) {
    std::ifstream in(dir / "claims.tsv");
    std::string first;
    std::getline(in, first);
    evidence = first == "# program: check_claims";
  }
  return evidence;
}

void check_replaceable_file(const std::string& file, const std::string& program, const std::string& flag) {
  const fs::path p(file);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec))) return;
  require(!fs::is_symlink(fs::symlink_status(p, ec)),
          flag + " " + file + " is a symbolic link: give the path of a new file, or of a file " + program + " wrote");
  std::string first;
  if (fs::is_regular_file(p, ec)) {
    std::ifstream in(p);
    std::getline(in, first);
  }
  require(first == "# program: " + program, flag + " " + file + " exists and was not written by " + program +
                                                ": it would be replaced; give a new file name, or move the file away");
}

void check_out_dir(const std::string& out) { check_parent(out, resolve_out(out)); }

void check_replaceable(const std::string& out, const std::string& program, const std::vector<std::string>& inputs) {
  const fs::path dir = resolve_out(out);
  std::error_code ec;
  for (const auto& in : inputs) {
    if (in.empty()) continue;
    fs::path p = fs::weakly_canonical(fs::absolute(in, ec), ec);
    if (ec) p = fs::absolute(in).lexically_normal();
    if (is_under(p, dir))
      throw Error("--out " + out + " holds " + in + ", an input of this run: its files are replaced as a whole, so "
                  "choose an --out that holds none of the run's inputs");
  }
  if (!fs::is_directory(dir, ec)) {
    check_parent(out, dir);
    return;
  }
  std::string made_by;
  const auto listed = manifest_entries(dir, &made_by);
  const std::string which = fs::path(out).lexically_normal() == dir ? "" : " (" + dir.string() + ")";
  if (!made_by.empty() && made_by != program)
    throw Error("--out " + out + which + " holds a run of " + made_by + ", not of " + program +
                ": give " + program + " its own --out");
  // The first path that is neither the run's nor the pipeline's (a home directory is not
  // walked to its end).
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string f = it->path().lexically_relative(dir).string();
    if (it->is_directory(ec) && !it->is_symlink(ec)) f += "/";
    if (is_pipeline_file(f) || f == kRunManifest || std::binary_search(listed.begin(), listed.end(), f)) continue;
    throw Error("--out " + out + which + " holds " + f +
                (made_by.empty() ? ", and no run of " + program + " made that directory"
                                 : ", which the run of " + program + " there did not make") +
                ": the run would replace it; give an empty or new --out, or move the files away");
  }
  if (ec)
    throw Error("--out " + out + which + ": cannot read all of it (" + ec.message() +
                "), so cannot tell that it holds only a run of " + program + ": choose another --out");
  check_parent(out, dir);
}

RunDirectory::RunDirectory(std::string out, const std::string& program, const std::vector<std::string>& inputs)
    : program_(program) {
  check_replaceable(out, program, inputs);
  out_ = resolve_out(out).string();
  const fs::path dir(out_);
  // A staging directory left by a process that died (SIGKILL cannot be caught) is removed by
  // the next run of any output beside it.
  const std::string prefix = "." + dir.filename().string() + ".staging-";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec))
    if (e.is_directory(ec) && is_dead_staging(e.path().filename().string())) fs::remove_all(e.path(), ec);
  std::string tmpl = (dir.parent_path() / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  // The signals wait while the staging directory is made and the handler learns its name: a
  // signal between the two would otherwise end the process by default and leave it behind.
  sigset_t fatal, before;
  sigemptyset(&fatal);
  for (int s : kSignals) sigaddset(&fatal, s);
  ::pthread_sigmask(SIG_BLOCK, &fatal, &before);
  if (!::mkdtemp(tmpl.data())) {
    const int err = errno;
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    throw Error("--out " + out + ": cannot create a staging directory beside it (" + std::strerror(err) + ")");
  }
  staging_ = tmpl;
  watch_signals(staging_);
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  // mkdtemp makes it private (0700); a run directory gets the usual permissions.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(staging_.c_str(), 0777 & ~mask);
}

RunDirectory::~RunDirectory() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  unwatch_signals();
}

void RunDirectory::commit() {
  std::error_code ec;
  const fs::path dir(out_), staged(staging_);
  {
    std::string m = "program: " + program_ + "\n# the files this run made: " + program_ +
                    " --out replaces this directory only while it holds these (and the pipeline's .args and .seconds)\n";
    for (const auto& f : contents(staged)) m += f + "\n";
    write_file_atomically(staged / kRunManifest, m);
  }
  if (fs::is_directory(dir, ec)) {
    // Everything of the old run goes, the pipeline's .args and .seconds with it (is_pipeline_file).
    if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0)
      throw Error("--out " + out_ + ": cannot put the run's files in place (" + std::strerror(errno) + ")");
    // staging_ now holds the old files; the destructor removes them.
    return;
  }
  if (::rename(staged.c_str(), dir.c_str()) != 0)
    throw Error("--out " + out_ + ": cannot put the run's files in place (" + std::strerror(errno) + ")");
  staging_.clear();
}

std::vector<std::string> run_inputs(const ParamTable& t, int argc, char** argv) {
  std::vector<std::string> out;
  for (const auto& p : t.params())
    if (p->is_input_file() && p->applies() && !p->value().empty()) out.push_back(p->value());
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) out.push_back(argv[i + 1]);
    else if (a.rfind("--config=", 0) == 0) out.push_back(a.substr(9));
  }
  return out;
}

int run_program(int argc, char** argv, ParamTable& t, const std::function<std::string()>& body,
                const std::function<void()>& prepare, const std::function<std::vector<std::string>()>& inputs) {
  auto all_inputs = [&] {
    auto files = run_inputs(t, argc, argv);
    if (inputs)
      for (auto& f : inputs()) files.push_back(std::move(f));
    return files;
  };
  try {
    if (!t.parse(argc, argv)) return 0;
    t.check();  // before reading any input file the options name
    if (const std::string* o = t.out(); o && t.writes_config()) check_replaceable(*o, t.program(), all_inputs());
    if (prepare) {
      prepare();
      t.check();  // with the values the input supplied
    }
    std::string summary;
    const std::string* out = t.out();
    if (out && t.writes_config()) {
      // Before any computation: a bad --out is found in a second, not after an hour.
      RunDirectory run(*out, t.program(), all_inputs());
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
