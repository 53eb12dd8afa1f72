// Tests for greenfront/pareto/normal.h and ehvi.h.
//
// Oracles, all independent of the code under test:
//   - Φ, φ and E[(t - Y)+] against 17-digit values from mpmath at 40 digits
//     (mp.ncdf, mp.npdf, (t - μ)·ncdf(z) + σ·npdf(z));
//   - hypervolumes by brute force on the coordinate grid (every cell of the grid spanned by
//     the points' coordinates is dominated or not: O(n^(d+1)), exact, small sets only);
//   - 2-D improvements for Monte-Carlo checks by clipping the front to the candidate's
//     orthant and sweeping (a different algorithm from the strip prefix sums);
//   - the empty-front EHVI in closed form with std::erfc / std::exp (test-only libm).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "greenfront/pareto/ehvi.h"
#include "greenfront/pareto/normal.h"
#include "greenfront/random.h"

namespace {

using greenfront::Rng;
using namespace greenfront::pareto;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double relative_error(double ours, double exact) {
  if (ours == exact) return 0.0;
  return std::fabs(ours - exact) / std::fabs(exact);
}

/// Exact hypervolume by brute force on the coordinate grid (small sets only).
double grid_hypervolume(const Points& points, const std::vector<double>& ref) {
  const std::size_t d = ref.size();
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool in = true;
    for (std::size_t k = 0; k < d; ++k) in = in && points.at(i, k) < ref[k];
    if (in) keep.push_back(i);
  }
  if (keep.empty()) return 0.0;
  std::vector<std::vector<double>> grid(d);
  for (std::size_t k = 0; k < d; ++k) {
    for (std::size_t i : keep) grid[k].push_back(points.at(i, k));
    grid[k].push_back(ref[k]);
    std::sort(grid[k].begin(), grid[k].end());
    grid[k].erase(std::unique(grid[k].begin(), grid[k].end()), grid[k].end());
  }
  std::vector<std::size_t> cell(d, 0);
  double total = 0.0;
  for (;;) {
    bool interior = true;
    for (std::size_t k = 0; k < d; ++k) interior = interior && cell[k] + 1 < grid[k].size();
    if (interior) {
      bool dominated = false;
      for (std::size_t i : keep) {
        bool all = true;
        for (std::size_t k = 0; k < d; ++k) all = all && points.at(i, k) <= grid[k][cell[k]];
        dominated = dominated || all;
      }
      if (dominated) {
        double v = 1.0;
        for (std::size_t k = 0; k < d; ++k) v *= grid[k][cell[k] + 1] - grid[k][cell[k]];
        total += v;
      }
    }
    std::size_t k = 0;
    for (; k < d; ++k) {
      if (++cell[k] < grid[k].size()) break;
      cell[k] = 0;
    }
    if (k == d) return total;
  }
}

Points merged(const Points& a, const Points& b) {
  Points out = a;
  out.values.insert(out.values.end(), b.values.begin(), b.values.end());
  return out;
}

double grid_improvement(const Points& front, const Points& batch, const std::vector<double>& ref) {
  return grid_hypervolume(merged(front, batch), ref) - grid_hypervolume(front, ref);
}

/// 2-D improvement of y: the box [y, r] minus the part of it the front dominates, which is
/// the hypervolume of the front clipped to max(p, y), found by a sort-and-sweep.
double clipped_improvement_2d(const Points& front, double y1, double y2, double r1, double r2) {
  if (!(y1 < r1 && y2 < r2)) return 0.0;
  std::vector<std::pair<double, double>> clipped;
  for (std::size_t i = 0; i < front.size(); ++i) {
    const double a = std::max(front.at(i, 0), y1);
    const double b = std::max(front.at(i, 1), y2);
    if (a < r1 && b < r2) clipped.emplace_back(a, b);
  }
  std::sort(clipped.begin(), clipped.end());
  double covered = 0.0;
  double best = r2;
  for (const auto& [a, b] : clipped) {
    if (b < best) {
      covered += (r1 - a) * (best - b);
      best = b;
    }
  }
  return (r1 - y1) * (r2 - y2) - covered;
}

