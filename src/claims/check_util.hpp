// What the claim checkers of both parts share (not part of the public interface): reading
// a data file's columns and provenance strictly, and formatting measured values.
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "claims/claims.hpp"
#include "claims/rules.hpp"
#include "common/tsv.hpp"

namespace clp::claims::detail {

std::string fmt(const char* f, double x);
std::string join(const std::vector<double>& v, const char* f = "%.3f");

// Every listed column exists, and in every row the numeric ones (all but `text`) hold a
// finite number: a nan or inf anywhere makes the figure's claims FAIL, never pass.
void require_columns(const TsvTable& t, const std::vector<std::string>& cols, const std::string& file,
                     const std::set<std::string>& text = {});

// A provenance value as a list of numbers ("0,400,750"); throws if absent or malformed:
// a check never falls back to a default for a value the data should carry.
std::vector<long> meta_list(const TsvTable& t, const std::string& key, const std::string& file);
long meta_long(const TsvTable& t, const std::string& key, const std::string& file);
std::vector<double> meta_numbers(const TsvTable& t, const std::string& key, const std::string& file);  // "0.01,0.02"

// The evidence rule: a run that did not converge (status still-learning, oscillating or stalled;
// common/convergence.hpp) is never evidence. `unconverged` names the runs behind the points a
// claim reads that did not converge (stats::SeedSweep::unconverged); if any, the claim FAILs,
// naming them, whatever its numbers say, and its measured value is still shown.
ClaimResult evidence(ClaimResult c, const std::string& unconverged);

// The checks of each figure id, by part (claims_twopath.cpp, claims_completion.cpp).
using Checker = std::vector<ClaimResult> (*)(const std::string& id, const std::filesystem::path& dir);
using CheckerTable = std::vector<std::pair<std::string, Checker>>;
const CheckerTable& twopath_checkers();
const CheckerTable& completion_checkers();
const CheckerTable& plasticity_checkers();
const CheckerTable& onset_checkers();

// The onset of one seed's rise curve (claims_onset.cpp; docs/onset.md, section 2): the first T
// at which the rise r reaches half its largest value, linearly interpolated between the sampled
// T (increasing, T[0] = 0, r[0] = 0); NaN if the largest rise is below `present`.
double onset_time(const std::vector<double>& T, const std::vector<double>& r, double present);

}  // namespace clp::claims::detail
