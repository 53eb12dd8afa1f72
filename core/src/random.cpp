// xoshiro256** seeded by splitmix64, and the log/exp/cos that sampling needs.
//
// Why hand-written transcendental functions: glibc and musl (Emscripten) libm do not
// promise the same last bit, and one differing bit in a draw changes every Monte-Carlo
// percentile downstream. Everything below uses only + - * /, sqrt, frexp and powers of
// two built from their bit patterns, which IEEE 754 (or their definition) makes correctly
// rounded or exact on every platform; with -ffp-contract=off no FMA sneaks in, so native
// and wasm agree bit for bit. The scheme is the classic fdlibm one (range reduction by a
// constant split into hi/lo parts so the reduction is exact, then a short series), but
// with plain Taylor coefficients instead of minimax ones so that every constant can be
// checked by hand, and with a few error-free additions (Fast2Sum/TwoSum) so the last
// rounding dominates. exp adds Tang's table of 2^(j/32), which shortens its series.
#include "greenfront/random.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

// The wasm build is optimized for size (-Oz), which calls even one-line helpers out of
// line; the few on the Monte-Carlo's sampling and sorting paths are forced inline there.
#if defined(__EMSCRIPTEN__)
#define GREENFRONT_HOT_INLINE __attribute__((always_inline))
#else
#define GREENFRONT_HOT_INLINE
#endif

