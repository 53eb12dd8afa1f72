#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "greenfront/pareto/hypervolume.h"
#include "greenfront/pareto/problems.h"

using namespace greenfront::pareto;

namespace {

constexpr double kPi = 3.141592653589793;

Problem problem(const char* name, std::size_t d = 0, std::size_t m = 0) {
  const auto p = make_problem(name, d, m);
  REQUIRE(p);
  return *p;
}

/// x of size d with x[0] = first and every other coordinate `rest`.
std::vector<double> point(std::size_t d, double first, double rest) {
  std::vector<double> x(d, rest);
  x[0] = first;
  return x;
}

}  // namespace

TEST_CASE("portable sine matches the C library to 1e-15", "[pareto][problems]") {
  CHECK(portable_sin(0.0) == 0.0);
  CHECK(portable_sin(kPi / 6) == Approx(0.5).margin(1e-16));
  CHECK(portable_sin(kPi / 2) == Approx(1.0).margin(1e-16));
  // std::sin is only the oracle here; ZDT3 needs |x| <= 10 pi.
  for (double x = -40.0; x <= 40.0; x += 0.01) {
    if (std::fabs(portable_sin(x) - std::sin(x)) > 1e-14) FAIL("x = " << x);
    if (portable_sin(-x) != -portable_sin(x)) FAIL("odd symmetry at x = " << x);
  }
}