/// n points with coordinates in [0, 1); `ties` rounds them to fifths so that equal
/// coordinates and duplicate points occur.
Points random_points(Rng& rng, std::size_t n, std::size_t dims, bool ties) {
  Points out(dims);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> row(dims);
    double sum = 0.0;
    for (double& v : row) {
      v = rng.uniform01();
      sum += v;
    }
    // Half the points on the simplex (mutually non-dominated), half uniform.
    if (i % 2 == 0)
      for (double& v : row) v /= sum;
    if (ties)
      for (double& v : row) v = std::floor(v * 5.0) / 5.0;
    out.push_back(row);
  }
  return out;
}

/// The test front of the 2-D EHVI checks: 6 points on a convex curve, ref (5, 5).
Points curve_front() {
  return Points(2, {0.5, 4.0, 1.0, 2.5, 1.8, 1.9, 2.6, 1.2, 3.5, 0.8, 4.4, 0.3});
}

/// ψ(t) = E[(t - Y)+], Y ~ N(μ, σ²), with the C library's erfc and exp. Below z = -3 the
/// textbook (t - μ)Φ(z) + σφ(z) cancels (to ~1/z² of its terms), so there, with y = -z,
/// ψ/σ = φ(y)(1 - y M(y)) where the Mills ratio M(y) = 1/(y + c) and
/// c = 1/(y + 2/(y + 3/(y + ...))) (Laplace's continued fraction), so 1 - y M = c/(y + c).
double hand_psi(double t, double mu, double sigma) {
  const double z = (t - mu) / sigma;
  const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
  if (z >= -3.0) return (t - mu) * 0.5 * std::erfc(-z / std::sqrt(2.0)) + sigma * pdf;
  const double y = -z;
  double tail = 0.0;  // evaluated backwards from depth 500
  for (int k = 500; k >= 2; --k) tail = k / (y + tail);
  const double c = 1.0 / (y + tail);
  return sigma * pdf * (c / (y + c));
}

}  // namespace

TEST_CASE("normal cdf and pdf match high-precision values", "[pareto][normal]") {
  struct Row {
    double z, cdf, pdf;
  };
  // mpmath (40 digits): ncdf(z), npdf(z).
  const Row rows[] = {
      {0.0, 0.5, 0.39894228040143268},
      {1.0, 0.84134474606854295, 0.24197072451914335},
      {-1.0, 0.15865525393145705, 0.24197072451914335},
      {0.5, 0.6914624612740131, 0.35206532676429948},
      {-0.5, 0.3085375387259869, 0.35206532676429948},
      {2.0, 0.97724986805182079, 0.053990966513188052},
      {-2.0, 0.022750131948179207, 0.053990966513188052},
      {3.0, 0.99865010196836991, 0.0044318484119380072},
      {-3.0, 0.0013498980316300945, 0.0044318484119380072},
      {5.0, 0.99999971334842812, 1.4867195147342977e-6},
      {-5.0, 2.8665157187919391e-7, 1.4867195147342977e-6},
      {-10.0, 7.6198530241605261e-24, 7.6945986267064193e-23},
      {-20.0, 2.7536241186062337e-89, 5.5209483621597632e-88},
      {-30.0, 4.9067139271481871e-198, 1.4736461348785475e-196},
      {-37.0, 5.7255712225245768e-300, 2.1200065515246056e-298},
      {8.0, 0.99999999999999938, 5.0522710835368923e-15},
      // Arguments whose square is not a double: an ulp lost in z² would show at 1e-14.
      {-0.3217, 0.37383998892439495, 0.3788238422198474},
      {0.9876, 0.83832570685310489, 0.24497100724762474},
      {-1.2345, 0.10850832336267017, 0.18620004765500957},
      {-4.4321, 4.665985822390019e-6, 2.1645916444147608e-5},
      {-7.7777, 3.6927476871952603e-15, 2.9181332786416151e-14},
      {-12.345, 2.591712067896197e-35, 3.2201956822433598e-34},
      {-27.89, 1.763874273636344e-171, 4.9257535883566764e-170},
      {-35.1, 3.3703796826849876e-270, 1.1839619382532386e-268},
      {6.283, 0.99999999983394947, 1.0685288583999524e-9},
  };
  // Measured worst case over 3400 points in [-38, 9]: 5.5e-16 (cdf), 4.3e-16 (pdf).
  for (const Row& r : rows) {
    INFO("z = " << r.z);
    CHECK(relative_error(normal_cdf(r.z), r.cdf) < 1e-15);
    CHECK(relative_error(normal_pdf(r.z), r.pdf) < 1e-15);
  }
  // Symmetry: Φ(z) + Φ(-z) = 1 (the upper tail is 1 - lower tail, so within an ulp).
  for (double z = 0.0; z < 8.0; z += 0.37)
    CHECK(std::fabs(normal_cdf(z) + normal_cdf(-z) - 1.0) < 3e-16);
  CHECK(normal_cdf(-40.0) == 0.0);
  CHECK(normal_cdf(9.0) == 1.0);
  CHECK(normal_cdf(kInf) == 1.0);
  CHECK(normal_cdf(-kInf) == 0.0);
  CHECK(normal_pdf(kInf) == 0.0);
  CHECK(normal_pdf(-kInf) == 0.0);
  CHECK(std::isnan(normal_cdf(kNaN)));
  CHECK(std::isnan(normal_pdf(kNaN)));
}

