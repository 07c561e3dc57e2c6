#include "completion/problem_file.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "common/format.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"

namespace clp::completion {

std::uint32_t crc32(const char* data, size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) c = table[(c ^ static_cast<unsigned char>(data[i])) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {

// A cursor over the body of the file with line numbers for messages.
class Reader {
 public:
  Reader(const std::string& text, size_t end, std::string file) : s_(text), end_(end), file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("problem file " + file_ + ", line " + std::to_string(line_) + ": " + what +
                " (write it again with pipeline/authors_draws.py)");
  }
  bool at_end() const { return pos_ >= end_; }
  // Whether the next line starts with `prefix` (without consuming it).
  bool next_starts_with(const std::string& prefix) const {
    return !at_end() && s_.compare(pos_, prefix.size(), prefix) == 0;
  }
  // The next line without its newline.
  std::string line() {
    if (at_end()) fail("the file ends early (truncated?)");
    size_t nl = s_.find('\n', pos_);
    if (nl == std::string::npos || nl >= end_) nl = end_;
    std::string out = s_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++line_;
    return out;
  }

 private:
  const std::string& s_;
  size_t pos_ = 0, end_;
  std::string file_;
  long line_ = 0;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const size_t j = line.find(' ', i);
    const size_t e = j == std::string::npos ? line.size() : j;
    if (e > i) out.push_back(line.substr(i, e - i));
    i = e;
  }
  return out;
}

template <typename T>
bool parse_number(const std::string& s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "name rows cols" and then rows lines of cols float32 values.
Eigen::MatrixXd read_matrix(Reader& in, const std::string& name, int rows, int cols) {
  const std::vector<std::string> head = split(in.line());
  const std::string want = name + " " + std::to_string(rows) + " " + std::to_string(cols);
  if (head.size() != 3 || head[0] + " " + head[1] + " " + head[2] != want)
    in.fail("expected the section '" + want + "'");
  Eigen::MatrixXd M(rows, cols);
  for (int i = 0; i < rows; ++i) {
    const std::vector<std::string> cells = split(in.line());
    if (static_cast<int>(cells.size()) != cols)
      in.fail(name + " row " + std::to_string(i + 1) + " has " + std::to_string(cells.size()) + " values, not " +
              std::to_string(cols));
    for (int j = 0; j < cols; ++j) {
      float x;
      if (!parse_number(cells[j], x) || !std::isfinite(x))
        in.fail(name + " row " + std::to_string(i + 1) + ": '" + cells[j] + "' is not a finite number");
      M(i, j) = x;
    }
  }
  return M;
}

}  // namespace

Problem read_problem(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream f(file, std::ios::binary);
  if (!f) throw Error("problem file " + name + ": cannot open it (write it with pipeline/authors_draws.py)");
  std::ostringstream buf;
  buf << f.rdbuf();
  const std::string text = buf.str();
  // The checksum line is the last line: it covers every byte before it.
  const std::string tag = "# crc32: ";
  const size_t last = text.size() >= 2 ? text.rfind('\n', text.size() - 2) : std::string::npos;
  const size_t body_end = last == std::string::npos ? 0 : last + 1;
  if (text.empty() || text.back() != '\n' || text.compare(body_end, tag.size(), tag) != 0 ||
      text.size() - body_end != tag.size() + 9)
    throw Error("problem file " + name +
                ": no '# crc32: xxxxxxxx' line at its end (truncated or not a problem file); write it again with "
                "pipeline/authors_draws.py");
  const std::string stated = text.substr(body_end + tag.size(), 8);
  char actual[9];
  std::snprintf(actual, sizeof actual, "%08x", crc32(text.data(), body_end));
  if (stated != actual)
    throw Error("problem file " + name + ": checksum mismatch (file says " + stated + ", contents give " + actual +
                "): the file is damaged; write it again with pipeline/authors_draws.py");

  Reader in(text, body_end, name);
  Problem p;
  while (in.next_starts_with("# ")) {
    const std::string line = in.line();
    const size_t colon = line.find(": ");
    if (colon == std::string::npos) in.fail("header line is not '# key: value'");
    p.header.emplace_back(line.substr(2, colon - 2), line.substr(colon + 2));
  }
  auto key = [&](const std::string& k) -> const std::string& {
    const std::string* found = nullptr;
    for (const auto& kv : p.header)
      if (kv.first == k) {
        if (found) in.fail("header key '" + k + "' is given twice");
        found = &kv.second;
      }
    if (!found) in.fail("header key '" + k + "' is missing");
    return *found;
  };
  auto int_key = [&](const std::string& k, int lo, long long hi) {
    long long v;
    if (!parse_number(key(k), v) || v < lo || v > hi)
      in.fail("header '" + k + ": " + key(k) + "' is not a whole number in " + std::to_string(lo) + ".." +
              std::to_string(hi));
    return static_cast<int>(v);
  };
  if (key("clp-problem") != "1") in.fail("format version '" + key("clp-problem") + "' is not 1");
  p.mode = key("mode");
  if (p.mode != "switch" && p.mode != "subset") in.fail("mode must be switch or subset");
  p.N = int_key("N", 2, 1 << 15);
  const long long N2 = static_cast<long long>(p.N) * p.N;
  p.n = int_key("n", 1, N2);
  p.n_deficit = int_key("n_deficit", 1, p.n);
  p.rank1 = int_key("rank1", 1, p.N);
  p.rank2 = int_key("rank2", 1, p.N);
  p.depth = int_key("depth", 1, 1 << 10);
  if (!parse_number(key("g"), p.g) || !std::isfinite(p.g) || p.g <= 0) in.fail("header 'g' is not a positive number");
  unsigned long long seed;
  if (!parse_number(key("seed"), seed)) in.fail("header 'seed' is not a non-negative whole number");
  p.seed = seed;
  if (p.mode == "switch" && p.n_deficit != p.n) in.fail("n_deficit must equal n in switch mode");
  if (p.mode == "subset" && p.rank2 != p.rank1) in.fail("rank2 must equal rank1 in subset mode (one task)");

  p.task1 = read_matrix(in, "task1", p.N, p.N);
  if (p.mode == "switch") p.task2 = read_matrix(in, "task2", p.N, p.N);
  {
    const std::vector<std::string> head = split(in.line());
    if (head.size() != 3 || head[0] != "entries" || head[1] != std::to_string(p.n) || head[2] != "2")
      in.fail("expected the section 'entries " + std::to_string(p.n) + " 2'");
    std::set<long long> seen;
    for (int k = 0; k < p.n; ++k) {
      const std::vector<std::string> cells = split(in.line());
      int u, v;
      if (cells.size() != 2 || !parse_number(cells[0], u) || !parse_number(cells[1], v) || u < 0 || u >= p.N ||
          v < 0 || v >= p.N)
        in.fail("entry " + std::to_string(k + 1) + " is not 'u v' with 0 <= u, v < N");
      if (!seen.insert(static_cast<long long>(u) * p.N + v).second)
        in.fail("entry " + std::to_string(k + 1) + " (" + cells[0] + ", " + cells[1] + ") is drawn twice");
      p.entries.push_back({u, v});
    }
  }
  for (int j = 1; j <= p.depth; ++j) p.layers.push_back(read_matrix(in, "layer" + std::to_string(j), p.N, p.N));
  if (in.line() != "end") in.fail("expected 'end' after layer" + std::to_string(p.depth));
  if (!in.at_end()) in.fail("unexpected text after 'end'");
  p.crc32 = stated;
  return p;
}

void write_problem(const Problem& p, const std::filesystem::path& file) {
  std::string s;
  auto put = [&](const std::string& k, const std::string& v) { s += "# " + k + ": " + v + "\n"; };
  put("clp-problem", "1");
  const std::set<std::string> params{"clp-problem", "mode", "N", "n", "n_deficit", "rank1", "rank2", "depth", "g", "seed"};
  for (const auto& kv : p.header)
    if (!params.count(kv.first)) put(kv.first, kv.second);
  put("mode", p.mode);
  put("N", std::to_string(p.N));
  put("n", std::to_string(p.n));
  put("n_deficit", std::to_string(p.n_deficit));
  put("rank1", std::to_string(p.rank1));
  put("rank2", std::to_string(p.rank2));
  put("depth", std::to_string(p.depth));
  put("g", format_double(p.g));
  put("seed", std::to_string(p.seed));
  auto matrix = [&](const std::string& name, const Eigen::MatrixXd& M) {
    s += name + " " + std::to_string(M.rows()) + " " + std::to_string(M.cols()) + "\n";
    char cell[32];
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      for (Eigen::Index j = 0; j < M.cols(); ++j) {
        std::snprintf(cell, sizeof cell, "%.9g", static_cast<double>(static_cast<float>(M(i, j))));
        s += cell;
        s += j + 1 < M.cols() ? ' ' : '\n';
      }
  };
  matrix("task1", p.task1);
  if (p.mode == "switch") matrix("task2", p.task2);
  s += "entries " + std::to_string(p.entries.size()) + " 2\n";
  for (const Entry& e : p.entries) s += std::to_string(e.u) + " " + std::to_string(e.v) + "\n";
  for (size_t j = 0; j < p.layers.size(); ++j) matrix("layer" + std::to_string(j + 1), p.layers[j]);
  s += "end\n";
  char tail[32];
  std::snprintf(tail, sizeof tail, "# crc32: %08x\n", crc32(s.data(), s.size()));
  write_file_atomically(file, s + tail);
}

}  // namespace clp::completion
