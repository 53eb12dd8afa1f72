// Box-bounded L-BFGS minimizer (private to core/src/pareto; the GP fits its hyperparameters
// with it).
//
// Method: the two-loop recursion of L-BFGS (J. Nocedal 1980, "Updating quasi-Newton matrices
// with limited storage", Math. Comp. 35(151)) on the projected gradient, then a backtracking
// Armijo search along the projected path clamp(x + t·d) (D. P. Bertsekas 1982, "Projected
// Newton methods for optimization problems with simple constraints", SIAM J. Control Optim.
// 20(2)). A variable at a bound whose gradient points outward is frozen for that iteration.
// Cost per iteration besides the objective: O(q·m) for q variables and m stored pairs.
//
// A Run can be advanced in stages, so that a caller can probe several starts briefly and
// finish only the best one. Deterministic: fixed-order sums, no randomness.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

namespace greenfront::pareto {

/// f(x, gradient): returns f(x) and writes ∇f(x) into `gradient` (already x.size() long).
/// +inf or NaN marks a point the optimizer must not move to.
using LbfgsObjective =
    std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

/// Tuning of BoxLbfgs; the defaults are the ones the GP fit uses.
struct LbfgsOptions {
  /// Curvature pairs kept (m).
  std::size_t memory = 6;
  /// Sufficient decrease: f(x_new) <= f(x) + armijo · gᵀ(x_new − x).
  double armijo = 1e-4;
  /// Converged when max |projected gradient| <= gradient_tolerance · max(1, |f|).
  double gradient_tolerance = 1e-6;
  /// Converged when an accepted step lowers f by <= relative_tolerance · max(1, |f|).
  double relative_tolerance = 1e-7;
  /// Largest move of any variable on a step without curvature information...
  double first_step = 1.0;
  /// ...and with it, so that one bad quadratic model cannot fling x away.
  double max_step = 3.0;
  /// Step halvings (or better, quadratic-interpolation cuts) before a search gives up.
  int max_backtracks = 30;
};

/// Minimizes an LbfgsObjective over the box lower <= x <= upper.
class BoxLbfgs {
 public:
  /// One start's progress.
  struct Run {
    /// Current point and the gradient there.
    std::vector<double> x, g;
    /// f(x); +inf when the start was a bad point.
    double f = std::numeric_limits<double>::infinity();
    int iterations = 0;
    /// Converged, or nothing better could be found.
    bool done = false;
    /// Curvature pairs s = Δx, y = Δg (oldest first) and ρ = 1 / sᵀy.
    std::vector<std::vector<double>> s, y;
    std::vector<double> rho;
  };

  /// lower and upper must have the same length q (the number of variables).
  BoxLbfgs(std::vector<double> lower, std::vector<double> upper, LbfgsOptions options = {});

  /// Evaluates f at x clamped into the box (NaN coordinates go to the lower bound).
  Run start(const LbfgsObjective& f, std::vector<double> x);
  /// Iterates until run.iterations == max_iterations or run.done.
  void advance(const LbfgsObjective& f, Run& run, int max_iterations);
  /// start() then advance().
  Run minimize(const LbfgsObjective& f, std::vector<double> x, int max_iterations);

  /// Objective evaluations so far, over all runs.
  int evaluations() const { return evaluations_; }

 private:
  void clamp(std::vector<double>& x) const;
  static void forget(Run& run);
  void remember(Run& run, const std::vector<double>& x_new, const std::vector<double>& g_new) const;
  /// d = −H·pg, H the L-BFGS inverse-Hessian model scaled by sᵀy/yᵀy of the newest pair;
  /// components of frozen variables (pg = 0 there) are zeroed afterwards.
  static void direction(const Run& run, const std::vector<double>& pg, std::vector<double>& d);

  std::vector<double> lower_, upper_;
  LbfgsOptions options_;
  int evaluations_ = 0;
};

}  // namespace greenfront::pareto
