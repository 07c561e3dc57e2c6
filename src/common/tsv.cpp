#include "common/tsv.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <csignal>
#include <fstream>
#include <sstream>
#include <variant>

#include "common/format.hpp"
#include "common/error.hpp"

namespace clp {

namespace {

// The temporary file being written, if any, for the signal handler: a kill by SIGINT,
// SIGTERM or SIGHUP while a file is being written removes it (unlink is async-signal-safe)
// and then dies of the same signal. A SIGKILL cannot be caught: its leftover is removed by
// the next commit into the same directory (remove_stale_temporaries).
char g_tmp_path[4096];
volatile std::sig_atomic_t g_tmp_active = 0;

extern "C" void remove_tmp_and_die(int sig) {
  if (g_tmp_active) ::unlink(g_tmp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// A signal the process inherited as ignored stays ignored (nohup ignores SIGHUP, a shell's
// background job SIGINT): such a run must survive the hang-up and finish its files, so the
// cleanup handler only takes the signals that would have killed it.
void install_handlers() {
  static bool done = false;
  if (done) return;
  done = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction sa {};
    sa.sa_handler = remove_tmp_and_die;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

// Removes "<name>.tmp.<pid>" files in dir left by processes that no longer exist.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& name) {
  std::error_code ec;
  const std::string prefix = name + ".tmp.";
  for (const auto& e : std::filesystem::directory_iterator(dir.empty() ? "." : dir, ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(prefix, 0) != 0 || f.size() == prefix.size()) continue;
    const std::string digits = f.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid != ::getpid() && ::kill(pid, 0) == -1 && errno == ESRCH) std::filesystem::remove(e.path(), ec);
  }
}

}  // namespace

DataTable& DataTable::add(Cell c) {
  if (open_.size() == columns_.size()) throw Error("internal: too many cells in a row of a table");
  open_.push_back(std::move(c));
  return *this;
}

void DataTable::end_row() {
  if (open_.size() != columns_.size()) throw Error("internal: a row of a table has the wrong number of cells");
  rows_.push_back(std::move(open_));
  open_.clear();
}

size_t DataTable::column(const std::string& name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it == columns_.end()) throw Error("internal: no column '" + name + "' in the table");
  return static_cast<size_t>(it - columns_.begin());
}

DataTable::Cell typed_cell(const std::string& text) {
  long l = 0;
  const char* end = text.data() + text.size();
  auto [pl, el] = std::from_chars(text.data(), end, l);
  if (el == std::errc() && pl == end && !text.empty()) return l;
  double d = 0;
  auto [pd, ed] = std::from_chars(text.data(), end, d);
  if (ed == std::errc() && pd == end && !text.empty() && std::isfinite(d)) return d;
  return text;
}

void write_table(const std::filesystem::path& path, const Provenance& provenance, const DataTable& table) {
  TsvWriter w(path, provenance, table.columns());
  size_t blank = 0;
  const auto& blanks = table.blank_lines();
  for (size_t r = 0; r <= table.rows(); ++r) {
    while (blank < blanks.size() && blanks[blank] == r) w.blank_line(), ++blank;
    if (r == table.rows()) break;
    for (size_t c = 0; c < table.columns().size(); ++c) std::visit([&w](const auto& x) { w << x; }, table.cell(r, c));
    w.end_row();
  }
  w.commit();
}

TsvWriter::TsvWriter(std::filesystem::path path, const Provenance& provenance,
                     const std::vector<std::string>& columns)
    : path_(std::move(path)), ncols_(columns.size()) {
  // A checksum read from another file (provenance copied from a run) is not this file's.
  for (const auto& [k, v] : provenance)
    if (k != "checksum") buffer_ += "# " + k + ": " + v + "\n";
  header_at_ = buffer_.size();
  for (size_t i = 0; i < columns.size(); ++i) buffer_ += (i ? "\t" : "") + columns[i];
  buffer_ += "\n";
}

void TsvWriter::cell(const std::string& text) {
  if (in_row_ == ncols_) throw Error("internal: too many cells in a row of " + path_.string());
  if (in_row_) buffer_ += '\t';
  buffer_ += text;
  ++in_row_;
}

TsvWriter& TsvWriter::operator<<(double x) {
  cell(format_double(x));
  return *this;
}
TsvWriter& TsvWriter::operator<<(long x) {
  cell(std::to_string(x));
  return *this;
}
TsvWriter& TsvWriter::operator<<(const std::string& s) {
  cell(s);
  return *this;
}

void TsvWriter::end_row() {
  if (in_row_ != ncols_) throw Error("internal: short row in " + path_.string());
  buffer_ += '\n';
  in_row_ = 0;
}

void TsvWriter::blank_line() { buffer_ += '\n'; }

std::string Fnv1a::hex() const {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

namespace {
std::string fnv1a_hex(const char* p, size_t n) {
  Fnv1a f;
  f.add(p, n);
  return f.hex();
}
}  // namespace

void TsvWriter::commit() {
  const std::string body = buffer_.substr(header_at_);
  write_file_atomically(path_, buffer_.substr(0, header_at_) + "# checksum: " + fnv1a_hex(body.data(), body.size()) +
                                   "\n" + body);
}

namespace {
// How to get a file a program writes again: make takes a file newer than its inputs as made,
// however it came to be, so its directory goes first.
std::string remake(const std::filesystem::path& path) {
  return "remove its directory (" + (path.has_parent_path() ? path.parent_path().string() : std::string(".")) +
         ") and run make again, which computes it anew";
}
}  // namespace

std::string checksum_problem(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error("cannot read " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  // The provenance: the lines that start with '#' before the first line that does not.
  size_t at = 0;
  std::string sum, program;
  while (at < text.size() && text[at] == '#') {
    const size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.rfind("# checksum: ", 0) == 0) sum = line.substr(12);
    if (line.rfind("# program: ", 0) == 0) program = line.substr(11);
    at = end == std::string::npos ? text.size() : end + 1;
  }
  if (sum.empty())
    return path.string() + " has no '# checksum:' line, which " +
           (program.empty() ? std::string("every program of this version") : program) +
           " writes: it was edited, or written by another version; " + remake(path);
  if (fnv1a_hex(text.data() + at, text.size() - at) == sum) return "";
  return path.string() + " is not as " + (program.empty() ? std::string("its program") : program) +
         " wrote it (its rows no longer have the checksum it recorded): it was edited or damaged; " + remake(path);
}

void write_file_atomically(const std::filesystem::path& path, const std::string& bytes) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) throw Error("cannot create directory " + path.parent_path().string() + ": " + ec.message());
  const auto tmp = path.string() + ".tmp." + std::to_string(::getpid());
  remove_stale_temporaries(path.parent_path(), path.filename().string());
  install_handlers();
  if (tmp.size() < sizeof g_tmp_path) {
    std::copy(tmp.begin(), tmp.end(), g_tmp_path);
    g_tmp_path[tmp.size()] = '\0';
    g_tmp_active = 1;
  }
  struct Clear {
    ~Clear() { g_tmp_active = 0; }
  } clear;
  {
    std::ofstream f(tmp, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) {
      std::filesystem::remove(tmp, ec);
      throw Error("cannot write " + tmp);
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error("cannot rename " + tmp + " to " + path.string());
  }
}

int TsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  throw Error("data file has no column '" + name + "'");
}

