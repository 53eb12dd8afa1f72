// Bulk numeric entry points: the Pareto front and the hypervolume of points held in a flat
// row-major array (the wasm binding's Float64Array fast path), so that 10^5–10^6 points do
// not travel as JSON text. Same checks and error codes as the JSON requests of
// docs/pareto.md; paths name the array cell ("points[12][1]").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace greenfront::api {

/// `count` doubles, row-major rows of `dims` values, and per objective whether it is
/// maximized (empty: all minimized). Not owned.
struct BulkPoints {
  const double* values = nullptr;
  std::size_t count = 0;
  std::size_t dims = 0;
  std::vector<bool> maximize;
};

/// Indices (ascending) of the non-dominated rows (identical rows are all kept), or nothing
/// with the error response (`{"ok": false, "errors": [...]}` text) in `error_json`.
std::optional<std::vector<std::size_t>> pareto_front_of(const BulkPoints& points,
                                                        std::string& error_json);

/// Front number of every row (0 = first front), or nothing with the error in `error_json`.
std::optional<std::vector<std::size_t>> pareto_ranks_of(const BulkPoints& points,
                                                        std::string& error_json);

/// The exact hypervolume against `reference` (dims values, in the objectives' own senses;
/// every point must be no worse than it to count), or nothing with the error in `error_json`.
std::optional<double> hypervolume_of(const BulkPoints& points,
                                     const std::vector<double>& reference,
                                     std::string& error_json);

}  // namespace greenfront::api
