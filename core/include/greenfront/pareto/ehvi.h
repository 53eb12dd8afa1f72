// Hypervolume improvement and its expectation: the acquisition functions of multi-objective
// Bayesian optimization.
//
// All objectives are minimized (points.h) and only the region strictly better than the
// reference point counts, as in hypervolume.h. The improvement of a candidate batch Y over
// a front P is HVI(Y) = HV(P ∪ Y) - HV(P): the volume of the part of the non-dominated
// region of P (below the reference) that Y dominates. Three families:
//   - exact EHVI for two objectives under an independent Gaussian prediction (Front2d),
//   - Monte-Carlo EHVI over posterior draws of a batch (qEHVI; Daulton, Balandat, Bakshy
//     2020, "Differentiable expected hypervolume improvement for parallel multi-objective
//     Bayesian optimization"),
//   - its noisy form, where the observed points are posterior draws too (qNEHVI; Daulton,
//     Balandat, Bakshy 2021, "Parallel Bayesian optimization of multiple noisy objectives
//     with expected hypervolume improvement", eq. 3–4).
// The Monte-Carlo ones decompose the non-dominated region of each draw's front into boxes
// once (ImprovementRegion) and reuse them for every candidate an optimizer tries.
//
// Odd input never crashes: front points outside the reference, with a NaN or an infinite
// coordinate are ignored, candidate rows likewise contribute nothing, dimension mismatches
// give 0, and results are clamped at 0 against rounding.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "greenfront/pareto/points.h"

namespace greenfront::pareto {

/// A two-objective front prepared for many improvement and EHVI queries.
///
/// The non-dominated region below the reference r is the union of n + 1 vertical strips
/// of the front sorted by f1 (x_1 < ... < x_n, heights h_1 > ... > h_n): strip i spans
/// [x_i, x_{i+1}) × (-∞, h_i), with x_0 = -∞, x_{n+1} = r1, h_0 = r2.
/// Preparation O(n log n); improvement O(log n); ehvi O(log n + w) for the w strips whose
/// terms are not negligible, at most O(n).
class Front2d {
 public:
  /// No reference, so no region: every query returns 0.
  Front2d() = default;
  /// Keeps the points strictly better than `reference` (2 values) that no other point
  /// weakly dominates. A `front` whose dims is not 2 or a reference of the wrong size gives
  /// a region with no volume (every query returns 0).
  Front2d(const Points& front, const std::vector<double>& reference);

  /// HV(front ∪ {(f1, f2)}) - HV(front), exact, O(log n) (two binary searches and prefix
  /// sums of the strip areas; absolute error ~1e-16 of the reference box's area).
  double improvement(double f1, double f2) const;

  /// Joint improvement HV(front ∪ batch) - HV(front) of a batch (dims 2): inclusion–
  /// exclusion over subsets of up to 4 points (each an O(log n) query), otherwise one
  /// merged sweep, O(n + q log q).
  double improvement(const Points& batch) const;
  /// The same for `rows` points stored row-major (2 values each).
  double improvement(const double* batch, std::size_t rows) const;

  /// Exact EHVI for Y ~ N(mean, diag(sd²)) (independent objectives):
  ///   EHVI = Σ_{i=0..n} [ψ1(x_{i+1}) - ψ1(x_i)] · ψ2(h_i),
  /// where ψk(t) = E[(t - Yk)+] = (t - μk)Φ((t - μk)/σk) + σk φ((t - μk)/σk).
  /// It follows from HVI(y) = Σ_i (x_{i+1} - max(x_i, y1))+ (h_i - y2)+, independence,
  /// and (b - max(a, Y))+ = (b - Y)+ - (a - Y)+ for a <= b; it is the strip form of
  /// Emmerich, Deutz, Klinkenberg 2011 ("Hypervolume-based expected improvement:
  /// monotonicity properties and exact computation", CEC) and of the 2-D case of
  /// Yang, Emmerich, Deutz, Bäck 2019 ("Efficient computation of expected hypervolume
  /// improvement using box decomposition algorithms", J. Global Optim.). The terms are
  /// summed outwards from the strips around the mean and a side is dropped once a bound on
  /// all its remaining terms falls below 2^-64 of the sum, so the result is the full sum to
  /// within rounding. sd = 0 gives the deterministic improvement; sd < 0 counts as 0; a NaN
  /// or infinite mean or sd gives 0.
  double ehvi(const double mean[2], const double sd[2]) const;

  /// Points kept (non-dominated, inside the reference).
  std::size_t size() const { return x_.size(); }
  /// HV(front) against the reference.
  double hypervolume() const { return prefix_.empty() ? 0.0 : prefix_.back(); }
  /// The kept points, sorted by f1 ascending.
  Points points() const;

