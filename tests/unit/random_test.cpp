// Tests for greenfront/random.h: reference vectors for the generator, accuracy of the
// portable math against the platform libm, distribution moments, summarize(), and a
// checksum pinning the exact bits of the normal stream (the cross-platform contract).
#include "greenfront/random.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace {

using Catch::Matchers::WithinAbs;
using greenfront::Rng;
namespace portable = greenfront::portable;

std::uint64_t bits_of(double x) {
  std::uint64_t u = 0;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

/// |ours - theirs| / |theirs|, with 0 vs 0 counted as equal.
double relative_difference(double ours, double theirs) {
  if (ours == theirs) return 0.0;
  return std::fabs(ours - theirs) / std::fabs(theirs);
}

// Tolerance of the portable functions against std::. Ours is measured within 0.78 ulp
// of the true value (log 0.78, exp 0.53, cos 0.78 on dense grids, against long double
// references) and both glibc and musl are within ~0.52 ulp, so the two can differ by
// one ulp, which is at most 2^-52 = 2.2e-16 relative. 4e-16 allows that one-ulp
// disagreement anywhere in a binade and nothing more; a wrong coefficient or a lost
// hi/lo term shows up at 1e-15 or far above.
constexpr double kLibmTolerance = 4e-16;

}  // namespace

TEST_CASE("xoshiro256** matches the reference sequence from state {1, 2, 3, 4}", "[random]") {
  // First output by hand: result = rotl(s1 * 5, 7) * 9 with s1 = 2:
  //   2 * 5 = 10; rotl(10, 7) = 10 * 128 = 1280; 1280 * 9 = 11520.
  // The state update (t = s1 << 17 = 262144; s2 ^= s0 -> 2; s3 ^= s1 -> 6;
  // s1 ^= s2 -> 0; s0 ^= s3 -> 7; s2 ^= t -> 262146; s3 = rotl(6, 45)) leaves s1 = 0,
  // so the second output is rotl(0, 7) * 9 = 0. The next update gives
  // s1 = 0 ^ (262146 ^ 7) = 262149, so the third is (262149 * 5 << 7) * 9
  // = 1310745 * 128 * 9 = 1509978240. The last three come from an independent Python
  // transcription of the published algorithm.
  Rng rng = Rng::from_state(1, 2, 3, 4);
  const std::uint64_t expected[] = {11520ULL,
                                    0ULL,
                                    1509978240ULL,
                                    1215971899390074240ULL,
                                    1216172134540287360ULL,
                                    607988272756665600ULL};
  for (std::uint64_t value : expected) CHECK(rng.next_u64() == value);
}

TEST_CASE("Rng seeds xoshiro256** with splitmix64", "[random]") {
  // splitmix64 from state 0 gives 0xe220a8397b1dcdaf first (the widely quoted first
  // output for seed 0); the next three were computed with an independent Python
  // transcription. Rng(0) must be exactly xoshiro256** started from those four.
  Rng seeded(0);
  Rng explicit_state = Rng::from_state(0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
                                       0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL);
  for (int i = 0; i < 100; ++i) REQUIRE(seeded.next_u64() == explicit_state.next_u64());

  // First outputs of Rng(42), from the same Python transcription.
  Rng rng(42);
  CHECK(rng.next_u64() == 0x15780b2e0c2ec716ULL);
  CHECK(rng.next_u64() == 0x6104d9866d113a7eULL);
  CHECK(rng.next_u64() == 0xae17533239e499a1ULL);
  CHECK(rng.next_u64() == 0xecb8ad4703b360a1ULL);
}

TEST_CASE("the same seed gives the same sequence, different seeds differ", "[random]") {
  Rng a(12345);
  Rng b(12345);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(bits_of(a.normal()) == bits_of(b.normal()));
    REQUIRE(bits_of(a.uniform01()) == bits_of(b.uniform01()));
  }
  Rng c(12345);
  Rng d(12346);
  int equal = 0;
  for (int i = 0; i < 1000; ++i) equal += c.next_u64() == d.next_u64() ? 1 : 0;
  CHECK(equal == 0);
}

