// The `suggest` request (docs/pareto.md): one MOBO ask over measured trials, and the
// experimentation-vs-deployment report of seed 000 eq. (2).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "api_common.h"
#include "greenfront/api.h"
#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/experiment_value.h"
#include "greenfront/pareto/hypervolume.h"
#include "greenfront/pareto/mobo.h"
#include "greenfront/scenario_parser.h"
#include "pareto_input.h"
#include "reported_hypervolume.h"
#include "trials_csv.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;
using namespace detail;
using pareto::Config;

namespace {

/// GP fits are O(n³): past this many trials a step takes seconds; refuse rather than hang.
using limits::kMaxBatch;
using limits::kMaxObservations;

std::optional<std::size_t> objective_index(const std::vector<ObjectiveSpec>& objectives,
                                           const std::string& name) {
  for (std::size_t k = 0; k < objectives.size(); ++k)
    if (objectives[k].name == name) return k;
  return std::nullopt;
}

std::vector<std::string> objective_names(const std::vector<ObjectiveSpec>& objectives) {
  std::vector<std::string> names;
  for (const auto& o : objectives) names.push_back(o.name);
  return names;
}

std::optional<std::size_t> read_objective_name(const ObjectReader& r, const std::string& key,
                                               const std::vector<ObjectiveSpec>& objectives) {
  auto name = r.string(key);
  if (!name) return std::nullopt;
  auto k = objective_index(objectives, *name);
  if (!k) {
    const std::string hint = did_you_mean(*name, objective_names(objectives));
    r.issues().add("input.unknown_objective", r.field_path(key),
                   "must name one of the objectives" +
                       (hint.empty() ? std::string() : " (did you mean \"" + hint + "\"?)"),
                   "\"" + *name + "\"");
  }
  return k;
}

std::vector<pareto::GpHyperparameters> read_hyperparameters(const ObjectReader& r,
                                                            std::size_t objectives,
                                                            std::size_t dims) {
  std::vector<pareto::GpHyperparameters> out;
  const json* list = r.get("hyperparameters");
  if (list == nullptr) return out;
  const std::string path = r.field_path("hyperparameters");
  if (!list->is_array() || list->size() != objectives) {
    r.issues().add("input.wrong_length", path,
                   "must hold one entry per objective (copy it from a previous response)",
                   describe(*list));
    return out;
  }
  for (std::size_t k = 0; k < list->size(); ++k) {
    ObjectReader h((*list)[k], index_path(path, k), r.issues());
    h.reject_unknown({"length_scales", "signal_variance", "noise_variance"});
    pareto::GpHyperparameters g;
    g.signal_variance = h.number("signal_variance", Bounds::above(0)).value_or(1.0);
    g.noise_variance = h.number("noise_variance", Bounds::above(0)).value_or(1e-2);
    if (const json* ls = h.get("length_scales")) {
      if (!ls->is_array() || ls->size() != dims) {
        r.issues().add("input.wrong_length", h.field_path("length_scales"),
                       "must hold one length-scale per encoded input (" + std::to_string(dims) + ")",
                       describe(*ls));
      } else {
        for (std::size_t j = 0; j < ls->size(); ++j) {
          g.length_scales.push_back(
              read_number((*ls)[j], index_path(h.field_path("length_scales"), j), Bounds::above(0),
                          r.issues())
                  .value_or(1.0));
        }
      }
    }
    out.push_back(g);
  }
  return out;
}

json hyperparameters_json(const std::vector<pareto::GpHyperparameters>& hyper) {
  json out = json::array();
  for (const auto& h : hyper) {
    out.push_back({{"length_scales", h.length_scales},
                   {"signal_variance", h.signal_variance},
                   {"noise_variance", h.noise_variance}});
  }
  return out;
}

std::string run_suggest(const json& doc, const Progress& progress) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  r.reject_unknown({"schema_version", "request", "variables", "objectives", "observations",
                    "pending", "batch_size", "seed", "noisy", "initial_points", "mc_samples",
                    "reference_point", "hyperparameters", "experimentation", "noise_sd",
                    "trials_csv", "ignore_columns", "budget"});
  check_schema_version(r, kSchemaVersion);
  std::optional<pareto::Space> space;
  std::vector<ObjectiveSpec> objectives;
  // Trials from a CSV table: its columns give the observations and, unless the request
  // names them, the variables; the objectives say which columns were measured.
  std::optional<TrialsTable> table;
  if (const json* csv_text = r.get("trials_csv")) {
    if (!r.has("objectives")) issues.add("input.missing_field", "objectives", "is required", "");
    objectives = read_objectives(r, 0);
    if (!csv_text->is_string()) {
      issues.add("input.wrong_type", "trials_csv", "must be the text of a CSV table", describe(*csv_text));
    } else if (r.has("observations")) {
      issues.add("input.conflict", "observations", "cannot be combined with trials_csv", "");
    } else if (!objectives.empty()) {
      std::vector<std::string> names;
      for (const auto& o : objectives) names.push_back(o.name);
      std::vector<std::string> ignore;
      if (const json* list = r.get("ignore_columns")) {
        if (!list->is_array()) {
          issues.add("input.wrong_type", "ignore_columns", "must be an array of column names", describe(*list));
        } else {
          for (std::size_t k = 0; k < list->size() && k < limits::kMaxCsvFields; ++k) {
            if ((*list)[k].is_string()) ignore.push_back((*list)[k].get<std::string>());
            else issues.add("input.wrong_type", index_path("ignore_columns", k), "must be a column name", describe((*list)[k]));
          }
        }
      }
      if (issues.empty()) {
        table = read_trials_csv(csv_text->get<std::string>(), names, ignore, r.get("variables"), issues);
      }
      if (table) space = pareto::parse_space(table->variables, "variables", issues);
    }
  } else {
    if (r.has("ignore_columns")) {
      issues.add("input.conflict", "ignore_columns", "applies only to trials_csv", "");
    }
    if (const json* v = r.get("variables")) {
      space = pareto::parse_space(*v, "variables", issues);
    } else {
      issues.add("input.missing_field", "variables", "is required (the decision variables)", "");
    }
    if (!r.has("objectives")) {
      issues.add("input.missing_field", "objectives", "is required", "");
    }
    objectives = read_objectives(r, 0);
  }
  pareto::MoboOptions options;
  options.batch_size = static_cast<std::size_t>(
      r.integer("batch_size", Bounds::between(1, kMaxBatch)).value_or(1));
  options.seed = static_cast<std::uint64_t>(
      r.integer("seed", Bounds::between(0, 9007199254740991.0)).value_or(1));
  options.noisy = r.boolean("noisy").value_or(false);
  options.initial_points =
      static_cast<std::size_t>(r.integer("initial_points", Bounds::between(1, 1000)).value_or(0));
  options.mc_samples =
      static_cast<std::size_t>(r.integer("mc_samples", Bounds::between(limits::kMinAcquisitionDraws,
                                                                         limits::kMaxAcquisitionDraws))
                                   .value_or(limits::kDefaultAcquisitionDraws));
  options.reference_point = read_reference_point(r, "reference_point", objectives);
  double budget_seconds = limits::kDefaultSuggestSeconds;
  if (const json* b = r.get("budget")) {
    ObjectReader br(*b, "budget", issues);
    br.reject_unknown({"seconds"});
    budget_seconds = br.number("seconds", Bounds::above_up_to(0, limits::kMaxSeconds)).value_or(budget_seconds);
  }
  if (const json* noise = r.get("noise_sd")) {
    // Known noise: one standard deviation per objective (array or object by name), >= 0.
    std::vector<ObjectiveSpec> unsigned_objectives = objectives;
    for (auto& o : unsigned_objectives) o.sense = pareto::Sense::minimize;
    if (auto sd = read_objective_vector(*noise, "noise_sd", unsigned_objectives, issues)) {
      for (std::size_t k = 0; k < sd->size(); ++k) {
        if ((*sd)[k] < 0) {
          issues.add("input.out_of_range", index_path("noise_sd", k), "must be >= 0",
                     format_number((*sd)[k]));
        }
      }
      options.noise_sd = *sd;
      options.noisy = options.noisy || std::any_of(sd->begin(), sd->end(), [](double v) { return v > 0; });
    }
  }

