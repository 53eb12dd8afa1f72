// Standard normal φ and Φ from Cody's rational Chebyshev approximations.
//
// Method: W. J. Cody (1969), "Rational Chebyshev approximations for the error function",
// Math. Comp. 23(107), 631–637, in the form Cody later published for Φ itself as ANORM
// in Algorithm 715 (W. J. Cody 1993, "SPECFUN: a portable FORTRAN package of special
// function routines and test drivers", ACM TOMS 19(1), 22–32). Three intervals of |z|:
//   |z| <= 0.66291         Φ(z) = 1/2 + z R1(z²)                 (R1 of degree 4/4)
//   0.66291 < |z| <= √32   Φ(-|z|) = exp(-z²/2) R2(|z|)          (R2 of degree 8/8)
//   |z| > √32              Φ(-|z|) = exp(-z²/2) (1/√(2π) - R3(1/z²)/z²) / |z|  (4/4)
// The approximations are good to ~18 significant digits, so what remains is double
// rounding: a few ulp. The coefficients are the published ones; the code is ours.
//
// Two points keep the tails accurate. The lower tail is computed directly and only the
// upper tail as 1 - (lower tail), where the subtraction is harmless. And exp(-z²/2) is
// where the precision of a tail goes: an ulp of z² (~1e-13 at z = 30) would become a
// relative error of that size after exp, so z² is formed exactly as hi + lo (Dekker's
// product) and exp(-(hi + lo)/2) = exp(-hi/2) (1 - lo/2), hi/2 being exact. Cody's ANORM
// does the same job with z rounded to 1/16 and two exp calls; one call is cheaper, and
// EHVI calls this in its inner loop. Cost: one exponential (a table-driven one, see
// exp_minus, 2-3 times faster than portable::exp at the same accuracy) and one division.
#include "greenfront/pareto/normal.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace greenfront::pareto {
namespace {

constexpr double kInvSqrt2Pi = 0.39894228040143267794;  // 1/√(2π)
constexpr double kSqrt32 = 5.656854249492380195;        // √32
constexpr double kSmall = 0.66291;  // Φ(kSmall) ~ 0.75, the end of the first interval
// Beyond these Φ is 0 or 1 in double precision (ANORM's XLOW is where the result leaves
// the normal range; subnormals below it are still returned) and φ has underflowed.
constexpr double kLowerLimit = 38.5;
constexpr double kUpperLimit = 8.6;

// Cody's ANORM coefficients (Algorithm 715) in the published order, which the Horner loops
// below follow: the numerator is a5 s^4 + a1 s^3 + a2 s^2 + a3 s + a4 (likewise c9 then
// c1..c8 and p6 then p1..p5), the denominator monic. First interval, s = z²:
constexpr double kA[5] = {2.2352520354606839287e00, 1.6102823106855587881e02,
                          1.0676894854603709582e03, 1.8154981253343561249e04,
                          6.5682337918207449113e-2};
constexpr double kB[4] = {4.7202581904688241870e01, 9.7609855173777669322e02,
                          1.0260932208618978205e04, 4.5507789335026729956e04};
// Second interval, R2 in y = |z|.
constexpr double kC[9] = {
    3.9894151208813466764e-1, 8.8831497943883759412e00, 9.3506656132177855979e01,
    5.9727027639480026226e02, 2.4945375852903726711e03, 6.8481904505362823326e03,
    1.1602651437647350124e04, 9.8427148383839780218e03, 1.0765576773720192317e-8};
constexpr double kD[8] = {2.2266688044328115691e01, 2.3538790178262499861e02,
                          1.5193775994075548050e03, 6.4855582982667607550e03,
                          1.8615571640885098091e04, 3.4900952721145977266e04,
                          3.8912003286093271411e04, 1.9685429676859990727e04};
// Third interval, R3 in s = 1/z².
constexpr double kP[6] = {2.1589853405795699e-1, 1.274011611602473639e-1,
                          2.2235277870649807e-2, 1.421619193227893466e-3,
                          2.9112874951168792e-5, 2.307344176494017303e-2};
constexpr double kQ[5] = {1.28426009614491121e00, 4.68238212480865118e-1, 6.59881378689285515e-2,
                          3.78239633202758244e-3, 7.29751555083966205e-5};

// 2^(j/32) = hi + lo for j = 0..31, hi correctly rounded and lo the rounded remainder
// (computed with mpmath at 60 digits).
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
// ln2 / 32 = hi + lo; hi has 29 significant bits, so k hi is exact for |k| < 2^24.
constexpr double kLn2Over32Hi = 0x1.62e42ffp-6;
constexpr double kLn2Over32Lo = -0x1.718432a1b0e26p-40;
constexpr double k32OverLn2 = 0x1.71547652b82fep+5;  // only to choose k

/// 2^m for -1022 <= m <= 1023, exactly.
double power_of_two(int m) {
  const std::uint64_t bits = static_cast<std::uint64_t>(1023 + m) << 52;
  double out = 0.0;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

/// e^(-t) for t >= 0, within ~0.52 ulp (0 beyond t = 746).
///
/// Table-driven (P. T. P. Tang 1989, "Table-driven implementation of the exponential
/// function in IEEE floating-point arithmetic", ACM TOMS 15(2)): -t = k ln2/32 + r with
/// |r| <= ln2/64, e^(-t) = 2^(k/32) e^r, and e^r - 1 by a degree-6 Taylor polynomial
/// (the first omitted term, r^7/7!, is below 4e-18: 0.03 ulp). It is portable::exp's method with a
/// finer reduction, which cuts the series from 17 terms to 6: Φ and φ sit in the inner loop of
/// EHVI, where the exponential is most of the cost. Only + - * / and exact bit-built
/// powers of two are used, so native and wasm results agree bit for bit.
double exp_minus(double t) {
  if (!(t < 746.0)) return t == t ? 0.0 : t;
  const double u = -t;
  // Nearest integer, halves away from zero (u <= 0); any nearby integer would do.
  const auto k = static_cast<std::int64_t>(u * k32OverLn2 - 0.5);
  const double dk = static_cast<double>(k);
  // u - k hi is exact (Sterbenz: both within a factor 2 when k != 0).
  const double r = (u - dk * kLn2Over32Hi) - dk * kLn2Over32Lo;
  const std::int64_t j = ((k % 32) + 32) % 32;  // k = 32 m + j, 0 <= j < 32
  const auto m = static_cast<int>((k - j) / 32);
  double p = 1.0 / 720.0;   // 1/6!
  p = 1.0 / 120.0 + r * p;  // 1/5!
  p = 1.0 / 24.0 + r * p;   // 1/4!
  p = 1.0 / 6.0 + r * p;    // 1/3!
  p = 0.5 + r * p;          // 1/2!
  const double expm1_r = r + r * r * p;
  const double hi = kExp2Table[j][0];
  const double e = hi + (kExp2Table[j][1] + hi * expm1_r);  // in [0.98, 2.03]
  // e 2^m, m in [-1077, 0]: powers of two built from their bits (std::ldexp is a library
  // call that cost as much as the rest). Two factors when 2^m is subnormal, the first exact,
  // so the one rounding is where the result underflows, as with ldexp.
  if (m >= -1022) return e * power_of_two(m);
  return (e * power_of_two(-600)) * power_of_two(m + 600);
}

/// exp(-y²/2) for 0 <= y, with y² carried exactly (see the file comment).
double exp_minus_half_square(double y) {
  if (!(y < 40.0)) return y == y ? 0.0 : y;  // underflowed (exp(-800) = 0), or NaN
  // Dekker's exact product without FMA: y = y_hi + y_lo with 26-bit halves.
  const double c = 134217729.0 * y;  // 2^27 + 1
  const double y_hi = c - (c - y);
  const double y_lo = y - y_hi;
  const double sq = y * y;
  const double sq_err = ((y_hi * y_hi - sq) + 2.0 * y_hi * y_lo) + y_lo * y_lo;
  // exp(-sq_err/2) = 1 - sq_err/2 + O(1e-26): sq_err is below an ulp of sq.
  return exp_minus(0.5 * sq) * (1.0 - 0.5 * sq_err);
}

/// R1(s) = z-free part of the first interval: Φ(z) = 1/2 + z R1(z²).
double rational_small(double s) {
  double num = kA[4] * s;
  double den = s;
  for (int i = 0; i < 3; ++i) {
    num = (num + kA[i]) * s;
    den = (den + kB[i]) * s;
  }
  return (num + kA[3]) / (den + kB[3]);
}

/// R2(y): Φ(-y) = exp(-y²/2) R2(y) on the second interval.
double rational_medium(double y) {
  double num = kC[8] * y;
  double den = y;
  for (int i = 0; i < 7; ++i) {
    num = (num + kC[i]) * y;
    den = (den + kD[i]) * y;
  }
  return (num + kC[7]) / (den + kD[7]);
}

/// t(s) = s R3(s) with s = 1/y²: Φ(-y) = exp(-y²/2) (1/√(2π) - t) / y on the third interval.
double rational_large(double s) {
  double num = kP[5] * s;
  double den = s;
  for (int i = 0; i < 4; ++i) {
    num = (num + kP[i]) * s;
    den = (den + kQ[i]) * s;
  }
  return s * (num + kP[4]) / (den + kQ[4]);
}

/// z² for the first interval; below ~1e-16 the z² terms cannot matter, and 0 avoids
/// underflow.
double small_square(double z) {
  const double y = z < 0 ? -z : z;
  return y > 1.11e-16 ? z * z : 0.0;
}

/// Φ(-y) for kSmall < y < kLowerLimit, given e = exp(-y²/2).
double lower_tail_from_exp(double y, double e) {
  if (y <= kSqrt32) return e * rational_medium(y);
  return e * ((kInvSqrt2Pi - rational_large(1.0 / (y * y))) / y);
}

}  // namespace

double normal_pdf(double z) {
  const double y = z < 0 ? -z : z;
  return kInvSqrt2Pi * exp_minus_half_square(y);
}

double normal_cdf(double z) {
  if (z != z) return z;
  const double y = z < 0 ? -z : z;
  if (y <= kSmall) return 0.5 + z * rational_small(small_square(z));
  if (z >= kUpperLimit) return 1.0;
  if (z <= -kLowerLimit) return 0.0;
  const double lower_tail = lower_tail_from_exp(y, exp_minus_half_square(y));
  return z < 0 ? lower_tail : 1.0 - lower_tail;
}

double normal_expected_improvement(double threshold, double mean, double sd) {
  const double gap = threshold - mean;
  if (gap != gap || sd != sd) return std::numeric_limits<double>::quiet_NaN();
  if (!(sd > 0)) return gap > 0 ? gap : 0.0;
  const double z = gap / sd;
  // Above z = 9 the σφ term is below 1e-19 of the first, so the sum rounds to `gap`
  // exactly: skip the exp (EHVI evaluates many strips far to the right of the mean).
  if (z >= 9.0) return gap;
  if (z <= -kLowerLimit) return 0.0;
  if (z < -kSqrt32) {
    // With Φ(z) = e (1/√(2π) - t)/|z| and φ(z) = e/√(2π), e = exp(-z²/2):
    // (zΦ + φ) = e t exactly, so no cancellation between the two terms.
    const double y = -z;
    return sd * (exp_minus_half_square(y) * rational_large(1.0 / (y * y)));
  }
  // One exp serves both φ and Φ.
  const double y = z < 0 ? -z : z;
  const double e = exp_minus_half_square(y);
  double cdf = 0.0;
  if (y <= kSmall) {
    cdf = 0.5 + z * rational_small(small_square(z));
  } else {
    const double lower_tail = lower_tail_from_exp(y, e);
    cdf = z < 0 ? lower_tail : 1.0 - lower_tail;
  }
  return gap * cdf + sd * (kInvSqrt2Pi * e);
}

}  // namespace greenfront::pareto
