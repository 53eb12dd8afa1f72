// Live snapshots of a running optimize request (docs/pareto.md, "Live snapshots"): what a
// page needs to draw the front while it grows, without waiting for the final response.
// Internal to core/src (not a public header).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/pareto/optimizers.h"

namespace greenfront::api::detail {

/// Turns the optimizer's record into snapshot JSON at most every
/// `Snapshots::min_interval_seconds`: the evaluations since the previous snapshot and the
/// current non-dominated set. The front is kept incrementally (the front of all points is
/// the front of the previous front plus the new points), so a snapshot costs
/// O((front + new points) log) rather than a sort of every evaluation.
class SnapshotStream {
 public:
  /// `describe(record, i)` is evaluation i of the record as {config, values} in the user's senses.
  SnapshotStream(const Snapshots& snapshots, nlohmann::json objectives, nlohmann::json senses,
                 std::size_t budget_evaluations, std::function<nlohmann::json(const pareto::OptimizationResult&, std::size_t)> describe);

  /// After every evaluation: sends a snapshot when the first evaluation is in or the
  /// interval has passed.
  void observe(const pareto::OptimizationResult& so_far);
  /// At the end of the run: sends what has not been sent yet.
  void flush(const pareto::OptimizationResult& so_far);

 private:
  void send(const pareto::OptimizationResult& so_far);

  const Snapshots& snapshots_;
  nlohmann::json objectives_;
  nlohmann::json senses_;
  std::size_t budget_evaluations_;
  std::function<nlohmann::json(const pareto::OptimizationResult&, std::size_t)> describe_;
  std::chrono::steady_clock::time_point last_sent_;
  std::size_t sent_ = 0;        ///< evaluations covered by the snapshots so far
  std::size_t points_sent_ = 0; ///< evaluations streamed as points (capped)
  bool any_sent_ = false;
  bool truncated_ = false;
  std::size_t unchecked_ = 0;   ///< evaluations observed without reading the clock      ///< an evaluation was left out of `points` (the cap)
  std::vector<std::size_t> front_;  ///< non-dominated indices among the first sent_ rows
};

}  // namespace greenfront::api::detail
