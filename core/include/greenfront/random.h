// A seeded, portable random number generator and the math it needs.
//
// DESIGN.md: results must be identical natively and in wasm, and `std::*_distribution`
// is not portable across standard libraries. glibc's and musl's (Emscripten's) libm
// may also differ in the last bit of log/exp/cos, so the transcendental functions used
// for sampling are implemented here with + - * / and sqrt only (IEEE-exact everywhere),
// and the project builds with -ffp-contract=off so no FMA changes the rounding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace greenfront {

/// xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  /// Starts from an explicit xoshiro256** state instead of a splitmix64-expanded seed,
  /// so tests can check the published reference sequences. The state must not be all
  /// zero (the generator would then output zeros forever).
  static Rng from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3);
  std::uint64_t next_u64();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform01();
  /// Standard normal (Box–Muller with the portable log/cos below; no cached pair).
  double normal();

 private:
  std::uint64_t s_[4];
};

namespace portable {
/// Natural log, relative error below 1e-15 for normal positive doubles; log(0) = -inf.
double log(double x);
/// e^x within 0.54 ulp (relative error below 1.2e-16) wherever the result is a normal
/// double, x in [-708.39, 709.78]; subnormal results (x down to -745.13) are rounded once
/// more, to within 0.77 of their spacing 2^-1074. +inf above ln(DBL_MAX) = 709.78 (and
/// for +inf), 0 below -746 (and for -inf), NaN for NaN. About 3x faster than a plain
/// Taylor series: it is called in the inner loops of the GP kernel and of Φ.
double exp(double x);
/// cos(x) for |x| <= 8 (enough for Box–Muller's 2πu), absolute error below 1e-15.
double cos(double x);
}  // namespace portable

/// Percentiles and mean of a sample.
struct Summary {
  double p5 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
  double mean = 0.0;
};

/// Sorts a copy of `values` (IEEE total order) and returns linear-interpolated percentiles
/// (type 7 of Hyndman & Fan, as numpy's default) and the mean.
/// An empty input gives all zeros.
Summary summarize(std::vector<double> values);

/// The same summary of values[0, n), sorting them in place instead of a copy. `scratch` is
/// the sort's working storage, reused across calls (grown to n when smaller).
Summary summarize_in_place(double* values, std::size_t n, std::vector<std::uint64_t>& scratch);

}  // namespace greenfront
