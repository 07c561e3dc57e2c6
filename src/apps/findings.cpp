// The docs' findings from the committed snapshot of the claims table (report/findings.hpp).
//
//   findings --snapshot docs/findings/claims.tsv --docs README.md,docs/plasticity.md [--check]
//       renders every generated span of the docs from the snapshot (in place; with --check
//       writes nothing and exits 1 naming the first line that differs)
//   findings --snapshot docs/findings/claims.tsv --import out/claims.tsv --commit <sha> --seeds 5
//       writes the snapshot: the study rows of a default-size claims table (make check), with
//       its provenance (date, commit, seeds, machine); refuses SKIP rows and FAIL rows other than
//       not evidence
//   findings --snapshot docs/findings/claims.tsv --against out/claims.tsv
//       exits 1 unless the table has the snapshot's study rows, verdict for verdict
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "claims/claims.hpp"
#include "common/app.hpp"
#include "common/error.hpp"
#include "report/findings.hpp"

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw clp::Error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string machine() {
  std::ifstream in("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " vCPU";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace clp;
  std::string snapshot = "docs/findings/claims.tsv", docs, import, against, commit, seeds;
  bool check = false;
  ParamTable t("findings", "Renders the docs' generated findings from the committed claims snapshot.");
  t.add("snapshot", snapshot, "the committed snapshot of the claims table").nonempty();
  t.add("docs", docs, "comma-separated markdown files whose generated spans to render");
  t.add("check", check, "write nothing; exit 1 if a doc differs from what the snapshot gives");
  t.add("import", import, "write the snapshot from this claims table (make check at default size)");
  t.add("commit", commit, "with --import: the commit whose code computed the table");
  t.add("seeds", seeds, "with --import: the SEEDS the table was computed with");
  t.add("against", against, "exit 1 unless this claims table has the snapshot's verdicts, row for row");
  int differs = 0;
  const int status = run_program(argc, argv, t, [&]() -> std::string {
    require((!docs.empty()) + (!import.empty()) + (!against.empty()) == 1, "give exactly one of --docs, --import, --against");
    if (!import.empty()) {
      require(!commit.empty() && !seeds.empty(), "--import needs --commit and --seeds (the snapshot's provenance)");
      const TsvTable in = read_tsv(import);
      char date[32];
      const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
      std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
      std::vector<size_t> rows;
      for (size_t r = 0; r < in.rows.size(); ++r) {
        if (in.text(r, "kind") != "study") continue;
        const std::string& v = in.text(r, "verdict");
        // A FAIL of a claim that reads a run that did not converge (the evidence rule) is a
        // verdict of complete default-size data and is kept; a FAIL of missing or broken data
        // and a SKIP (QUICK data) are not.
        const bool not_evidence = claims::is_not_evidence(v, in.text(r, "measured"));
        require(v == claims::kHolds || v == claims::kDoesNotHold || not_evidence,
                import + ": " + in.text(r, "figure") + " has a " + v + " row: the snapshot takes complete default-size data only");
        rows.push_back(r);
      }
      require(!rows.empty(), import + " has no study rows");
      TsvWriter w(snapshot,
                  {{"content", "the verdicts of the studies' hypotheses at default size (check_claims), from which "
                               "the docs' findings are generated (findings --docs)"},
                   {"date", date}, {"commit", commit}, {"seeds", seeds}, {"machine", machine()},
                   {"data", in.meta.count("data") ? in.meta.at("data") : "?"}, {"rows", std::to_string(rows.size())}},
                  {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
      for (size_t r : rows)
        w.row(in.text(r, "figure"), in.text(r, "kind"), in.text(r, "claim"), in.text(r, "measured"),
              in.text(r, "threshold"), in.text(r, "verdict"), in.text(r, "data_fingerprint"));
      w.commit();
      return "findings: " + snapshot + ", " + std::to_string(rows.size()) + " study rows";
    }
    const TsvTable snap = read_tsv(snapshot);
    if (!against.empty()) {
      const TsvTable fresh = read_tsv(against);
      std::map<std::pair<std::string, std::string>, std::string> verdict;
      for (size_t r = 0; r < fresh.rows.size(); ++r)
        if (fresh.text(r, "kind") == "study") verdict[{fresh.text(r, "figure"), fresh.text(r, "claim")}] = fresh.text(r, "verdict");
      for (size_t r = 0; r < snap.rows.size(); ++r) {
        const auto it = verdict.find({snap.text(r, "figure"), snap.text(r, "claim")});
        const std::string found = it == verdict.end() ? "no such row" : it->second;
        if (found != snap.text(r, "verdict")) {
          std::cerr << snap.text(r, "figure") << ": " << snap.text(r, "claim") << ": snapshot " << snap.text(r, "verdict")
                    << ", " << against << " " << found << "\n";
          ++differs;
        }
        if (it != verdict.end()) verdict.erase(it);
      }
      for (const auto& [k, v] : verdict) {
        std::cerr << k.first << ": " << k.second << ": " << v << " in " << against << ", not in the snapshot\n";
        ++differs;
      }
      return "findings: " + std::to_string(snap.rows.size()) + " snapshot rows against " + against + ": " +
             (differs ? std::to_string(differs) + " differ" : "every verdict agrees");
    }
    std::stringstream list(docs);
    std::string file;
    int n = 0;
    while (std::getline(list, file, ',')) {
      const std::string old = read_text(file), now = report::render_findings(old, snap, file);
      ++n;
      if (now == old) continue;
      if (check) {
        std::cerr << file << " is not what " << snapshot << " gives (run: make findings): "
                  << report::first_difference(now, old) << "\n";
        ++differs;
      } else {
        write_file_atomically(file, now);
      }
    }
    return "findings: " + std::to_string(n) + " files" + (check ? (differs ? ", " + std::to_string(differs) + " differ" : ", all as the snapshot gives") : " rendered");
  });
  return status ? status : (differs ? 1 : 0);
}