TEST_CASE("normal expected improvement matches high-precision values", "[pareto][normal]") {
  struct Row {
    double t, mu, sigma, value;
  };
  // mpmath (40 digits): (t - μ) ncdf(z) + σ npdf(z), z = (t - μ)/σ.
  const Row rows[] = {
      {1.0, 0.0, 1.0, 1.0833154705876863},       {0.0, 1.0, 2.0, 0.39559311480261206},
      {2.0, -1.0, 0.5, 3.0000000000781785},      {-4.0, 0.0, 1.0, 7.1452584324056668e-6},
      {-20.0, 0.0, 1.0, 1.3700124947295799e-90}, {-30.0, 0.0, 1.0, 1.6319567340914012e-199},
      {-1.0, 3.0, 0.25, 9.9059217645238185e-60}, {3.5, 3.0, 1e-3, 0.5},
  };
  // Near z = -4 the two terms cancel to ~1/z² of their size (~1.2 digits); in the far tail
  // (z < -√32) the value is formed without cancellation.
  for (const Row& r : rows) {
    INFO("t = " << r.t << " mu = " << r.mu << " sigma = " << r.sigma);
    CHECK(relative_error(normal_expected_improvement(r.t, r.mu, r.sigma), r.value) < 3e-14);
  }
  CHECK(normal_expected_improvement(3.0, 1.0, 0.0) == 2.0);  // deterministic (t - μ)+
  CHECK(normal_expected_improvement(1.0, 3.0, 0.0) == 0.0);
  CHECK(normal_expected_improvement(1.0, 3.0, -1.0) == 0.0);
  CHECK(std::isnan(normal_expected_improvement(kNaN, 0.0, 1.0)));
}

TEST_CASE("Front2d improvement equals the brute-force hypervolume difference", "[pareto][ehvi]") {
  Rng rng(11);
  const std::vector<double> ref{1.1, 1.2};
  for (int trial = 0; trial < 60; ++trial) {
    const Points front =
        random_points(rng, 1 + static_cast<std::size_t>(trial % 9), 2, trial % 3 == 0);
    const Front2d fast(front, ref);
    CHECK(fast.hypervolume() == Approx(grid_hypervolume(front, ref)).margin(1e-14));
    for (int c = 0; c < 12; ++c) {
      // Candidates spread beyond the reference and onto front coordinates (ties).
      double y1 = 1.3 * rng.uniform01() - 0.1;
      double y2 = 1.3 * rng.uniform01() - 0.1;
      if (c == 0) y1 = front.at(0, 0);
      if (c == 1) y2 = front.at(0, 1);
      if (c == 2) {
        y1 = front.at(0, 0);
        y2 = front.at(0, 1);
      }
      const Points one(2, {y1, y2});
      const double expected = grid_improvement(front, one, ref);
      CHECK(fast.improvement(y1, y2) == Approx(expected).margin(1e-14));
      CHECK(hypervolume_improvement(front, one, ref) == Approx(expected).margin(1e-14));
    }
  }
  // A point on the front improves nothing; one left of every point fills its strip.
  const Front2d fast(curve_front(), {5.0, 5.0});
  CHECK(fast.improvement(1.8, 1.9) == 0.0);
  CHECK(fast.improvement(0.0, 4.5) == Approx(0.5 * 0.5).epsilon(1e-15));  // [0, .5]x[4.5, 5]
  CHECK(fast.improvement(6.0, 0.0) == 0.0);                               // beyond the ref
  CHECK(fast.improvement(kNaN, 0.0) == 0.0);
}