  std::vector<pareto::Observation> observations;
  std::vector<double> trial_kg;
  bool all_trial_kg = true;
  if (!space || objectives.empty()) return json_text(error_response(issues));
  // Observation i of a CSV table is its data row i, reported under trials_csv.observations.
  const std::string list_path = table ? "trials_csv.observations" : "observations";
  if (const json* list = table ? &table->observations : r.get("observations")) {
    if (!list->is_array()) {
      issues.add("input.wrong_type", list_path, "must be an array of trials", describe(*list));
    } else if (list->size() > kMaxObservations) {
      issues.add("input.too_many", list_path,
                 "must hold at most " + std::to_string(kMaxObservations) + " trials",
                 std::to_string(list->size()));
    } else {
      for (std::size_t i = 0; i < list->size() && issues.count() < 50; ++i) {
        const std::string path = index_path(list_path, i);
        ObjectReader o((*list)[i], path, issues);
        if (!o.is_object()) continue;
        o.reject_unknown({"config", "values", "trial_kg", "label"});
        std::optional<Config> config;
        if (const json* c = o.get("config")) {
          config = space->config_from_json(*c, o.field_path("config"), issues);
        } else {
          issues.add("input.missing_field", o.field_path("config"), "is required", "");
        }
        std::optional<std::vector<double>> values;
        if (const json* v = o.get("values")) {
          values = read_objective_vector(*v, o.field_path("values"), objectives, issues);
        } else {
          issues.add("input.missing_field", o.field_path("values"), "is required", "");
        }
        auto kg = o.number("trial_kg", Bounds::at_least(0));
        if (kg) {
          trial_kg.push_back(*kg);
        } else {
          all_trial_kg = false;
        }
        if (config && values) observations.push_back({*config, *values});
      }
    }
  }
  std::vector<Config> pending;
  if (const json* list = r.get("pending")) {
    if (!list->is_array()) {
      issues.add("input.wrong_type", "pending", "must be an array of configurations", describe(*list));
    } else {
      for (std::size_t i = 0; i < list->size() && i < kMaxObservations; ++i) {
        if (auto c = space->config_from_json((*list)[i], index_path("pending", i), issues)) pending.push_back(*c);
      }
    }
  }
  const auto warm = read_hyperparameters(r, objectives.size(), space->encoded_dims());

