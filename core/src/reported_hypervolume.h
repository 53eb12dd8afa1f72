// The hypervolume a response reports for a front it found (optimize's result and trace,
// suggest's observations): exact while that is cheap, else a seeded Monte-Carlo estimate
// with its standard error. Internal to core/src.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "greenfront/pareto/points.h"

namespace greenfront::api::detail {

/// The largest front whose exact hypervolume a response computes, by objectives (no limit
/// up to 3, where the sweeps are O(n log n)).
std::size_t exact_front_limit(std::size_t dims);

/// A reported hypervolume: exact (samples 0) or a Monte-Carlo estimate.
struct ReportedHypervolume {
  double value = 0.0;
  std::size_t samples = 0;
  double standard_error = 0.0;
};

/// The hypervolume of `front` (rows no other row dominates, in a fixed order): exact up to
/// exact_front_limit(), past it estimated from samples·|front|·d ≈ 5·10⁷ comparisons at
/// most (1,000 to 100,000 samples, seeded: the same estimate natively and in wasm).
ReportedHypervolume reported_hypervolume(const pareto::Points& front,
                                         const std::vector<double>& reference, std::uint64_t seed);

/// The rows of `points` at `rows`, ascending (a fixed order: the same sums everywhere).
pareto::Points sorted_subset(const pareto::Points& points, std::vector<std::size_t> rows);

}  // namespace greenfront::api::detail
