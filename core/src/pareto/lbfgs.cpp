// Box-bounded L-BFGS (see lbfgs.h for the method and its references).
#include "lbfgs.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "gp_linalg.h"

namespace greenfront::pareto {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool finite(double v) { return v - v == 0.0; }

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  return linalg::dot(a.data(), b.data(), static_cast<Eigen::Index>(a.size()));
}

}  // namespace

BoxLbfgs::BoxLbfgs(std::vector<double> lower, std::vector<double> upper, LbfgsOptions options)
    : lower_(std::move(lower)), upper_(std::move(upper)), options_(options) {
  // A mismatched box is cut to the common length rather than read past its end.
  const std::size_t q = std::min(lower_.size(), upper_.size());
  lower_.resize(q);
  upper_.resize(q);
}

BoxLbfgs::Run BoxLbfgs::start(const LbfgsObjective& f, std::vector<double> x) {
  Run run;
  x.resize(lower_.size(), 0.0);
  clamp(x);
  run.g.resize(x.size());
  run.f = f(x, run.g);
  ++evaluations_;
  run.x = std::move(x);
  run.done = !finite(run.f);
  return run;
}

BoxLbfgs::Run BoxLbfgs::minimize(const LbfgsObjective& f, std::vector<double> x,
                                 int max_iterations) {
  Run run = start(f, std::move(x));
  advance(f, run, max_iterations);
  return run;
}

void BoxLbfgs::advance(const LbfgsObjective& f, Run& run, int max_iterations) {
  const std::size_t q = run.x.size();
  if (q != lower_.size() || run.g.size() != q) return;  // not a Run of this box
  std::vector<double> pg(q), d(q), x_new(q), g_new(q);
  while (!run.done && run.iterations < max_iterations) {
    ++run.iterations;
    double pg_max = 0.0;
    for (std::size_t i = 0; i < q; ++i) {
      const bool blocked =
          (run.x[i] <= lower_[i] && run.g[i] > 0) || (run.x[i] >= upper_[i] && run.g[i] < 0);
      pg[i] = blocked ? 0.0 : run.g[i];
      pg_max = std::max(pg_max, std::abs(pg[i]));
    }
    if (pg_max <= options_.gradient_tolerance * std::max(1.0, std::abs(run.f))) {
      run.done = true;
      break;
    }
    direction(run, pg, d);
    if (!(dot(d, pg) < 0.0)) {
      forget(run);  // not a descent direction: start over from steepest descent
      for (std::size_t i = 0; i < q; ++i) d[i] = -pg[i];
    }
    // Without curvature information the first step moves at most first_step in any
    // variable; later steps are capped at max_step.
    double d_max = 0.0;
    for (double v : d) d_max = std::max(d_max, std::abs(v));
    double t = std::min(1.0, (run.s.empty() ? options_.first_step : options_.max_step) / d_max);
    bool accepted = false;
    double f_new = kInf;
    for (int backtrack = 0; backtrack < options_.max_backtracks; ++backtrack) {
      for (std::size_t i = 0; i < q; ++i) x_new[i] = run.x[i] + t * d[i];
      clamp(x_new);
      double decrease = 0.0;  // gᵀ(x_new − x), < 0 along a descent path
      for (std::size_t i = 0; i < q; ++i) decrease += run.g[i] * (x_new[i] - run.x[i]);
      if (!(decrease < 0.0)) break;
      f_new = f(x_new, g_new);
      ++evaluations_;
      if (finite(f_new) && f_new <= run.f + options_.armijo * decrease) {
        accepted = true;
        break;
      }
      // Minimizer of the quadratic through f, the slope and f_new, kept in [0.1t, 0.5t].
      double t_next = 0.1 * t;
      const double curvature = f_new - run.f - decrease;
      if (finite(f_new) && curvature > 0.0)
        t_next = std::clamp(-0.5 * decrease * t / curvature, 0.1 * t, 0.5 * t);
      t = t_next;
    }
    if (!accepted) {
      run.done = run.s.empty();  // steepest descent found nothing either: converged
      forget(run);
      continue;
    }
    remember(run, x_new, g_new);
    const bool small_decrease =
        run.f - f_new <= options_.relative_tolerance * std::max(1.0, std::abs(run.f));
    run.x.swap(x_new);
    run.g.swap(g_new);
    run.f = f_new;
    run.done = small_decrease;
  }
}

void BoxLbfgs::clamp(std::vector<double>& x) const {
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = x[i] != x[i] ? lower_[i] : std::clamp(x[i], lower_[i], upper_[i]);
}

void BoxLbfgs::forget(Run& run) {
  run.s.clear();
  run.y.clear();
  run.rho.clear();
}

void BoxLbfgs::remember(Run& run, const std::vector<double>& x_new,
                        const std::vector<double>& g_new) const {
  const std::size_t q = x_new.size();
  std::vector<double> s(q), y(q);
  double sy = 0.0, yy = 0.0;
  for (std::size_t i = 0; i < q; ++i) {
    s[i] = x_new[i] - run.x[i];
    y[i] = g_new[i] - run.g[i];
    sy += s[i] * y[i];
    yy += y[i] * y[i];
  }
  if (!(sy > 1e-10 * yy)) return;  // keeps the inverse-Hessian model positive definite
  if (options_.memory == 0) return;
  if (run.s.size() >= options_.memory) {
    run.s.erase(run.s.begin());
    run.y.erase(run.y.begin());
    run.rho.erase(run.rho.begin());
  }
  run.s.push_back(std::move(s));
  run.y.push_back(std::move(y));
  run.rho.push_back(1.0 / sy);
}

void BoxLbfgs::direction(const Run& run, const std::vector<double>& pg, std::vector<double>& d) {
  const std::size_t q = pg.size();
  const std::size_t m = run.s.size();
  d = pg;
  std::vector<double> a(m);
  for (std::size_t k = m; k-- > 0;) {
    a[k] = run.rho[k] * dot(run.s[k], d);
    for (std::size_t i = 0; i < q; ++i) d[i] -= a[k] * run.y[k][i];
  }
  if (m > 0) {
    const double gamma = 1.0 / (run.rho[m - 1] * dot(run.y[m - 1], run.y[m - 1]));
    for (double& v : d) v *= gamma;
  }
  for (std::size_t k = 0; k < m; ++k) {
    const double b = run.rho[k] * dot(run.y[k], d);
    for (std::size_t i = 0; i < q; ++i) d[i] += (a[k] - b) * run.s[k][i];
  }
  for (std::size_t i = 0; i < q; ++i) d[i] = pg[i] == 0.0 ? 0.0 : -d[i];
}

}  // namespace greenfront::pareto
