// The hypervolume indicator: the measure of the objective space a set of points dominates,
// bounded by a reference point (all objectives minimized).
//
// Only points strictly better than the reference in every objective count; rows with a
// NaN never count. A reference of the wrong length gives 0.
//
// Algorithms (n points, d objectives):
//   d = 1   ref - min, O(n).
//   d = 2   sort by f1 and sweep, O(n log n).
//   d = 3   dimension sweep in f3 over a (f1, f2) staircase (Beume, Fonseca, López-Ibáñez,
//           Paquete, Vahrenhold 2009, "On the complexity of computing the hypervolume
//           indicator"), O(n log n). The staircase lives in a 64-ary bit tree over the f1
//           ranks (predecessor/successor in O(log_64 n) word operations, no allocation per
//           point); the sorts are LSD radix sorts.
//   d = 4   dimension sweep in f4 (as HV4D, Guerreiro, Fonseca, Emmerich 2012, "A fast
//           dimension-sweep algorithm for the hypervolume indicator in four dimensions"),
//           O(n²): each point adds its exclusive 3-D volume against the 3-D front of the
//           points before it, found by an O(n) sweep over that front kept in x and z order.
//   d >= 5  WFG (While, Bradstreet, Barone 2012, "A fast way of calculating exact
//           hypervolumes") slicing the last objective down to the 4-D sweep: sorted by it,
//           each point adds (ref - f_last) times its exclusive (d-1)-volume, i.e. its box
//           minus the hypervolume of the limit set {max(q, p)} of the points before it.
//           With bounding: p's exclusive region lies in [p, u) where u_k is the best f_k of
//           the points no worse than p elsewhere, so only points below u enter the limit
//           set and it is measured against u. Exponential in d in the worst case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "greenfront/pareto/points.h"

namespace greenfront::pareto {

/// Indices (ascending) of the rows strictly better than `reference` in every objective: the
/// rows a hypervolume counts (a NaN never is). Empty when the lengths differ.
std::vector<std::size_t> counted_rows(const Points& points, const std::vector<double>& reference);

/// Exact hypervolume of `points` against `reference` (see the file comment). Any dims >= 1.
double hypervolume(const Points& points, const std::vector<double>& reference);

/// Exclusive contribution of each row: hypervolume(all) - hypervolume(all without it).
/// Rows that are dominated, duplicated (a twin keeps the volume), outside the reference or
/// NaN get 0.
///
/// d = 2: the rows are deduplicated and sorted; a front point's exclusive region is the
///   box up to its two front neighbours minus what the rows only it dominates cover,
///   O(n log n) overall.
/// d >= 3: per point p, the exclusive region lies in the box [p, u) where u_k is the best
///   f_k among the other rows no worse than p in every other objective (for d = 3 all u at
///   once by three Fenwick-tree sweeps, O(n log n); for d >= 4 a bounded kd-tree search);
///   the rows strictly below u (a kd-tree orthant query) give the limit set, and
///   contribution = vol([p, u)) - hypervolume(limit set, u). The cost grows with each
///   point's number of neighbours rather than with n (much less than n hypervolume
///   computations); the worst case is O(n²) queries plus the local hypervolumes.
std::vector<double> hypervolume_contributions(const Points& points,
                                              const std::vector<double>& reference);

/// A Monte-Carlo hypervolume estimate.
struct MonteCarloHypervolume {
  double estimate = 0.0;        ///< box volume × fraction of samples dominated
  double standard_error = 0.0;  ///< box volume × sqrt(p(1-p)/samples)
  std::size_t samples = 0;      ///< samples drawn (0 when no point counts: the answer is 0)
};

/// Estimates the hypervolume by sampling `samples` points uniformly (greenfront::Rng from
/// `seed`) in the box between the ideal point of the counting rows and the reference, and
/// counting those some row weakly dominates. For checking the exact algorithms and for
/// dimensions where they are too slow. O(samples · |front| · d).
///
/// The front is found first (non_dominated) so that each sample scans fewer rows; a caller
/// whose rows are a front already passes `filter_dominated` = false and saves that
/// O(n · |front| · d) step. The estimate is the same either way: a dominated row covers no
/// sample its dominator misses, and the ideal point is the front's.
MonteCarloHypervolume hypervolume_monte_carlo(const Points& points,
                                              const std::vector<double>& reference,
                                              std::size_t samples, std::uint64_t seed,
                                              bool filter_dominated = true);

namespace detail {
/// The exact algorithm with a chosen base case, for tests and benchmarks: dimensions above
/// `base_dims` (clamped to 1..4) go through WFG, the rest through the sweeps. 4 is what
/// hypervolume() does; 3 or 2 make WFG slice further down (so a 4-D input runs WFG over
/// the 3-D sweep); 1 slices all the way down. Same filtering as hypervolume().
double hypervolume_wfg(const Points& points, const std::vector<double>& reference,
                       std::size_t base_dims);
}  // namespace detail

}  // namespace greenfront::pareto
