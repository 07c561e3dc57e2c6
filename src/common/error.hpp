// Error type for bad input and failed runs. Every program turns one of these into a
// single line on stderr ("<program>: error: <what>") and a non-zero exit.
#pragma once
#include <stdexcept>
#include <string>

namespace clp {

// Bad input or an impossible run (diverged, singular, ...). The message names the cause
// and, where there is one, the flag to change.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws Error(message) unless cond holds.
inline void require(bool cond, const std::string& message) {
  if (!cond) throw Error(message);
}

}  // namespace clp
