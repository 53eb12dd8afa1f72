// Nominal values and draws for uncertain inputs.
//
// Every draw goes through greenfront::Rng and the portable math in random.h, never
// <random> or libm's exp/log, so a seed gives the same draws natively and in wasm.
#include "greenfront/quantity.h"

#include <cmath>

#include "greenfront/random.h"

namespace greenfront {
namespace {

/// One untruncated draw. Each kind consumes a fixed number of uniforms (uniform and
/// triangular one, normal and log-normal two), which keeps sequences easy to reason
/// about when comparing runs.
double draw_untruncated(const Quantity& q, Rng& rng) {
  switch (q.kind) {
    case Quantity::Kind::kFixed:
      return q.a;
    case Quantity::Kind::kUniform:
      return q.a + (q.b - q.a) * rng.uniform01();
    case Quantity::Kind::kTriangular: {
      // Inverse CDF with min a, mode b, max c. F(b) = (b - a) / (c - a); below it
      // F(x) = (x - a)^2 / ((c - a)(b - a)), above it 1 - (c - x)^2 / ((c - a)(c - b)).
      const double u = rng.uniform01();
      const double width = q.c - q.a;
      if (!(width > 0)) return q.a;  // degenerate: a point
      const double left = q.b - q.a;
      if (u * width < left) return q.a + std::sqrt(u * width * left);
      return q.c - std::sqrt((1.0 - u) * width * (q.c - q.b));
    }
    case Quantity::Kind::kNormal:
      return q.a + q.b * rng.normal();
    case Quantity::Kind::kLogNormal:
      // median * gsd^z: log-space mean ln(median), log-space sd ln(gsd).
      return q.a * portable::exp(portable::log(q.b) * rng.normal());
  }
  return q.a;  // unreachable; keeps -Wreturn-type quiet
}

}  // namespace

double Quantity::nominal() const {
  switch (kind) {
    case Kind::kFixed:
      return a;
    case Kind::kUniform:
      return 0.5 * (a + b);
    case Kind::kTriangular:
      return b;  // the mode
    case Kind::kNormal:
      return a;  // the mean
    case Kind::kLogNormal:
      return a;  // the median
  }
  return a;
}

double Quantity::sample(Rng& rng) const {
  // A fixed value consumes nothing from the stream, so fixed inputs never shift the
  // draws of uncertain ones; it is returned as given (no clamping), like nominal().
  if (kind == Kind::kFixed) return a;
  // Truncation by rejection keeps the shape of the distribution inside the bounds;
  // the cap bounds the work when the bounds hold almost no mass, and clamping then
  // still returns a valid field value.
  constexpr int kMaxAttempts = 64;
  double value = 0.0;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    value = draw_untruncated(*this, rng);
    if (value >= lower && value <= upper) return value;
  }
  if (value < lower) return lower;
  if (value > upper) return upper;
  return value;  // NaN (from NaN parameters) stays NaN
}

}  // namespace greenfront