const std::string& TsvTable::text(size_t row, const std::string& name) const {
  return rows.at(row).at(column(name));
}

std::string TsvTable::where(size_t row, const std::string& name) const {
  return (source.empty() ? std::string("data file") : source) + ", line " +
         std::to_string(row < line.size() ? line[row] : 0) + ", column '" + name + "'";
}

double TsvTable::number(size_t row, const std::string& name) const {
  const std::string& t = text(row, name);
  double v = 0;
  auto res = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || res.ec != std::errc() || res.ptr != t.data() + t.size())
    throw Error(where(row, name) + ": '" + t + "' is not a number");
  if (!std::isfinite(v)) throw Error(where(row, name) + ": '" + t + "' is not a finite number");
  return v;
}

TsvTable read_tsv(const std::filesystem::path& path) {
  std::ifstream f(path);
  if (!f) throw Error("cannot read " + path.string());
  TsvTable t;
  t.source = path.string();
  std::string line;
  bool have_header = false;
  long line_no = 0;
  while (std::getline(f, line)) {
    ++line_no;
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (have_header) throw Error(path.string() + ": provenance line after the header");
      auto colon = line.find(": ");
      if (colon != std::string::npos && colon > 2) {
        t.meta[line.substr(2, colon - 2)] = line.substr(colon + 2);
        t.meta_lines.emplace_back(line.substr(2, colon - 2), line.substr(colon + 2));
      }
      continue;
    }
    // Every tab separates two cells, so a row may end with an empty cell (e.g. claims.tsv's
    // fingerprint of a figure without data).
    std::vector<std::string> cells;
    for (size_t a = 0;;) {
      const size_t b = line.find('\t', a);
      cells.push_back(line.substr(a, b == std::string::npos ? std::string::npos : b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    if (!have_header) {
      t.columns = std::move(cells);
      have_header = true;
    } else {
      if (cells.size() != t.columns.size())
        throw Error(path.string() + ", line " + std::to_string(line_no) + ": a row has " + std::to_string(cells.size()) +
                    " cells, the header " + std::to_string(t.columns.size()));
      t.rows.push_back(std::move(cells));
      t.line.push_back(line_no);
    }
  }
  if (!have_header) throw Error(path.string() + ": no header line");
  return t;
}

}  // namespace clp
