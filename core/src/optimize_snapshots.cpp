#include "optimize_snapshots.h"

#include <algorithm>
#include <utility>

#include "greenfront/pareto/dominance.h"
#include "json_text.h"

namespace greenfront::api::detail {

using nlohmann::json;

SnapshotStream::SnapshotStream(const Snapshots& snapshots, json objectives, json senses,
                               std::size_t budget_evaluations,
                               std::function<json(const pareto::OptimizationResult&, std::size_t)> describe)
    : snapshots_(snapshots),
      objectives_(std::move(objectives)),
      senses_(std::move(senses)),
      budget_evaluations_(budget_evaluations),
      describe_(std::move(describe)),
      last_sent_(std::chrono::steady_clock::now()) {}

void SnapshotStream::observe(const pareto::OptimizationResult& so_far) {
  if (!snapshots_.receive) return;
  // Reading the clock costs about as much as a cheap objective (in wasm it is a call out to
  // JS), so a spaced stream looks at it every 16th evaluation.
  if (any_sent_ && snapshots_.min_interval_seconds > 0 && ++unchecked_ % 16 != 0) return;
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::duration<double> since = now - last_sent_;
  // The first evaluation goes out at once, so a page shows a point within one evaluation.
  if (any_sent_ && since.count() < snapshots_.min_interval_seconds) return;
  send(so_far);
}

void SnapshotStream::flush(const pareto::OptimizationResult& so_far) {
  if (!snapshots_.receive) return;
  if (any_sent_ && sent_ == so_far.evaluations) return;
  send(so_far);
}

void SnapshotStream::send(const pareto::OptimizationResult& so_far) {
  const std::size_t n = std::min(so_far.evaluations, so_far.objectives.size());
  std::vector<std::size_t> candidates = front_;
  for (std::size_t i = sent_; i < n; ++i) candidates.push_back(i);
  const auto kept = pareto::non_dominated(so_far.objectives.subset(candidates));
  front_.clear();
  for (std::size_t k : kept) front_.push_back(candidates[k]);
  std::sort(front_.begin(), front_.end());

  json points = json::array();
  for (std::size_t i = sent_; i < n; ++i) {
    if (points_sent_ >= snapshots_.max_points) {
      truncated_ = true;
      break;
    }
    json e = describe_(so_far, i);
    e["index"] = i;
    points.push_back(std::move(e));
    ++points_sent_;
  }
  json front = json::array();
  for (std::size_t i : front_) {
    json e = describe_(so_far, i);
    e["index"] = i;
    front.push_back(std::move(e));
  }
  json snapshot = {{"evaluations", n},
                   {"budget_evaluations", budget_evaluations_},
                   {"objectives", objectives_},
                   {"senses", senses_},
                   {"points", std::move(points)},
                   {"front", std::move(front)}};
  if (truncated_) snapshot["points_truncated"] = true;
  sent_ = n;
  any_sent_ = true;
  last_sent_ = std::chrono::steady_clock::now();
  snapshots_.receive(json_text(snapshot));
}

}  // namespace greenfront::api::detail
