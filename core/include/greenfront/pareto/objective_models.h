// Built-in objective models for in-browser Pareto studies: a request names a model, the model
// maps each configuration of the decision variables (space.h) to a vector of objectives,
// all minimized.
//
// JSON accepted (the "model" object of an optimize/suggest request; `variables` come from
// the request's space). Unknown fields are input.unknown_field; every problem is reported
// with its path, as for scenarios (docs/schema.md "Errors").
//
// 1. Carbon of a scenario template (carbon_model.h):
//    {
//      "model": "scenario",
//      "scenario": { ...a scenario, docs/schema.md... },          required
//      "bindings": [ {"variable": "region", "pointer": "/defaults/region"},
//                    {"variable": "gpus",   "pointer": "/training/device_count"} ],
//                                                                  optional, default []
//      "metric": "total_location_kg"                               optional; or an array
//    }
//    A binding writes its variable at an RFC 6901 pointer of the scenario: a categorical
//    variable as its choice text (a region, hardware or cloud-region id...), an integer as a
//    JSON integer, a continuous variable as a number. Paths follow the schema: "/region" is
//    not a scenario field, "/defaults/region" or "/training/region" are. Metrics:
//    "total_location_kg" (default), "total_market_kg", "operational_location_kg",
//    "embodied_kg", "energy_facility_kwh"; the objectives are the metrics in the order given.
//    Each choice of each categorical variable and each numeric bound is tried once when the
//    model is read, so e.g. an unknown region id is an error before the study starts:
//    "[input.unknown_id] model.scenario.defaults.region: from variable "region" = "XX": ...".
//
// 2. A scaling law (scaling_law.h):
//    {
//      "model": "scaling_law",
//      "coefficients": "chinchilla" | {"E": 1.69, "A": 406.4, "B": 410.7,
//                                      "alpha": 0.34, "beta": 0.28},
//                                  optional, default "chinchilla" (Hoffmann et al. 2022,
//                                  Approach 3); an object must give all five
//      "parameters": "n_params" | 7e9,     required: a variable name, or a fixed N
//      "tokens": "n_tokens" | 1.4e11,      required: a variable name, or a fixed D
//      "peak_tflops": 312,                 required: dense peak per training device, TFLOP/s
//      "training_mfu": 0.4,                required: model FLOPs utilization, (0, 1]
//      "inference_tokens": 1e12 | "served", optional, default 0: lifetime tokens served
//      "inference_mfu": 0.2,               required when tokens are served, (0, 1]
//      "inference_peak_tflops": 121,       optional, default peak_tflops (serving device)
//      "scenario": { ...a scenario... },   required; its training and inference phases get
//                                          hours = device-hours / device_count, so they must
//                                          not set hours, energy_kwh, per-sample or per-query
//                                          fields; missing phases are added empty
//      "bindings": [...],                  optional, as for "scenario" (region, hardware...)
//      "metric": "total_location_kg",      optional, one metric name
//      "objectives": ["loss", "total_kg"]  optional, default ["loss", "total_kg"]; from
//                                          "loss", "training_flops", "inference_flops",
//                                          "training_device_hours",
//                                          "inference_device_hours", "training_kg",
//                                          "inference_kg", "total_kg"
//    }
//    Variables used as "parameters", "tokens" or "inference_tokens" must be continuous or
//    integer (log_scale recommended: they span orders of magnitude).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/pareto/carbon_model.h"
#include "greenfront/pareto/scaling_law.h"
#include "greenfront/pareto/space.h"

namespace greenfront::pareto {

/// A built-in objective model read from a request: configuration in, objectives out.
class ObjectiveModel {
 public:
  enum class Kind { scenario, scaling_law };

  /// A carbon model returning `metrics` (at least one).
  ObjectiveModel(ScenarioModel model, std::vector<CarbonMetric> metrics);
  /// A scaling-law model returning the named `objectives` (scaling_law_objective_names()).
  ObjectiveModel(ScalingLawModel model, std::vector<std::string> objectives);

  Kind kind() const { return kind_; }
  /// The objective names, in the order evaluate() returns them.
  const std::vector<std::string>& objective_names() const { return names_; }
  /// The objectives of `config`; empty with issues (paths "config.<name>" or the scenario
  /// path with the variable that set the field) when it cannot be evaluated.
  std::optional<std::vector<double>> evaluate(const Config& config, Issues& issues) const;
  /// The scenario document whose estimate gives the carbon of `config` (to show a chosen
  /// point through api::estimate with every detail).
  std::optional<nlohmann::json> filled_scenario(const Config& config, Issues& issues) const;

  /// The underlying model: non-null for the matching kind only.
  const ScenarioModel* scenario_model() const { return scenario_ ? &*scenario_ : nullptr; }
  const ScalingLawModel* scaling_law_model() const {
    return scaling_law_ ? &*scaling_law_ : nullptr;
  }

 private:
  Kind kind_;
  std::vector<std::string> names_;
  std::vector<CarbonMetric> metrics_;
  std::optional<ScenarioModel> scenario_;
  std::optional<ScalingLawModel> scaling_law_;
};

/// Reads a model object (see the top of this file) at `path` against the study's
/// `variables`. Empty when any issue was added.
std::optional<ObjectiveModel> parse_objective_model(const nlohmann::json& doc,
                                                    const std::string& path,
                                                    const std::vector<Variable>& variables,
                                                    Issues& issues);

}  // namespace greenfront::pareto
