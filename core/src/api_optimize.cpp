// The `optimize` request (docs/pareto.md): an optimizer run over a built-in objective model
// (carbon from a scenario, loss and carbon from a scaling law, quality interpolated from
// measured trials) or a standard test problem, within a budget of evaluations and seconds.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

#include "api_common.h"
#include "greenfront/api.h"
#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/gp.h"
#include "greenfront/pareto/hypervolume.h"
#include "greenfront/pareto/mobo.h"
#include "greenfront/pareto/optimizers.h"
#include "greenfront/pareto/problems.h"
#include "greenfront/pareto/objective_models.h"
#include "greenfront/scenario_parser.h"
#include "optimize_snapshots.h"
#include "pareto_input.h"
#include "reported_hypervolume.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;
using namespace detail;
using pareto::Config;

namespace {

using limits::kDefaultEvaluations;
using limits::kDefaultMoboEvaluations;
using limits::kDefaultSeconds;
using limits::kMaxEvaluations;
using limits::kMaxMoboEvaluations;
constexpr std::size_t kTracePoints = 20;

/// Quality objectives interpolated from measured trials by a GP per objective.
struct TrialsModel {
  std::vector<ObjectiveSpec> objectives;
  std::vector<pareto::GaussianProcess> models;
};

std::optional<TrialsModel> read_trials(const json& value, const pareto::Space& space, Issues& issues) {
  ObjectReader r(value, "trials", issues);
  if (!r.is_object()) return std::nullopt;
  r.reject_unknown({"objectives", "observations"});
  TrialsModel t;
  if (!r.has("objectives")) issues.add("input.missing_field", "trials.objectives", "is required", "");
  t.objectives = read_objectives(r, 0);
  const json* list = r.get("observations");
  if (list == nullptr || !list->is_array() || list->size() < 2 || list->size() > 1000) {
    issues.add("input.invalid_value", "trials.observations",
               "must be an array of 2 to 1000 measured trials {config, values}",
               list ? describe(*list) : "missing");
    return std::nullopt;
  }
  if (t.objectives.empty()) return std::nullopt;
  std::vector<Config> configs;
  std::vector<std::vector<double>> values;
  for (std::size_t i = 0; i < list->size() && issues.count() < 50; ++i) {
    const std::string path = index_path("trials.observations", i);
    ObjectReader o((*list)[i], path, issues);
    if (!o.is_object()) continue;
    o.reject_unknown({"config", "values", "label"});
    std::optional<Config> c;
    if (const json* cj = o.get("config")) c = space.config_from_json(*cj, o.field_path("config"), issues);
    else issues.add("input.missing_field", o.field_path("config"), "is required", "");
    std::optional<std::vector<double>> v;
    if (const json* vj = o.get("values")) v = read_objective_vector(*vj, o.field_path("values"), t.objectives, issues);
    else issues.add("input.missing_field", o.field_path("values"), "is required", "");
    if (c && v) {
      configs.push_back(*c);
      values.push_back(*v);
    }
  }
  if (!issues.empty()) return std::nullopt;
  Eigen::MatrixXd x(static_cast<Eigen::Index>(configs.size()), static_cast<Eigen::Index>(space.encoded_dims()));
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const auto u = space.encode(configs[i]);
    for (std::size_t j = 0; j < u.size(); ++j) x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = u[j];
  }
  for (std::size_t k = 0; k < t.objectives.size(); ++k) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) y[static_cast<Eigen::Index>(i)] = values[i][k];
    t.models.push_back(pareto::GaussianProcess::fit(x, y, {}));
    if (!t.models.back().ok()) {
      issues.add("input.invalid_value", "trials.observations", "could not be interpolated: " + t.models.back().message(), "");
      return std::nullopt;
    }
  }
  return t;
}

/// The optimization problem the request describes: a space, objectives and their function.
struct Study {
  pareto::Space space;
  std::vector<ObjectiveSpec> objectives;
  pareto::Objective function;
  /// A model evaluation that failed (the model checked its bounds up front, so this is
  /// rare) records its issues here and returns no values, which stops the run; the answer
  /// then gives the model's own issues. A value, not an exception: the wasm build has none.
  std::shared_ptr<Issues> model_failure = std::make_shared<Issues>();
  std::optional<std::vector<double>> reference;  // minimized
  std::optional<double> max_hypervolume;
  std::string description;
};

