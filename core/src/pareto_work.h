// The work an exact Pareto computation may take, checked before it runs (docs/pareto.md,
// "Limits"; the bounds and their measurements are in work_limits.h). Each check adds an
// input.too_many issue naming the field, the size it got and what to ask for instead.
// Internal to core/src: the pareto, hypervolume and bulk handlers call these.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/pareto/points.h"

namespace greenfront::api::detail {

/// Points whose front or ranks are to be found: with 4 or more objectives at most
/// limits::kMaxFrontPoints. Returns whether the points pass.
bool check_front_points(std::size_t points, std::size_t dims, const std::string& path,
                        Issues& issues);

/// The non-dominated rows among those strictly better than `reference` in every objective,
/// ascending: the rows that decide the hypervolume (the same value as all the points give).
pareto::Points front_inside(const pareto::Points& points, const std::vector<double>& reference);

/// An exact hypervolume of a front of `front_points`; `instead` says what else to ask for.
bool check_exact_hypervolume(std::size_t front_points, std::size_t dims, const std::string& path,
                             const std::string& instead, Issues& issues);

/// Contributions of `points_inside` points (dominated ones included: they shape the
/// neighbourhoods the contributions are measured in).
bool check_contributions(std::size_t points_inside, std::size_t dims, const std::string& path,
                         Issues& issues);

/// A Monte-Carlo estimate with `samples` draws over a front of `front_points`.
bool check_monte_carlo(std::size_t samples, std::size_t front_points, std::size_t dims,
                       const std::string& path, Issues& issues);

}  // namespace greenfront::api::detail
