#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "../../core/src/pareto/lbfgs.h"  // private to the core: the GP's optimizer
#include "greenfront/pareto/gp.h"
#include "greenfront/random.h"

using namespace greenfront;
using namespace greenfront::pareto;

namespace {

/// n points in [0,1]^d, one per stratum in every column (Latin hypercube, McKay et al. 1979).
Eigen::MatrixXd latin_hypercube(int n, int d, Rng& rng) {
  Eigen::MatrixXd x(n, d);
  for (int k = 0; k < d; ++k) {
    std::vector<int> perm(n);
    for (int i = 0; i < n; ++i) perm[i] = i;
    for (int i = n - 1; i > 0; --i) {  // Fisher–Yates
      const int j = static_cast<int>(rng.uniform01() * (i + 1));
      std::swap(perm[i], perm[j]);
    }
    for (int i = 0; i < n; ++i) x(i, k) = (perm[i] + rng.uniform01()) / n;
  }
  return x;
}

Eigen::MatrixXd uniform_points(int n, int d, Rng& rng) {
  Eigen::MatrixXd x(n, d);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) x(i, k) = rng.uniform01();
  return x;
}

/// Branin on [0,1]² mapped to x1 ∈ [−5, 10], x2 ∈ [0, 15] (Dixon & Szegő 1978 form).
double branin(double u, double v) {
  const double pi = 3.14159265358979323846;
  const double x1 = -5.0 + 15.0 * u;
  const double x2 = 15.0 * v;
  const double t = x2 - 5.1 / (4 * pi * pi) * x1 * x1 + 5.0 / pi * x1 - 6.0;
  return t * t + 10.0 * (1.0 - 1.0 / (8 * pi)) * std::cos(x1) + 10.0;
}

GpHyperparameters hyper(std::vector<double> length_scales, double signal, double noise) {
  GpHyperparameters h;
  h.length_scales = std::move(length_scales);
  h.signal_variance = signal;
  h.noise_variance = noise;
  return h;
}

/// The three-point toy shared by the hand-computed tests.
struct Toy {
  Eigen::MatrixXd x{3, 1};
  Eigen::VectorXd y{3};
  GpHyperparameters h = hyper({0.5}, 1.5, 0.05);
  Toy() {
    x << 0.0, 0.4, 1.0;
    y << 1.0, 3.0, 2.0;
  }
};

}  // namespace

TEST_CASE("Matern 5/2 correlation matches hand values", "[pareto][gp]") {
  // (1 + √5 r + 5r²/3) e^{−√5 r}, evaluated in Python with math.exp.
  CHECK(matern52(0.0) == 1.0);
  CHECK(matern52(0.1) == Approx(0.9917592361711776).epsilon(1e-14));
  CHECK(matern52(0.5) == Approx(0.8286491424181253).epsilon(1e-14));
  CHECK(matern52(1.0) == Approx(0.5239941088318203).epsilon(1e-14));
  CHECK(matern52(2.0) == Approx(0.13866021913850426).epsilon(1e-14));
  CHECK(matern52(-1.0) == matern52(1.0));
}