TEST_CASE("exact 2-D EHVI agrees with a 200k-draw Monte-Carlo average", "[pareto][ehvi]") {
  const Points front = curve_front();
  const std::vector<double> ref{5.0, 5.0};
  const Front2d fast(front, ref);
  struct Prediction {
    double mean[2], sd[2];
  };
  // A point near the front, one behind it, and one with a deterministic f1.
  const Prediction cases[] = {
      {{1.6, 1.7}, {0.6, 0.5}},
      {{3.0, 2.5}, {0.8, 1.1}},
      {{2.0, 1.0}, {0.0, 0.7}},
  };
  Rng rng(2024);
  const int draws = 200000;
  for (const Prediction& p : cases) {
    double sum = 0.0;
    double sum_sq = 0.0;
    for (int s = 0; s < draws; ++s) {
      const double y1 = p.mean[0] + p.sd[0] * rng.normal();
      const double y2 = p.mean[1] + p.sd[1] * rng.normal();
      const double v = clipped_improvement_2d(front, y1, y2, ref[0], ref[1]);
      sum += v;
      sum_sq += v * v;
    }
    const double mean = sum / draws;
    const double standard_error = std::sqrt((sum_sq / draws - mean * mean) / draws);
    const double exact = fast.ehvi(p.mean, p.sd);
    INFO("exact " << exact << " mc " << mean << " se " << standard_error);
    CHECK(std::fabs(exact - mean) < 4.0 * standard_error);
    CHECK(expected_hypervolume_improvement_2d(front, ref, p.mean, p.sd) == exact);
  }
}

TEST_CASE("EHVI equals the full strip sum evaluated with the C library", "[pareto][ehvi]") {
  // Σ over all n + 1 strips of (ψ1(right) - ψ1(left)) ψ2(height), each ψ from std::erfc:
  // checks that summing outwards from the mean and stopping at negligible bounds loses
  // nothing, down to candidates far behind the front (EHVI ~ 1e-12).
  const Points front = curve_front();
  const std::vector<double> xs{0.5, 1.0, 1.8, 2.6, 3.5, 4.4};
  const std::vector<double> hs{5.0, 4.0, 2.5, 1.9, 1.2, 0.8, 0.3};
  const Front2d fast(front, {5.0, 5.0});
  Rng rng(8);
  for (int trial = 0; trial < 200; ++trial) {
    const double mean[2] = {6.0 * rng.uniform01() - 0.5, 6.0 * rng.uniform01() - 0.5};
    const double sd[2] = {0.02 + 0.5 * rng.uniform01(), 0.02 + 0.5 * rng.uniform01()};
    double full = 0.0;
    double left = 0.0;
    for (std::size_t k = 0; k <= xs.size(); ++k) {
      const double right = hand_psi(k < xs.size() ? xs[k] : 5.0, mean[0], sd[0]);
      full += (right - left) * hand_psi(hs[k], mean[1], sd[1]);
      left = right;
    }
    if (full < 1e-250) continue;  // the C library's terms have underflowed
    INFO("mean " << mean[0] << " " << mean[1] << " sd " << sd[0] << " " << sd[1]);
    CHECK(fast.ehvi(mean, sd) == Approx(full).epsilon(1e-12));  // measured worst 4.3e-14
  }
}

