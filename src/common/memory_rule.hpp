// The memory a run needs, split by what grows it.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/params.hpp"

namespace clp {

// A rule of t: the sum of the terms' bytes must fit this machine (80% of its physical memory).
// A term is (the flags that grow it, its bytes); the message names the largest term's flags:
// "this run needs about X GB of memory (Z GB of it grows with --continue-steps) (this machine
// has Y GB): lower --continue-steps". Every buffer whose size a parameter sets belongs in a
// term (e.g. a per-step record: bytes per step times the steps). ParamTable::memory_rule is
// the one-term case.
void memory_rule(ParamTable& t, std::vector<std::pair<std::string, std::function<double()>>> terms);

}  // namespace clp