  std::optional<pareto::ExperimentationInputs> experimentation;
  if (const json* e = r.get("experimentation")) {
    ObjectReader x(*e, "experimentation", issues);
    x.reject_unknown({"deployment_objective", "quality_objective", "quality_target", "next_trial_kg"});
    pareto::ExperimentationInputs in;
    if (!x.has("deployment_objective")) {
      issues.add("input.missing_field", "experimentation.deployment_objective",
                 "is required (the objective holding each configuration's deployment CO2e in kg)", "");
    }
    auto dep = read_objective_name(x, "deployment_objective", objectives);
    auto quality = read_objective_name(x, "quality_objective", objectives);
    if (dep && objectives[*dep].sense != pareto::Sense::minimize) {
      issues.add("input.invalid_value", "experimentation.deployment_objective",
                 "must be a minimized objective (carbon)", "\"" + objectives[*dep].name + "\"");
    }
    in.deployment_objective = dep.value_or(0);
    in.quality_objective = quality;
    if (auto target = x.number("quality_target", Bounds{})) {
      if (!quality) {
        issues.add("input.missing_field", "experimentation.quality_objective",
                   "is required with quality_target", "");
      } else {
        in.quality_target = objectives[*quality].sense == pareto::Sense::maximize ? -*target : *target;
      }
    }
    in.next_trial_kg = x.number("next_trial_kg", Bounds::at_least(0));
    if (!all_trial_kg && !observations.empty()) {
      issues.add("input.missing_field", "observations[].trial_kg",
                 "is required on every trial when experimentation is asked for (the CO2e of "
                 "running that trial, in kg)",
                 "");
    }
    in.trial_kg = trial_kg;
    experimentation = in;
  }
  if (!issues.empty()) return json_text(error_response(issues));

  pareto::MoboProgress mobo_progress;
  if (progress) mobo_progress = [&](const std::string& s, double d, double t) { return progress(s, d, t); };
  // The clock starts when the request is understood; parsing is bounded by the size limits.
  options.out_of_time = pareto::out_of_time_after(budget_seconds);
  const pareto::MoboStep step =
      pareto::mobo_ask(*space, objectives.size(), observations, pending, options, warm, mobo_progress);