TEST_CASE("EHVI of an empty front is the product of one-dimensional expectations",
          "[pareto][ehvi]") {
  // With no front the improvement is (r1 - y1)+ (r2 - y2)+, and the two factors are
  // independent: EHVI = E[(r1 - Y1)+] E[(r2 - Y2)+], E[(r - Y)+] = (r - μ)Φ(z) + σφ(z),
  // z = (r - μ)/σ (the Gaussian partial expectation).
  const std::vector<double> ref{2.0, 3.0};
  const double mean[2] = {1.2, 3.4};
  const double sd[2] = {0.7, 0.9};
  const double expected = hand_psi(2.0, 1.2, 0.7) * hand_psi(3.0, 3.4, 0.9);
  CHECK(Front2d(Points(2), ref).ehvi(mean, sd) == Approx(expected).epsilon(1e-13));
  CHECK(Front2d().ehvi(mean, sd) == 0.0);  // no reference: no region
  // A front entirely outside the reference is the empty front.
  const Points outside(2, {2.5, 0.0, 0.0, 3.5});
  CHECK(Front2d(outside, ref).ehvi(mean, sd) == Approx(expected).epsilon(1e-13));
}

TEST_CASE("EHVI tends to the improvement as sd goes to 0 and grows with a better mean",
          "[pareto][ehvi]") {
  const Front2d fast(curve_front(), {5.0, 5.0});
  const double zero[2] = {0.0, 0.0};
  for (double m1 = -0.5; m1 < 5.5; m1 += 0.45) {
    for (double m2 = -0.5; m2 < 5.5; m2 += 0.55) {
      const double mean[2] = {m1, m2};
      const double tiny[2] = {1e-9, 2e-9};
      const double hvi = fast.improvement(m1, m2);
      CHECK(fast.ehvi(mean, zero) == Approx(hvi).margin(1e-13));
      CHECK(fast.ehvi(mean, tiny) == Approx(hvi).margin(1e-8));
    }
  }
  // Moving the mean towards the ideal point never lowers EHVI (Emmerich et al. 2011, §III).
  const double sd[2] = {0.4, 0.3};
  double previous = -1.0;
  for (double t = 5.5; t > -1.0; t -= 0.25) {
    const double mean[2] = {t, 0.8 * t};
    const double value = fast.ehvi(mean, sd);
    CHECK(value >= previous);
    previous = value;
  }
  // Non-finite predictions give 0 rather than NaN.
  const double bad_mean[2] = {kNaN, 1.0};
  const double bad_sd[2] = {0.1, kInf};
  const double ok_mean[2] = {1.0, 1.0};
  CHECK(fast.ehvi(bad_mean, sd) == 0.0);
  CHECK(fast.ehvi(ok_mean, bad_sd) == 0.0);
}

TEST_CASE("batch improvement equals the brute-force union in 1 to 4 objectives", "[pareto][ehvi]") {
  Rng rng(7);
  for (std::size_t dims = 1; dims <= 4; ++dims) {
    const std::vector<double> ref(dims, 1.05);
    for (int trial = 0; trial < 30; ++trial) {
      const std::size_t n = dims == 4 ? 5 : 2 + static_cast<std::size_t>(trial % 7);
      const Points front = random_points(rng, n, dims, trial % 4 == 1);
      const ImprovementRegion region(front, ref);
      if (dims == 3) CHECK(region.box_count() <= 2 * region.front().size() + 1);
      // q = 12 puts more than 8 candidates in some 3-D boxes (hypervolume of the clipped
      // points instead of inclusion–exclusion) and takes the 2-D merged sweep.
      for (std::size_t q : {1, 2, 3, 6, 12}) {
        if (dims == 4 && q > 3) continue;  // keeps the brute force small
        Points batch = random_points(rng, q, dims, trial % 4 == 1);
        for (double& v : batch.values) v = 1.2 * v - 0.05;  // some beyond the reference
        const double expected = grid_improvement(front, batch, ref);
        INFO("dims " << dims << " trial " << trial << " q " << q);
        CHECK(region.improvement(batch) == Approx(expected).margin(1e-13));
        CHECK(hypervolume_improvement(front, batch, ref) == Approx(expected).margin(1e-13));
      }
    }
  }
}