namespace greenfront {
namespace {

GREENFRONT_HOT_INLINE std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

/// splitmix64 (Steele, Lea & Flood 2014), the seeder Vigna recommends for xoshiro:
/// a Weyl sequence through a bijective mixer, so four consecutive outputs are never
/// all zero (the one state xoshiro must avoid) and nearby seeds give unrelated states.
std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ln 2 = kLn2Hi + kLn2Lo (+ ~1e-27). kLn2Hi has 29 significant bits, so k * kLn2Hi is
// exact for every |k| < 2^24 (we need |k| <= 1075): the reductions stay exact.
constexpr double kLn2Hi = 0x1.62e42ffp-1;
constexpr double kLn2Lo = -0x1.718432a1b0e26p-35;
constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1;
// exp reduces by ln2/32 = kLn2Hi/32 + kLn2Lo/32 (exact divisions): k ln2_hi/32 stays exact
// for |k| < 2^24 (we need |k| <= 34440).
constexpr double kLn2Over32Hi = kLn2Hi / 32.0;
constexpr double kLn2Over32Lo = kLn2Lo / 32.0;
constexpr double k32OverLn2 = 0x1.71547652b82fep+5;  // 32/ln 2, only to choose k
constexpr double kRoundShift = 0x1.8p52;             // 1.5 2^52
constexpr double kMaxLog = 0x1.62e42fefa39efp+9;     // the largest x with e^x <= DBL_MAX
// e^x underflows to 0 below ln(2^-1075) = -745.13 (half the least subnormal).
constexpr double kMinLog = -746.0;

// 2^(j/32) = hi + lo for j = 0..31: hi correctly rounded and lo the correctly rounded
// remainder (checked against mpmath at 300 bits; a wrong entry would show in random_test's
// dense comparison with a long double exp).
constexpr double kExp2Table[32][2] = {
    {0x1p+0, 0.0},
    {0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
    {0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
    {0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
    {0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
    {0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
    {0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
    {0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
    {0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
    {0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
    {0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
    {0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59},
    {0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
    {0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
    {0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
    {0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
    {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
    {0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
    {0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
    {0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
    {0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
    {0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
    {0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56},
    {0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
    {0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
    {0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
    {0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
    {0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
    {0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
    {0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
    {0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
    {0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54},
};

// pi/2 = kPio2_1 + kPio2_2 + kPio2_3 (+ ~1e-37). The first two have 33 significant
// bits, so n * kPio2_1 and n * kPio2_2 are exact for |n| < 2^20.
constexpr double kPio2_1 = 0x1.921fb544p+0;
constexpr double kPio2_2 = 0x1.0b4611a6p-34;
constexpr double kPio2_3 = 0x1.3198a2e037073p-69;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;  // only to choose n
constexpr double kPiOver4 = 0x1.921fb54442d18p-1;
constexpr double kTwoPi = 0x1.921fb54442d18p+2;

/// Nearest integer, halves away from zero. Only picks a reduction multiple, where
/// any nearby integer works; the conversion truncates, which is exact everywhere.
std::int64_t round_to_int(double t) { return static_cast<std::int64_t>(t < 0 ? t - 0.5 : t + 0.5); }

/// 2^m for -1022 <= m <= 1023, exactly, from its bit pattern (std::ldexp is a library
/// call that cost as much as the rest of exp).
double power_of_two(int m) {
  const std::uint64_t bits = static_cast<std::uint64_t>(1023 + m) << 52;
  double out = 0.0;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

/// An unevaluated sum hi + lo. A plain aggregate, not std::pair: at -Oz pair's
/// constructor is a call of its own (1.4% of the wasm Monte-Carlo estimate).
struct DoubleDouble {
  double hi;
  double lo;
};

/// Error-free a + b = sum + err for any a, b (Knuth's TwoSum).
GREENFRONT_HOT_INLINE DoubleDouble two_sum(double a, double b) {
  const double sum = a + b;
  const double b_virtual = sum - a;
  const double a_virtual = sum - b_virtual;
  return {sum, (a - a_virtual) + (b - b_virtual)};
}

/// Error-free a * a = sq + err without FMA (Dekker: split into 26-bit halves).
GREENFRONT_HOT_INLINE DoubleDouble exact_square(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double a_hi = c - (c - a);
  const double a_lo = a - a_hi;
  const double sq = a * a;
  return {sq, ((a_hi * a_hi - sq) + 2.0 * a_hi * a_lo) + a_lo * a_lo};
}

// The kernels below take r = hi + lo with |hi| <= ~pi/4 and |lo| <= ulp(hi). Taylor
// coefficients 1/n! are written as exactly representable factorials so the compiler
// folds each to the correctly rounded double on every platform. Truncation: the first
// omitted term is below 1e-20 relative at |r| = pi/4, far under an ulp.

/// sin(hi + lo) = sin(hi) + cos(hi) lo, with cos(hi) ~ 1 - hi^2/2 enough for lo.
double sin_kernel(double hi, double lo) {
  const double z = hi * hi;
  double p = 1.0 / 51090942171709440000.0;  // +1/21!
  p = -1.0 / 121645100408832000.0 + z * p;  // -1/19!
  p = 1.0 / 355687428096000.0 + z * p;      // +1/17!
  p = -1.0 / 1307674368000.0 + z * p;       // -1/15!
  p = 1.0 / 6227020800.0 + z * p;           // +1/13!
  p = -1.0 / 39916800.0 + z * p;            // -1/11!
  p = 1.0 / 362880.0 + z * p;               // +1/9!
  p = -1.0 / 5040.0 + z * p;                // -1/7!
  p = 1.0 / 120.0 + z * p;                  // +1/5!
  p = -1.0 / 6.0 + z * p;                   // -1/3!
  // hi + (hi^3 p + lo (1 - z/2)): the correction is < 0.09 |hi|, so its rounding
  // costs well under an ulp of the result.
  return hi + (z * hi * p + (lo - 0.5 * z * lo));
}

/// cos(hi + lo) = cos(hi) - sin(hi) lo, with sin(hi) ~ hi enough for lo.
double cos_kernel(double hi, double lo) {
  // 1 - hi^2/2 is where the precision goes (it is ~0.3 at pi/4), so hi^2 is formed
  // exactly and 1 - hi^2/2 is carried as an unevaluated sum.
  const auto [z, z_err] = exact_square(hi);
  double p = 1.0 / 2432902008176640000.0;  // +1/20!
  p = -1.0 / 6402373705728000.0 + z * p;   // -1/18!
  p = 1.0 / 20922789888000.0 + z * p;      // +1/16!
  p = -1.0 / 87178291200.0 + z * p;        // -1/14!
  p = 1.0 / 479001600.0 + z * p;           // +1/12!
  p = -1.0 / 3628800.0 + z * p;            // -1/10!
  p = 1.0 / 40320.0 + z * p;               // +1/8!
  p = -1.0 / 720.0 + z * p;                // -1/6!
  p = 1.0 / 24.0 + z * p;                  // +1/4!
  const double half_z = 0.5 * z;           // exact
  const double w = 1.0 - half_z;
  const double w_err = (1.0 - w) - half_z;  // exact: w is within a factor 2 of 1
  return w + ((w_err - 0.5 * z_err) + (z * z * p - hi * lo));
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::uint64_t& word : s_) word = splitmix64(state);
}

Rng Rng::from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) {
  Rng rng(0);
  rng.s_[0] = s0;
  rng.s_[1] = s1;
  rng.s_[2] = s2;
  rng.s_[3] = s3;
  return rng;
}

GREENFRONT_HOT_INLINE std::uint64_t Rng::next_u64() {
  // xoshiro256** (Blackman & Vigna 2018): the "**" scrambler on word 1, then the
  // xorshift linear step and a rotation of word 3.
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform01() {
  // The top 53 bits (the low bits of xoshiro are its weakest) times 2^-53: every
  // value k/2^53 equally likely, and the product is exact.
  return static_cast<double>(next_u64() >> 11) * 0x1p-53;
}

double Rng::normal() {
  // Box–Muller, one value per pair of uniforms (no cached second value, so a draw
  // never depends on what was drawn before it beyond the generator state).
  // 1 - u is exact for u = k/2^53 and lies in (0, 1], so log never sees 0.
  const double u1 = 1.0 - uniform01();
  const double u2 = uniform01();
  return std::sqrt(-2.0 * portable::log(u1)) * portable::cos(kTwoPi * u2);
}

namespace portable {

double log(double x) {
  if (x != x) return x;  // NaN
  if (x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (x == kInf) return kInf;
  // x = m 2^k with m in [sqrt(1/2), sqrt(2)); frexp is exact, also for subnormals.
  int k = 0;
  double m = std::frexp(x, &k);
  if (m < kSqrtHalf) {
    m *= 2.0;
    --k;
  }
  // log(1 + f) with f = m - 1 exact (Sterbenz). With s = f / (2 + f),
  // log(1 + f) = 2 atanh(s) = 2s + 2s^3/3 + 2s^5/5 + ... = f - (hfsq - s (hfsq + R))
  // where hfsq = f^2/2 and R = 2s^2/3 + 2s^4/5 + ... (since 2s = f - s f).
  // |s| <= 0.1716 so s^2 <= 0.0295; the series to s^22 leaves < 1e-19 relative.
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  double r = 2.0 / 23.0;
  r = 2.0 / 21.0 + z * r;
  r = 2.0 / 19.0 + z * r;
  r = 2.0 / 17.0 + z * r;
  r = 2.0 / 15.0 + z * r;
  r = 2.0 / 13.0 + z * r;
  r = 2.0 / 11.0 + z * r;
  r = 2.0 / 9.0 + z * r;
  r = 2.0 / 7.0 + z * r;
  r = 2.0 / 5.0 + z * r;
  r = 2.0 / 3.0 + z * r;
  r *= z;
  // f^2/2 is the largest part of the correction (up to 0.09 against a result of
  // 0.35), so f^2 is formed exactly and its rounding error added back.
  const auto [f_sq, f_sq_err] = exact_square(f);
  const double hfsq = 0.5 * f_sq;  // exact
  const double dk = static_cast<double>(k);
  // f - correction is computed with its rounding error kept, then added to k ln2_hi
  // (an exact product) likewise, so only the last addition rounds.
  const double correction = hfsq - (s * (hfsq + r) + (dk * kLn2Lo - 0.5 * f_sq_err));
  const auto [t, t_err] = two_sum(f, -correction);
  const auto [sum, sum_err] = two_sum(dk * kLn2Hi, t);
  return sum + (sum_err + t_err);
}

double exp(double x) {
  // Table-driven (P. T. P. Tang 1989, "Table-driven implementation of the exponential
  // function in IEEE floating-point arithmetic", ACM TOMS 15(2)): x = (32 m + j) ln2/32 + r
  // with |r| <= ln2/64 (+ rounding slack), e^x = 2^m 2^(j/32) e^r. The finer reduction
  // cuts the series from 17 terms to 7 (~4x faster); GP kernels and Φ call this in their
  // inner loops. Measured within 0.53 ulp of the true value where the result is normal
  // (99.7% correctly rounded; the Taylor version was 0.59 ulp).
  if (x != x) return x;  // NaN
  if (x > kMaxLog) return kInf;
  if (x < kMinLog) return 0.0;
  // k = x 32/ln2 rounded to an integer by adding 1.5 2^52: in [2^52, 2^53) the doubles are
  // the integers, so the sum rounds (to nearest, IEEE's default and wasm's only mode) to
  // 1.5 2^52 + k, whose low mantissa bits are k in two's complement (|k| <= 34440). Any
  // nearby k would do; this is ~2 ns faster than a float-to-int conversion and a branch.
  const double shifted = x * k32OverLn2 + kRoundShift;
  const double dk = shifted - kRoundShift;  // exact
  std::uint64_t shifted_bits = 0;
  std::memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
  // x - k ln2_hi/32 is exact (Sterbenz: both within a factor 2 when k != 0); the one
  // rounding of r is below 2^-60, 0.008 ulp of the result.
  const double r = (x - dk * kLn2Over32Hi) - dk * kLn2Over32Lo;
  // k = 32 m + j with 0 <= j < 32, split on k + 2^16 >= 0 in unsigned arithmetic (mod 2^32).
  const std::uint32_t biased = static_cast<std::uint32_t>(shifted_bits) + 65536U;
  const std::uint32_t j = biased & 31U;
  const int m = static_cast<int>(biased >> 5) - 2048;  // in [-1077, 1024]
  // e^r - 1 = r + r^2 (1/2! + r/3! + ... + r^5/7!); the first omitted term, r^8/8!, is
  // below 5e-21 relative.
  double p = 1.0 / 5040.0;  // 1/7!
  p = 1.0 / 720.0 + r * p;  // 1/6!
  p = 1.0 / 120.0 + r * p;  // 1/5!
  p = 1.0 / 24.0 + r * p;   // 1/4!
  p = 1.0 / 6.0 + r * p;    // 1/3!
  p = 0.5 + r * p;          // 1/2!
  const double expm1_r = r + r * r * p;
  // 2^(j/32) e^r = hi + (lo + hi (e^r - 1)): the bracket is below 0.023 hi, so its
  // roundings cost a few hundredths of an ulp and the last addition dominates.
  const double hi = kExp2Table[j][0];
  const double e = hi + (kExp2Table[j][1] + hi * expm1_r);  // in [0.98, 2]
  // e 2^m, exact unless the result is subnormal. Then two factors, the first exact, so
  // that the one rounding is where the result underflows (as with ldexp). m = 1024 only
  // for j = 0 and r < 0, so e < 1 and 2 e 2^1023 does not overflow.
  if (m > 1023) return (e * 2.0) * power_of_two(m - 1);
  if (m >= -1022) return e * power_of_two(m);
  return (e * power_of_two(-600)) * power_of_two(m + 600);
}

double cos(double x) {
  const double ax = x < 0 ? -x : x;
  if (!(ax < 0x1p62)) return kNaN;  // inf, NaN, or beyond any meaningful use
  if (ax <= kPiOver4) return cos_kernel(x, 0.0);
  // x = n pi/2 + r, |r| <= pi/4 (+ slack). For |n| < 2^20 the first two products
  // are exact and x - n kPio2_1 is exact (Sterbenz); the rest is carried in r_lo.
  // Beyond |x| ~ 1.6e6 the reduction loses accuracy (Box–Muller needs |x| < 2 pi).
  const std::int64_t n = round_to_int(x * kTwoOverPi);
  const double dn = static_cast<double>(n);
  const double t = x - dn * kPio2_1;
  const auto [u, u_err] = two_sum(t, -dn * kPio2_2);
  const auto [r_hi, r_lo] = two_sum(u, u_err - dn * kPio2_3);
  switch (n & 3) {
    case 0:
      return cos_kernel(r_hi, r_lo);
    case 1:
      return -sin_kernel(r_hi, r_lo);
    case 2:
      return -cos_kernel(r_hi, r_lo);
    default:
      return sin_kernel(r_hi, r_lo);
  }
}

}  // namespace portable

namespace {

/// The IEEE-754 total order as unsigned keys: flipping the sign bit of positives and every
/// bit of negatives makes integer order equal numeric order, with -0 just before +0.
GREENFRONT_HOT_INLINE std::uint64_t order_key(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
}

GREENFRONT_HOT_INLINE double from_order_key(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) ? key & ~(std::uint64_t{1} << 63) : ~key;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

/// Sorts v[0, n) by their total-order keys: a least-significant-digit radix sort, one byte
/// per pass, skipping bytes every key shares. O(8n), no comparisons, and a unique result
/// (equal keys are equal bits), so every standard library and the wasm build agree.
/// Summaries of Monte-Carlo samples sort tens of vectors of 10^4–10^5 values per estimate:
/// a comparison sort with a NaN-aware comparator was a third of the wasm estimate's time.
/// The keys are kept in v's own storage (same size as a double) and the eight byte
/// histograms come from one read of the keys, so `scratch` holds only n keys.
void radix_sort(double* v, std::size_t n, std::vector<std::uint64_t>& scratch) {
  // Raw pointers, not operator[]/iterators: the wasm build is optimized for size (-Oz),
  // which does not inline even trivial accessors, and this loop is the estimate's hottest.
  if (scratch.size() < n) scratch.resize(n);
  static_assert(sizeof(double) == sizeof(std::uint64_t), "keys share the values' storage");
  std::uint64_t* keys = scratch.data();
  std::size_t counts[8][257] = {};
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = order_key(v[i]);
    keys[i] = key;
    // Written out: -Oz keeps loops rolled.
    ++counts[0][(key & 0xFF) + 1];
    ++counts[1][((key >> 8) & 0xFF) + 1];
    ++counts[2][((key >> 16) & 0xFF) + 1];
    ++counts[3][((key >> 24) & 0xFF) + 1];
    ++counts[4][((key >> 32) & 0xFF) + 1];
    ++counts[5][((key >> 40) & 0xFF) + 1];
    ++counts[6][((key >> 48) & 0xFF) + 1];
    ++counts[7][(key >> 56) + 1];
  }
  // The keys alternate between scratch and v's storage (as raw bytes, through memcpy).
  unsigned char* const values_bytes = reinterpret_cast<unsigned char*>(v);
  bool in_scratch = true;
  std::uint64_t key = 0;
  for (int byte = 0; byte < 8; ++byte) {
    std::size_t* c = counts[byte];
    bool one_bucket = false;
    for (int b = 1; b <= 256; ++b) one_bucket = one_bucket || c[b] == n;
    if (one_bucket) continue;  // every key has this byte: the pass would change nothing
    for (int b = 0; b < 256; ++b) c[b + 1] += c[b];
    const int shift = 8 * byte;
    if (in_scratch) {
      for (std::size_t i = 0; i < n; ++i) {
        key = keys[i];
        std::memcpy(values_bytes + 8 * c[(key >> shift) & 0xFF]++, &key, sizeof key);
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        std::memcpy(&key, values_bytes + 8 * i, sizeof key);
        keys[c[(key >> shift) & 0xFF]++] = key;
      }
    }
    in_scratch = !in_scratch;
  }
  if (in_scratch) {
    for (std::size_t i = 0; i < n; ++i) v[i] = from_order_key(keys[i]);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      std::memcpy(&key, values_bytes + 8 * i, sizeof key);
      v[i] = from_order_key(key);
    }
  }
}

}  // namespace

Summary summarize(std::vector<double> values) {
  std::vector<std::uint64_t> scratch;
  return summarize_in_place(values.data(), values.size(), scratch);
}

Summary summarize_in_place(double* values, std::size_t n, std::vector<std::uint64_t>& scratch) {
  Summary summary;
  if (n == 0) return summary;
  // Sorted in the IEEE total order (-0 before +0; NaNs by sign, at the ends): one answer
  // whichever library sorts.
  radix_sort(values, n, scratch);
  // Hyndman & Fan type 7: h = (n - 1) p, interpolate between x[floor h] and the next.
  const auto percentile = [&](double p) {
    const double h = static_cast<double>(n - 1) * p;
    const auto lo = static_cast<std::size_t>(h);
    if (lo + 1 >= n) return values[n - 1];
    const double frac = h - static_cast<double>(lo);
    return values[lo] + frac * (values[lo + 1] - values[lo]);
  };
  summary.p5 = percentile(0.05);
  summary.p50 = percentile(0.5);
  summary.p95 = percentile(0.95);
  // A plain left-to-right sum over the sorted values: the order is fixed, so the
  // rounding is too.
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += values[i];
  summary.mean = total / static_cast<double>(n);
  return summary;
}

}  // namespace greenfront