TEST_CASE("ZDT values at hand-computed points", "[pareto][problems]") {
  const Problem zdt1 = problem("ZDT1");
  CHECK(zdt1.num_variables == 30);
  // x = 0: g = 1, f = (0, 1 - sqrt(0)) = (0, 1).
  CHECK(zdt1.evaluate(std::vector<double>(30, 0.0)) == std::vector<double>{0.0, 1.0});
  // x0 = 0.25, rest 0: (0.25, 1 - 0.5).
  CHECK(zdt1.evaluate(point(30, 0.25, 0.0)) == std::vector<double>{0.25, 0.5});
  // x = 1: g = 1 + 9 = 10, f2 = 10 (1 - sqrt(0.1)) = 6.837722339831621.
  CHECK(zdt1.evaluate(std::vector<double>(30, 1.0))[1] ==
        Approx(10.0 * (1.0 - std::sqrt(0.1))).epsilon(1e-15));
  // ZDT2 at x0 = 0.5: 1 - 0.25.
  CHECK(problem("zdt2").evaluate(point(30, 0.5, 0.0))[1] == 0.75);
  // ZDT3 at x0 = 0.05 (sin(pi/2) = 1): 1 - sqrt(0.05) - 0.05 = 0.7263932022500210.
  CHECK(problem("zdt3").evaluate(point(30, 0.05, 0.0))[1] ==
        Approx(0.7263932022500210).epsilon(1e-15));
  // ZDT3 with g != 1 (d = 2, x1 = 1/9 -> g = 2): x0 = 0.5, r = 0.25, sin(5 pi) = 0,
  // f2 = 2 (1 - 0.5) = 1. The standard form keeps g on the whole bracket.
  CHECK(problem("zdt3", 2).evaluate({0.5, 1.0 / 9.0})[1] == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("DTLZ values at hand-computed points", "[pareto][problems]") {
  // Distance variables at 0.5 put DTLZ2 on the unit sphere: (cos(x0 pi/2), sin(x0 pi/2)).
  const Problem dtlz2 = problem("dtlz2", 6, 2);
  for (double x0 : {0.0, 0.2, 1.0 / 3.0, 0.5, 0.9, 1.0}) {
    const std::vector<double> f = dtlz2.evaluate(point(6, x0, 0.5));
    CHECK(f[0] == Approx(std::cos(x0 * kPi / 2)).margin(1e-15));
    CHECK(f[1] == Approx(std::sin(x0 * kPi / 2)).margin(1e-15));
    CHECK(f[0] * f[0] + f[1] * f[1] == Approx(1.0).epsilon(1e-15));
  }
  CHECK(dtlz2.evaluate(point(6, 0.0, 0.5))[1] == 0.0);  // sin(0) exactly
  // Distance variables at 0: g = 5 * 0.25 = 1.25, so f = 2.25 (1, 0) at x0 = 0.
  CHECK(dtlz2.evaluate(point(6, 0.0, 0.0))[0] == Approx(2.25).epsilon(1e-15));
  // Three objectives: f = (cos a cos b, cos a sin b, sin a) with a = x0 pi/2, b = x1 pi/2.
  const Problem dtlz2_3 = problem("dtlz2", 12, 3);
  std::vector<double> x(12, 0.5);
  x[0] = 0.3;
  x[1] = 0.7;
  const std::vector<double> f3 = dtlz2_3.evaluate(x);
  const double a = 0.3 * kPi / 2, b = 0.7 * kPi / 2;
  CHECK(f3[0] == Approx(std::cos(a) * std::cos(b)).margin(1e-15));
  CHECK(f3[1] == Approx(std::cos(a) * std::sin(b)).margin(1e-15));
  CHECK(f3[2] == Approx(std::sin(a)).margin(1e-15));

  // DTLZ1 with the distance variables at 0.5: g = 100 (k + k (0 - cos 0)) = 0, so the
  // objectives sum to 1/2.
  const Problem dtlz1 = problem("dtlz1", 6, 2);
  const std::vector<double> on = dtlz1.evaluate(point(6, 0.3, 0.5));
  CHECK(on[0] == Approx(0.15).epsilon(1e-15));
  CHECK(on[0] + on[1] == Approx(0.5).epsilon(1e-15));
  // At 0: each term (-1/2)^2 - cos(-10 pi) = -3/4, g = 100 (5 - 3.75) = 125, sum 63.
  const std::vector<double> off = dtlz1.evaluate(point(6, 0.3, 0.0));
  CHECK(off[0] + off[1] == Approx(63.0).epsilon(1e-13));
  const Problem dtlz1_3 = problem("dtlz1", 7, 3);
  std::vector<double> y(7, 0.5);
  y[0] = 0.2;
  y[1] = 0.6;
  const std::vector<double> g3 = dtlz1_3.evaluate(y);
  // (0.5 x0 x1, 0.5 x0 (1 - x1), 0.5 (1 - x0)) = (0.06, 0.04, 0.4).
  CHECK(g3[0] == Approx(0.06).epsilon(1e-14));
  CHECK(g3[1] == Approx(0.04).epsilon(1e-14));
  CHECK(g3[2] == Approx(0.4).epsilon(1e-14));
}

TEST_CASE("BraninCurrin matches Branin's minima and Currin's closed form", "[pareto][problems]") {
  const Problem bc = problem("BraninCurrin");
  // Branin's three global minima 0.397887 (Dixon & Szego 1978) at (-pi, 12.275),
  // (pi, 2.275), (9.42478, 2.475), mapped into [0,1]^2 by u = (x1 + 5) / 15, v = x2 / 15.
  const double minima[3][2] = {{-kPi, 12.275}, {kPi, 2.275}, {3 * kPi, 2.475}};
  for (const auto& m : minima) {
    CHECK(bc.evaluate({(m[0] + 5.0) / 15.0, m[1] / 15.0})[0] == Approx(0.397887).margin(1e-6));
  }
  // Currin at x0 = 0: 60 / 20 = 3 times (1 - exp(-1/(2 x1))); x1 = 1/2 -> 3 (1 - 1/e).
  CHECK(bc.evaluate({0.0, 0.5})[1] == Approx(3.0 * (1.0 - std::exp(-1.0))).epsilon(1e-15));
  // x1 = 0: the factor's limit 1; x0 = 1: 6352 / 624.
  CHECK(bc.evaluate({1.0, 0.0})[1] == Approx(6352.0 / 624.0).epsilon(1e-15));
}

TEST_CASE("VehicleSafety at the corners of its box", "[pareto][problems]") {
  const Problem vs = problem("vehicle_safety");
  // Sums of the coefficients at x = 1 (hand-added):
  //   f1 = 1640.2823 + 2.3573285 + 2.3220035 + 4.5688768 + 7.7213633 + 4.4559504
  //   f2 = 6.5856 + 1.15 - 1.0427 + 0.9738 + 0.8364 - 0.3695 + 0.0861 + 0.3628 - 0.1106
  //        - 0.3437 + 0.1764
  //   f3 = -0.0551 + 0.0181 + 0.1024 + 0.0421 - 0.0073 + 0.024 - 0.0118 - 0.0204 - 0.008
  //        - 0.0241 + 0.0109
  const std::vector<double> ones = vs.evaluate(std::vector<double>(5, 1.0));
  CHECK(ones[0] == Approx(1661.7078225).epsilon(1e-14));
  CHECK(ones[1] == Approx(8.3046).epsilon(1e-14));
  CHECK(ones[2] == Approx(0.0708).epsilon(1e-12));
  // At x = 3 linear terms triple and quadratic ones grow ninefold.
  const std::vector<double> threes = vs.evaluate(std::vector<double>(5, 3.0));
  CHECK(threes[0] == Approx(1640.2823 + 3 * 21.4255225).epsilon(1e-14));
  CHECK(threes[1] == Approx(6.5856 + 3 * (1.15 - 1.0427 + 0.9738 + 0.8364) +
                            9 * (-0.3695 + 0.0861 + 0.3628 - 0.1106 - 0.3437 + 0.1764))
                         .epsilon(1e-13));
}

TEST_CASE("make_problem validates names and sizes", "[pareto][problems]") {
  CHECK(problem("dtlz1").num_variables == 6);   // M + 4
  CHECK(problem("dtlz2").num_variables == 11);  // M + 9
  CHECK(problem("DTLZ2", 0, 3).num_variables == 12);
  CHECK(problem("zdt1", 2).num_variables == 2);
  CHECK(problem("branin-currin").name == "branin_currin");
  CHECK_FALSE(make_problem("zdt4"));
  CHECK_FALSE(make_problem("zdt1", 1));
  CHECK_FALSE(make_problem("zdt1", 30, 3));
  CHECK_FALSE(make_problem("dtlz2", 2, 3));  // d < M
  CHECK_FALSE(make_problem("dtlz2", 0, 1));
  CHECK_FALSE(make_problem("branin_currin", 3));
  CHECK_FALSE(make_problem("vehicle_safety", 5, 2));
  CHECK(problem_names().size() == 7);
  for (const std::string& name : problem_names()) CHECK(make_problem(name));
  // Optimal hypervolumes: pareto.md for M = 2, and the closed forms for M = 3:
  // DTLZ1 400^3 - (1/2)^3 / 3!, DTLZ2 1.1^3 - (4 pi / 3) / 8.
  CHECK(problem("dtlz1").max_hypervolume == 159999.875);
  CHECK(problem("dtlz2").max_hypervolume == Approx(1.21 - kPi / 4).epsilon(1e-15));
  CHECK(problem("dtlz1", 0, 3).max_hypervolume == Approx(64e6 - 0.125 / 6).margin(1e-6));
  CHECK(problem("dtlz2", 0, 3).max_hypervolume == Approx(1.331 - kPi / 6).epsilon(1e-14));
  CHECK(problem("zdt1").max_hypervolume == Approx(120.0 + 2.0 / 3.0).epsilon(1e-15));
  // Wrong-size input: NaNs, never a read past the end.
  const std::vector<double> bad = problem("zdt1").evaluate({0.5});
  REQUIRE(bad.size() == 2);
  CHECK(std::isnan(bad[0]));
  CHECK(problem("zdt1", 2).evaluate({-1.0, 2.0}) == problem("zdt1", 2).evaluate({0.0, 1.0}));
  // A hand-built problem with sizes its formula cannot take: NaNs, not a read past the end.
  Problem odd = problem("dtlz2");
  odd.num_variables = 1;
  odd.num_objectives = 3;
  odd.lower = {0.0};
  odd.upper = {1.0};
  const std::vector<double> nans = odd.evaluate({0.5});
  REQUIRE(nans.size() == 3);
  CHECK(std::isnan(nans[2]));
}

TEST_CASE("front samples lie on the front and evaluate to themselves", "[pareto][problems]") {
  for (const char* name : {"zdt1", "zdt2", "zdt3"}) {
    const Problem p = problem(name);
    const Points front = pareto_front_sample(p, 200);
    REQUIRE(front.size() == 200);
    for (std::size_t i = 0; i < front.size(); ++i) {
      // x0 = f1 with the rest at 0 (g = 1) is the Pareto-optimal preimage.
      const std::vector<double> f = p.evaluate(point(30, front.at(i, 0), 0.0));
      CHECK(f[1] == Approx(front.at(i, 1)).margin(1e-15));
    }
  }
  const Problem dtlz2 = problem("dtlz2", 0, 3);
  const Points sphere = pareto_front_sample(dtlz2, 300, 5);
  REQUIRE(sphere.size() == 300);
  for (std::size_t i = 0; i < sphere.size(); ++i) {
    const double* f = sphere.row(i);
    CHECK(f[0] * f[0] + f[1] * f[1] + f[2] * f[2] == Approx(1.0).epsilon(1e-14));
    CHECK((f[0] >= 0 && f[1] >= 0 && f[2] >= 0));
  }
  const Points simplex = pareto_front_sample(problem("dtlz1", 0, 4), 300, 5);
  for (std::size_t i = 0; i < simplex.size(); ++i) {
    const double* f = simplex.row(i);
    CHECK(f[0] + f[1] + f[2] + f[3] == Approx(0.5).epsilon(1e-14));
  }
  CHECK(pareto_front_sample(problem("vehicle_safety"), 10).empty());
}

TEST_CASE("ZDT3 front sample is not dominated by any point of the curve", "[pareto][problems]") {
  // Oracle: the curve f2 = 1 - sqrt(f1) - f1 sin(10 pi f1) on a 20001-point grid; a sample
  // point is off the front if a grid point beats it by more than rounding in both.
  const Points front = pareto_front_sample(problem("zdt3"), 500);
  std::vector<double> grid_f2(20001);
  for (std::size_t j = 0; j < grid_f2.size(); ++j) {
    const double t = j / 20000.0;
    grid_f2[j] = 1.0 - std::sqrt(t) - t * std::sin(10.0 * kPi * t);
  }
  for (std::size_t i = 0; i < front.size(); ++i) {
    const double f1 = front.at(i, 0), f2 = front.at(i, 1);
    for (std::size_t j = 0; j < grid_f2.size(); ++j) {
      const double t = j / 20000.0;
      if (t < f1 - 1e-12 && grid_f2[j] < f2 - 1e-12) FAIL("point " << i << " dominated by t=" << t);
    }
  }
}

TEST_CASE("hypervolume of dense front samples approaches the optimal hypervolume",
          "[pareto][problems]") {
  // 1000 points on the front: never above the optimum, and close below it. Relative gaps
  // measured: ZDT1 4.2e-6, ZDT2 4.2e-6, ZDT3 1.9e-6, DTLZ1 7.8e-10, DTLZ2 9.3e-4 (a
  // concave front leaves a corner above each step of the staircase). For DTLZ2 with
  // M = 3 the 1000 random points leave 3.7% (even a low-discrepancy set of 1000 leaves
  // 2.9%: the corners of a concave surface), so that case only checks the 5% level.
  struct Case {
    const char* name;
    std::size_t m;
    double tolerance;
  };
  for (const Case& c : {Case{"zdt1", 2, 1e-3}, Case{"zdt2", 2, 1e-3}, Case{"zdt3", 2, 1e-3},
                        Case{"dtlz1", 2, 1e-3}, Case{"dtlz2", 2, 2e-3}, Case{"dtlz2", 3, 5e-2}}) {
    INFO(c.name << " M=" << c.m);
    const Problem p = problem(c.name, 0, c.m);
    const double hv = hypervolume(pareto_front_sample(p, 1000), p.reference_point);
    CHECK(hv <= p.max_hypervolume * (1 + 1e-12));
    CHECK(hv >= p.max_hypervolume * (1 - c.tolerance));
  }
}
