// Observation patterns and initializations for the depth-and-plasticity study (ours; the
// subset deficit of paper Sec. 4 with the pattern of the deficit as a factor).
//
// Block-diagonal pattern: the N rows and columns are cut into `blocks` consecutive groups,
// block b covering indices [floor(b N / B), floor((b + 1) N / B)); an entry (u, v) lies in a
// diagonal block if u and v fall into the same group. Seen as a bipartite graph between
// rows and columns, such a set has at least B connected components: it is the disconnected
// setting of Bai, Zhao, Zhang (NeurIPS 2024) and the block-diagonal observations of Shin and
// Yun (ICLR 2026). A uniformly random set of the same size is connected with high probability.
//
// Diagonal initialization: every layer g^(1/D) I + diag(e), one jitter e ~ N(0, jitter^2 I)
// shared by all layers (as mc_ode_vs_gd starts), so W = W_D ... W_1 starts diagonal with
// distinct entries. Shin and Yun prove that a diagonal start keeps the dynamics of every
// depth decoupled under block-diagonal observations.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "completion/problem.hpp"

namespace clp::completion {

// Whether (u, v) lies in one of the `blocks` diagonal blocks of an N by N matrix.
bool in_diagonal_block(int N, int blocks, int u, int v);

// How many of the N^2 entries lie in the diagonal blocks.
long diagonal_block_capacity(int N, int blocks);

// n distinct entries: the first n_block drawn uniformly without replacement from the
// entries of the diagonal blocks, then n - n_block drawn uniformly from all entries not
// yet drawn (anywhere in the matrix). A subset deficit on the first n_block thus sees a
// block-diagonal (disconnected) pattern, and then all n (connected with high probability).
// Requires 1 <= blocks <= N, n_block <= diagonal_block_capacity and n <= N^2.
std::vector<Entry> sample_block_diagonal_entries(int N, int blocks, int n_block, int n, std::uint64_t seed);

// D layers g^(1/D) I + diag(e), e ~ N(0, jitter^2) drawn once from `seed` and shared.
std::vector<Eigen::MatrixXd> diagonal_init(int N, int depth, double g, double jitter, std::uint64_t seed);

}  // namespace clp::completion
