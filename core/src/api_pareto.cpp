// The `pareto` and `hypervolume` requests (docs/pareto.md): thin JSON shells over
// greenfront::pareto, which works on all-minimized objectives; senses are applied here.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "api_common.h"
#include "greenfront/api.h"
#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/hypervolume.h"
#include "greenfront/scenario_parser.h"
#include "pareto_input.h"
#include "pareto_work.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;
using namespace detail;

namespace {

using limits::kMaxHypervolumeSamples;

/// A JSON number, or null for ±infinity (crowding distance of boundary points).
json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

struct PointsRequest {
  std::vector<ObjectiveSpec> objectives;
  pareto::Points points;
  std::vector<std::string> labels;  ///< per point, "" when none was given
  std::optional<std::vector<double>> reference;
};

/// Reads the fields both requests share, reporting unknown ones against `allowed`.
PointsRequest read_points_request(const ObjectReader& r, std::vector<std::string> allowed) {
  allowed.insert(allowed.end(), {"schema_version", "request", "objectives", "points",
                                 "reference_point"});
  r.reject_unknown(allowed);
  check_schema_version(r, kSchemaVersion);
  PointsRequest req;
  req.objectives = read_objectives(r, implied_objective_count(r.get("points")));
  if (req.objectives.empty() && r.issues().empty() && r.has("points")) {
    r.issues().add("input.missing_field", "objectives",
                   "is required when the points are objects (or give points as arrays)", "");
  }
  req.points = read_points(r, "points", req.objectives, true, &req.labels);
  req.reference = read_reference_point(r, "reference_point", req.objectives);
  return req;
}

json vector_json(const double* minimized, const std::vector<ObjectiveSpec>& objectives) {
  return to_user_senses(minimized, objectives);
}

std::string run_pareto(const json& doc) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  PointsRequest req = read_points_request(r, {"ranks", "epsilon", "epsilon_kind"});
  const bool want_ranks = r.boolean("ranks").value_or(false);
  std::optional<std::vector<double>> epsilon;
  if (const json* e = r.get("epsilon")) {
    const std::string path = r.field_path("epsilon");
    if (!e->is_array() || e->size() != req.objectives.size()) {
      issues.add("input.wrong_length", path, "must have one positive number per objective",
                 describe(*e));
    } else {
      epsilon.emplace();
      for (std::size_t k = 0; k < e->size(); ++k) {
        auto v = read_number((*e)[k], index_path(path, k), Bounds::above(0), issues);
        epsilon->push_back(v.value_or(1.0));
      }
    }
  }
  const bool multiplicative =
      r.choice("epsilon_kind", {"additive", "multiplicative"}).value_or("additive") ==
      "multiplicative";
  if (epsilon && multiplicative) {
    for (std::size_t i = 0; i < req.points.size(); ++i) {
      for (std::size_t k = 0; k < req.points.dims; ++k) {
        if (!(req.points.at(i, k) > 0)) {
          issues.add("input.out_of_range", "points[" + std::to_string(i) + "]",
                     "must be positive in every minimized objective for a multiplicative "
                     "epsilon (maximized objectives are negated, so use additive)",
                     format_number(req.points.at(i, k)));
          break;
        }
      }
      if (issues.count() >= 50) break;
    }
  }
  if (req.reference && req.points.dims > kMaxExactHypervolumeObjectives) {
    issues.add("input.too_many", "reference_point",
               "exact hypervolume supports at most " +
                   std::to_string(kMaxExactHypervolumeObjectives) +
                   " objectives; use the hypervolume request with monte_carlo",
               std::to_string(req.points.dims));
  }
  if (issues.empty()) check_front_points(req.points.size(), req.points.dims, "points", issues);
  // The exact hypervolume is bounded by the front inside the reference, found (cheaply,
  // after the check above) before the rest of the work.
  std::optional<pareto::Points> front_for_volume;
  if (issues.empty() && req.reference) {
    front_for_volume = front_inside(req.points, *req.reference);
    check_exact_hypervolume(front_for_volume->size(), req.points.dims, "points",
                            "leave out reference_point, or use the hypervolume request with "
                            "\"exact\": false and monte_carlo for an estimate",
                            issues);
  }
  if (!issues.empty()) return json_text(error_response(issues));

