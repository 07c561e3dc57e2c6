#include "claims/claims.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "claims/check_util.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "registry/registry.hpp"

namespace clp::claims {

bool Bound::holds(double x) const {
  switch (op) {
    case Op::kLess: return x < threshold;
    case Op::kAtMost: return x <= threshold;
    case Op::kGreater: return x > threshold;
    case Op::kAtLeast: return x >= threshold;
  }
  return false;
}

std::string Bound::text() const {
  const char* sym[] = {"<", "<=", ">", ">="};
  return std::string(sym[static_cast<int>(op)]) + " " + number_text(threshold);
}

std::string Band::text() const { return "in [" + number_text(lo) + ", " + number_text(hi) + "]"; }

std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

namespace {
// The parts of a not-evidence measured text around its list of runs ("; " between runs).
constexpr const char* kRunsHead = ", runs that did not converge: ";
constexpr const char* kRunsEnd = ". Measured: ";
}  // namespace

std::string shorten_unconverged(const std::string& measured, size_t keep, const std::string& where) {
  const std::string head = std::string(kNotEvidence) + kRunsHead;
  const size_t to = measured.find(kRunsEnd);
  if (measured.rfind(head, 0) != 0 || to == std::string::npos) return measured;
  size_t runs = 1, cut = std::string::npos;
  for (size_t at = measured.find("; ", head.size()); at != std::string::npos && at < to; at = measured.find("; ", at + 2))
    if (++runs == keep + 1) cut = at;
  if (cut == std::string::npos) return measured;
  return measured.substr(0, cut) + "; ... (" + std::to_string(runs) + " runs in all" + where + ")" + measured.substr(to);
}

namespace detail {

ClaimResult evidence(ClaimResult c, const std::string& unconverged) {
  if (unconverged.empty()) return c;
  c.pass = false;
  c.not_evidence = true;
  c.measured = std::string(kNotEvidence) + kRunsHead + unconverged + kRunsEnd + c.measured;
  c.threshold += "; every run it reads converged";
  return c;
}

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

std::string join(const std::vector<double>& v, const char* f) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fmt(f, v[i]);
  return s;
}

void require_columns(const TsvTable& t, const std::vector<std::string>& cols, const std::string& file,
                     const std::set<std::string>& text) {
  for (const auto& c : cols)
    if (std::find(t.columns.begin(), t.columns.end(), c) == t.columns.end())
      throw Error(file + " lacks column '" + c + "' (data contract)");
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (const auto& c : cols)
      if (!text.count(c) && !std::isfinite(t.number(r, c)))
        throw Error(file + ", data row " + std::to_string(r + 1) + ": " + c + " = '" + t.text(r, c) +
                    "' is not a finite number");
  if (t.rows.empty()) throw Error(file + " has no data rows");
}

// The items of a comma-separated provenance list, each read whole by parse (which sets `used`).
template <typename V, typename Parse>
std::vector<V> meta_items(const TsvTable& t, const std::string& key, const std::string& file, Parse parse) {
  const auto it = t.meta.find(key);
  if (it == t.meta.end()) throw Error(file + " lacks the provenance line '# " + key + ": ...'");
  std::vector<V> out;
  std::stringstream ss(it->second);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t used = 0;
    V v{};
    try {
      v = parse(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size()) throw Error(file + ": provenance '" + key + "' is not a list of numbers");
    out.push_back(v);
  }
  if (out.empty()) throw Error(file + ": provenance '" + key + "' is empty");
  return out;
}

std::vector<long> meta_list(const TsvTable& t, const std::string& key, const std::string& file) {
  return meta_items<long>(t, key, file, [](const std::string& s, size_t* used) { return std::stol(s, used); });
}

std::vector<double> meta_numbers(const TsvTable& t, const std::string& key, const std::string& file) {
  return meta_items<double>(t, key, file, [](const std::string& s, size_t* used) { return std::stod(s, used); });
}

long meta_long(const TsvTable& t, const std::string& key, const std::string& file) {
  const auto v = meta_list(t, key, file);
  if (v.size() != 1) throw Error(file + ": provenance '" + key + "' must be one number");
  return v.front();
}

}  // namespace detail

