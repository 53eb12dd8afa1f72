#include "pareto_work.h"

#include <cmath>

#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/hypervolume.h"
#include "work_limits.h"

namespace greenfront::api::detail {

namespace {

std::string objectives_text(std::size_t dims) {
  return std::to_string(dims) + (dims == 1 ? " objective" : " objectives");
}

}  // namespace

bool check_front_points(std::size_t points, std::size_t dims, const std::string& path,
                        Issues& issues) {
  if (dims < limits::kFirstCostlyObjectiveCount || points <= limits::kMaxFrontPoints) return true;
  issues.add("input.too_many", path,
             "must have at most " + std::to_string(limits::kMaxFrontPoints) +
                 " points with 4 or more objectives (finding their front takes time that grows "
                 "with points × front size); split them, or reduce the objectives",
             std::to_string(points) + " points in " + objectives_text(dims));
  return false;
}

pareto::Points front_inside(const pareto::Points& points, const std::vector<double>& reference) {
  const pareto::Points counted = points.subset(pareto::counted_rows(points, reference));
  return counted.subset(pareto::non_dominated(counted));
}

bool check_exact_hypervolume(std::size_t front_points, std::size_t dims, const std::string& path,
                             const std::string& instead, Issues& issues) {
  const std::size_t limit = limits::max_exact_hypervolume_front(dims);
  if (front_points <= limit) return true;
  issues.add("input.too_many", path,
             "an exact hypervolume in " + objectives_text(dims) + " is computed for fronts of at "
                 "most " + std::to_string(limit) +
                 " points (its time grows steeply with the front and the objectives); " + instead,
             "a front of " + std::to_string(front_points) + " points inside the reference point");
  return false;
}

bool check_contributions(std::size_t points_inside, std::size_t dims, const std::string& path,
                         Issues& issues) {
  const std::size_t limit = limits::max_contribution_points(dims);
  if (points_inside <= limit) return true;
  issues.add("input.too_many", path,
             "hypervolume contributions in " + objectives_text(dims) + " are computed for at "
                 "most " + std::to_string(limit) +
                 " points inside the reference point (dominated ones count: they shape each "
                 "front point's neighbourhood); drop the dominated points or ask for fewer",
             std::to_string(points_inside) + " points inside the reference point");
  return false;
}

bool check_monte_carlo(std::size_t samples, std::size_t front_points, std::size_t dims,
                       const std::string& path, Issues& issues) {
  const double per_sample = static_cast<double>(front_points) * static_cast<double>(dims);
  if (per_sample == 0 || static_cast<double>(samples) * per_sample <= limits::kMaxMonteCarloWork)
    return true;
  const auto most = static_cast<std::size_t>(std::floor(limits::kMaxMonteCarloWork / per_sample));
  issues.add("input.too_many", path,
             "must be at most " + std::to_string(most) + " for a front of " +
                 std::to_string(front_points) + " points in " + objectives_text(dims) +
                 " (samples × front points × objectives is at most " +
                 std::to_string(static_cast<long long>(limits::kMaxMonteCarloWork)) +
                 "); the standard error falls as 1/√samples",
             std::to_string(samples));
  return false;
}

}  // namespace greenfront::api::detail
