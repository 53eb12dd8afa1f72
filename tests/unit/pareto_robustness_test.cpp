// Degenerate point sets in 1 to 10 objectives (issue 8, "numerical robustness"): a single
// point, all points equal, duplicates beside a dominated point, ties in all but one
// objective, points on the reference, huge and tiny magnitudes. Each expectation is
// worked out by hand in the comment above it, for every dimension d.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/hypervolume.h"

using namespace greenfront::pareto;

namespace {

Points rows(std::size_t d, const std::vector<std::vector<double>>& list) {
  Points p(d);
  for (const auto& r : list) p.push_back(r);
  return p;
}

std::vector<double> filled(std::size_t d, double v) { return std::vector<double>(d, v); }

}  // namespace

TEST_CASE("degenerate sets in 1 to 10 objectives", "[pareto][robustness]") {
  for (std::size_t d = 1; d <= 10; ++d) {
    INFO("objectives: " << d);
    const std::vector<double> ref = filled(d, 3.0);

    // One point at 1 everywhere: the front is it; the box to 3 has volume 2^d.
    const Points single = rows(d, {filled(d, 1.0)});
    CHECK(non_dominated(single) == std::vector<std::size_t>{0});
    CHECK(non_dominated_ranks(single) == std::vector<std::size_t>{0});
    CHECK(hypervolume(single, ref) == std::pow(2.0, static_cast<double>(d)));
    CHECK(hypervolume_contributions(single, ref) == std::vector<double>{std::pow(2.0, double(d))});

    // Five equal points: none dominates another, all are the front, the volume is one
    // point's and each contribution is 0 (removing one twin loses nothing).
    const Points equal = rows(d, std::vector<std::vector<double>>(5, filled(d, 2.0)));
    CHECK(non_dominated(equal) == std::vector<std::size_t>{0, 1, 2, 3, 4});
    CHECK(non_dominated_ranks(equal) == std::vector<std::size_t>(5, 0));
    CHECK(hypervolume(equal, ref) == 1.0);
    CHECK(hypervolume_contributions(equal, ref) == std::vector<double>(5, 0.0));

    // Twins at 1 and a point at 2: the twins are the front, the point the second front.
    const Points twins = rows(d, {filled(d, 1.0), filled(d, 2.0), filled(d, 1.0)});
    CHECK(non_dominated(twins) == std::vector<std::size_t>{0, 2});
    CHECK(non_dominated_ranks(twins) == std::vector<std::size_t>{0, 1, 0});
    CHECK(hypervolume(twins, ref) == std::pow(2.0, double(d)));

    // Equal in all objectives but the last, which is 1, 2, 0: only the 0 is non-dominated
    // (for d = 1 too); ranks follow the last objective. Volume: 2^(d-1) × 3.
    std::vector<double> a = filled(d, 1.0), b = a, c = a;
    b[d - 1] = 2.0;
    c[d - 1] = 0.0;
    const Points ties = rows(d, {a, b, c});
    CHECK(non_dominated(ties) == std::vector<std::size_t>{2});
    CHECK(non_dominated_ranks(ties) == std::vector<std::size_t>{1, 2, 0});
    CHECK(hypervolume(ties, ref) == std::pow(2.0, double(d - 1)) * 3.0);

    // A point on the reference in one objective encloses nothing; one beyond it neither.
    std::vector<double> on = filled(d, 1.0), beyond = filled(d, 1.0);
    on[0] = 3.0;
    beyond[0] = 4.0;
    CHECK(hypervolume(rows(d, {on}), ref) == 0.0);
    CHECK(hypervolume(rows(d, {beyond, on}), ref) == 0.0);

    // Huge and tiny magnitudes stay finite and exact where the arithmetic is: a point at
    // 1e-300 against a reference of 1e-299 has sides 9e-300 (subnormal products go to 0,
    // so only d = 1 is representable); 1e150 sides overflow to +inf beyond d = 2, which is
    // what IEEE says the volume is, not a NaN.
    const double tiny = hypervolume(rows(d, {filled(d, 1e-300)}), filled(d, 1e-299));
    CHECK(tiny >= 0.0);
    if (d == 1) CHECK(tiny == Approx(9e-300));
    const double huge = hypervolume(rows(d, {filled(d, -1e150)}), filled(d, 0.0));
    CHECK_FALSE(std::isnan(huge));
    if (d <= 2) CHECK(std::isfinite(huge));
  }
}