 private:
  double r1_ = 0.0;
  double r2_ = 0.0;
  bool valid_ = false;          // false: no volume at all (bad dims / reference)
  std::vector<double> x_;       // f1 of the kept points, ascending
  std::vector<double> y_;       // their f2, descending
  std::vector<double> prefix_;  // prefix_[k] = Σ_{j<=k} width_j (r2 - y_j), strips 1..k
};

/// Exact 2-objective EHVI of one Gaussian prediction (Front2d::ehvi after an O(n log n)
/// preparation; build a Front2d once to score many candidates).
double expected_hypervolume_improvement_2d(const Points& front,
                                           const std::vector<double>& reference,
                                           const double mean[2], const double sd[2]);

/// The non-dominated region of a front of any dimension, prepared for many improvement
/// queries. 1-D: one interval. 2-D: Front2d. 3-D: a disjoint box decomposition with at
/// most 2n + 1 boxes, built by a sweep in f3 that maintains the (f1, f2) staircase and
/// closes a strip's box whenever the strip changes, O(n²) worst case (vector inserts),
/// O(n log n) typical (the 3-D analogue of the strip decomposition; cf. Lacour, Klamroth,
/// Fonseca 2017, "A box decomposition algorithm to compute the hypervolume indicator").
/// 4-D and up, with hypervolume.h, because box counts grow as n^⌊M/2⌋ and would not fit in
/// memory across a hundred posterior draws: one point y gains vol([y, r]) - HV(front
/// clipped to max(p, y)), where clipping leaves few non-dominated points (about 6x faster
/// than the union at n = 100, M = 4); a batch gains HV(front ∪ batch) - HV(front).
class ImprovementRegion {
 public:
  /// A region with no volume: every improvement is 0.
  ImprovementRegion() = default;
  ImprovementRegion(const Points& front, const std::vector<double>& reference);

  /// HV(front ∪ batch) - HV(front) for q = rows points (row-major, dims values each).
  /// Per box, only the candidates strictly inside it take part; their union inside the
  /// box is found by inclusion–exclusion over subsets (Daulton et al. 2020, §3) when at
  /// most 8 fall in it, else by hypervolume.h on the clipped points.
  double improvement(const double* batch, std::size_t rows) const;
  double improvement(const Points& batch) const;

  std::size_t dims() const { return dims_; }
  /// The front points kept (inside the reference, finite, non-dominated for 1-3 dims).
  const Points& front() const { return front_; }
  /// Number of boxes of the decomposition (1-D and 3-D; 0 otherwise).
  std::size_t box_count() const { return dims_ == 0 ? 0 : lower_.size() / dims_; }

 private:
  std::size_t dims_ = 0;
  std::vector<double> reference_;
  Points front_;
  Front2d front2d_;            // dims 2
  std::vector<double> lower_;  // dims 1 and 3: boxes, row-major, lower may be -inf
  std::vector<double> upper_;
  mutable std::optional<double> front_hypervolume_;  // dims >= 4, on first use (batches)
};

/// HV(front ∪ candidates) - HV(front), exact, any dims (ImprovementRegion; the O(log n)
/// Front2d query when dims is 2). Dimension mismatches give 0.
double hypervolume_improvement(const Points& front, const Points& candidates,
                               const std::vector<double>& reference);

/// Monte-Carlo (q)EHVI for a known front, with the region decomposed once and reused.
///
/// candidate_samples[s] holds the q × M sampled outcomes of the batch in posterior draw s;
/// the value is the average joint improvement over the draws (Daulton et al. 2020, eq. 2
/// estimated by sample averaging). Pending points (sequential greedy batch selection)
/// give each draw its own front: front ∪ pending_s.
class MonteCarloEhvi {
 public:
  MonteCarloEhvi(const Points& front, const std::vector<double>& reference);

  /// Average over s < min(draws, candidate_samples.size()) of HVI(candidate_samples[s]),
  /// where draws is unlimited until pending points are added. 0 for no draws.
  double value(const std::vector<Points>& candidate_samples) const;
  /// The same with all draws stacked in one Points: draw s is rows [s q, s q + q).
  double value(const Points& stacked_samples, std::size_t batch_size) const;

  /// Adds pending_samples[s] (the chosen points' values in draw s) to draw s's front.
  /// From then on the number of draws is fixed at pending_samples.size() (or at the
  /// smaller of the two when pending points were added before).
  void add_pending(const std::vector<Points>& pending_samples);

 private:
  std::vector<double> reference_;
  std::vector<ImprovementRegion> regions_;  // one shared region until pending points exist
  bool shared_ = true;
};

/// Monte-Carlo qNEHVI: each posterior draw s gives the latent values of the n observed
/// points and of the q candidates, and the value is the average over draws of
/// HV(front(observed_s) ∪ candidates_s) - HV(front(observed_s)) (Daulton et al. 2021,
/// eq. 3–4). Each draw's front and its box decomposition are computed once.
class NoisyEhvi {
 public:
  NoisyEhvi(const std::vector<Points>& observed_samples, const std::vector<double>& reference);

  /// Average over s < min(draws(), candidate_samples.size()) of the draw's improvement.
  double value(const std::vector<Points>& candidate_samples) const;
  /// The same with all draws stacked in one Points: draw s is rows [s q, s q + q).
  double value(const Points& stacked_samples, std::size_t batch_size) const;

  /// Adds pending_samples[s] to draw s's observed points (sequential greedy: the chosen
  /// candidate's sampled values in the same draws). A shorter list drops the extra draws.
  void add_pending(const std::vector<Points>& pending_samples);

  std::size_t draws() const { return regions_.size(); }

 private:
  std::vector<double> reference_;
  std::vector<ImprovementRegion> regions_;
};

/// One-shot MonteCarloEhvi(front, reference).value(candidate_samples).
double monte_carlo_ehvi(const Points& front, const std::vector<Points>& candidate_samples,
                        const std::vector<double>& reference);

/// One-shot NoisyEhvi(observed_samples, reference).value(candidate_samples).
double monte_carlo_nehvi(const std::vector<Points>& observed_samples,
                         const std::vector<Points>& candidate_samples,
                         const std::vector<double>& reference);

}  // namespace greenfront::pareto
