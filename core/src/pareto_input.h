// Reading the parts that every Pareto request shares: the objectives (name and sense),
// points given as arrays or as objects keyed by objective name, and a reference point.
// Internal to core/src: the API handlers call these; docs/pareto.md documents the JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/json_reader.h"
#include "greenfront/pareto/points.h"

namespace greenfront::api::detail {

/// Objectives beyond this are refused: the exact algorithms are exponential in them.
constexpr std::size_t kMaxObjectives = 32;
/// Exact hypervolume is exponential in the number of objectives (WFG); beyond this a
/// request must ask for the Monte-Carlo estimate instead.
constexpr std::size_t kMaxExactHypervolumeObjectives = 8;
/// Points in one request (a 4 MiB request holds fewer anyway).
constexpr std::size_t kMaxPoints = 1000000;

struct ObjectiveSpec {
  std::string name;
  pareto::Sense sense = pareto::Sense::minimize;
};

/// Reads "objectives": [{"name", "sense": "minimize"|"maximize"}, ...] or ["loss", ...]
/// (all minimized). Absent: `default_count` objectives named f1, f2, ... all minimized.
/// `extra_keys` are further fields an objective object may carry (read by the caller).
std::vector<ObjectiveSpec> read_objectives(const ObjectReader& r, std::size_t default_count,
                                           const std::vector<std::string>& extra_keys = {});

/// How many objectives the first element of "points" implies (0 when it cannot tell).
std::size_t implied_objective_count(const nlohmann::json* points);

/// Reads "points": each an array of numbers (in objective order) or an object with a number
/// per objective name (other keys are ignored, but a string "label" is kept in `labels`,
/// one entry per point, "" when absent). Returns them all-minimized.
pareto::Points read_points(const ObjectReader& r, const std::string& key,
                           const std::vector<ObjectiveSpec>& objectives, bool required,
                           std::vector<std::string>* labels = nullptr);

/// Reads one vector of objective values at `path` (an array in objective order or an object
/// by name), in the objectives' senses, and returns it all-minimized.
std::optional<std::vector<double>> read_objective_vector(const nlohmann::json& value,
                                                         const std::string& path,
                                                         const std::vector<ObjectiveSpec>& objectives,
                                                         Issues& issues);

/// Reads a reference point in the objectives' own senses (array or object by name) and
/// returns it all-minimized.
std::optional<std::vector<double>> read_reference_point(const ObjectReader& r,
                                                        const std::string& key,
                                                        const std::vector<ObjectiveSpec>& objectives);

/// Converts an all-minimized vector back to the objectives' senses.
std::vector<double> to_user_senses(const double* minimized,
                                   const std::vector<ObjectiveSpec>& objectives);

/// The senses of `objectives`, in order.
std::vector<pareto::Sense> senses_of(const std::vector<ObjectiveSpec>& objectives);

}  // namespace greenfront::api::detail
