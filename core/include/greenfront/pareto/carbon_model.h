// Carbon as an objective: the accounting core evaluated at any configuration of decision
// variables, by writing each variable into a scenario template (docs/schema.md).
//
// A binding maps one variable to one place in the scenario by JSON pointer (RFC 6901):
//   {"variable": "region", "pointer": "/defaults/region"}      categorical: the choice text
//   {"variable": "gpus",   "pointer": "/training/device_count"} integer: a JSON integer
//   {"variable": "hours",  "pointer": "/training/hours"}        continuous: the number
// The filled scenario goes through the same parse_scenario + evaluate (nominal draw) as
// api::estimate, so the objective is exactly the estimate a user would get for it.
//
// Cost per configuration: one JSON copy, one parse (~65 µs natively) and one evaluation
// (~15–30 µs). With no bindings the scenario is parsed once at creation; when every bound
// variable is discrete (categorical or integer) each combination is parsed once and kept
// (up to 512), so an optimizer revisiting it pays only the evaluation.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/accounting.h"
#include "greenfront/catalog.h"
#include "greenfront/issues.h"
#include "greenfront/pareto/space.h"
#include "greenfront/scenario.h"

namespace greenfront::pareto {

/// Which number of an estimate is the objective. All are minimized.
enum class CarbonMetric {
  total_location_kg,        ///< operational (location-based) + embodied CO2e
  total_market_kg,          ///< operational (market-based) + embodied CO2e
  operational_location_kg,  ///< operational CO2e only, location-based
  embodied_kg,              ///< embodied CO2e only
  energy_facility_kwh,      ///< facility energy (IT + static, × PUE)
};

/// The JSON names of the metrics, in enum order.
const std::vector<std::string>& carbon_metric_names();
/// "total_location_kg" for CarbonMetric::total_location_kg, etc.
const std::string& carbon_metric_name(CarbonMetric metric);
/// The metric for a JSON name; empty when the name is unknown.
std::optional<CarbonMetric> carbon_metric_from_name(const std::string& name);
/// The metric's value in `totals`.
double metric_value(const Totals& totals, CarbonMetric metric);

/// One decision variable written into the scenario template.
struct Binding {
  std::string variable;  ///< a Variable::name
  std::string pointer;   ///< RFC 6901 JSON pointer into the scenario, e.g. "/defaults/region"
};

/// A value the model itself writes into the scenario (not a decision variable), named in
/// error messages by `source`, e.g. "the scaling law (training device-hours)".
struct Assignment {
  std::string source;
  nlohmann::json::json_pointer pointer;
  nlohmann::json value;
};

/// A scenario template with decision variables bound into it. Its results never change after
/// create(); the parse cache it fills makes the const methods unsafe to call concurrently
/// from several threads (the core is single-threaded, as in wasm).
class ScenarioModel {
 public:
  /// Validates the bindings against `variables` (each names one variable, one binding per
  /// pointer, pointers well-formed and below the root) and probes the template with each
  /// variable at its bounds and at each of its choices (at most 256 probes), so a choice
  /// the scenario rejects is reported now rather than mid-optimization. `path` prefixes
  /// every issue ("model" gives "model.bindings[0].pointer", "model.scenario.training.hours").
  /// `extra` are values the caller's model writes after the bindings in every configuration.
  static std::optional<ScenarioModel> create(nlohmann::json scenario_template,
                                             const std::vector<Binding>& bindings,
                                             const std::vector<Variable>& variables,
                                             const std::string& path, Issues& issues,
                                             const std::vector<Assignment>& extra = {},
                                             const Catalog& catalog = Catalog::builtin());

  /// The template with `config` (and the extra values) written in: categorical variables as
  /// their choice text, integers as JSON integers (rounded), continuous ones as numbers.
  /// Empty, with an issue at "config.<variable>", when `config` has the wrong size, a
  /// non-finite value or an invalid choice index. Bounds are not enforced here: the
  /// scenario parser checks each field's own range.
  std::optional<nlohmann::json> fill(const Config& config, Issues& issues) const;