TEST_CASE("posterior of a three point toy matches an adjugate inverse", "[pareto][gp]") {
  // y = {1, 3, 2}: mean 2, sample sd 1, so standardized y = {−1, 1, 0}. K⁻¹ by the
  // adjugate formula in Python (no Cholesky), then eq. 2.25–2.26 for x* = {0.2, 0.7}.
  const Toy toy;
  const GaussianProcess gp = GaussianProcess::condition(toy.x, toy.y, toy.h);
  REQUIRE(gp.ok());
  CHECK(gp.output_mean() == 2.0);
  CHECK(gp.output_scale() == 1.0);
  Eigen::MatrixXd at(2, 1);
  at << 0.2, 0.7;
  Eigen::VectorXd mean, var;
  Eigen::MatrixXd cov;
  gp.predict_joint(at, mean, cov);
  CHECK(mean[0] == Approx(2.037891773202705).epsilon(1e-12));
  CHECK(mean[1] == Approx(2.7831033488469767).epsilon(1e-12));
  CHECK(cov(0, 0) == Approx(0.1005645957539516).epsilon(1e-11));
  CHECK(cov(1, 1) == Approx(0.2548997260835928).epsilon(1e-11));
  CHECK(cov(0, 1) == Approx(-0.0424912227758375).epsilon(1e-11));
  CHECK(cov(1, 0) == cov(0, 1));
  // −½ yᵀK⁻¹y − ½ log det K − (3/2) log 2π with det K from the same cofactor expansion.
  CHECK(gp.log_marginal_likelihood() == Approx(-4.981180965975456).epsilon(1e-12));
  CHECK(gp_log_marginal_likelihood(toy.x, Eigen::Vector3d(-1, 1, 0), toy.h) ==
        Approx(-4.981180965975456).epsilon(1e-12));
  // The one-point path and the joint path run the same operations: same bits.
  gp.predict(at, mean, var);
  CHECK(var[0] == cov(0, 0));
  CHECK(var[1] == cov(1, 1));
  CHECK(mean[0] == Approx(2.037891773202705).epsilon(1e-12));
}

TEST_CASE("cross covariance of a three point toy matches an adjugate inverse", "[pareto][gp]") {
  // Σ_ab = k(a, b) − k(a, X) K⁻¹ k(X, b) with K⁻¹ by the adjugate formula in mpmath at 40
  // digits (no Cholesky); the same script reproduces the toy's predict_joint values above
  // (cov(0.2, 0.7) = −0.04249122277583720). b holds the training input 0.4.
  const Toy toy;
  const GaussianProcess gp = GaussianProcess::condition(toy.x, toy.y, toy.h);
  REQUIRE(gp.ok());
  Eigen::MatrixXd a(2, 1), b(3, 1);
  a << 0.2, 0.7;
  b << 0.25, 0.9, 0.4;
  const Eigen::MatrixXd cross = gp.cross_covariance(a, b);
  REQUIRE(cross.rows() == 2);
  REQUIRE(cross.cols() == 3);
  // The entries are differences of terms of size ~1 (k(a, b) ~ 1.3, the correction
  // ~1.2), and K's condition number is ~60, so ~1e-13 relative is what double rounding
  // leaves; 1e-11 as for the toy's other covariances.
  const double expected[2][3] = {
      {0.094176133914036827, -0.017923154454950946, 0.027717260047005211},
      {-0.038813122854205761, 0.1297443574451027, 0.031641367369001801}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) CHECK(cross(i, j) == Approx(expected[i][j]).epsilon(1e-11));
  // Symmetry: Σ_ba = Σ_abᵀ, to the bit (the kernel and every sum are symmetric in a and b).
  const Eigen::MatrixXd back = gp.cross_covariance(b, a);
  CHECK(back == cross.transpose());
  // With the baseline b prepared once, the candidates a get predict()'s mean and variance.
  const GaussianProcess::BaselineCache cache = gp.prepare_baseline(b);
  CHECK(cache.size() == 3);
  Eigen::VectorXd mean, var, mean_p, var_p;
  Eigen::MatrixXd cross_c;
  gp.predict_with_cross(a, cache, mean, var, cross_c);
  gp.predict(a, mean_p, var_p);
  CHECK(cross_c == cross);
  CHECK(mean == mean_p);
  CHECK(var == var_p);
}

