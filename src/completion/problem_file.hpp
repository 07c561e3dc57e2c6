// A matrix-completion problem stored in a file: the tasks, the observed entries in their
// drawn order and every layer's initial matrix, with the parameters that produced them.
// pipeline/authors_draws.py writes such files from the authors' random draws (SPEC, "The
// authors' random draws"); mc_sweep --problem trains on one instead of drawing its own.
//
// Format (text, version 1):
//   # key: value             header: clp-problem (1), mode (switch|subset), N, n,
//                            n_deficit, rank1, rank2, depth, g, seed, and free-form keys
//   task1 N N                N rows of N values (then task2 N N in switch mode)
//   entries n 2              n lines "u v", 0-based row and column, in drawn order
//   layer1 N N .. layerD N N W_1 .. W_D of W = W_D ... W_1, row-major
//   end
//   # crc32: xxxxxxxx        CRC-32 (zlib's polynomial) of every byte before this line
// Values are float32 (9 significant digits, read back exactly with from_chars<float>).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "completion/problem.hpp"

namespace clp::completion {

struct Problem {
  std::string mode = "switch";  // switch (task 1 then task 2) or subset (one task)
  int N = 0, n = 0, n_deficit = 0, rank1 = 0, rank2 = 0, depth = 0;
  double g = 0;
  std::uint64_t seed = 0;
  Eigen::MatrixXd task1, task2;       // N by N; task2 empty in subset mode
  std::vector<Entry> entries;         // n, drawn order
  std::vector<Eigen::MatrixXd> layers;  // W_1 .. W_D, N by N
  std::vector<std::pair<std::string, std::string>> header;  // every header line, in order
  std::string crc32;                  // 8 hex digits, as in the file
};

// CRC-32 with zlib's polynomial (0xEDB88320, reflected), as Python's zlib.crc32.
std::uint32_t crc32(const char* data, size_t size);

// Reads and checks a problem file: its checksum, every header key, every section's size,
// every value finite, entries distinct and in 0..N-1. Throws clp::Error naming the file
// and what is wrong.
Problem read_problem(const std::filesystem::path& file);

// Writes p in the same format (atomically: a temporary file renamed into place). Values
// are rounded to float32. Header keys of p.header other than the parameters are kept.
void write_problem(const Problem& p, const std::filesystem::path& file);

}  // namespace clp::completion
