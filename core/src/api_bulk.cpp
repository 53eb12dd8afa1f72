// The bulk numeric entry points (api_bulk.h): checks, then the same Pareto routines the
// JSON requests use (pareto/dominance.h, pareto/hypervolume.h).
#include "greenfront/api_bulk.h"

#include <cmath>

#include "api_common.h"
#include "greenfront/json_reader.h"
#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/hypervolume.h"
#include "pareto_input.h"
#include "pareto_work.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

namespace {

/// Checks the shape and every value; on success the points in minimization form.
std::optional<pareto::Points> read_bulk(const BulkPoints& in, std::size_t max_dims, Issues& issues) {
  if (in.dims < 1 || in.dims > max_dims) {
    issues.add("input.out_of_range", "dimensions",
               "must be 1 to " + std::to_string(max_dims) + " objectives",
               std::to_string(in.dims));
    return std::nullopt;
  }
  if (in.count > limits::kMaxBulkValues) {
    issues.add("input.too_many", "points",
               "must hold at most " + std::to_string(limits::kMaxBulkValues) + " values",
               std::to_string(in.count));
    return std::nullopt;
  }
  if (in.count % in.dims != 0) {
    issues.add("input.wrong_length", "points",
               "must hold whole rows of " + std::to_string(in.dims) + " values",
               std::to_string(in.count) + " values");
    return std::nullopt;
  }
  const std::size_t rows = in.count / in.dims;
  if (!in.maximize.empty() && in.maximize.size() != in.dims) {
    issues.add("input.wrong_length", "senses",
               "must give one sense per objective (" + std::to_string(in.dims) + ")",
               std::to_string(in.maximize.size()) + " senses");
    return std::nullopt;
  }
  if (rows > 0 && in.values == nullptr) {
    issues.add("input.missing_field", "points", "is required", "");
    return std::nullopt;
  }
  pareto::Points points(in.dims);
  points.values.resize(in.count);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t k = 0; k < in.dims; ++k) {
      const double v = in.values[i * in.dims + k];
      if (!std::isfinite(v)) {
        issues.add("input.not_finite", index_path(index_path("points", i), k),
                   "must be a finite number", format_number(v));
        return std::nullopt;  // one report: a million NaNs would make a million errors
      }
      const bool flip = !in.maximize.empty() && in.maximize[k];
      points.values[i * in.dims + k] = flip ? -v : v;
    }
  }
  return points;
}

/// `rows(points)` of the checked points, or nothing with the error response.
template <typename Rows>
std::optional<std::vector<std::size_t>> row_indices(const BulkPoints& in, std::string& error_json,
                                                    Rows rows) {
  Issues issues;
  auto points = read_bulk(in, detail::kMaxObjectives, issues);
  if (points && !detail::check_front_points(points->size(), points->dims, "points", issues)) {
    points.reset();
  }
  if (!points) {
    error_json = json_text(detail::error_response(issues));
    return std::nullopt;
  }
  return rows(*points);
}

}  // namespace

std::optional<std::vector<std::size_t>> pareto_front_of(const BulkPoints& in,
                                                        std::string& error_json) {
  return row_indices(in, error_json, pareto::non_dominated);
}

std::optional<std::vector<std::size_t>> pareto_ranks_of(const BulkPoints& in,
                                                        std::string& error_json) {
  return row_indices(in, error_json, pareto::non_dominated_ranks);
}

std::optional<double> hypervolume_of(const BulkPoints& in, const std::vector<double>& reference,
                                     std::string& error_json) {
  Issues issues;
  auto points = read_bulk(in, detail::kMaxExactHypervolumeObjectives, issues);
  std::vector<double> ref;
  if (points) {
    if (reference.size() != in.dims) {
      issues.add("input.wrong_length", "reference_point",
                 "must give one value per objective (" + std::to_string(in.dims) + ")",
                 std::to_string(reference.size()) + " values");
    } else {
      for (std::size_t k = 0; k < in.dims; ++k) {
        if (!std::isfinite(reference[k])) {
          issues.add("input.not_finite", index_path("reference_point", k),
                     "must be a finite number", format_number(reference[k]));
        }
        const bool flip = !in.maximize.empty() && in.maximize[k];
        ref.push_back(flip ? -reference[k] : reference[k]);
      }
    }
  }
  std::optional<pareto::Points> front;
  if (points && issues.empty() &&
      detail::check_front_points(points->size(), points->dims, "points", issues)) {
    front = detail::front_inside(*points, ref);
    detail::check_exact_hypervolume(front->size(), points->dims, "points",
                                    "estimate it with the hypervolume request's monte_carlo",
                                    issues);
  }
  if (!points || !issues.empty()) {
    error_json = json_text(detail::error_response(issues));
    return std::nullopt;
  }
  return pareto::hypervolume(*front, ref);
}

}  // namespace greenfront::api
