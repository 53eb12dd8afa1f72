#include "reported_hypervolume.h"

#include <algorithm>

#include "greenfront/pareto/hypervolume.h"

namespace greenfront::api::detail {

// Above 3 objectives HV4D is O(n²) and WFG exponential in d. Measured natively on random
// fronts of a sphere, each limit costs about 0.1 s: 4-D 5,000 points 0.12 s, 5-D 1,000
// 0.044 s and 3,000 0.23 s, 6-D 500 0.10 s, 7-D 200 0.11 s, 8-D 100 0.088 s, 9-D 70 0.091 s,
// 10-D 50 0.080 s, 11-D 40 0.062 s, 12-D 50 0.50 s, 13-D 30 0.049 s, 16-D 30 0.24 s. A
// 16-objective optimize run with a 5 s budget spent over 180 s in its exact report.
std::size_t exact_front_limit(std::size_t dims) {
  static constexpr std::size_t kLimits[] = {5000, 1500, 500, 200, 100, 70, 50, 40, 30};  // 4..12
  if (dims <= 3) return static_cast<std::size_t>(-1);
  return dims - 4 < sizeof kLimits / sizeof kLimits[0] ? kLimits[dims - 4] : 25;
}

ReportedHypervolume reported_hypervolume(const pareto::Points& front,
                                         const std::vector<double>& reference, std::uint64_t seed) {
  const std::size_t d = front.dims, f = front.size();
  if (f <= exact_front_limit(d)) return {pareto::hypervolume(front, reference), 0, 0.0};
  const std::size_t samples = std::clamp<std::size_t>(50000000 / (f * d), 1000, 100000);
  const auto estimate = pareto::hypervolume_monte_carlo(front, reference, samples, seed, false);
  return {estimate.estimate, estimate.samples, estimate.standard_error};
}

pareto::Points sorted_subset(const pareto::Points& points, std::vector<std::size_t> rows) {
  std::sort(rows.begin(), rows.end());
  return points.subset(rows);
}

}  // namespace greenfront::api::detail