std::optional<Study> read_study(const ObjectReader& r, Issues& issues) {
  Study study;
  if (const json* p = r.get("problem")) {
    if (r.has("model") || r.has("trials") || r.has("variables")) {
      issues.add("input.conflict", "problem", "cannot be combined with variables, model or trials", "");
      return std::nullopt;
    }
    ObjectReader pr(*p, "problem", issues);
    if (!pr.is_object()) return std::nullopt;
    pr.reject_unknown({"name", "variables", "objectives"});
    auto name = pr.string("name");
    const auto d = pr.integer("variables", Bounds::between(0, 1000)).value_or(0);
    const auto m = pr.integer("objectives", Bounds::between(0, 16)).value_or(0);
    if (!name) {
      if (!pr.has("name")) issues.add("input.missing_field", "problem.name", "is required", "");
      return std::nullopt;
    }
    auto problem = pareto::make_problem(*name, static_cast<std::size_t>(d), static_cast<std::size_t>(m));
    if (!problem) {
      std::string names;
      for (const auto& n : pareto::problem_names()) names += (names.empty() ? "" : ", ") + n;
      issues.add("input.invalid_value", "problem",
                 "must be a known problem (" + names + ") with supported sizes", describe(*p));
      return std::nullopt;
    }
    study.space = problem->space();
    for (std::size_t k = 0; k < problem->num_objectives; ++k)
      study.objectives.push_back({"f" + std::to_string(k + 1), pareto::Sense::minimize});
    study.reference = problem->reference_point;
    study.max_hypervolume = problem->max_hypervolume;
    study.description = problem->name;
    auto shared = std::make_shared<pareto::Problem>(*problem);
    study.function = [shared](const Config& c) { return shared->evaluate(c); };
    return study;
  }

  const json* vars = r.get("variables");
  if (vars == nullptr) {
    issues.add("input.missing_field", "variables", "is required (or give a standard \"problem\")", "");
    return std::nullopt;
  }
  auto space = pareto::parse_space(*vars, "variables", issues);
  if (!space) return std::nullopt;
  study.space = *space;
  // Each part appends its objectives' values, or returns false when it cannot evaluate.
  std::vector<std::function<bool(const Config&, std::vector<double>&)>> parts;

  if (const json* m = r.get("model")) {
    auto model = pareto::parse_objective_model(*m, "model", study.space.variables(), issues);
    if (!model) return std::nullopt;
    for (const auto& name : model->objective_names()) {
      study.objectives.push_back({name, pareto::Sense::minimize});
    }
    auto shared = std::make_shared<pareto::ObjectiveModel>(std::move(*model));
    parts.push_back([shared, failure = study.model_failure](const Config& c,
                                                            std::vector<double>& out) {
      Issues local;
      auto values = shared->evaluate(c, local);
      if (!values) {
        if (failure->empty()) *failure = std::move(local);
        return false;
      }
      out.insert(out.end(), values->begin(), values->end());
      return true;
    });
  }
  if (const json* t = r.get("trials")) {
    auto trials = read_trials(*t, study.space, issues);
    if (!trials) return std::nullopt;
    for (const auto& o : trials->objectives) study.objectives.push_back(o);
    auto shared = std::make_shared<TrialsModel>(std::move(*trials));
    const pareto::Space space_copy = study.space;
    parts.push_back([shared, space_copy](const Config& c, std::vector<double>& out) {
      const auto u = space_copy.encode(c);
      Eigen::MatrixXd x(1, static_cast<Eigen::Index>(u.size()));
      for (std::size_t j = 0; j < u.size(); ++j) x(0, static_cast<Eigen::Index>(j)) = u[j];
      for (const auto& gp : shared->models) {
        Eigen::VectorXd mean, var;
        gp.predict(x, mean, var);
        out.push_back(mean[0]);  // the trials were read all-minimized
      }
      return true;
    });
  }
  if (parts.empty()) {
    issues.add("input.missing_field", "model",
               "is required: give a \"model\" (scenario or scaling_law), measured \"trials\", or a "
               "standard \"problem\"",
               "");
    return std::nullopt;
  }
  if (study.objectives.size() < 2) {
    issues.add("input.invalid_value", "model",
               "must give at least two objectives for a Pareto front (e.g. a metric list, or "
               "trials beside the carbon model)",
               std::to_string(study.objectives.size()) + " objective");
    return std::nullopt;
  }
  // A failed part answers no values: the optimizers stop on a row of the wrong size, and
  // run_optimize then reports study.model_failure.
  study.function = [parts](const Config& c) {
    std::vector<double> out;
    for (const auto& p : parts) {
      if (!p(c, out)) return std::vector<double>();
    }
    return out;
  };
  study.description = "objective model";
  return study;
}