TEST_CASE("3-D box decomposition covers exactly the non-dominated region", "[pareto][ehvi]") {
  // Inside [L, r] the boxes' volume is vol([L, r]) - HV(front); L = -1 is below every point.
  Rng rng(99);
  const std::vector<double> ref{1.0, 1.0, 1.0};
  for (int trial = 0; trial < 25; ++trial) {
    const Points front = random_points(rng, 3 + static_cast<std::size_t>(trial), 3, trial % 2 == 0);
    const ImprovementRegion region(front, ref);
    // The improvement of L itself is its whole box minus what the front dominates.
    const Points corner(3, {-1.0, -1.0, -1.0});
    CHECK(region.improvement(corner) == Approx(8.0 - grid_hypervolume(front, ref)).margin(1e-13));
  }
}

TEST_CASE("Monte-Carlo EHVI with q = 1 approaches the exact 2-D EHVI", "[pareto][ehvi]") {
  const Points front = curve_front();
  const std::vector<double> ref{5.0, 5.0};
  const double mean[2] = {1.5, 1.6};
  const double sd[2] = {0.5, 0.6};
  Rng rng(5);
  const std::size_t draws = 40000;
  std::vector<Points> samples;
  double sum_sq = 0.0;
  double sum = 0.0;
  for (std::size_t s = 0; s < draws; ++s) {
    const double y1 = mean[0] + sd[0] * rng.normal();
    const double y2 = mean[1] + sd[1] * rng.normal();
    samples.emplace_back(2, std::vector<double>{y1, y2});
    const double v = clipped_improvement_2d(front, y1, y2, ref[0], ref[1]);
    sum += v;
    sum_sq += v * v;
  }
  const double oracle_mean = sum / static_cast<double>(draws);
  const double standard_error =
      std::sqrt((sum_sq / static_cast<double>(draws) - oracle_mean * oracle_mean) /
                static_cast<double>(draws));
  const double mc = monte_carlo_ehvi(front, samples, ref);
  CHECK(mc == Approx(oracle_mean).margin(1e-12));  // same draws, exact per-draw HVI
  CHECK(std::fabs(mc - Front2d(front, ref).ehvi(mean, sd)) < 4.0 * standard_error);
  // The stacked layout gives the same bits.
  Points stacked(2);
  for (const Points& p : samples) stacked.push_back(p.row(0));
  CHECK(MonteCarloEhvi(front, ref).value(stacked, 1) == mc);
}

TEST_CASE("qEHVI and qNEHVI average the exact joint improvement over draws", "[pareto][ehvi]") {
  Rng rng(31);
  for (std::size_t dims : {2, 3}) {
    const std::vector<double> ref(dims, 1.1);
    const Points front = random_points(rng, 6, dims, false);
    std::vector<Points> observed;
    std::vector<Points> candidates;
    for (int s = 0; s < 8; ++s) {
      Points noisy = front;
      for (double& v : noisy.values) v += 0.05 * rng.normal();
      observed.push_back(noisy);
      candidates.push_back(random_points(rng, 2, dims, false));
    }
    double ehvi_oracle = 0.0;
    double nehvi_oracle = 0.0;
    for (int s = 0; s < 8; ++s) {
      ehvi_oracle += grid_improvement(front, candidates[s], ref) / 8.0;
      nehvi_oracle += grid_improvement(observed[s], candidates[s], ref) / 8.0;
    }
    INFO("dims " << dims);
    CHECK(monte_carlo_ehvi(front, candidates, ref) == Approx(ehvi_oracle).margin(1e-13));
    CHECK(monte_carlo_nehvi(observed, candidates, ref) == Approx(nehvi_oracle).margin(1e-13));
    // With zero noise every draw's front is the front: qNEHVI is qEHVI, bit for bit.
    const std::vector<Points> same(8, front);
    CHECK(monte_carlo_nehvi(same, candidates, ref) == monte_carlo_ehvi(front, candidates, ref));
  }
}