TEST_CASE("predict with cross equals predict joint on the stacked rows", "[pareto][gp]") {
  // The qNEHVI shape in small: candidates c (70 rows: two full blocks of 32 and a partial
  // one) against a baseline O (7 rows: a group of four and a partial group). The joint
  // posterior of [O; c] holds Σ_cO as its lower-left block. Both paths run the same
  // operations in the same order (the same forward substitution per point, one running sum
  // over the training index per entry, the same kernel value), so they agree to the bit;
  // two independent algorithms would agree only to ~κ(K)·ε·n ~ 1e-12 relative.
  Rng rng(29);
  const int n = 40, d = 3;
  const Eigen::MatrixXd x = uniform_points(n, d, rng);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) y[i] = std::sin(3 * x(i, 0)) + x(i, 1) * x(i, 2) + 0.1 * rng.normal();
  const GaussianProcess gp = GaussianProcess::condition(x, y, hyper({0.4, 0.6, 0.8}, 1.3, 0.01));
  REQUIRE(gp.ok());
  Eigen::MatrixXd baseline = uniform_points(7, d, rng);
  Eigen::MatrixXd candidates = uniform_points(70, d, rng);
  candidates.row(5) = baseline.row(2);  // a candidate that is a baseline point
  candidates.row(40) = x.row(7);        // and one that is a training point
  Eigen::MatrixXd stacked(77, d);
  stacked << baseline, candidates;
  Eigen::VectorXd joint_mean;
  Eigen::MatrixXd joint_cov;
  gp.predict_joint(stacked, joint_mean, joint_cov);

  Eigen::VectorXd mean, var;
  Eigen::MatrixXd cross;
  gp.predict_with_cross(candidates, baseline, mean, var, cross);
  REQUIRE(cross.rows() == 70);
  REQUIRE(cross.cols() == 7);
  for (int j = 0; j < 70; ++j) {
    CHECK(mean[j] == joint_mean[7 + j]);
    CHECK(var[j] == joint_cov(7 + j, 7 + j));
    for (int o = 0; o < 7; ++o) CHECK(cross(j, o) == joint_cov(7 + j, o));
  }
  // The copy of a baseline point covaries with it by that point's variance.
  CHECK(cross(5, 2) == Approx(joint_cov(2, 2)).epsilon(1e-12));
  CHECK(cross(5, 2) > 0.0);
  CHECK(gp.cross_covariance(candidates, baseline) == cross);
}

TEST_CASE("cross covariance handles empty sets and the prior", "[pareto][gp]") {
  const Toy toy;
  const GaussianProcess gp = GaussianProcess::condition(toy.x, toy.y, toy.h);
  Eigen::MatrixXd two(2, 1);
  two << 0.1, 0.6;
  CHECK(gp.cross_covariance(Eigen::MatrixXd(0, 1), two).rows() == 0);
  CHECK(gp.cross_covariance(two, Eigen::MatrixXd(0, 1)).cols() == 0);
  Eigen::VectorXd mean, var;
  Eigen::MatrixXd cross;
  gp.predict_with_cross(Eigen::MatrixXd(0, 1), two, mean, var, cross);
  CHECK(mean.size() == 0);
  CHECK(cross.rows() == 0);
  CHECK(cross.cols() == 2);

  // No data: the prior k(a, b) with the default length-scale 1/3 and σ_f² = 1 in both
  // columns, so r = 3·‖a − b‖; (0.1, 0.2) to (0.4, 0.6) is 0.5 apart, r = 1.5.
  const GaussianProcess prior = GaussianProcess::fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0));
  Eigen::MatrixXd a(1, 2), b(1, 2);
  a << 0.1, 0.2;
  b << 0.4, 0.6;
  // Matérn-5/2 at r = 1.5: (1 + 1.5√5 + 3.75) e^{−1.5√5}, evaluated in Python with math.exp.
  CHECK(prior.cross_covariance(a, b)(0, 0) == Approx(0.2831632713397992).epsilon(1e-14));

  // Wrong column counts give NaN, and a cache from a model of another size is refused.
  CHECK(std::isnan(gp.cross_covariance(Eigen::MatrixXd::Constant(1, 2, 0.5), two)(0, 0)));
  CHECK(std::isnan(gp.cross_covariance(two, Eigen::MatrixXd::Constant(1, 2, 0.5))(0, 0)));
  const GaussianProcess other =
      GaussianProcess::condition(two, Eigen::Vector2d(1.0, 2.0), hyper({0.5}, 1.0, 0.1));
  gp.predict_with_cross(two, other.prepare_baseline(two), mean, var, cross);
  CHECK(std::isnan(cross(0, 0)));
  CHECK(std::isfinite(mean[0]));
}