std::vector<std::string> checked_figures() {
  std::vector<std::string> ids;
  for (const auto* table : {&detail::twopath_checkers(), &detail::completion_checkers(), &detail::plasticity_checkers(),
                            &detail::onset_checkers()})
    for (const auto& entry : *table) ids.push_back(entry.first);
  return ids;
}

std::vector<ClaimResult> check_figure(const std::string& id, const std::filesystem::path& dir) {
  for (const auto* table : {&detail::twopath_checkers(), &detail::completion_checkers(), &detail::plasticity_checkers(),
                            &detail::onset_checkers()})
    for (const auto& [name, check] : *table)
      if (name == id) return check(id, dir);
  throw Error("no claim checks for figure '" + id + "'");
}

std::string data_fingerprint(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tsv") files.push_back(e.path());
  if (files.empty()) return "";
  std::sort(files.begin(), files.end());
  Fnv1a h;
  auto mix = [&](const char* p, size_t n) { h.add(p, n); };
  std::vector<char> buf(1 << 16);
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    mix(name.data(), name.size() + 1);
    std::ifstream in(f, std::ios::binary);
    if (!in) throw Error("cannot read " + f.string());
    while (in.read(buf.data(), buf.size()) || in.gcount() > 0) mix(buf.data(), static_cast<size_t>(in.gcount()));
  }
  return h.hex();
}

TsvTable read_claims_table(const std::filesystem::path& file) {
  TsvTable claims = read_tsv(file);
  for (const char* c : {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"})
    if (std::find(claims.columns.begin(), claims.columns.end(), c) == claims.columns.end())
      throw Error(std::string("it lacks the column '") + c + "' (written by another version of check_claims?)");
  const auto rows = claims.meta.find("rows");
  if (rows == claims.meta.end() || rows->second != std::to_string(claims.rows.size()))
    throw Error("it has " + std::to_string(claims.rows.size()) + " rows but says " +
                (rows == claims.meta.end() ? std::string("nothing") : rows->second) + ": it was cut short");
  return claims;
}

std::string current_verdict(const TsvTable& claims, size_t r, const std::string& fingerprint_now, bool study) {
  const std::string& v = claims.text(r, "verdict");
  const bool known = v == kFail || v == kSkip || (study ? v == kHolds || v == kDoesNotHold : v == kPass);
  if (!known) return "INVALID";
  if (fingerprint_now != claims.text(r, "data_fingerprint")) return "STALE";
  return v;
}

std::vector<ClaimResult> check_figure_or_fail(const std::string& id, const std::filesystem::path& dir) {
  try {
    auto rows = check_figure(id, dir);
    // Every data file of the figure (those its plot draws too, not only those the checks
    // read) as its program wrote it: else its verdicts rest on data no program computed.
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ".tsv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (const std::string problem = checksum_problem(f); !problem.empty()) throw Error(problem);
    return rows;
  } catch (const std::exception& e) {
    ClaimResult r{id, "the figure's data exist, are complete and follow the data contract", e.what(),
                  "complete, finite data", false};
    r.data_problem = true;
    return {r};
  }
}

bool is_study(const std::string& figure_id) {
  for (const registry::Figure& f : registry::figures())
    if (f.id == figure_id) return f.study();
  return false;
}

std::string verdict(const ClaimResult& r, bool quick) {
  if (quick && r.needs_full_sweep && !r.data_problem) return kSkip;
  if (r.data_problem || r.not_evidence) return kFail;
  if (is_study(r.figure)) return r.pass ? kHolds : kDoesNotHold;
  return r.pass ? kPass : kFail;
}

}  // namespace clp::claims