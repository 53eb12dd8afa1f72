#include "greenfront/pareto/objective_models.h"

#include <cmath>
#include <limits>

#include "greenfront/json_reader.h"

namespace greenfront::pareto {

using nlohmann::json;

ObjectiveModel::ObjectiveModel(ScenarioModel model, std::vector<CarbonMetric> metrics)
    : kind_(Kind::scenario), metrics_(std::move(metrics)), scenario_(std::move(model)) {
  if (metrics_.empty()) metrics_.push_back(CarbonMetric::total_location_kg);
  for (CarbonMetric m : metrics_) names_.push_back(carbon_metric_name(m));
}

ObjectiveModel::ObjectiveModel(ScalingLawModel model, std::vector<std::string> objectives)
    : kind_(Kind::scaling_law), names_(std::move(objectives)), scaling_law_(std::move(model)) {
  if (names_.empty()) names_ = {"loss", "total_kg"};
}

std::optional<std::vector<double>> ObjectiveModel::evaluate(const Config& config,
                                                            Issues& issues) const {
  std::vector<double> out;
  if (scenario_) {
    auto e = scenario_->evaluate(config, issues);
    if (!e) return std::nullopt;
    for (CarbonMetric m : metrics_) out.push_back(metric_value(e->total, m));
  } else if (scaling_law_) {
    auto o = scaling_law_->objectives(config, issues);
    if (!o) return std::nullopt;
    for (const auto& name : names_) out.push_back(scaling_law_objective(*o, name));
  }
  for (double v : out) {
    if (!std::isfinite(v)) {
      issues.add("input.overflow", "config",
                 "the objectives of this configuration are too large for a double", "");
      return std::nullopt;
    }
  }
  return out;
}

std::optional<json> ObjectiveModel::filled_scenario(const Config& config, Issues& issues) const {
  if (scenario_) return scenario_->fill(config, issues);
  if (!scaling_law_) return std::nullopt;
  const ScalingLawInputs& in = scaling_law_->inputs();
  auto read = [&](const std::optional<std::size_t>& variable, double fallback) {
    if (!variable) return fallback;
    return *variable < config.size() ? config[*variable] : std::numeric_limits<double>::quiet_NaN();
  };
  return scaling_law_->filled_scenario(
      read(in.parameters_variable, in.parameters), read(in.tokens_variable, in.tokens),
      read(in.inference_tokens_variable, scaling_law_->study().inference_tokens), config, issues);
}

namespace {

/// A field that is either a number or the name of a numeric variable.
struct NumberOrVariable {
  std::optional<double> number;
  std::optional<std::size_t> variable;
};

NumberOrVariable number_or_variable(const ObjectReader& r, const std::string& key,
                                    const Bounds& bounds, const std::vector<Variable>& variables) {
  NumberOrVariable out;
  const json* v = r.get(key);
  if (!v) return out;
  if (!v->is_string()) {
    out.number = r.number(key, bounds);
    return out;
  }
  const std::string name = v->get<std::string>();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    names.push_back(variables[i].name);
    if (variables[i].name != name) continue;
    if (variables[i].kind == Variable::Kind::categorical) {
      r.issues().add("input.invalid_value", r.field_path(key),
                     "must name a continuous or integer variable (it is a count)",
                     "\"" + name + "\" (categorical)");
    } else {
      out.variable = i;
    }
    return out;
  }
  const std::string suggestion = did_you_mean(name, names);
  r.issues().add("input.unknown_id", r.field_path(key),
                 suggestion.empty()
                     ? "must be a number or the name of a declared variable"
                     : "is not a declared variable (did you mean \"" + suggestion + "\"?)",
                 "\"" + name + "\"");
  return out;
}

std::optional<ScalingLawCoefficients> read_coefficients(const ObjectReader& r) {
  const json* v = r.get("coefficients");
  if (!v) return ScalingLawCoefficients{};
  const std::string at = r.field_path("coefficients");
  if (v->is_string()) {
    if (v->get<std::string>() == "chinchilla") return ScalingLawCoefficients{};
    r.issues().add("input.invalid_value", at,
                   "must be \"chinchilla\" or an object of E, A, B, "
                   "alpha, beta",
                   describe(*v));
    return std::nullopt;
  }
  ObjectReader c(*v, at, r.issues());
  if (!c.is_object()) return std::nullopt;
  const std::size_t before = r.issues().count();
  c.reject_unknown({"E", "A", "B", "alpha", "beta"});
  for (const char* key : {"E", "A", "B", "alpha", "beta"}) {
    if (!c.has(key)) c.issues().add("input.missing_field", c.field_path(key), "is required", "");
  }
  ScalingLawCoefficients out;
  out.e = c.number("E", Bounds::at_least(0)).value_or(out.e);
  out.a = c.number("A", Bounds::above(0)).value_or(out.a);
  out.b = c.number("B", Bounds::above(0)).value_or(out.b);
  out.alpha = c.number("alpha", Bounds::above_up_to(0, 10)).value_or(out.alpha);
  out.beta = c.number("beta", Bounds::above_up_to(0, 10)).value_or(out.beta);
  if (r.issues().count() != before) return std::nullopt;
  return out;
}

}  // namespace

