// Two output roots side by side (make compare A=out B=out-lr/lr-0.1): every claim of either
// root's claims.tsv with both verdicts and measurements, and every point of every collected
// figure both roots hold (seed_stats.tsv: per curve and switch time, the mean over seeds of the
// rise error(T_switch) - error(0)) with its change B - A and whether the change exceeds the seed
// spread: the two 95% bootstrap intervals of the mean do not overlap. A point one root lacks is
// listed as such, never silently dropped. A verdict is shown as it stands now (as in the
// report): STALE when its figure's data changed after check_claims computed it, INVALID when
// it is not a verdict, and a claims table cut short is named instead of its rows; the points of
// a figure whose data changed after its claims were checked are listed, not judged.
//
//   compare_results --a out --b out-lr/lr-0.1 [--table compare.tsv]
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "common/app.hpp"
#include "common/error.hpp"
#include "common/format.hpp"
#include "claims/claims.hpp"
#include "common/tsv.hpp"
#include "registry/registry.hpp"
#include "stats/collect.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  using namespace clp;
  std::string a, b, table;
  ParamTable t("compare_results", "Two output roots side by side: claims and every collected point, with the change.");
  t.add("a", a, "the first output root (e.g. out)").nonempty();
  t.add("b", b, "the second output root").nonempty();
  t.add("table", table, "also write the comparison to this TSV file");
  t.no_config_file();
  return run_program(argc, argv, t, [&] {
    for (const auto& root : {a, b}) {
      require(fs::is_directory(root), "--a/--b " + root + " is not a directory (an output root such as out)");
      // A root with nothing to compare would look like a root whose every result vanished.
      bool holds = fs::exists(fs::path(root) / "claims.tsv");
      for (const auto& fig : registry::figures())
        holds = holds || fs::exists(fs::path(root) / "data" / fig.id / "seed_stats.tsv");
      if (!holds) {
        // A make sweep root holds one output root per value: name them.
        std::vector<std::string> roots;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(root, ec))
          if (e.is_directory() && fs::exists(e.path() / "claims.tsv")) roots.push_back(e.path().string());
        std::sort(roots.begin(), roots.end());
        std::string inner;
        for (const auto& r : roots) inner += (inner.empty() ? "" : ", ") + r;
        require(!inner.empty(), "--a/--b " + root + " holds no results (no claims.tsv, no data/<figure>/seed_stats.tsv): make figures OUT=" +
                                    root + " first");
        throw Error("--a/--b " + root + " holds no results itself but output roots of a sweep: compare one of them (" +
                    inner + ")");
      }
    }
    // Never write over an input (--table may not go where a root's claims or points are), nor
    // over a file compare_results did not write.
    if (!table.empty()) {
      check_replaceable_file(table, "compare_results", "--table");
      std::vector<std::string> inputs;
      for (const auto& root : {a, b}) {
        inputs.push_back((fs::path(root) / "claims.tsv").string());
        for (const auto& fig : registry::figures())
          inputs.push_back((fs::path(root) / "data" / fig.id / "seed_stats.tsv").string());
      }
      stats::check_apart(fs::path(table).parent_path(), inputs, "--table's directory");
    }
    std::vector<std::vector<std::string>> rows;  // kind, figure, what, a, b, change, exceeds
    // The claims.
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> claims[2];
    std::set<std::pair<std::string, std::string>> keys;
    std::map<std::pair<std::string, std::string>, std::string> text;  // as the first root words it
    // Per root, the figures whose data changed after their claims were checked.
    std::set<std::string> changed[2];
    for (int i = 0; i < 2; ++i) {
      const fs::path root = i == 0 ? a : b;
      const fs::path f = root / "claims.tsv";
      if (!fs::exists(f)) continue;
      TsvTable c;
      try {
        c = claims::read_claims_table(f);
      } catch (const std::exception& e) {
        rows.push_back({"claims", "", "claims.tsv cannot be trusted: " + std::string(e.what()) + " (make check OUT=" +
                                          root.string() + ")",
                        i == 0 ? "this root" : "", i == 1 ? "this root" : "", "not compared", ""});
        continue;
      }
      std::map<std::string, std::string> now;
      for (const auto& fig : registry::figures())
        if (fs::exists(root / "data" / fig.id)) now[fig.id] = claims::data_fingerprint(root / "data" / fig.id);
      for (size_t r = 0; r < c.rows.size(); ++r) {
        const std::string id = c.text(r, "figure");
        const auto fp = now.find(id);
        const std::string v = claims::current_verdict(c, r, fp == now.end() ? "" : fp->second, claims::is_study(id));
        if (v == "STALE") changed[i].insert(id);
        // A claim's text names its seed count ("(2 seeds, paired by seed)"): the same claim on
        // roots of other seed counts is one row, its text as in A.
        static const std::regex seeds(R"(\(\d+ seeds?\b)");
        const auto k = std::make_pair(c.text(r, "figure"), std::regex_replace(c.text(r, "claim"), seeds, "(k seeds"));
        claims[i][k] = {v, c.text(r, "measured") + (v == "STALE" ? " (the data changed after make check)" : "")};
        if (!text.count(k)) text[k] = c.text(r, "claim");
        keys.insert(k);
      }
    }
    for (const auto& k : keys) {
      auto side = [&](int i) {
        const auto it = claims[i].find(k);
        return it == claims[i].end() ? std::string("(absent)") : it->second.first + ": " + it->second.second;
      };
      const bool in_a = claims[0].count(k), in_b = claims[1].count(k);
      const auto stale = [&](int i) { return claims[i].count(k) && claims[i][k].first == "STALE"; };
      const std::string change = !in_a ? "only in B" : !in_b ? "only in A"
                                 : stale(0) || stale(1) ? "not compared: run make check on the STALE root"
                                 : claims[0][k].first != claims[1][k].first ? "verdict changed" : "same verdict";
      rows.push_back({"claim", k.first, text[k], side(0), side(1), change, ""});
    }
    // The points of every collected figure.
    long points = 0, beyond = 0, not_evidence = 0;
    for (const auto& fig : registry::figures()) {
      if (fig.recipe != "collect") continue;
      const fs::path fa = fs::path(a) / "data" / fig.id / "seed_stats.tsv", fb = fs::path(b) / "data" / fig.id / "seed_stats.tsv";
      if (!fs::exists(fa) && !fs::exists(fb)) continue;
      if (!fs::exists(fa) || !fs::exists(fb)) {
        rows.push_back({"figure", fig.id, "computed in one root only", fs::exists(fa) ? "yes" : "no",
                        fs::exists(fb) ? "yes" : "no", "", ""});
        continue;
      }
      if (changed[0].count(fig.id) || changed[1].count(fig.id)) {
        rows.push_back({"figure", fig.id, "not judged: its data changed after make check",
                        changed[0].count(fig.id) ? "changed" : "as checked", changed[1].count(fig.id) ? "changed" : "as checked",
                        "", ""});
        continue;
      }
      if (const std::string pa = checksum_problem(fa), pb = checksum_problem(fb); !pa.empty() || !pb.empty()) {
        rows.push_back({"figure", fig.id, "not judged: " + (pa.empty() ? pb : pa), pa.empty() ? "as written" : "changed",
                        pb.empty() ? "as written" : "changed", "", ""});
        continue;
      }
      const TsvTable s[2] = {read_tsv(fa), read_tsv(fb)};
      // The columns before t_switch tell the curves apart (the figure's group).
      std::map<std::string, size_t> at[2];
      std::vector<std::string> order;
      for (int i = 0; i < 2; ++i) {
        const int ts = s[i].column("t_switch");
        for (size_t r = 0; r < s[i].rows.size(); ++r) {
          std::string key;
          for (int c = 0; c < ts; ++c) key += s[i].columns[c] + " " + s[i].rows[r][c] + ", ";
          key += "T_switch " + s[i].rows[r][ts];
          if (at[0].count(key) == 0 && at[1].count(key) == 0) order.push_back(key);
          at[i][key] = r;
        }
      }
      for (const auto& key : order) {
        if (!at[0].count(key) || !at[1].count(key)) {
          rows.push_back({"point", fig.id, key, at[0].count(key) ? "present" : "(absent)",
                          at[1].count(key) ? "present" : "(absent)", "", ""});
          continue;
        }
        const size_t ra = at[0][key], rb = at[1][key];
        const double ma = s[0].number(ra, "mean_excess"), mb = s[1].number(rb, "mean_excess");
        // Evidence only if every seed's run converged, at this switch time and at its curve's
        // T_switch 0 (the rise is the difference of the two).
        const auto evidence = [&](int i, size_t r) {
          const auto all = [&](size_t q) { return s[i].number(q, "n_converged") == s[i].number(q, "n_seeds"); };
          const std::string base = key.substr(0, key.rfind("T_switch ")) + "T_switch 0";
          return all(r) && (!at[i].count(base) || all(at[i][base]));
        };
        const bool ea = evidence(0, ra), eb = evidence(1, rb);
        const auto shown = [](double m, bool e) { return format_double(m) + (e ? "" : " (not evidence: a run did not converge)"); };
        if (!ea || !eb) {
          ++not_evidence;
          rows.push_back({"point", fig.id, "rise: " + key, shown(ma, ea), shown(mb, eb), format_double(mb - ma),
                          "not judged"});
          continue;
        }
        const bool apart = s[1].number(rb, "ci_lo_excess") > s[0].number(ra, "ci_hi_excess") ||
                           s[0].number(ra, "ci_lo_excess") > s[1].number(rb, "ci_hi_excess");
        ++points;
        beyond += apart;
        rows.push_back({"point", fig.id, "rise: " + key, format_double(ma), format_double(mb), format_double(mb - ma),
                        apart ? "yes" : "no"});
      }
    }
    const std::vector<std::string> header{"kind", "figure", "what", "A " + a, "B " + b, "change", "exceeds seed spread"};
    std::cout << "A = " << a << ", B = " << b
              << "; a point's change exceeds the seed spread when the 95% bootstrap intervals of the two means do "
                 "not overlap\n";
    // On the terminal: numbers to 4 significant digits (the table keeps every digit), and the
    // claims of a figure computed in one root only counted in one line per figure.
    const auto brief = [](const std::string& v) {
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (v.empty() || end == v.c_str() || (*end != '\0' && *end != ' ')) return v;  // not a number (first)
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", x);
      return std::string(buf) + end;
    };
    std::map<std::pair<std::string, std::string>, int> one_sided;  // (figure, "only in A/B") -> claims
    for (const auto& r : rows) {
      if (r[0] == "claim" && (r[5] == "only in A" || r[5] == "only in B")) {
        ++one_sided[{r[1], r[5]}];
        continue;
      }
      std::cout << r[0] << "\t" << r[1] << "\t" << r[2] << "\n      A: " << brief(r[3]) << "\n      B: " << brief(r[4]);
      if (!r[5].empty())
        std::cout << "\n      change: " << brief(r[5]) << (r[6].empty() ? "" : ", exceeds the seed spread: " + r[6]);
      std::cout << "\n";
    }
    for (const auto& [k, n] : one_sided)
      std::cout << "claim\t" << k.first << "\t" << n << (n == 1 ? " claim " : " claims ") << k.second
                << (table.empty() ? "" : " (every one in --table)") << "\n";
    if (!table.empty()) {
      TsvWriter w(table, {{"program", "compare_results"}, {"a", a}, {"b", b}}, header);
      for (const auto& r : rows) {
        for (const auto& c : r) w << c;
        w.end_row();
      }
      w.commit();
    }
    // The summary counts every row: what changed, and what was not compared or judged and why.
    long paired = 0, same = 0, flipped = 0, stale = 0, figures_unjudged = 0, unreadable = 0;
    for (const auto& r : rows) {
      if (r[0] == "claim" && r[5] != "only in A" && r[5] != "only in B") {
        ++paired;
        same += r[5] == "same verdict";
        flipped += r[5] == "verdict changed";
        stale += r[5].rfind("not compared", 0) == 0;
      }
      figures_unjudged += r[0] == "figure" && r[2].rfind("not judged", 0) == 0;
      unreadable += r[0] == "claims";
    }
    const auto count = [](long n, const std::string& one, const std::string& many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::string out = "compare_results: " + count(paired, "claim", "claims") + " in both roots (" +
                      std::to_string(same) + " same verdict, " + std::to_string(flipped) + " verdict changed" +
                      (stale ? ", " + std::to_string(stale) + " not compared: the data changed after make check" : "") +
                      "), " + std::to_string(static_cast<long>(keys.size()) - paired) + " in one only; " +
                      count(points, "point", "points") + " judged, " + std::to_string(beyond) +
                      " of them changed beyond the seed spread";
    if (not_evidence) out += ", " + std::to_string(not_evidence) + " not judged (a run did not converge)";
    if (figures_unjudged) out += "; " + count(figures_unjudged, "figure", "figures") + " not judged (the data changed)";
    if (unreadable) out += "; " + count(unreadable, "claims table", "claims tables") + " that cannot be trusted";
    return out;
  });
}
