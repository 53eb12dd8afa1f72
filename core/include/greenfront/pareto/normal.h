// The standard normal density and distribution function, portable to the last bit.
//
// Expected-improvement acquisitions evaluate Φ and φ thousands of times per suggestion,
// and their results must be identical natively and in wasm, so neither std::erfc nor
// std::exp may be used: these are built from + - * /, sqrt and greenfront::portable::exp
// (random.h). Accuracy is a few ulp (about 1e-15 relative) over the whole range where the
// result is a normal double, the far lower tail included (Φ(-30) ~ 4.9e-198).
#pragma once

namespace greenfront::pareto {

/// φ(z) = exp(-z²/2) / sqrt(2π). Relative error ~1e-15; underflows to 0 beyond |z| ~ 38.6;
/// NaN gives NaN.
double normal_pdf(double z);

/// Φ(z) = P(Z <= z) for a standard normal Z. Relative error ~1e-15 in both tails (the
/// lower tail is computed directly, never as 1 - Φ(-z)); 0 below z ~ -38.5, 1 above
/// z ~ 8.6; NaN gives NaN.
double normal_cdf(double z);

/// E[(threshold - Y)+] for Y ~ N(mean, sd²): the expected improvement below `threshold`
/// of a minimized Gaussian outcome, (t - μ)Φ(z) + σφ(z) with z = (t - μ)/σ.
/// sd <= 0 gives the deterministic (threshold - mean)+. In the far lower tail the value is
/// formed without cancellation (relative error ~1e-15 down to underflow); near
/// z ~ -3 up to ~1.5 digits are lost to the cancellation inherent in the formula.
/// NaN in any argument gives NaN.
double normal_expected_improvement(double threshold, double mean, double sd);

}  // namespace greenfront::pareto