TEST_CASE("pending points join every draw's front", "[pareto][ehvi]") {
  Rng rng(77);
  for (std::size_t dims : {2, 3}) {
    const std::vector<double> ref(dims, 1.1);
    const Points front = random_points(rng, 5, dims, false);
    std::vector<Points> observed(6, front);
    std::vector<Points> pending;
    std::vector<Points> others;
    for (int s = 0; s < 6; ++s) {
      pending.push_back(random_points(rng, 1, dims, false));
      others.push_back(random_points(rng, 1, dims, false));
    }
    MonteCarloEhvi mc(front, ref);
    NoisyEhvi noisy(observed, ref);
    const double before = mc.value(pending);
    mc.add_pending(pending);
    noisy.add_pending(pending);
    // Choosing the pending point again adds nothing.
    CHECK(mc.value(pending) == Approx(0.0).margin(1e-15));
    CHECK(noisy.value(pending) == Approx(0.0).margin(1e-15));
    CHECK(before > 0.0);
    // Another candidate is scored against front ∪ pending in its own draw.
    double oracle = 0.0;
    for (int s = 0; s < 6; ++s)
      oracle += grid_improvement(merged(front, pending[s]), others[s], ref) / 6.0;
    INFO("dims " << dims);
    CHECK(mc.value(others) == Approx(oracle).margin(1e-13));
    CHECK(noisy.value(others) == Approx(oracle).margin(1e-13));
    CHECK(noisy.draws() == 6);
  }
}

TEST_CASE("odd input gives zero or finite values without crashing", "[pareto][ehvi]") {
  const std::vector<double> ref{1.0, 1.0};
  const Points front(2, {0.2, 0.8, 0.5, 0.5, 0.5, 0.5, kNaN, 0.1, 0.9, 0.2});
  const Front2d fast(front, ref);
  CHECK(fast.size() == 3);  // the NaN row and the duplicate are dropped
  CHECK(hypervolume_improvement(front, Points(3, {0.1, 0.1, 0.1}), ref) == 0.0);  // dims
  CHECK(hypervolume_improvement(front, Points(2), ref) == 0.0);                   // no rows
  CHECK(hypervolume_improvement(front, Points(2, {0.1, 0.1}), {1.0}) == 0.0);     // ref size
  CHECK(Front2d(Points(3, {0.1, 0.1, 0.1}), ref).improvement(0.0, 0.0) == 0.0);
  CHECK(ImprovementRegion(front, {}).improvement(Points(2, {0.0, 0.0})) == 0.0);
  CHECK(ImprovementRegion(Points(), {1.0, 1.0}).improvement(Points(2, {0.0, 0.0})) == 1.0);
  const Points with_nan(2, {kNaN, 0.1, 0.1, 0.1});
  CHECK(fast.improvement(with_nan) == Approx(fast.improvement(0.1, 0.1)).margin(1e-15));
  CHECK(monte_carlo_ehvi(front, {}, ref) == 0.0);
  CHECK(monte_carlo_nehvi({}, {Points(2, {0.0, 0.0})}, ref) == 0.0);
  CHECK(MonteCarloEhvi(front, ref).value(Points(2, {0.0, 0.0}), 0) == 0.0);
  // A front of the wrong dims gives no region, and pending points do not revive it.
  MonteCarloEhvi wrong(Points(3, {0.1, 0.1, 0.1}), ref);
  wrong.add_pending({Points(2, {0.5, 0.5})});
  CHECK(wrong.value({Points(2, {0.0, 0.0})}) == 0.0);
  const std::vector<double> ref3{1.0, 1.0, 1.0};
  const Points dup3(3, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.2, 0.7, 0.5});
  const ImprovementRegion region3(dup3, ref3);
  CHECK(region3.front().size() == 2);
  CHECK(region3.improvement(Points(3, {0.5, 0.5, 0.5})) == 0.0);
  CHECK(region3.improvement(Points(3, {kInf, 0.0, 0.0})) == 0.0);
}