TEST_CASE("noise free posterior interpolates the training targets", "[pareto][gp]") {
  Rng rng(3);
  const Eigen::MatrixXd x = latin_hypercube(8, 2, rng);
  Eigen::VectorXd y(8);
  for (int i = 0; i < 8; ++i) y[i] = std::sin(5 * x(i, 0)) + x(i, 1);
  const GaussianProcess gp = GaussianProcess::condition(x, y, hyper({0.3, 0.4}, 1.0, 0.0));
  REQUIRE(gp.ok());
  Eigen::VectorXd mean, var;
  gp.predict(x, mean, var);
  for (int i = 0; i < 8; ++i) {
    CHECK(mean[i] == Approx(y[i]).margin(1e-8));
    CHECK(var[i] <= 1e-8);
  }
}

TEST_CASE("analytic likelihood gradient matches central differences", "[pareto][gp]") {
  Rng rng(11);
  const int n = 12, d = 3;
  for (int trial = 0; trial < 4; ++trial) {
    const Eigen::MatrixXd x = uniform_points(n, d, rng);
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i) y[i] = rng.normal();
    // Random hyperparameters, log-uniform over most of the fitting box.
    std::vector<double> lp(d + 2);
    for (int k = 0; k < d; ++k) lp[k] = std::log(0.05) + rng.uniform01() * std::log(40.0);
    lp[d] = std::log(0.2) + rng.uniform01() * std::log(25.0);
    lp[d + 1] = std::log(1e-3) + rng.uniform01() * std::log(300.0);
    const auto at = [&](const std::vector<double>& p) {
      std::vector<double> ls(p.begin(), p.begin() + d);
      for (double& v : ls) v = std::exp(v);
      return hyper(ls, std::exp(p[d]), std::exp(p[d + 1]));
    };
    std::vector<double> grad, prior_grad;
    gp_log_marginal_likelihood(x, y, at(lp), &grad);
    gp_log_prior(at(lp), &prior_grad);
    for (int j = 0; j < d + 2; ++j) {
      const double h = 1e-5;
      std::vector<double> up = lp, down = lp;
      up[j] += h;
      down[j] -= h;
      const double fd =
          (gp_log_marginal_likelihood(x, y, at(up)) - gp_log_marginal_likelihood(x, y, at(down))) /
          (2 * h);
      const double fd_prior = (gp_log_prior(at(up)) - gp_log_prior(at(down))) / (2 * h);
      // Central differences err by ~h² f''' + ε f / h ≈ 1e-10 here; 1e-5 relative leaves room.
      CHECK(grad[j] == Approx(fd).epsilon(1e-5).margin(1e-7));
      CHECK(prior_grad[j] == Approx(fd_prior).epsilon(1e-5).margin(1e-7));
    }
  }
}

TEST_CASE("fit on Branin predicts held out points", "[pareto][gp]") {
  Rng rng(5);
  const Eigen::MatrixXd x = latin_hypercube(30, 2, rng);
  Eigen::VectorXd y(30);
  for (int i = 0; i < 30; ++i) y[i] = branin(x(i, 0), x(i, 1));
  const GaussianProcess gp = GaussianProcess::fit(x, y);
  REQUIRE(gp.ok());
  const Eigen::MatrixXd test = uniform_points(400, 2, rng);
  Eigen::VectorXd mean, var;
  gp.predict(test, mean, var);
  double truth_mean = 0.0;
  for (int i = 0; i < 400; ++i) truth_mean += branin(test(i, 0), test(i, 1)) / 400;
  double sse = 0.0, sst = 0.0;
  for (int i = 0; i < 400; ++i) {
    const double t = branin(test(i, 0), test(i, 1));
    sse += (mean[i] - t) * (mean[i] - t);
    sst += (t - truth_mean) * (t - truth_mean);
  }
  CHECK(1.0 - sse / sst > 0.9);
  // At the MAP point the objective's gradient vanishes in every coordinate off the bounds.
  std::vector<double> g, gp_prior;
  const GpHyperparameters& h = gp.hyperparameters();
  Eigen::VectorXd y_std(30);
  for (int i = 0; i < 30; ++i) y_std[i] = (y[i] - gp.output_mean()) / gp.output_scale();
  gp_log_marginal_likelihood(x, y_std, h, &g);
  gp_log_prior(h, &gp_prior);
  const std::vector<double> values = {h.length_scales[0], h.length_scales[1], h.signal_variance,
                                      h.noise_variance};
  const std::vector<double> lo = {GpBounds::length_scale_min, GpBounds::length_scale_min,
                                  GpBounds::signal_variance_min, GpBounds::noise_variance_min};
  const std::vector<double> hi = {GpBounds::length_scale_max, GpBounds::length_scale_max,
                                  GpBounds::signal_variance_max, GpBounds::noise_variance_max};
  for (int j = 0; j < 4; ++j) {
    if (values[j] <= lo[j] * 1.0001 || values[j] >= hi[j] * 0.9999) continue;
    CHECK(std::abs(g[j] + gp_prior[j]) < 1e-3);
  }
}

