// The findings in the docs, generated from a committed snapshot of the claims table
// (docs/findings/claims.tsv: check_claims's table at default size, study rows, with its
// provenance). Every verdict and every number that README.md and docs/*.md quote about a
// study sits between generated markers, so a change of data that flips a verdict shows up as
// a change of the docs (the findings tool rewrites them; its test fails on any difference).
//
// Markers (HTML comments, invisible in rendered markdown), arguments separated by " | ":
//   <!-- gen claim | <figure> | <text> | <field> -->...<!-- /gen -->
//       one hypothesis of <figure>, the only one whose claim text contains <text>; <field>:
//       verdict (HOLDS, DOES NOT HOLD, FAIL (not evidence) where a run it reads did not converge, ...), measured (the whole measured column), summary
//       ("mean m, 95% CI [lo, hi]"), mean, ci ("[lo, hi]"), seeds ("k of n seeds > t"),
//       per_seed ("v1, v2, ...")
//   <!-- gen table | <figure> | <text> -->...<!-- /gen -->
//       a markdown table (hypothesis, measured, verdict) of <figure>'s rows whose claim
//       contains <text> (every row if <text> is *)
//   <!-- gen count | <figure or *> | <verdict or *> [| <scale>] -->...<!-- /gen -->
//       how many study rows (of that figure, with that verdict); times <scale> (one decimal)
//       if given
//   <!-- gen snapshot | <key> -->...<!-- /gen -->
//       a provenance value of the snapshot (date, commit, seeds, machine, ...)
// A claim or table of a figure that has no row at all in the snapshot (a study not computed
// at default size yet) renders as "not in the snapshot".
// Anything else between "<!-- gen" and "-->", a claim text that matches no row or several,
// a field the measured column does not have, or a marker left open is an error (clp::Error
// naming the file and line): a number is never left as it was because it could not be found.
#pragma once
#include <string>

#include "common/tsv.hpp"

namespace clp::report {

// The markdown text with every generated span rendered from the snapshot. `file` names the
// text in error messages.
std::string render_findings(const std::string& markdown, const TsvTable& snapshot, const std::string& file);

// The first line where two texts differ, as "line N: expected '...', found '...'" ("" if
// equal), for the test that the docs are what the snapshot gives.
std::string first_difference(const std::string& expected, const std::string& found);

}  // namespace clp::report