std::optional<ScalingLawModel> parse_scaling_law_model(const json& doc, const std::string& path,
                                                       const std::vector<Variable>& variables,
                                                       std::vector<std::string>& objectives,
                                                       Issues& issues) {
  ObjectReader r(doc, path, issues);
  if (!r.is_object()) return std::nullopt;
  const std::size_t before = issues.count();
  r.reject_unknown({"model", "coefficients", "parameters", "tokens", "peak_tflops", "training_mfu",
                    "inference_tokens", "inference_mfu", "inference_peak_tflops", "scenario",
                    "bindings", "metric", "objectives"});
  for (const char* key : {"parameters", "tokens", "peak_tflops", "training_mfu", "scenario"}) {
    if (!r.has(key)) issues.add("input.missing_field", r.field_path(key), "is required", "");
  }
  ScalingLawStudy study;
  auto coefficients = read_coefficients(r);
  if (coefficients) study.coefficients = *coefficients;
  const Bounds count = Bounds::above_up_to(0, 1e20);
  ScalingLawInputs inputs;
  const auto n = number_or_variable(r, "parameters", count, variables);
  const auto d = number_or_variable(r, "tokens", count, variables);
  const auto t = number_or_variable(r, "inference_tokens", Bounds::between(0, 1e30), variables);
  inputs.parameters_variable = n.variable;
  inputs.tokens_variable = d.variable;
  inputs.inference_tokens_variable = t.variable;
  inputs.parameters = n.number.value_or(0.0);
  inputs.tokens = d.number.value_or(0.0);
  study.inference_tokens = t.number.value_or(0.0);
  study.peak_tflops = r.number("peak_tflops", Bounds::above_up_to(0, 1e9)).value_or(0.0);
  study.training_mfu = r.number("training_mfu", Bounds::above_up_to(0, 1)).value_or(0.0);
  study.inference_peak_tflops =
      r.number("inference_peak_tflops", Bounds::above_up_to(0, 1e9)).value_or(0.0);
  study.inference_mfu = r.number("inference_mfu", Bounds::above_up_to(0, 1)).value_or(0.0);
  const bool serves = study.inference_tokens > 0 || inputs.inference_tokens_variable;
  if (serves && !r.has("inference_mfu")) {
    issues.add("input.missing_field", r.field_path("inference_mfu"),
               "is required when tokens are served (inference_tokens)", "");
  }
  if (const json* m = r.get("metric")) {
    auto metrics = parse_metrics(*m, r.field_path("metric"), issues);
    if (metrics && metrics->size() != 1) {
      issues.add("input.wrong_type", r.field_path("metric"),
                 "must be one metric name for a scaling-law model", describe(*m));
    } else if (metrics) {
      study.metric = metrics->front();
    }
  }
  objectives = {"loss", "total_kg"};
  if (const json* o = r.get("objectives")) {
    if (!o->is_array() || o->empty()) {
      issues.add("input.wrong_type", r.field_path("objectives"),
                 "must be a non-empty array of objective names", describe(*o));
    } else {
      objectives.clear();
      std::string list;
      for (const auto& name : scaling_law_objective_names()) {
        list += (list.empty() ? "" : ", ") + ("\"" + name + "\"");
      }
      for (std::size_t i = 0; i < o->size(); ++i) {
        const json& item = (*o)[i];
        const std::string at = index_path(r.field_path("objectives"), i);
        bool known = false;
        for (const auto& name : scaling_law_objective_names()) {
          known = known || (item.is_string() && item.get<std::string>() == name);
        }
        bool repeated = false;
        for (const auto& seen : objectives) {
          repeated = repeated || (item.is_string() && item.get<std::string>() == seen);
        }
        if (!known) {
          issues.add("input.invalid_value", at, "must be one of " + list, describe(item));
        } else if (repeated) {
          issues.add("input.conflict", at, "repeats an objective", describe(item));
        } else {
          objectives.push_back(item.get<std::string>());
        }
      }
    }
  }
  std::vector<Binding> bindings;
  if (const json* b = r.get("bindings")) {
    auto parsed = parse_bindings(*b, r.field_path("bindings"), issues);
    if (parsed) bindings = std::move(*parsed);
  }
  if (issues.count() != before) return std::nullopt;
  study.scenario = *r.get("scenario");
  return ScalingLawModel::create(std::move(study), path, issues, bindings, variables, inputs);
}

std::optional<ObjectiveModel> parse_objective_model(const json& doc, const std::string& path,
                                                    const std::vector<Variable>& variables,
                                                    Issues& issues) {
  ObjectReader r(doc, path, issues);
  if (!r.is_object()) return std::nullopt;
  if (!r.has("model")) {
    issues.add("input.missing_field", r.field_path("model"),
               "is required (\"scenario\" or \"scaling_law\")", "");
    return std::nullopt;
  }
  auto kind = r.choice("model", {"scenario", "scaling_law"});
  if (!kind) return std::nullopt;
  if (*kind == "scenario") {
    std::vector<CarbonMetric> metrics;
    auto m = parse_scenario_model(doc, path, variables, metrics, issues);
    if (!m) return std::nullopt;
    return ObjectiveModel(std::move(*m), std::move(metrics));
  }
  std::vector<std::string> objectives;
  auto m = parse_scaling_law_model(doc, path, variables, objectives, issues);
  if (!m) return std::nullopt;
  return ObjectiveModel(std::move(*m), std::move(objectives));
}

}  // namespace greenfront::pareto