TEST_CASE("ARD gives an ignored input a longer length scale", "[pareto][gp]") {
  Rng rng(7);
  const Eigen::MatrixXd x = latin_hypercube(30, 2, rng);
  Eigen::VectorXd y(30);
  for (int i = 0; i < 30; ++i) y[i] = std::sin(6 * x(i, 0));  // x2 plays no part
  const GaussianProcess gp = GaussianProcess::fit(x, y);
  REQUIRE(gp.ok());
  const auto& ls = gp.hyperparameters().length_scales;
  CHECK(ls[1] > 3 * ls[0]);
}

TEST_CASE("fit recovers the noise level of noisy data", "[pareto][gp]") {
  Rng rng(13);
  const int n = 60;
  const Eigen::MatrixXd x = uniform_points(n, 1, rng);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) y[i] = std::sin(2 * 3.14159265358979 * x(i, 0)) + 0.1 * rng.normal();
  const GaussianProcess gp = GaussianProcess::fit(x, y);
  REQUIRE(gp.ok());
  // σ_n = 0.1 within a factor 2, i.e. σ_n² in [0.0025, 0.04].
  CHECK(gp.noise_variance_original_units() > 0.0025);
  CHECK(gp.noise_variance_original_units() < 0.04);

  // A known noise is kept as given (original units), not fitted.
  GpFitOptions fixed;
  fixed.fixed_noise_variance = 0.02;
  const GaussianProcess gp_fixed = GaussianProcess::fit(x, y, fixed);
  CHECK(gp_fixed.noise_variance_original_units() == Approx(0.02).epsilon(1e-12));
}

TEST_CASE("joint posterior samples reproduce the predicted mean and covariance", "[pareto][gp]") {
  const Toy toy;
  const GaussianProcess gp = GaussianProcess::condition(toy.x, toy.y, toy.h);
  Eigen::MatrixXd at(3, 1);
  at << 0.2, 0.25, 0.7;  // 0.2 and 0.25 strongly correlated
  Eigen::VectorXd mean;
  Eigen::MatrixXd cov;
  gp.predict_joint(at, mean, cov);
  Rng rng(17);
  const int samples = 20000;
  const Eigen::MatrixXd draws = gp.sample_posterior(at, samples, rng);
  REQUIRE(draws.rows() == samples);
  REQUIRE(draws.cols() == 3);
  Eigen::VectorXd m = Eigen::VectorXd::Zero(3);
  for (int s = 0; s < samples; ++s) m += draws.row(s).transpose() / samples;
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(3, 3);
  for (int s = 0; s < samples; ++s) {
    const Eigen::VectorXd e = draws.row(s).transpose() - m;
    c += e * e.transpose() / (samples - 1);
  }
  for (int a = 0; a < 3; ++a) {
    // Standard error of a mean is sd/√20000 ≈ 0.0036 for the largest sd (0.5); 5 SE margin.
    CHECK(m[a] == Approx(mean[a]).margin(5 * std::sqrt(cov(a, a) / samples)));
    for (int b = 0; b < 3; ++b) {
      // SE of a sample covariance ≈ sqrt((σ_aa σ_bb + σ_ab²)/N) ≤ 0.0025 here.
      const double se = std::sqrt((cov(a, a) * cov(b, b) + cov(a, b) * cov(a, b)) / samples);
      CHECK(c(a, b) == Approx(cov(a, b)).margin(5 * se));
    }
  }
  // Shared base normals give shared draws: the first candidate's draws do not depend on
  // which other candidates ride along (C is lower triangular).
  Eigen::MatrixXd z(2, 3);
  z << 0.5, -1.0, 2.0, -0.3, 0.1, 0.0;
  const Eigen::MatrixXd full = gp.sample_posterior(at, z);
  const Eigen::MatrixXd first = gp.sample_posterior(at.topRows(1), z.leftCols(1));
  CHECK(full(0, 0) == Approx(first(0, 0)).epsilon(1e-12));
  CHECK(full(1, 0) == Approx(first(1, 0)).epsilon(1e-12));
}

