#include "report/findings.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>
#include <vector>

#include "claims/claims.hpp"
#include "common/error.hpp"

namespace clp::report {

namespace {

const std::string kOpen = "<!-- gen ";
const std::string kEnd = "-->";
const std::string kClose = "<!-- /gen -->";
constexpr const char* kNotInSnapshot = "not in the snapshot";

std::vector<std::string> split_args(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t bar = s.find(" | ", start);
    std::string item = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    out.push_back(item);
    if (bar == std::string::npos) return out;
    start = bar + 3;
  }
}

long line_of(const std::string& text, size_t pos) {
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

// A part of the measured column, by pattern (group 1).
std::string part(const std::string& measured, const std::string& field) {
  static const std::map<std::string, std::string> patterns{
      {"summary", R"((mean [^,]+, 95% CI \[[^\]]+\]))"},
      {"mean", R"(mean ([^,]+), 95% CI)"},
      {"ci", R"(95% CI (\[[^\]]+\]))"},
      {"seeds", R"((\d+ of \d+ seeds [<>]=? [^ ,(]+))"},
      {"per_seed", R"(per seed: ([^)]+)\))"}};
  if (field == "measured") return measured;
  const auto it = patterns.find(field);
  if (it == patterns.end())
    throw Error("unknown field '" + field + "' (verdict, measured, summary, mean, ci, seeds, per_seed)");
  std::smatch m;
  if (!std::regex_search(measured, m, std::regex(it->second)))
    throw Error("the measured value '" + measured + "' has no " + field);
  return m[1];
}

std::string cell(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
  return o;
}

// The verdict as the docs print it: a FAIL that says a run the claim reads did not converge
// is "FAIL (not evidence)", never to be read as a finding.
std::string verdict_text(const TsvTable& t, size_t r) {
  const std::string& v = t.text(r, "verdict");
  return claims::is_not_evidence(v, t.text(r, "measured")) ? "FAIL (not evidence)" : v;
}

std::string render(const std::vector<std::string>& a, const TsvTable& t) {
  const std::string& kind = a.at(0);
  auto need = [&](size_t n) {
    if (a.size() != n) throw Error("'" + kind + "' takes " + std::to_string(n - 1) + " arguments, got " + std::to_string(a.size() - 1));
  };
  if (kind == "snapshot") {
    need(2);
    const auto it = t.meta.find(a[1]);
    if (it == t.meta.end()) throw Error("the snapshot has no provenance '" + a[1] + "'");
    return it->second;
  }
  if (kind == "count") {
    if (a.size() != 4) need(3);
    long n = 0;
    for (size_t r = 0; r < t.rows.size(); ++r)
      n += t.text(r, "kind") == "study" && (a[1] == "*" || t.text(r, "figure") == a[1]) &&
           (a[2] == "*" || t.text(r, "verdict") == a[2]);
    if (a.size() == 3) return std::to_string(n);
    // A fourth argument scales the count (e.g. 0.05: how many a 5% error rate makes of it), one decimal.
    size_t used = 0;
    double scale = 0;
    try {
      scale = std::stod(a[3], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != a[3].size()) throw Error("the scale '" + a[3] + "' is not a number");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", n * scale);
    return buf;
  }
  if (kind == "claim" || kind == "table") {
    need(kind == "claim" ? 4 : 3);
    std::vector<size_t> rows;
    bool figure_present = false;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      figure_present |= t.text(r, "figure") == a[1];
      if (t.text(r, "figure") == a[1] && (a[2] == "*" || t.text(r, "claim").find(a[2]) != std::string::npos))
        rows.push_back(r);
    }
    // A study the snapshot does not have at all (not computed at default size yet) says so;
    // a study it has must have the row asked for.
    if (!figure_present) return kind == "claim" ? std::string(kNotInSnapshot) : "\n*" + std::string(kNotInSnapshot) + ".*\n";
    if (rows.empty()) throw Error("no row of " + a[1] + " whose claim contains '" + a[2] + "'");
    if (kind == "claim") {
      if (rows.size() > 1)
        throw Error(std::to_string(rows.size()) + " rows of " + a[1] + " contain '" + a[2] + "' (say which one)");
      return a[3] == "verdict" ? verdict_text(t, rows[0]) : part(t.text(rows[0], "measured"), a[3]);
    }
    std::string out = "\n| hypothesis | measured | verdict |\n|---|---|---|\n";
    for (size_t r : rows)
      out += "| " + cell(t.text(r, "claim")) + " | " + cell(t.text(r, "measured")) + " | " + verdict_text(t, r) + " |\n";
    return out;
  }
  throw Error("unknown generated span '" + kind + "' (claim, table, count, snapshot)");
}

}  // namespace

std::string render_findings(const std::string& md, const TsvTable& snapshot, const std::string& file) {
  for (const char* c : {"figure", "kind", "claim", "measured", "verdict"}) snapshot.column(c);
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t open = md.find(kOpen, pos);
    const size_t stray = md.find(kClose, pos);
    if (open == std::string::npos) {
      if (stray != std::string::npos) throw Error(file + ", line " + std::to_string(line_of(md, stray)) + ": '" + kClose + "' without an opening marker");
      return out + md.substr(pos);
    }
    if (stray != std::string::npos && stray < open)
      throw Error(file + ", line " + std::to_string(line_of(md, stray)) + ": '" + kClose + "' without an opening marker");
    const size_t end = md.find(kEnd, open + kOpen.size());
    const size_t close = end == std::string::npos ? end : md.find(kClose, end);
    const std::string where = file + ", line " + std::to_string(line_of(md, open));
    if (close == std::string::npos) throw Error(where + ": a generated span is not closed by '" + kClose + "'");
    const size_t nested = md.find(kOpen, end);
    if (nested != std::string::npos && nested < close) throw Error(where + ": a generated span is not closed before the next one");
    try {
      out += md.substr(pos, end + kEnd.size() - pos) + render(split_args(md.substr(open + kOpen.size(), end - open - kOpen.size())), snapshot) + kClose;
    } catch (const Error& e) {
      throw Error(where + ": " + e.what());
    }
    pos = close + kClose.size();
  }
}

std::string first_difference(const std::string& expected, const std::string& found) {
  std::istringstream a(expected), b(found);
  std::string la, lb;
  for (long n = 1;; ++n) {
    const bool ha = static_cast<bool>(std::getline(a, la)), hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "";
    if (!ha || !hb || la != lb)
      return "line " + std::to_string(n) + ": expected '" + (ha ? la : "<end>") + "', found '" + (hb ? lb : "<end>") + "'";
  }
}

}  // namespace clp::report
