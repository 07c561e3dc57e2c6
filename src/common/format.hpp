// Number formatting shared by the data files, the provenance and the messages.
#pragma once
#include <string>

namespace clp {

// Formats a double the shortest way that reads back bit-identically (std::to_chars).
std::string format_double(double x);

}  // namespace clp