TEST_CASE("duplicate inputs and a singular joint covariance do not break", "[pareto][gp]") {
  Eigen::MatrixXd x(6, 2);
  x << 0.1, 0.2, 0.1, 0.2, 0.5, 0.5, 0.5, 0.5, 0.9, 0.1, 0.9, 0.1;
  Eigen::VectorXd y(6);
  y << 1.0, 1.2, 0.0, -0.1, 2.0, 2.0;
  const GaussianProcess gp = GaussianProcess::fit(x, y);
  REQUIRE(gp.ok());
  // Zero noise with duplicated rows makes K exactly singular: the jitter ladder takes over.
  const GaussianProcess exact = GaussianProcess::condition(x, y, hyper({0.3, 0.3}, 1.0, 0.0));
  REQUIRE(exact.ok());
  Eigen::VectorXd mean, var;
  exact.predict(x, mean, var);
  for (int i = 0; i < 6; ++i) {
    CHECK(std::isfinite(mean[i]));
    CHECK(var[i] >= 0.0);
  }
  // The same candidate twice: a rank-1 covariance, sampled through the jitter ladder; both
  // copies draw (almost) the same value.
  Eigen::MatrixXd twice(2, 2);
  twice << 0.3, 0.7, 0.3, 0.7;
  Rng rng(2);
  const Eigen::MatrixXd draws = gp.sample_posterior(twice, 50, rng);
  for (int s = 0; s < 50; ++s) CHECK(draws(s, 0) == Approx(draws(s, 1)).margin(1e-3));
}

TEST_CASE("the same seed gives a bit identical fit", "[pareto][gp]") {
  Rng rng(19);
  const Eigen::MatrixXd x = latin_hypercube(25, 3, rng);
  Eigen::VectorXd y(25);
  for (int i = 0; i < 25; ++i)
    y[i] = x(i, 0) * x(i, 0) + std::sin(4 * x(i, 1)) + 0.05 * rng.normal();
  GpFitOptions options;
  options.seed = 42;
  const GaussianProcess a = GaussianProcess::fit(x, y, options);
  const GaussianProcess b = GaussianProcess::fit(x, y, options);
  CHECK(a.hyperparameters().length_scales == b.hyperparameters().length_scales);
  CHECK(a.hyperparameters().signal_variance == b.hyperparameters().signal_variance);
  CHECK(a.hyperparameters().noise_variance == b.hyperparameters().noise_variance);
  CHECK(a.log_marginal_likelihood() == b.log_marginal_likelihood());
  // Restoring from the stored hyperparameters reproduces the model exactly.
  const GaussianProcess restored = GaussianProcess::condition(x, y, a.hyperparameters());
  CHECK(restored.log_marginal_likelihood() == a.log_marginal_likelihood());
  const Eigen::MatrixXd at = uniform_points(40, 3, rng);
  Eigen::VectorXd ma, va, mr, vr;
  a.predict(at, ma, va);
  restored.predict(at, mr, vr);
  CHECK(ma == mr);
  CHECK(va == vr);
  // Predicting one row alone gives the bits it gets inside a block of 40.
  Eigen::VectorXd m1, v1;
  a.predict(at.row(37), m1, v1);
  CHECK(m1[0] == ma[37]);
  CHECK(v1[0] == va[37]);

  // A warm start at the optimum needs far fewer evaluations and lands at least as high.
  GpFitOptions warm;
  warm.restarts = 0;
  warm.warm_start = a.hyperparameters();
  const GaussianProcess c = GaussianProcess::fit(x, y, warm);
  CHECK(c.fit_evaluations() < a.fit_evaluations() / 2);
  CHECK(c.log_marginal_likelihood() == Approx(a.log_marginal_likelihood()).margin(1e-3));
}

