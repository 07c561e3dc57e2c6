// Helpers shared by the kernels written on Eigen's packet primitives (factorization.cpp,
// sv_ode.cpp): the dot product of two columns held as packets, and the dispatch from a
// run-time column length to the kernel compiled for it.
#pragma once
#include <Eigen/Core>
#include <type_traits>

// Eigen's packet types carry alignment attributes that GCC drops (harmlessly) when they are
// template arguments (unpacket_traits<Packet>): code between these two macros may use them
// without that warning.
#define CLP_PACKETS_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wignored-attributes\"")
#define CLP_PACKETS_END _Pragma("GCC diagnostic pop")

CLP_PACKETS_BEGIN
namespace clp::completion::packets {

// <w, p> over C packets: w read from memory (unaligned), p in registers; two partial sums
// (packets 0, 2, 4, ... and 1, 3, 5, ...), added and reduced at the end.
template <int C, typename T, typename Packet>
inline T dot(const T* w, const Packet* p) {
  using namespace Eigen::internal;
  constexpr int W = unpacket_traits<Packet>::size;
  Packet s0 = pmul(ploadu<Packet>(w), p[0]);
  Packet s1 = pset1<Packet>(T(0));
  for (int c = 1; c < C; ++c) {
    if (c % 2) s1 = pmadd(ploadu<Packet>(w + c * W), p[c], s1);
    else s0 = pmadd(ploadu<Packet>(w + c * W), p[c], s0);
  }
  return predux(padd(s0, s1));
}

// fixed(std::integral_constant<int, c>{}) for c in 1..Max (a kernel compiled for c packets per
// column), generic() beyond.
template <int Max, int C = 1, typename Fixed, typename Generic>
inline auto dispatch(int c, Fixed&& fixed, Generic&& generic) {
  if constexpr (C > Max) {
    return generic();
  } else {
    if (c == C) return fixed(std::integral_constant<int, C>{});
    return dispatch<Max, C + 1>(c, fixed, generic);
  }
}

}  // namespace clp::completion::packets
CLP_PACKETS_END
