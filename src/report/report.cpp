#include "report/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"

namespace clp::report {

namespace {

// Every text the report takes from a file (data, claims.tsv, the registry) goes through this,
// in element content and in attribute values alike.
std::string escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

double read_seconds(const std::filesystem::path& f) {
  std::ifstream in(f);
  double s = -1;
  if (in >> s) return s;
  return -1;
}

std::string format_seconds(double s) {
  if (s < 0) return "unknown";
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.1f s", s);
  else std::snprintf(buf, sizeof buf, "%d min %02d s", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return buf;
}

// How many random draws a figure's data holds, from its provenance: "5 (1,2,3,4,5)" for a
// figure collected over seeds (mc_collect writes `# seeds:`), "1 (seed 3)" for a single run,
// "none" for a program that draws nothing (fig7's portraits start from fixed points).
std::string seeds_of(const TsvTable& t) {
  if (t.meta.count("seeds")) {
    const std::string& list = t.meta.at("seeds");
    return std::to_string(std::count(list.begin(), list.end(), ',') + 1) + " (" + list + ")";
  }
  if (t.meta.count("seed")) return "1 (seed " + t.meta.at("seed") + ")";
  return "none (deterministic)";  // a program without a seed draws nothing
}

}  // namespace

double compute_seconds(const std::filesystem::path& figure_dir, const TsvTable& data) {
  const double own = read_seconds(figure_dir / ".seconds");
  if (own >= 0) return own;
  // A collected figure: the provenance lists its runs as "# source: <run>/final_error.tsv".
  double sum = 0;
  bool any = false;
  for (const auto& [key, value] : data.meta_lines) {
    if (key != "source") continue;
    const double s = read_seconds(std::filesystem::path(value).parent_path() / ".seconds");
    if (s >= 0) sum += s, any = true;
  }
  return any ? sum : -1;
}

int write_report(const std::filesystem::path& root, const std::vector<registry::Figure>& figures,
                 const std::string& setting) {
  // Verdicts are shown only where they can be trusted: a complete table (as many rows as
  // it says it has), verdicts PASS, FAIL or SKIP (anything else counts as failed), and
  // data that still has the fingerprint the verdict was computed from (else "not checked").
  TsvTable claims;
  const bool have_claims = std::filesystem::exists(root / "claims.tsv");
  std::string table_problem;
  if (have_claims) {
    try {
      claims = claims::read_claims_table(root / "claims.tsv");
    } catch (const std::exception& e) {
      // The message quotes the file (its `# rows:` value): text from a data file, escaped.
      table_problem = "claims.tsv cannot be trusted: " + escape(e.what()) + ". Run <code>make check</code>.";
      claims = TsvTable{};
    }
  }
  std::map<std::string, std::string> fingerprint;
  // Each figure's main data file, read once (absent: no data yet).
  std::map<std::string, TsvTable> data_of;
  const TsvTable no_data;
  for (const registry::Figure& f : figures) {
    if (std::filesystem::exists(root / "data" / f.id)) fingerprint[f.id] = claims::data_fingerprint(root / "data" / f.id);
    if (std::filesystem::exists(root / "data" / f.id / f.data)) data_of[f.id] = read_tsv(root / "data" / f.id / f.data);
  }
  // Whether a figure is a study: the figures given here decide, then the registry.
  std::map<std::string, bool> study_of;
  for (const registry::Figure& f : figures) study_of[f.id] = f.study();
  auto is_study = [&](const std::string& id) {
    const auto it = study_of.find(id);
    return it != study_of.end() ? it->second : claims::is_study(id);
  };
  auto verdict = [&](size_t r) -> std::string {
    const auto fp = fingerprint.find(claims.text(r, "figure"));
    return claims::current_verdict(claims, r, fp == fingerprint.end() ? "" : fp->second,
                                   is_study(claims.text(r, "figure")));
  };
  // The paper's claims (the reproduction's verdict) and the studies' hypotheses, counted apart.
  int pass = 0, fail = 0, skip = 0, stale = 0, present = 0;
  int holds = 0, not_held = 0, study_skip = 0, study_bad = 0;
  for (size_t r = 0; r < claims.rows.size(); ++r) {
    const std::string v = verdict(r);
    if (is_study(claims.text(r, "figure"))) {
      holds += v == claims::kHolds, not_held += v == claims::kDoesNotHold, study_skip += v == claims::kSkip;
      study_bad += v == claims::kFail || v == "INVALID" || v == "STALE";
      continue;
    }
    pass += v == "PASS", fail += v == "FAIL" || v == "INVALID", skip += v == "SKIP", stale += v == "STALE";
  }
  int studies = 0, studies_present = 0;
  for (const registry::Figure& f : figures)
    if (f.study()) ++studies, studies_present += data_of.count(f.id) > 0;
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    << "<title>" << (setting.empty() ? "Reproduction report" : "Sweep report, " + escape(setting))
    << ": Critical Learning Periods Emerge Even in Deep Linear Networks</title>\n"
    << "<style>body{font-family:Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}"
       "h1{font-size:1.6em}h2{font-size:1.4em;margin-top:2.4em;border-bottom:2px solid #888;padding-bottom:.2em}"
       "h3{font-size:1.15em;margin-top:2.2em;border-bottom:1px solid #ccc;padding-bottom:.2em}"
       "img{max-width:100%;border:1px solid #ddd}table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}"
       "td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}"
       ".PASS{background:#d9f2d9;font-weight:bold}.FAIL,.INVALID{background:#f8d0d0;font-weight:bold}.SKIP{background:#eee}"
       ".STALE{background:#fbe9b7;font-weight:bold}"
       ".HOLDS{background:#dde8f6;font-weight:bold}.NOTHELD{background:#efe4f4;font-weight:bold}"
       ".meta{font-size:.8em;color:#555}.summary td{font-size:1em}code{font-size:.9em}</style></head><body>\n";
  if (!setting.empty()) {
    std::string ids;
    for (const registry::Figure& f : figures) ids += (ids.empty() ? "" : ", ") + f.id;
    h << "<h1>Sweep report: " << escape(ids) << " with " << escape(setting) << "</h1>\n<p class=\"STALE\">Every run "
      << "of this root was given <code>" << escape(setting) << "</code> (make sweep): its claims are the paper's, "
      << "checked on data the paper did not compute. This page is not a reproduction of the paper; compare it with "
      << "another root by <code>make compare</code>.</p>\n";
  }
  h << (setting.empty() ? "<h1>Reproduction report</h1>\n" : "") << "<p>Kleinman, Achille &amp; Soatto, <i>Critical Learning Periods Emerge Even in "
       "Deep Linear Networks</i> (ICLR 2024). Every figure below was computed by this project's programs; next to it "
       "are the paper's claims about it, checked by <code>check_claims</code> on the data files that the figure "
       "shows. The paper's claims are the reproduction's verdict; the <a href=\"#studies\">studies beyond the "
       "paper</a> (our own questions) follow in a section of their own. This page is generated by <code>make "
       "report</code> from the files under <code>"
    << escape(root.string()) << "</code>. &ldquo;Computed in&rdquo; is the wall time of the figure's programs "
       "(a matrix-completion run shared by several figures is counted in each).</p>\n";
  h << "<table class=\"summary\"><tr><th>paper claims passed</th><th>failed</th><th>skipped (QUICK data)</th><th>not checked "
       "(data changed since)</th></tr><tr><td>"
    << pass << "</td><td>" << fail << "</td><td>" << skip << "</td><td>" << stale << "</td></tr></table>\n";
  h << "<table class=\"summary\"><tr><th>studies computed</th><th>hypotheses that hold</th><th>do not hold</th>"
       "<th>skipped (QUICK data)</th><th>data problems or not checked</th></tr><tr><td>"
    << studies_present << " of " << studies << "</td><td>" << holds << "</td><td>" << not_held << "</td><td>" << study_skip
    << "</td><td>" << study_bad << "</td></tr></table>\n";
  if (!have_claims) h << "<p class=\"FAIL\">No claims.tsv: run <code>make check</code>.</p>\n";
  if (!table_problem.empty()) h << "<p class=\"FAIL\">" << table_problem << "</p>\n";
  if (stale)
    h << "<p class=\"STALE\">" << stale << " verdicts were computed from data that has changed since: they are shown as "
         "STALE, not as passed or failed. Run <code>make check</code> (or <code>make report</code>).</p>\n";
  // One line per figure: where it is, its claims, how long it took.
  h << "<table><tr><th>figure</th><th>paper</th><th>what it shows</th><th>seeds</th><th>random draws</th><th>claims "
       "passed (studies: hypotheses that hold)</th><th>computed in</th></tr>\n";
  for (const registry::Figure& f : figures) {
    // A study counts its answered hypotheses (holds or not) as a paper figure its passed claims.
    int n = 0, ok = 0, skipped = 0, held = 0;
    for (size_t r = 0; r < claims.rows.size(); ++r)
      if (claims.text(r, "figure") == f.id) {
        const std::string v = verdict(r);
        ++n, ok += v == "PASS" || v == claims::kHolds || v == claims::kDoesNotHold, skipped += v == "SKIP";
        held += v == claims::kHolds;
      }
    const bool has_data = data_of.count(f.id);
    // Skipped claims (QUICK data) are neither passed nor failed: grey, not red. A study not
    // computed yet is no failure of the reproduction.
    const std::string cls = f.study() && !has_data          ? "SKIP"
                            : !has_data || n == 0 || ok + skipped < n ? "FAIL"
                            : f.study()                              ? "HOLDS"
                            : skipped                                ? "SKIP"
                                                                     : "PASS";
    const std::string count =
        f.study() ? std::to_string(held) + " of " + std::to_string(n - skipped) + " hold" +
                        (skipped ? " (" + std::to_string(skipped) + " skipped)" : "")
                  : std::to_string(ok) + " / " + std::to_string(n) + (skipped ? " (" + std::to_string(skipped) + " skipped)" : "");
    const TsvTable& data = has_data ? data_of.at(f.id) : no_data;
    const std::string seeds = has_data ? seeds_of(data) : "";
    const std::string draws = !has_data ? "" : data.meta.count("draws") ? data.meta.at("draws") : "ours";
    h << "<tr><td><a href=\"#" << escape(f.id) << "\"><code>" << escape(f.id) << "</code></a></td><td>" << escape(f.paper) << "</td><td>"
      << escape(f.title) << "</td><td>" << escape(seeds) << "</td><td>" << escape(draws) << "</td><td class=\"" << cls << "\">" << (!has_data ? (f.study() ? "not computed" : "no data") : n == 0 ? "not checked" : count)
      << "</td><td>" << format_seconds(has_data ? compute_seconds(root / "data" / f.id, data) : -1) << "</td></tr>\n";
  }
  h << "</table>\n";
  // The paper's figures, then the studies, each figure with its claims or hypotheses.
  for (const bool study_section : {false, true}) {
    if (!study_section)
      h << "<h2 id=\"paper\">The paper's figures</h2>\n<p>Each claim is a statement of the paper checked on our data; "
           "they PASS or FAIL, and together they are the reproduction's verdict (<code>make check</code> exits 0 "
           "when every one passes).</p>\n";
    else {
      h << "<h2 id=\"studies\">Studies beyond the paper</h2>\n<p>Our own questions about the critical period, "
           "each a figure with seeds and hypotheses written before its runs. A hypothesis HOLDS or DOES NOT HOLD: "
           "an answer either way, a finding and not a failure of the reproduction. ";
      if (studies_present < studies)
        h << (studies_present ? "Some studies are" : "The studies are")
          << " not computed yet: run <code>make studies</code> (or <code>make all</code>), or <code>make "
             "&lt;id&gt;</code> for one of them.";
      h << "</p>\n";
    }
    for (const registry::Figure& f : figures) {
      if (f.study() != study_section) continue;
      const auto dir = root / "data" / f.id;
      const bool has_data = data_of.count(f.id);
      present += has_data;
      h << "<h3 id=\"" << escape(f.id) << "\">" << escape(f.paper) << " &middot; <code>" << escape(f.id) << "</code>: " << escape(f.title)
        << "</h3>\n";
      if (!has_data) {
        h << "<p class=\"" << (f.study() ? "SKIP" : "FAIL") << "\">" << (f.study() ? "Not computed" : "No data yet")
          << ": run <code>make " << escape(f.id) << "</code>" << (f.study() ? " or <code>make studies</code>" : "") << ".</p>\n";
        continue;
      }
      if (std::filesystem::exists(root / "figures" / (f.id + ".png")))
        h << "<a href=\"figures/" << escape(f.id) << ".pdf\"><img src=\"figures/" << escape(f.id) << ".png\" alt=\"" << escape(f.id) << "\"></a>\n";
      else
        h << "<p class=\"FAIL\">Figure not rendered.</p>\n";
      h << "<table><tr><th>" << (f.study() ? "hypothesis" : "paper claim")
        << "</th><th>measured</th><th>rule</th><th>verdict</th></tr>\n";
      int rows = 0;
      for (size_t r = 0; r < claims.rows.size(); ++r) {
        if (claims.text(r, "figure") != f.id) continue;
        const std::string v = verdict(r);
        h << "<tr><td>" << escape(claims.text(r, "claim")) << "</td><td>" << escape(claims.text(r, "measured")) << "</td><td>"
          << escape(claims.text(r, "threshold")) << "</td><td class=\"" << (v == claims::kDoesNotHold ? "NOTHELD" : escape(v)) << "\">" << escape(v)
          << "</td></tr>\n";
        ++rows;
      }
      if (!rows) h << "<tr><td colspan=\"4\" class=\"FAIL\">not checked: no verdict for this figure in claims.tsv</td></tr>\n";
      h << "</table>\n";
      const TsvTable& t = data_of.at(f.id);
      if (t.meta.count("seeds"))
        h << "<p class=\"meta\"><b>seeds</b> " << escape(seeds_of(t))
          << ": every curve is the mean over these seeds (thick line), with the band from the smallest to the "
             "largest seed's value (min-max) and seed 1 alone as a thin dashed line; <code>seed_stats.tsv</code> "
             "holds n, mean, sd, min, max and the 95% bootstrap interval of the mean of every point. A claim is a "
             "per-seed quantity with a rule on all seeds (the rule column).</p>\n";
      else if (t.meta.count("seed"))
        h << "<p class=\"meta\"><b>seeds</b> one draw, seed " << escape(t.meta.at("seed")) << ".</p>\n";
      if (t.meta.count("draws") && t.meta.at("draws") == "authors")
        h << "<p class=\"meta\"><b>random draws</b> the authors', as in the paper: tasks, observed entries and initial "
             "layers drawn by their numpy + PyTorch procedure for each seed, with the observed entries an MKL-enabled "
             "PyTorch draws (the build the paper's numbers were made with; pipeline/authors_draws.py emulates it), "
             "trained by our kernel with their step counts (T_switch + 1 steps of the deficit, then continue_steps - "
             "2). Seed 1 is the paper's own draw, so its numbers are the paper's own: verified against the results "
             "the authors shipped for the subset deficit (depth 1-3, every T_switch) and by the depth-1 check "
             "(0.851639) of make crosscheck; docs/authors-draws.md.</p>\n";
      else if (t.meta.count("draws") && t.meta.at("draws") == "authors-nomkl")
        h << "<p class=\"meta\"><b>random draws</b> the authors' procedure on a PyTorch without MKL (Debian's, Arm "
             "Macs): the same tasks and initial layers as the paper's draw, other observed entries, so not the "
             "paper's numbers (they are the numbers of the authors' unchanged scripts on such a build; "
             "docs/authors-draws.md).</p>\n";
      else if (t.meta.count("draws"))
        h << "<p class=\"meta\"><b>random draws</b> " << escape(t.meta.at("draws"))
          << ": tasks, entries and initialization from our seeded generator.</p>\n";
      h << "<p class=\"meta\"><b>computed in</b> " << format_seconds(compute_seconds(dir, t)) << " &middot; <b>parameters</b> ";
      // The parameters with a value; the status (or status_rule) line is the convergence
      // rule's text (every run's, docs/validity.md), not a parameter.
      bool first = true;
      for (const auto& [k, v] : t.meta) {
        if (k == "content" || k == "description" || k == "source" || k == "order" || k == "status" || k == "status_rule" ||
            k == "checksum" || v.empty())
          continue;
        h << (first ? "" : ", ") << escape(k) << " = " << escape(v);
        first = false;
      }
      if (t.meta.count("status") || t.meta.count("status_rule")) h << " &middot; <b>status</b> of every run by the rule of docs/validity.md";
      h << "</p>\n";
    }
  }
  h << "</body></html>\n";
  write_file_atomically(root / "report.html", h.str());  // as every data file
  return present;
}

}  // namespace clp::report