TEST_CASE("odd inputs give a status or the prior instead of a crash", "[pareto][gp]") {
  Eigen::VectorXd mean, var;
  // No data: the prior in any dimension.
  const GaussianProcess empty = GaussianProcess::fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0));
  CHECK(empty.ok());
  empty.predict(Eigen::MatrixXd::Constant(3, 2, 0.5), mean, var);
  CHECK(mean[0] == 0.0);
  CHECK(var[2] == 1.0);
  GaussianProcess().predict(Eigen::MatrixXd::Constant(1, 4, 0.5), mean, var);
  CHECK(var[0] == 1.0);

  // One point: mean through it, zero-ish variance there, prior far away.
  Eigen::MatrixXd one(1, 1);
  one << 0.5;
  const GaussianProcess single = GaussianProcess::fit(one, Eigen::VectorXd::Constant(1, 7.0));
  REQUIRE(single.ok());
  single.predict(one, mean, var);
  CHECK(mean[0] == Approx(7.0));

  // Constant outputs: sd 0 is replaced by 1, the posterior mean is the constant.
  Rng rng(23);
  const Eigen::MatrixXd x = uniform_points(10, 2, rng);
  const GaussianProcess flat = GaussianProcess::fit(x, Eigen::VectorXd::Constant(10, -3.0));
  REQUIRE(flat.ok());
  flat.predict(uniform_points(5, 2, rng), mean, var);
  for (int i = 0; i < 5; ++i) CHECK(mean[i] == Approx(-3.0).margin(1e-9));

  // No input columns: a constant-kernel model (the mean of y) that still works.
  Eigen::VectorXd y(4);
  y << 1, 2, 3, 4;
  const GaussianProcess no_inputs = GaussianProcess::fit(Eigen::MatrixXd(4, 0), y);
  REQUIRE(no_inputs.ok());
  no_inputs.predict(Eigen::MatrixXd(1, 0), mean, var);
  CHECK(mean[0] == Approx(2.5).margin(0.3));

  // Bad data: a status and a message naming the problem.
  Eigen::VectorXd bad = Eigen::VectorXd::Ones(10);
  bad[3] = std::numeric_limits<double>::quiet_NaN();
  const GaussianProcess nan_fit = GaussianProcess::fit(x, bad);
  CHECK(nan_fit.status() == GpStatus::non_finite_data);
  CHECK(nan_fit.message().find("[gp.non_finite_data]") == 0);
  nan_fit.predict(x, mean, var);
  CHECK(std::isfinite(mean[0]));
  CHECK(GaussianProcess::fit(x, Eigen::VectorXd::Ones(3)).status() == GpStatus::bad_shape);
  CHECK(GaussianProcess::condition(x, Eigen::VectorXd::Ones(10), hyper({0.5}, 1.0, 0.1)).status() ==
        GpStatus::bad_hyperparameters);
  CHECK(GaussianProcess::condition(x, Eigen::VectorXd::Ones(10), hyper({0.5, -1.0}, 1.0, 0.1))
            .status() == GpStatus::bad_hyperparameters);
  // Wrong column count at predict time: NaN, not a read past the end.
  GaussianProcess::fit(x, Eigen::VectorXd::LinSpaced(10, 0, 1)).predict(one, mean, var);
  CHECK(std::isnan(mean[0]));
  // Mismatched base normals.
  CHECK(std::isnan(flat.sample_posterior(x, Eigen::MatrixXd::Zero(2, 3))(0, 0)));
}

