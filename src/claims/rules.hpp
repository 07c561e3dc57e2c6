// Claim rules as data: a bound on a measured number, fixed before looking at the data, that
// decides the verdict and prints its own text (the "rule" column of claims.tsv), so a
// threshold is written once. Seed-distribution rules are stats::interval_above.
#pragma once
#include <string>

namespace clp::claims {

struct Bound {
  enum class Op { kLess, kAtMost, kGreater, kAtLeast };
  Op op;
  double threshold;
  bool holds(double x) const;
  std::string text() const;  // "< 0.01", "<= 0.03", "> 0.9", ">= 1"
};
inline Bound less_than(double t) { return {Bound::Op::kLess, t}; }
inline Bound at_most(double t) { return {Bound::Op::kAtMost, t}; }
inline Bound greater_than(double t) { return {Bound::Op::kGreater, t}; }
inline Bound at_least(double t) { return {Bound::Op::kAtLeast, t}; }

// lo <= x <= hi.
struct Band {
  double lo, hi;
  bool holds(double x) const { return x >= lo && x <= hi; }
  std::string text() const;  // "in [0.44, 0.56]"
};

// A number as the rules print it: the shortest of %g.
std::string number_text(double x);

}  // namespace clp::claims