TEST_CASE("uniform01 has 53-bit resolution, 0 <= u < 1", "[random]") {
  // Scaling must be exact: the top 53 bits of the output times 2^-53.
  Rng rng(7);
  Rng shadow(7);
  for (int i = 0; i < 10000; ++i) {
    const double u = rng.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    REQUIRE(u * 0x1p53 == static_cast<double>(shadow.next_u64() >> 11));
  }
}

TEST_CASE("portable::log matches std::log within an ulp", "[random]") {
  // Dense around 1 (where log is small and cancellation would show), over one full
  // reduction interval, and geometrically across the whole double range.
  for (int i = 0; i <= 200000; ++i) {
    const double x = 0.5 + 1.5 * i / 200000.0;
    REQUIRE(relative_difference(portable::log(x), std::log(x)) <= kLibmTolerance);
  }
  for (int i = -100000; i <= 100000; ++i) {
    const double x = 1.0 + i * 1e-9;
    REQUIRE(relative_difference(portable::log(x), std::log(x)) <= kLibmTolerance);
  }
  // Subnormals and the smallest normals; nextafter keeps the step from rounding to 0.
  for (double x = 5e-324; x < 1e-300; x = std::fmax(x * 1.01, std::nextafter(x, 1.0))) {
    REQUIRE(relative_difference(portable::log(x), std::log(x)) <= kLibmTolerance);
  }
  for (double x = 1e-307; x < 1e307; x *= 1.0007) {
    REQUIRE(relative_difference(portable::log(x), std::log(x)) <= kLibmTolerance);
  }
  CHECK(portable::log(1.0) == 0.0);
  CHECK(portable::log(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(portable::log(-1.0)));
  CHECK(std::isnan(portable::log(std::numeric_limits<double>::quiet_NaN())));
  CHECK(portable::log(std::numeric_limits<double>::infinity()) ==
        std::numeric_limits<double>::infinity());
  const double least_subnormal = std::numeric_limits<double>::denorm_min();
  CHECK(relative_difference(portable::log(least_subnormal), std::log(least_subnormal)) <=
        kLibmTolerance);
}

TEST_CASE("portable::exp matches std::exp within an ulp", "[random]") {
  // Every result in the normal range, x in [-708.39, 709.78] (e^-708.39 ~ DBL_MIN).
  for (int i = -400000; i <= 400000; ++i) {
    const double x = i < 0 ? 708.39 * i / 400000.0 : 709.78 * i / 400000.0;
    REQUIRE(relative_difference(portable::exp(x), std::exp(x)) <= kLibmTolerance);
  }
  for (int i = -100000; i <= 100000; ++i) {
    const double x = i * 1e-5;  // [-1, 1], the range log-normal draws mostly use
    REQUIRE(relative_difference(portable::exp(x), std::exp(x)) <= kLibmTolerance);
  }
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(portable::exp(0.0) == 1.0);
  CHECK(portable::exp(-0.0) == 1.0);
  CHECK(portable::exp(1e-300) == 1.0);  // 1 + 1e-300 rounds to 1
  // e = 0x1.5bf0a8b145769p+1 correctly rounded (2.718281828459045 235...).
  CHECK(portable::exp(1.0) == 0x1.5bf0a8b145769p+1);
  // The largest x whose e^x is finite (ln DBL_MAX = 709.782712893384) and the next double.
  const double max_log = 0x1.62e42fefa39efp+9;
  CHECK(portable::exp(max_log) < inf);
  CHECK(relative_difference(portable::exp(max_log), std::exp(max_log)) <= kLibmTolerance);
  CHECK(portable::exp(std::nextafter(max_log, 800.0)) == inf);
  CHECK(portable::exp(710.0) == inf);
  CHECK(portable::exp(inf) == inf);
  CHECK(portable::exp(-746.0) == 0.0);
  CHECK(portable::exp(-1e300) == 0.0);
  CHECK(portable::exp(-inf) == 0.0);
  CHECK(std::isnan(portable::exp(std::numeric_limits<double>::quiet_NaN())));
  // ln(2^-1074) = -744.44007: the least subnormal, which std::exp gives too.
  CHECK(portable::exp(-744.44007192138122) == std::exp(-744.44007192138122));
}

TEST_CASE("portable::exp is within 0.54 ulp of a long double reference", "[random]") {
  // x86-64's 80-bit long double carries 11 more bits than a double, so expl (itself within
  // an ulp of its own precision) measures our error to ~0.001 ulp. The bound: 0.5 ulp for
  // the final addition, plus ~0.008 ulp for each of three earlier roundings (of r, of
  // e^r - 1, and of its product with 2^(j/32)) and 0.0001 for the truncated series: 0.53.
  // The measured maximum is 0.529 (0.585 for the former plain Taylor series).
  if (std::numeric_limits<long double>::digits < 64) {
    WARN("long double is not wider than double here: reference comparison skipped");
    return;
  }
  const auto ulp_error = [](double x) {
    const long double truth = std::exp(static_cast<long double>(x));
    int e = 0;
    std::frexp(truth, &e);  // truth = f 2^e, f in [1/2, 1): one ulp is 2^(e - 53)
    const int ulp_exponent = e - 53 < -1074 ? -1074 : e - 53;  // subnormal spacing 2^-1074
    return static_cast<double>(std::fabs(static_cast<long double>(portable::exp(x)) - truth) /
                               std::ldexp(1.0L, ulp_exponent));
  };
  double worst = 0.0;
  for (int i = 0; i <= 1000000; ++i) {
    const double x = -708.39 + (709.78 + 708.39) * i / 1000000.0;
    worst = std::fmax(worst, ulp_error(x));
  }
  for (int i = -200000; i <= 200000; ++i) worst = std::fmax(worst, ulp_error(i * 5e-6));
  CHECK(worst <= 0.54);
  // Subnormal results round twice (first to 53 bits, then to the subnormal spacing, at
  // least 2 of our ulps): 0.5 + 0.54/2 = 0.77 of the spacing.
  double worst_subnormal = 0.0;
  for (int i = 0; i <= 20000; ++i) {
    const double x = -745.1 + (745.1 - 708.4) * i / 20000.0;
    worst_subnormal = std::fmax(worst_subnormal, ulp_error(x));
  }
  CHECK(worst_subnormal <= 0.77);
}

TEST_CASE("portable::cos matches std::cos within an ulp on Box-Muller's range", "[random]") {
  // Relative (not absolute) agreement, including next to the zeros of cos, which the
  // three-part pi/2 reduction makes possible.
  for (int i = -400000; i <= 400000; ++i) {
    const double x = 8.0 * i / 400000.0;
    REQUIRE(relative_difference(portable::cos(x), std::cos(x)) <= kLibmTolerance);
  }
  for (int k = 1; k <= 5; ++k) {
    double x = k * 1.5707963267948966;  // the double nearest k pi/2
    for (int step = 0; step < 50; ++step) {
      REQUIRE(relative_difference(portable::cos(x), std::cos(x)) <= kLibmTolerance);
      x = std::nextafter(x, 10.0);
    }
  }
  CHECK(portable::cos(0.0) == 1.0);
  CHECK(std::isnan(portable::cos(std::numeric_limits<double>::infinity())));
}

TEST_CASE("uniform01 mean and variance over 1e6 draws", "[random]") {
  // U(0,1): mean 1/2, variance 1/12; standard errors sqrt(1/12 / n) for the mean and
  // sqrt((1/80 - 1/144) / n) = sqrt(1/180 / n) for the variance (E(U-1/2)^4 = 1/80).
  // Five standard errors: a false failure would need a 1-in-3.5-million deviation,
  // and the seed is fixed anyway, so this guards the formulas, not luck.
  constexpr int kN = 1000000;
  Rng rng(2024);
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < kN; ++i) {
    const double u = rng.uniform01() - 0.5;
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / kN + 0.5;
  const double variance = sum_sq / kN - (mean - 0.5) * (mean - 0.5);
  CHECK_THAT(mean, WithinAbs(0.5, 5.0 * std::sqrt(1.0 / 12.0 / kN)));
  CHECK_THAT(variance, WithinAbs(1.0 / 12.0, 5.0 * std::sqrt(1.0 / 180.0 / kN)));
}

TEST_CASE("normal mean, variance and tails over 1e6 draws", "[random]") {
  // N(0,1): SE of the mean 1/sqrt(n), of the variance sqrt(2/n); a tail fraction p has
  // SE sqrt(p(1-p)/n). P(|Z| > 1.959964) = 0.05, P(Z > 3) = 0.0013499. Five SEs each.
  constexpr int kN = 1000000;
  Rng rng(99);
  double sum = 0.0;
  double sum_sq = 0.0;
  int outside_95 = 0;
  int above_3 = 0;
  for (int i = 0; i < kN; ++i) {
    const double z = rng.normal();
    sum += z;
    sum_sq += z * z;
    outside_95 += std::fabs(z) > 1.959963984540054 ? 1 : 0;
    above_3 += z > 3.0 ? 1 : 0;
  }
  const double mean = sum / kN;
  const double variance = sum_sq / kN - mean * mean;
  CHECK_THAT(mean, WithinAbs(0.0, 5.0 / std::sqrt(kN)));
  CHECK_THAT(variance, WithinAbs(1.0, 5.0 * std::sqrt(2.0 / kN)));
  CHECK_THAT(outside_95 / double{kN}, WithinAbs(0.05, 5.0 * std::sqrt(0.05 * 0.95 / kN)));
  const double p3 = 0.0013498980316301;
  CHECK_THAT(above_3 / double{kN}, WithinAbs(p3, 5.0 * std::sqrt(p3 * (1 - p3) / kN)));
}

TEST_CASE("the first 1000 normals have pinned bits", "[random]") {
  // The sum (mod 2^64) of the bit patterns of Rng(20240601)'s first 1000 normals,
  // recorded from the native build and confirmed identical under Emscripten/node.
  // If this changes, every Monte-Carlo result changes: only update it on purpose.
  Rng rng(20240601);
  std::uint64_t checksum = 0;
  for (int i = 0; i < 1000; ++i) checksum += bits_of(rng.normal());
  CHECK(checksum == 0x02bb2f95a2f1ff4bULL);
}

TEST_CASE("summarize gives type-7 percentiles and the mean", "[random]") {
  // {3, 1, 4, 1, 5, 9, 2, 6} sorted is x = {1, 1, 2, 3, 4, 5, 6, 9}, n = 8, and
  // type 7 puts percentile p at h = (n - 1) p, interpolating x[floor h], x[floor h + 1]:
  //   p5:  h = 7 * 0.05 = 0.35 -> 1 + 0.35 * (1 - 1) = 1
  //   p50: h = 3.5             -> 3 + 0.5 * (4 - 3) = 3.5
  //   p95: h = 6.65            -> 6 + 0.65 * (9 - 6) = 7.95
  //   mean = 31 / 8 = 3.875
  // 7 * 0.95 rounds to 6.6499999999999995, so p95 comes out 7.949999999999998; the
  // 1e-12 tolerance covers that rounding and nothing else.
  const greenfront::Summary s = greenfront::summarize({3, 1, 4, 1, 5, 9, 2, 6});
  CHECK(s.p5 == 1.0);
  CHECK(s.p50 == 3.5);
  CHECK_THAT(s.p95, WithinAbs(7.95, 1e-12));
  CHECK(s.mean == 3.875);

  const greenfront::Summary empty = greenfront::summarize({});
  CHECK(empty.p5 == 0.0);
  CHECK(empty.p50 == 0.0);
  CHECK(empty.p95 == 0.0);
  CHECK(empty.mean == 0.0);

  const greenfront::Summary one = greenfront::summarize({2.5});
  CHECK(one.p5 == 2.5);
  CHECK(one.p95 == 2.5);
  CHECK(one.mean == 2.5);
}

TEST_CASE("summarize does not depend on input order", "[random]") {
  // The mean is summed after sorting, so any permutation gives the same bits.
  std::vector<double> values;
  Rng rng(5);
  for (int i = 0; i < 1001; ++i) values.push_back(rng.normal() * 1e3);
  const greenfront::Summary forward = greenfront::summarize(values);
  std::vector<double> reversed(values.rbegin(), values.rend());
  const greenfront::Summary backward = greenfront::summarize(reversed);
  CHECK(bits_of(forward.mean) == bits_of(backward.mean));
  CHECK(bits_of(forward.p5) == bits_of(backward.p5));
  CHECK(bits_of(forward.p50) == bits_of(backward.p50));
  CHECK(bits_of(forward.p95) == bits_of(backward.p95));
}