TEST_CASE("box L-BFGS finds an optimum on a bound and the Rosenbrock minimum", "[pareto][gp]") {
  // (x − 3)² + 10 (y + 1)² over [0, 2] × [−5, 5]: the unconstrained minimum (3, −1) lies
  // outside, so the answer is x on its upper bound 2 and y = −1, with f = 1.
  BoxLbfgs box({0.0, -5.0}, {2.0, 5.0});
  const LbfgsObjective bowl = [](const std::vector<double>& v, std::vector<double>& g) {
    g[0] = 2.0 * (v[0] - 3.0);
    g[1] = 20.0 * (v[1] + 1.0);
    return (v[0] - 3.0) * (v[0] - 3.0) + 10.0 * (v[1] + 1.0) * (v[1] + 1.0);
  };
  const BoxLbfgs::Run bowl_run = box.minimize(bowl, {0.5, 4.0}, 100);
  CHECK(bowl_run.done);
  CHECK(bowl_run.x[0] == 2.0);
  CHECK(bowl_run.x[1] == Approx(-1.0).margin(1e-6));
  CHECK(bowl_run.f == Approx(1.0).margin(1e-10));
  // A NaN coordinate starts at its lower bound instead of poisoning the run.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(box.start(bowl, {nan, 0.0}).x[0] == 0.0);

  // Rosenbrock (1 − x)² + 100 (y − x²)² from the classic start (−1.2, 1): minimum 0 at (1, 1),
  // inside the box [−2, 2]², reached along the curved valley.
  BoxLbfgs wide({-2.0, -2.0}, {2.0, 2.0});
  const LbfgsObjective rosenbrock = [](const std::vector<double>& v, std::vector<double>& g) {
    const double a = 1.0 - v[0];
    const double b = v[1] - v[0] * v[0];
    g[0] = -2.0 * a - 400.0 * v[0] * b;
    g[1] = 200.0 * b;
    return a * a + 100.0 * b * b;
  };
  const BoxLbfgs::Run run = wide.minimize(rosenbrock, {-1.2, 1.0}, 200);
  CHECK(run.x[0] == Approx(1.0).margin(1e-3));
  CHECK(run.x[1] == Approx(1.0).margin(2e-3));
  CHECK(run.f < 1e-6);
  CHECK(wide.evaluations() < 400);
}

TEST_CASE("a fit out of time keeps its best start and says so", "[pareto][gp]") {
  Rng rng(23);
  const Eigen::MatrixXd x = latin_hypercube(30, 2, rng);
  Eigen::VectorXd y(30);
  for (int i = 0; i < 30; ++i) y[i] = std::sin(3 * x(i, 0)) + x(i, 1);
  GpFitOptions options;
  options.seed = 5;
  const GaussianProcess full = GaussianProcess::fit(x, y, options);
  CHECK_FALSE(full.fit_cut_short());

  // A check that never fires changes nothing: the same bits as no check at all.
  GpFitOptions never = options;
  never.out_of_time = [] { return false; };
  const GaussianProcess same = GaussianProcess::fit(x, y, never);
  CHECK(same.hyperparameters().length_scales == full.hyperparameters().length_scales);
  CHECK(same.log_marginal_likelihood() == full.log_marginal_likelihood());
  CHECK_FALSE(same.fit_cut_short());

  // Out of time before the search: no likelihood is evaluated and the warm start is the model.
  GpFitOptions expired = options;
  expired.warm_start = full.hyperparameters();
  expired.out_of_time = [] { return true; };
  const GaussianProcess kept = GaussianProcess::fit(x, y, expired);
  CHECK(kept.fit_cut_short());
  CHECK(kept.fit_evaluations() == 0);
  CHECK(kept.hyperparameters().length_scales == full.hyperparameters().length_scales);
  CHECK(kept.hyperparameters().noise_variance == full.hyperparameters().noise_variance);
  CHECK(kept.status() == GpStatus::ok);

  // Out of time after four checks (the search's first iterations): fewer evaluations than
  // the whole search, and a usable model.
  GpFitOptions soon = options;
  int checks = 0;
  soon.out_of_time = [&checks] { return ++checks > 4; };
  const GaussianProcess cut = GaussianProcess::fit(x, y, soon);
  CHECK(cut.fit_cut_short());
  CHECK(cut.fit_evaluations() > 0);
  CHECK(cut.fit_evaluations() < full.fit_evaluations());
  CHECK(std::isfinite(cut.log_marginal_likelihood()));
}