  const auto& objectives = req.objectives;
  const std::vector<std::size_t> front = pareto::non_dominated(req.points);
  const std::vector<double> crowding = pareto::crowding_distance(req.points, front);
  json members = json::array();
  for (std::size_t j = 0; j < front.size(); ++j) {
    json member = {{"index", front[j]},
                   {"values", vector_json(req.points.row(front[j]), objectives)},
                   {"crowding_distance", finite_or_null(crowding[j])}};
    if (front[j] < req.labels.size() && !req.labels[front[j]].empty()) {
      member["label"] = req.labels[front[j]];
    }
    members.push_back(member);
  }
  json names = json::array(), senses = json::array();
  for (const auto& o : objectives) {
    names.push_back(o.name);
    senses.push_back(o.sense == pareto::Sense::maximize ? "maximize" : "minimize");
  }
  json result = {{"ok", true},
                 {"schema_version", kSchemaVersion},
                 {"objectives", names},
                 {"senses", senses},
                 {"count", req.points.size()},
                 {"front", members},
                 {"front_indices", front}};
  if (auto knee = pareto::knee_point(req.points, front)) {
    result["knee"] = {{"index", *knee}, {"values", vector_json(req.points.row(*knee), objectives)},
                      {"definition",
                       "largest normalized distance below the hyperplane through the front's "
                       "extreme points (Das 1999; Branke et al. 2004)"}};
  } else {
    result["knee"] = nullptr;
  }
  if (!front.empty()) {
    std::vector<double> ideal(req.points.dims, std::numeric_limits<double>::infinity());
    std::vector<double> nadir(req.points.dims, -std::numeric_limits<double>::infinity());
    for (std::size_t i : front) {
      for (std::size_t k = 0; k < req.points.dims; ++k) {
        ideal[k] = std::min(ideal[k], req.points.at(i, k));
        nadir[k] = std::max(nadir[k], req.points.at(i, k));
      }
    }
    result["ideal"] = vector_json(ideal.data(), objectives);
    result["nadir"] = vector_json(nadir.data(), objectives);
  }
  if (want_ranks) result["ranks"] = pareto::non_dominated_ranks(req.points);
  if (epsilon) {
    result["epsilon_front_indices"] = pareto::epsilon_filter(req.points, *epsilon, multiplicative);
  }
  if (req.reference) {
    result["reference_point"] = vector_json(req.reference->data(), objectives);
    result["hypervolume"] = pareto::hypervolume(*front_for_volume, *req.reference);
  }
  return json_text(result);
}

std::string run_hypervolume(const json& doc) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  PointsRequest req = read_points_request(r, {"contributions", "monte_carlo", "exact"});
  if (!req.reference && !r.has("reference_point") && issues.empty()) {
    issues.add("input.missing_field", "reference_point",
               "is required: hypervolume is measured against it (one value per objective, worse "
               "than every point of interest)",
               "");
  }
  const bool want_contributions = r.boolean("contributions").value_or(false);
  const bool want_exact = r.boolean("exact").value_or(true);
  std::optional<std::size_t> mc_samples;
  std::uint64_t mc_seed = 1;
  if (const json* mc = r.get("monte_carlo")) {
    ObjectReader m(*mc, "monte_carlo", issues);
    m.reject_unknown({"samples", "seed"});
    mc_samples = static_cast<std::size_t>(
        m.integer("samples", Bounds::between(1, kMaxHypervolumeSamples)).value_or(100000));
    mc_seed = static_cast<std::uint64_t>(
        m.integer("seed", Bounds::between(0, 9007199254740991.0)).value_or(1));
  }
  if ((want_exact || want_contributions) && req.points.dims > kMaxExactHypervolumeObjectives) {
    issues.add("input.too_many", "objectives",
               "exact hypervolume supports at most " +
                   std::to_string(kMaxExactHypervolumeObjectives) +
                   " objectives; set \"exact\": false and give monte_carlo",
               std::to_string(req.points.dims));
  }
  if (!want_exact && !mc_samples && issues.empty()) {
    issues.add("input.missing_field", "monte_carlo", "is required when \"exact\" is false", "");
  }
  if (!issues.empty()) return json_text(error_response(issues));

  const auto& ref = *req.reference;
  const std::size_t m = req.points.dims;
  if (!check_front_points(req.points.size(), m, "points", issues)) {
    return json_text(error_response(issues));
  }
  // The front inside the reference decides every figure below, and bounds their work.
  const pareto::Points front = front_inside(req.points, ref);
  if (want_exact) {
    check_exact_hypervolume(front.size(), m, "points",
                            "set \"exact\": false and give monte_carlo for an estimate", issues);
  }
  if (want_contributions) {
    check_contributions(pareto::counted_rows(req.points, ref).size(), m, "points", issues);
  }
  if (mc_samples) check_monte_carlo(*mc_samples, front.size(), m, "monte_carlo.samples", issues);
  if (!issues.empty()) return json_text(error_response(issues));

  json result = {{"ok", true},
                 {"schema_version", kSchemaVersion},
                 {"count", req.points.size()},
                 {"reference_point", vector_json(ref.data(), req.objectives)}};
  if (want_exact) {
    result["hypervolume"] = pareto::hypervolume(front, ref);
    result["algorithm"] = m <= 1   ? "1-D: best value, O(n)"
                          : m == 2 ? "2-D sweep, O(n log n)"
                          : m == 3 ? "3-D dimension sweep with a balanced tree (Beume et al. 2009), "
                                     "O(n log n)"
                                   : "WFG (While, Bradstreet and Barone 2012) with the 3-D sweep "
                                     "as base case";
  }
  if (want_contributions) result["contributions"] = pareto::hypervolume_contributions(req.points, ref);
  if (mc_samples) {
    const auto mc = pareto::hypervolume_monte_carlo(front, ref, *mc_samples, mc_seed, false);
    result["monte_carlo"] = {{"estimate", mc.estimate},
                             {"standard_error", mc.standard_error},
                             {"samples", mc.samples},
                             {"seed", mc_seed}};
  }
  if (!all_finite(result)) {
    issues.add("input.overflow", "", "the points and reference span more than a double can "
               "hold; rescale the objectives", "");
    return json_text(error_response(issues));
  }
  return json_text(result);
}

}  // namespace

std::string pareto(const std::string& request_json) {
  return parse_and_run(request_json, [&](const json& doc) { return run_pareto(doc); });
}

std::string hypervolume(const std::string& request_json) {
  return parse_and_run(request_json, [&](const json& doc) { return run_hypervolume(doc); });
}

}  // namespace greenfront::api