  /// The parsed scenario for `config`. Problems in the filled scenario are reported at the
  /// scenario path (prefixed by "<path>.scenario") and name the variable that set the field.
  std::optional<Scenario> scenario(const Config& config, Issues& issues) const;

  /// The nominal estimate (phases and totals) for `config`.
  std::optional<Evaluation> evaluate(const Config& config, Issues& issues) const;

  /// The metric's value for `config`: the objective of an optimizer.
  std::optional<double> objective(const Config& config, CarbonMetric metric, Issues& issues) const;

  const std::vector<Variable>& variables() const { return variables_; }
  const nlohmann::json& scenario_template() const { return template_; }
  const std::string& path() const { return path_; }

 private:
  /// A place the model writes: a bound variable or an extra assignment.
  struct Slot {
    std::size_t variable = 0;  ///< index into variables_ (variable slots only)
    bool is_variable = true;
    std::string source;    ///< extra slots: who sets it
    nlohmann::json value;  ///< extra slots: the value
    nlohmann::json::json_pointer pointer;
    std::vector<std::string> tokens;  ///< pointer's unescaped tokens, split once for write()
    std::string scenario_path;  ///< "training.hours": where parse issues about it appear
  };

  /// Writes `config` and the extras into a copy of the template; reports a pointer that
  /// cannot be written (through a string, say) at its binding.
  std::optional<nlohmann::json> write(const Config& config, Issues& issues) const;
  /// Parses a filled document, attributing each issue to the slot whose field it names.
  std::optional<Scenario> parse_filled(const nlohmann::json& doc, const Config& config,
                                       Issues& issues) const;
  /// "config.<name>" issues for a configuration this model cannot write.
  bool check_config(const Config& config, Issues& issues) const;
  /// The parsed scenario for a checked `config`: the fixed or cached one, or `storage`
  /// after parsing into it. Null with issues when the filled scenario is invalid.
  const Scenario* lookup(const Config& config, Issues& issues,
                         std::optional<Scenario>& storage) const;

  nlohmann::json template_;
  std::vector<Variable> variables_;
  std::vector<Slot> slots_;
  std::string path_;
  const Catalog* catalog_ = nullptr;
  std::optional<Scenario> fixed_;  ///< the parsed scenario when no variable is bound
  bool discrete_ = false;          ///< every bound variable is categorical or integer
  /// Parsed scenarios by the bound variables' values (discrete_ only). Results do not
  /// depend on it: a hit returns what parsing would.
  mutable std::map<std::vector<double>, Scenario> cache_;
};

/// The dotted scenario path of a JSON pointer, as the parser names fields:
/// "/training/hours" -> "training.hours", "/experimentation/grid_values/1" ->
/// "experimentation.grid_values[1]".
std::string pointer_to_path(const nlohmann::json::json_pointer& pointer);

/// Reads {"scenario": {...}, "bindings": [{"variable", "pointer"}...], "metric": name or
/// [names]} (the "model": "scenario" request of objective_models.h) at `path`; the caller
/// has checked "model". Metric names go to `metrics` (default total_location_kg).
std::optional<ScenarioModel> parse_scenario_model(const nlohmann::json& doc,
                                                  const std::string& path,
                                                  const std::vector<Variable>& variables,
                                                  std::vector<CarbonMetric>& metrics,
                                                  Issues& issues);

/// Copies every issue of `from` into `to` unchanged.
void append_issues(const Issues& from, Issues& to);

/// Reads a "bindings" array at `path` (shared with the scaling-law model).
std::optional<std::vector<Binding>> parse_bindings(const nlohmann::json& value,
                                                   const std::string& path, Issues& issues);

/// Reads a "metric" field: one name or a non-empty array of distinct names.
std::optional<std::vector<CarbonMetric>> parse_metrics(const nlohmann::json& value,
                                                       const std::string& path, Issues& issues);

}  // namespace greenfront::pareto