json evaluation_json(const Study& s, const Config& config, const double* values) {
  json named = json::object();
  const auto user = to_user_senses(values, s.objectives);
  for (std::size_t k = 0; k < s.objectives.size(); ++k) named[s.objectives[k].name] = user[k];
  return {{"config", s.space.to_json(config)}, {"values", named}};
}

std::string run_optimize(const json& doc, const Progress& progress, const Snapshots& snapshots) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  r.reject_unknown({"schema_version", "request", "problem", "variables", "model", "trials",
                    "algorithm", "budget", "seed", "nsga2", "mobo", "reference_point", "return"});
  check_schema_version(r, kSchemaVersion);
  auto algorithm = r.choice("algorithm", {"auto", "exhaustive", "random", "nsga2", "mobo"}).value_or("auto");
  const auto seed = static_cast<std::uint64_t>(r.integer("seed", Bounds::between(0, 9007199254740991.0)).value_or(1));
  const bool return_all = r.choice("return", {"front", "all"}).value_or("front") == "all";
  pareto::Budget budget;
  std::optional<std::int64_t> evaluations;
  if (const json* b = r.get("budget")) {
    ObjectReader br(*b, "budget", issues);
    br.reject_unknown({"evaluations", "seconds"});
    evaluations = br.integer("evaluations", Bounds::between(1, kMaxEvaluations));
    budget.max_seconds = br.number("seconds", Bounds::above_up_to(0, limits::kMaxSeconds));
  }
  // MOBO refits its GPs at every step (O(n³)): by default it gets the budget of an
  // expensive study, not the one of a cheap objective (found by fuzz/fuzz_api.cpp: a
  // budget-less mobo request ran for minutes).
  budget.max_evaluations = static_cast<std::size_t>(
      evaluations.value_or(algorithm == "mobo" ? kDefaultMoboEvaluations : kDefaultEvaluations));
  // A run always has a wall-clock bound, so no request can keep a tab or a CLI busy for
  // hours by accident; a longer study says so explicitly.
  if (!budget.max_seconds) budget.max_seconds = kDefaultSeconds;
  auto study = read_study(r, issues);
  if (!study) {
    if (issues.empty()) issues.add("input.invalid_value", "", "does not describe a study", "");
    return json_text(error_response(issues));
  }
  if (auto ref = read_reference_point(r, "reference_point", study->objectives)) study->reference = ref;
  if (algorithm == "auto") {
    const auto n = study->space.cardinality();
    algorithm = (n && *n <= budget.max_evaluations) ? "exhaustive" : "nsga2";
  }
  if (algorithm == "mobo" && budget.max_evaluations > kMaxMoboEvaluations) {
    issues.add("input.out_of_range", "budget.evaluations",
               "must be <= " + std::to_string(kMaxMoboEvaluations) +
                   " with mobo (each step refits Gaussian processes; use nsga2 for cheap objectives)",
               std::to_string(budget.max_evaluations));
  }
  pareto::Nsga2Options nsga;
  nsga.budget = budget;
  nsga.seed = seed;
  if (const json* n = r.get("nsga2")) {
    ObjectReader nr(*n, "nsga2", issues);
    nr.reject_unknown({"population", "crossover_probability", "crossover_eta", "mutation_eta", "mutation_probability"});
    nsga.population = static_cast<std::size_t>(nr.integer("population", Bounds::between(4, 10000)).value_or(40));
    nsga.crossover_probability = nr.number("crossover_probability", Bounds::between(0, 1)).value_or(0.9);
    nsga.crossover_eta = nr.number("crossover_eta", Bounds::between(0, 1000)).value_or(15);
    nsga.mutation_eta = nr.number("mutation_eta", Bounds::between(0, 1000)).value_or(20);
    nsga.mutation_probability = nr.number("mutation_probability", Bounds::between(0, 1));
  }
  pareto::MoboOptions mobo;
  mobo.seed = seed;
  if (const json* m = r.get("mobo")) {
    ObjectReader mr(*m, "mobo", issues);
    mr.reject_unknown({"batch_size", "noisy", "initial_points", "mc_samples", "noise_sd"});
    mobo.batch_size = static_cast<std::size_t>(
        mr.integer("batch_size", Bounds::between(1, limits::kMaxBatch)).value_or(1));
    mobo.noisy = mr.boolean("noisy").value_or(false);
    mobo.initial_points = static_cast<std::size_t>(mr.integer("initial_points", Bounds::between(1, 1000)).value_or(0));
    mobo.mc_samples = static_cast<std::size_t>(
        mr.integer("mc_samples", Bounds::between(limits::kMinAcquisitionDraws, limits::kMaxAcquisitionDraws))
            .value_or(limits::kDefaultAcquisitionDraws));
    if (const json* noise = mr.get("noise_sd")) {
      // Known noise per objective (objective order); checked against the study below.
      if (!noise->is_array()) {
        issues.add("input.wrong_type", "mobo.noise_sd", "must be an array of numbers >= 0",
                   describe(*noise));
      } else {
        for (std::size_t k = 0; k < noise->size(); ++k) {
          mobo.noise_sd.push_back(
              read_number((*noise)[k], index_path("mobo.noise_sd", k), Bounds::at_least(0), issues)
                  .value_or(0.0));
        }
      }
    }
  }
  if (algorithm == "exhaustive") {
    const auto n = study->space.cardinality();
    if (!n) {
      issues.add("input.invalid_value", "algorithm",
                 "exhaustive needs every variable integer or categorical", "\"exhaustive\"");
    } else if (*n > budget.max_evaluations) {
      issues.add("input.out_of_range", "budget.evaluations",
                 "must cover every configuration for exhaustive search (" + std::to_string(*n) + ")",
                 std::to_string(budget.max_evaluations));
    }
  }
  if (!mobo.noise_sd.empty() && mobo.noise_sd.size() != study->objectives.size()) {
    issues.add("input.wrong_length", "mobo.noise_sd", "must have one value per objective (" +
               std::to_string(study->objectives.size()) + ")",
               std::to_string(mobo.noise_sd.size()) + " values");
  }
  if (!issues.empty()) return json_text(error_response(issues));
  mobo.reference_point = study->reference;

  json names = json::array(), senses = json::array();
  for (const auto& o : study->objectives) {
    names.push_back(o.name);
    senses.push_back(o.sense == pareto::Sense::maximize ? "maximize" : "minimize");
  }
  SnapshotStream stream(snapshots, names, senses, budget.max_evaluations,
                        [&](const pareto::OptimizationResult& record, std::size_t i) {
                          return evaluation_json(*study, record.configs[i], record.objectives.row(i));
                        });
  pareto::Progress hook;
  if (progress) {
    hook.callback = [&](std::size_t done, std::size_t total) {
      return progress("evaluations", static_cast<double>(done), static_cast<double>(total));
    };
  }
  if (snapshots.receive) {
    hook.observe = [&](const pareto::OptimizationResult& so_far) { stream.observe(so_far); };
  }
  const auto m = study->objectives.size();
  pareto::OptimizationResult run;
  if (algorithm == "exhaustive") {
    run = pareto::run_exhaustive(study->space, m, study->function, budget, hook);
  } else if (algorithm == "random") {
    run = pareto::run_random(study->space, m, study->function, {budget, seed}, hook);
  } else if (algorithm == "nsga2") {
    run = pareto::run_nsga2(study->space, m, study->function, nsga, hook);
  } else {
    // MOBO: ask a batch, evaluate it, tell the values; the budget counts evaluations.
    // The clock is also asked inside an ask (GP fits, candidate search): one ask at 1000
    // trials takes seconds, and at 10 objectives minutes, so checking only between asks let
    // a 60 s budget run for many minutes.
    mobo.out_of_time = pareto::out_of_time_after(*budget.max_seconds);
    pareto::MoboStudy mobo_study(study->space, m, mobo);
    run.objectives = pareto::Points(m);
    run.stop_reason = "completed";
    while (run.evaluations < budget.max_evaluations) {
      for (const auto& c : mobo_study.ask()) {
        if (run.evaluations >= budget.max_evaluations) break;
        const auto y = study->function(c);
        if (y.size() != m) break;  // a failed model evaluation: study->model_failure
        mobo_study.tell(c, y);
        run.configs.push_back(c);
        run.objectives.push_back(y);
        if (m >= 4) run.front_history.add(run.objectives, run.evaluations);  // as the optimizers do
        ++run.evaluations;
        if (hook.observe) hook.observe(run);
      }
      if (!study->model_failure->empty()) break;
      if (hook.callback && !hook.callback(run.evaluations, budget.max_evaluations)) {
        run.stopped_early = true;
        run.stop_reason = "cancelled";
        break;
      }
      if (mobo.out_of_time()) {
        run.stopped_early = true;
        run.stop_reason = "time";
        break;
      }
    }
    run.front = m >= 4 ? run.front_history.rows_after(run.evaluations)
                       : pareto::non_dominated(run.objectives);
  }
  if (!study->model_failure->empty()) return json_text(error_response(*study->model_failure));
  if (!run.ok()) {
    issues.add("optimize.failed", "", run.error, "");
    return json_text(error_response(issues));
  }
  stream.flush(run);

  const std::vector<double> reference =
      study->reference ? *study->reference : pareto::default_reference_point(run.objectives);
  json front = json::array();
  for (std::size_t i : run.front) {
    json e = evaluation_json(*study, run.configs[i], run.objectives.row(i));
    e["index"] = i;
    front.push_back(e);
  }
  // The hypervolume of the first n evaluations at up to kTracePoints checkpoints: how fast
  // the optimizer got there. With 4+ objectives the fronts of the prefixes are read from the
  // run's front history (finding each afresh is O(n·|front|·d), and growing them again
  // doubled a 5 s run to 10.9 s). Large fronts are estimated.
  const ReportedHypervolume hv =
      m <= 3 ? ReportedHypervolume{pareto::hypervolume(run.objectives, reference), 0, 0.0}
             : reported_hypervolume(sorted_subset(run.objectives, run.front), reference, seed);
  json trace = json::array();
  const std::size_t n = run.evaluations;
  for (std::size_t t = 1; t <= kTracePoints && n > 0; ++t) {
    const std::size_t upto = std::max<std::size_t>(1, n * t / kTracePoints);
    if (!trace.empty() && trace.back()["evaluations"].get<std::size_t>() == upto) continue;
    if (upto == n) {  // the whole run: the figure just computed (the same rows, in order)
      json entry = {{"evaluations", upto}, {"hypervolume", hv.value}};
      if (hv.samples > 0) entry["standard_error"] = hv.standard_error;
      trace.push_back(entry);
      continue;
    }
    if (m <= 3) {
      pareto::Points prefix(m, std::vector<double>(run.objectives.values.begin(),
                                                   run.objectives.values.begin() + static_cast<std::ptrdiff_t>(upto * m)));
      trace.push_back({{"evaluations", upto}, {"hypervolume", pareto::hypervolume(prefix, reference)}});
      continue;
    }
    const ReportedHypervolume at = reported_hypervolume(
        run.objectives.subset(run.front_history.rows_after(upto)), reference, seed);
    json entry = {{"evaluations", upto}, {"hypervolume", at.value}};
    if (at.samples > 0) entry["standard_error"] = at.standard_error;
    trace.push_back(entry);
  }
  json result = {{"ok", true},
                 {"schema_version", kSchemaVersion},
                 {"study", study->description},
                 {"algorithm", algorithm},
                 {"seed", seed},
                 {"objectives", names},
                 {"senses", senses},
                 {"evaluations", run.evaluations},
                 {"budget_evaluations", budget.max_evaluations},
                 {"budget_seconds", *budget.max_seconds},
                 {"stopped_early", run.stopped_early},
                 {"stop_reason", run.stop_reason},
                 {"reference_point", to_user_senses(reference.data(), study->objectives)},
                 {"hypervolume", hv.value},
                 {"hypervolume_trace", trace},
                 {"front", front}};
  if (hv.samples > 0) {
    result["hypervolume_samples"] = hv.samples;
    result["hypervolume_standard_error"] = hv.standard_error;
  }
  if (study->max_hypervolume) {
    result["max_hypervolume"] = *study->max_hypervolume;
    result["hypervolume_fraction"] = hv.value / *study->max_hypervolume;
  }
  if (return_all) {
    json all = json::array();
    for (std::size_t i = 0; i < run.evaluations; ++i) all.push_back(evaluation_json(*study, run.configs[i], run.objectives.row(i)));
    result["evaluated"] = all;
  }
  if (!all_finite(result)) {
    issues.add("input.overflow", "", "an objective value is too large for a double; rescale", "");
    return json_text(error_response(issues));
  }
  return json_text(result);
}

}  // namespace

std::string optimize(const std::string& request_json, const Progress& progress,
                     const Snapshots& snapshots) {
  return parse_and_run(request_json,
                       [&](const json& doc) { return run_optimize(doc, progress, snapshots); });
}

}  // namespace greenfront::api