  json suggestions = json::array();
  for (const auto& s : step.suggestions) {
    json predicted = json::object();
    for (std::size_t k = 0; k < s.predicted_mean.size(); ++k) {
      const double sign = objectives[k].sense == pareto::Sense::maximize ? -1.0 : 1.0;
      predicted[objectives[k].name] = {{"mean", sign * s.predicted_mean[k]}, {"sd", s.predicted_sd[k]}};
    }
    suggestions.push_back({{"config", space->to_json(s.config)},
                           {"predicted", predicted},
                           {"expected_hypervolume_improvement", s.acquisition}});
  }
  pareto::Points observed(objectives.size());
  for (const auto& o : observations) observed.push_back(o.objectives);
  const auto front = pareto::non_dominated(observed);
  // Many objectives make the exact figure exponential (1000 trials at 10 objectives have a
  // front of hundreds): past the measured limit it is an estimate, seeded by the request.
  const ReportedHypervolume hv =
      reported_hypervolume(sorted_subset(observed, front), step.reference_point, options.seed);
  json result = {{"ok", true},
                 {"schema_version", kSchemaVersion},
                 {"method", step.method},
                 {"suggestions", suggestions},
                 {"observations", observations.size()},
                 {"front_indices", front},
                 {"reference_point", to_user_senses(step.reference_point.data(), objectives)},
                 {"hypervolume", hv.value},
                 {"hyperparameters", hyperparameters_json(step.hyperparameters)},
                 {"budget_seconds", budget_seconds},
                 {"stopped_early", step.cut_short || step.method == "cancelled"},
                 {"stop_reason", step.method == "cancelled" ? "cancelled"
                                 : step.cut_short            ? "time"
                                                             : "completed"}};
  if (hv.samples > 0) {
    result["hypervolume_samples"] = hv.samples;
    result["hypervolume_standard_error"] = hv.standard_error;
  }
  if (table) {
    json ignored = json::array();
    for (const auto& c : table->ignored_columns) ignored.push_back(c);
    result["trials"] = {{"rows", table->observations.size()},
                        {"variables", table->variables},
                        {"observations", table->observations},
                        {"ignored_columns", ignored}};
  }
  if (experimentation) {
    std::vector<Config> candidates;
    for (const auto& s : step.suggestions) candidates.push_back(s.config);
    // Also score a spread of the space, so the verdict does not hinge on the EHVI choice.
    Rng rng(options.seed ^ 0x5EEDULL);
    for (int i = 0; i < 512; ++i) candidates.push_back(space->sample(rng));
    const auto report = pareto::experimentation_vs_deployment(*space, step.models, observations,
                                                              candidates, *experimentation);
    json e = {{"trials", report.trials},
              {"spent_kg", report.spent_kg},
              {"next_trial_kg", report.next_trial_kg},
              {"expected_saving_kg", report.expected_saving_kg},
              {"recommendation", report.continue_experimenting ? "continue" : "stop"},
              {"reasoning", report.reasoning},
              {"method", "one-step lookahead of seed 000 eq. (2): E[(c* - C(x))+] x P(Q(x) <= q*)"}};
    if (report.incumbent) {
      e["incumbent_index"] = *report.incumbent;
      e["incumbent_deployment_kg"] = report.incumbent_deployment_kg;
    }
    if (experimentation->quality_objective) {
      const auto q = *experimentation->quality_objective;
      e["quality_target"] = objectives[q].sense == pareto::Sense::maximize ? -report.quality_target
                                                                          : report.quality_target;
      e["probability_meets_target"] = report.probability_meets_target;
    }
    if (!report.best_candidate.empty()) e["best_candidate"] = space->to_json(report.best_candidate);
    result["experimentation_vs_deployment"] = e;
  }
  if (!all_finite(result)) {
    issues.add("input.overflow", "", "the objective values span more than a double can hold; "
               "rescale them", "");
    return json_text(error_response(issues));
  }
  return json_text(result);
}

}  // namespace

std::string suggest(const std::string& request_json, const Progress& progress) {
  return parse_and_run(request_json, [&](const json& doc) { return run_suggest(doc, progress); });
}

}  // namespace greenfront::api
