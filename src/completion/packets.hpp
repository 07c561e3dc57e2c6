// Helpers shared by the kernels written on Eigen's packet primitives (factorization.cpp,
// sv_ode.cpp): the dot product of two columns held as packets, and the dispatch from a
// run-time column length to the kernel compiled for it.
#pragma once
#include <Eigen/Core>
#include <type_traits>
#include <utility>

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

// out[i] = the sum of the lanes of s_i, i = 0..3: four horizontal reductions at once. With
// AVX-512 (float and double) or AVX (float) the four packets are folded together (half against
// half, 9 shuffles and 5 adds for four floats on AVX-512, 3 horizontal adds and an add on
// AVX) instead of being reduced one by one (about twice the instructions); other packets
// reduce one by one. In double each sum is added in the order of Eigen's predux, so it is
// bit for bit predux's result (the AVX float fold adds neighbouring lanes first: not so).
template <typename Packet, typename T>
inline void reduce4(const Packet& s0, const Packet& s1, const Packet& s2, const Packet& s3, T* out) {
  using Eigen::internal::predux;
  out[0] = predux(s0);
  out[1] = predux(s1);
  out[2] = predux(s2);
  out[3] = predux(s3);
}
#ifdef EIGEN_VECTORIZE_AVX512
inline void reduce4(const __m512& s0, const __m512& s1, const __m512& s2, const __m512& s3, float* out) {
  // Quarters q0..q3 of 4 lanes: a = [s0 q0+q2, s0 q1+q3, s1 q0+q2, s1 q1+q3], b alike for s2, s3.
  const __m512 a = _mm512_add_ps(_mm512_shuffle_f32x4(s0, s1, 0x44), _mm512_shuffle_f32x4(s0, s1, 0xEE));
  const __m512 b = _mm512_add_ps(_mm512_shuffle_f32x4(s2, s3, 0x44), _mm512_shuffle_f32x4(s2, s3, 0xEE));
  // Quarter i of c: 4 partial sums of s_i.
  __m512 c = _mm512_add_ps(_mm512_shuffle_f32x4(a, b, 0x88), _mm512_shuffle_f32x4(a, b, 0xDD));
  c = _mm512_add_ps(c, _mm512_permute_ps(c, 0x4E));  // lanes (2, 3, 0, 1) of each quarter
  c = _mm512_add_ps(c, _mm512_permute_ps(c, 0xB1));  // lanes (1, 0, 3, 2): every lane of quarter i holds sum s_i
  const __m512 first = _mm512_permutexvar_ps(_mm512_setr_epi32(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), c);
  _mm_storeu_ps(out, _mm512_castps512_ps128(first));
}
#endif
#ifdef EIGEN_VECTORIZE_AVX512
inline void reduce4(const __m512d& s0, const __m512d& s1, const __m512d& s2, const __m512d& s3, double* out) {
  // Eigen's predux: x_i = a_i + a_(i+4), then (x0 + x1) + (x2 + x3). Quarters q0..q3 of 2
  // lanes: a = [s0 (x0, x1), s0 (x2, x3), s1 (x0, x1), s1 (x2, x3)], b alike for s2, s3; then
  // each quarter's two lanes added (both lanes hold the sum), then quarter 0 + quarter 1.
  __m512d a = _mm512_add_pd(_mm512_shuffle_f64x2(s0, s1, 0x44), _mm512_shuffle_f64x2(s0, s1, 0xEE));
  __m512d b = _mm512_add_pd(_mm512_shuffle_f64x2(s2, s3, 0x44), _mm512_shuffle_f64x2(s2, s3, 0xEE));
  a = _mm512_add_pd(a, _mm512_permute_pd(a, 0x55));
  b = _mm512_add_pd(b, _mm512_permute_pd(b, 0x55));
  const __m512d c = _mm512_add_pd(_mm512_shuffle_f64x2(a, b, 0x88), _mm512_shuffle_f64x2(a, b, 0xDD));
  const __m512d first = _mm512_permutexvar_pd(_mm512_setr_epi64(0, 2, 4, 6, 0, 0, 0, 0), c);
  _mm256_storeu_pd(out, _mm512_castpd512_pd256(first));
}
#endif
#ifdef EIGEN_VECTORIZE_AVX
inline void reduce4(const __m256& s0, const __m256& s1, const __m256& s2, const __m256& s3, float* out) {
  // Per 128-bit half: hadd(hadd(s0, s1), hadd(s2, s3)) = the half's sums of s0..s3.
  const __m256 c = _mm256_hadd_ps(_mm256_hadd_ps(s0, s1), _mm256_hadd_ps(s2, s3));
  _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(c), _mm256_extractf128_ps(c, 1)));
}
#endif

// f(std::integral_constant<int, C0>{}, std::integral_constant<int, C1>{}) for the chunks [C0, C1)
// that split 0 .. C into ceil(C / K) parts of at most K, as equal as possible, in order: a
// loop over a column of C packets taken K packets at a time, every bound a compile-time
// constant so that each chunk's packets stay in registers.
template <int C, int K, typename F>
inline void for_chunks(F&& f) {
  constexpr int n = (C + K - 1) / K;
  [&]<int... q>(std::integer_sequence<int, q...>) {
    (f(std::integral_constant<int, q * C / n>{}, std::integral_constant<int, (q + 1) * C / n>{}), ...);
  }(std::make_integer_sequence<int, n>{});
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
