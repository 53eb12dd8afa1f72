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
// EHVI calls this in its inner loop. Cost: one portable::exp (table-driven, ~6 ns) and
// one division.
#include "greenfront/pareto/normal.h"

#include <limits>

#include "greenfront/random.h"

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
  return portable::exp(-0.5 * sq) * (1.0 - 0.5 * sq_err);
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
