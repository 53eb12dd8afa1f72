#include "greenfront/pareto/scaling_law.h"

#include <cmath>
#include <limits>

#include "greenfront/json_reader.h"
#include "greenfront/random.h"

namespace greenfront::pareto {

using nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSecondsPerHour = 3600.0;

/// x^p for x > 0 through the portable log/exp (std::pow may differ between libms).
double power(double x, double p) { return portable::exp(p * portable::log(x)); }

bool positive(double x) { return std::isfinite(x) && x > 0; }

/// Fields of the template's phases that would override the hours the model writes.
struct Overriding {
  const char* phase;
  std::vector<const char*> keys;
};

const std::vector<Overriding>& overriding_fields() {
  static const std::vector<Overriding> fields = {
      {"training",
       {"hours", "energy_kwh", "epochs", "samples", "energy_per_sample_kwh", "overhead_factor"}},
      {"inference",
       {"hours", "energy_kwh", "energy_per_inference_wh", "queries_per_second", "inferences"}},
      {"defaults", {"energy_kwh"}}};
  return fields;
}

/// The metric of the phase named `name`, 0 when the scenario has no such phase.
double phase_metric(const Evaluation& e, const char* name, CarbonMetric metric) {
  for (const auto& p : e.phases) {
    if (p.phase == name) return metric_value(p.totals, metric);
  }
  return 0.0;
}

}  // namespace

double scaling_law_loss(const ScalingLawCoefficients& c, double parameters, double tokens) {
  if (!positive(parameters) || !positive(tokens)) return kNaN;
  return c.e + c.a / power(parameters, c.alpha) + c.b / power(tokens, c.beta);
}

std::optional<double> tokens_for_loss(const ScalingLawCoefficients& c, double parameters,
                                      double loss) {
  if (!positive(parameters) || !std::isfinite(loss) || !positive(c.b) || !positive(c.beta)) {
    return std::nullopt;
  }
  const double data_term = loss - c.e - c.a / power(parameters, c.alpha);
  if (!(data_term > 0)) return std::nullopt;
  const double tokens = power(c.b / data_term, 1.0 / c.beta);
  if (!positive(tokens)) return std::nullopt;
  return tokens;
}

double training_flops(double parameters, double tokens) { return 6.0 * parameters * tokens; }

double inference_flops(double parameters, double tokens_served) {
  return 2.0 * parameters * tokens_served;
}

double device_hours(double flops, double peak_tflops, double mfu) {
  return flops / (peak_tflops * 1e12 * mfu) / kSecondsPerHour;
}

Allocation compute_optimal(const ScalingLawCoefficients& c, double flops) {
  const double sum = c.alpha + c.beta;
  const double g = power(c.alpha * c.a / (c.beta * c.b), 1.0 / sum);
  const double base = flops / 6.0;
  return Allocation{g * power(base, c.beta / sum), power(base, c.alpha / sum) / g};
}

std::optional<ScalingLawModel> ScalingLawModel::create(ScalingLawStudy study,
                                                       const std::string& path, Issues& issues,
                                                       const std::vector<Binding>& bindings,
                                                       const std::vector<Variable>& variables,
                                                       ScalingLawInputs inputs) {
  const std::size_t before = issues.count();
  auto check = [&](double value, const char* key, const Bounds& bounds) {
    read_number(json(value), join_path(path, key), bounds, issues);
  };
  const std::string coefficients = join_path(path, "coefficients");
  const ScalingLawCoefficients& c = study.coefficients;
  read_number(json(c.e), join_path(coefficients, "E"), Bounds::at_least(0), issues);
  read_number(json(c.a), join_path(coefficients, "A"), Bounds::above(0), issues);
  read_number(json(c.b), join_path(coefficients, "B"), Bounds::above(0), issues);
  read_number(json(c.alpha), join_path(coefficients, "alpha"), Bounds::above_up_to(0, 10), issues);
  read_number(json(c.beta), join_path(coefficients, "beta"), Bounds::above_up_to(0, 10), issues);
  check(study.peak_tflops, "peak_tflops", Bounds::above_up_to(0, 1e9));
  check(study.training_mfu, "training_mfu", Bounds::above_up_to(0, 1));
  check(study.inference_peak_tflops, "inference_peak_tflops", Bounds::between(0, 1e9));
  check(study.inference_tokens, "inference_tokens", Bounds::between(0, 1e30));
  const bool serves = study.inference_tokens > 0 || inputs.inference_tokens_variable;
  if (serves || study.inference_mfu != 0.0) {
    check(study.inference_mfu, "inference_mfu", Bounds::above_up_to(0, 1));
  }
  if (!study.scenario.is_object()) {
    issues.add("input.wrong_type", join_path(path, "scenario"), "must be an object",
               describe(study.scenario));
  } else {
    for (const auto& o : overriding_fields()) {
      const auto phase = study.scenario.find(o.phase);
      if (phase == study.scenario.end() || !phase->is_object()) continue;
      for (const char* key : o.keys) {
        if (!phase->contains(key)) continue;
        issues.add("input.conflict",
                   join_path(join_path(join_path(path, "scenario"), o.phase), key),
                   std::string("cannot be given to the scaling-law model: it sets the ") +
                       "training and inference hours from FLOPs",
                   "");
      }
    }
  }
  if (issues.count() != before) return std::nullopt;

  ScalingLawModel m;
  m.study_ = std::move(study);
  m.inputs_ = inputs;
  m.path_ = path;
  json& tpl = m.study_.scenario;
  if (!tpl.contains("training")) tpl["training"] = json::object();
  if (serves && !tpl.contains("inference")) tpl["inference"] = json::object();
  m.has_inference_ = tpl.contains("inference");
  // Placeholder hours: the parsed scenario's hours are replaced per evaluation (see
  // objectives), so the template is parsed once and not once per (N, D).
  std::vector<Assignment> extra = {
      {"the scaling law (training hours from 6·N·D FLOPs)", Pointer("/training/hours"), json(1.0)}};
  if (m.has_inference_) {
    extra.push_back({"the scaling law (inference hours from 2·N FLOPs per token)",
                     Pointer("/inference/hours"), json(1.0)});
  }
  m.scenario_ = ScenarioModel::create(tpl, bindings, variables, path, issues, extra);
  if (!m.scenario_) return std::nullopt;
  return m;
}

bool ScalingLawModel::check_point(double parameters, double tokens, double inference_tokens,
                                  Issues& issues) const {
  const std::size_t before = issues.count();
  auto at = [&](const std::optional<std::size_t>& variable, const char* key) {
    if (variable && *variable < scenario_->variables().size()) {
      return join_path("config", scenario_->variables()[*variable].name);
    }
    return join_path(path_, key);
  };
  read_number(json(parameters), at(inputs_.parameters_variable, "parameters"),
              Bounds::above_up_to(0, 1e20), issues);
  read_number(json(tokens), at(inputs_.tokens_variable, "tokens"), Bounds::above_up_to(0, 1e20),
              issues);
  read_number(json(inference_tokens), at(inputs_.inference_tokens_variable, "inference_tokens"),
              Bounds::between(0, 1e30), issues);
  if (inference_tokens > 0 && !(study_.inference_mfu > 0)) {
    issues.add("input.missing_field", join_path(path_, "inference_mfu"),
               "is required to serve tokens", "");
  }
  if (inference_tokens > 0 && !has_inference_) {
    issues.add("input.missing_field", join_path(path_, "scenario.inference"),
               "is required to serve tokens (an inference phase to charge them to)", "");
  }
  return issues.count() == before;
}

std::optional<ScalingLawModel::Hours> ScalingLawModel::phase_hours(double parameters, double tokens,
                                                                   double inference_tokens,
                                                                   const Scenario& sc,
                                                                   Issues& issues) const {
  Hours h;
  // The parser guarantees device_count > 0; its nominal value is what the accounting uses.
  const double train_devices = sc.training ? sc.training->block.device_count.nominal() : 1.0;
  h.training =
      device_hours(training_flops(parameters, tokens), study_.peak_tflops, study_.training_mfu) /
      train_devices;
  if (has_inference_ && sc.inference) {
    const double peak =
        study_.inference_peak_tflops > 0 ? study_.inference_peak_tflops : study_.peak_tflops;
    const double mfu = study_.inference_mfu > 0 ? study_.inference_mfu : 1.0;
    h.inference = device_hours(inference_flops(parameters, inference_tokens), peak, mfu) /
                  sc.inference->block.device_count.nominal();
  }
  if (!std::isfinite(h.training) || !std::isfinite(h.inference)) {
    issues.add("input.overflow", path_, "the device-hours are too large for a double", "");
    return std::nullopt;
  }
  return h;
}

std::optional<ScalingLawObjectives> ScalingLawModel::objectives(double parameters, double tokens,
                                                                double inference_tokens,
                                                                const Config& config,
                                                                Issues& issues) const {
  if (!scenario_ || !check_point(parameters, tokens, inference_tokens, issues)) {
    return std::nullopt;
  }
  auto sc = scenario_->scenario(config, issues);
  if (!sc) return std::nullopt;
  if (!sc->training) return std::nullopt;  // create() added the phase; defensive
  auto hours = phase_hours(parameters, tokens, inference_tokens, *sc, issues);
  if (!hours) return std::nullopt;
  // The same Quantity the parser makes of a plain number; writing it here instead of into
  // the JSON saves a parse per point (filled_scenario() shows the equivalent document).
  sc->training->block.hours = Quantity::fixed(hours->training);
  if (has_inference_ && sc->inference)
    sc->inference->block.hours = Quantity::fixed(hours->inference);
  Draw nominal;
  const Evaluation e = evaluate(*sc, nominal);

  ScalingLawObjectives o;
  o.loss = scaling_law_loss(study_.coefficients, parameters, tokens);
  o.training_flops = training_flops(parameters, tokens);
  o.inference_flops = inference_flops(parameters, inference_tokens);
  o.training_device_hours = hours->training * sc->training->block.device_count.nominal();
  o.inference_device_hours = has_inference_ && sc->inference
                                 ? hours->inference * sc->inference->block.device_count.nominal()
                                 : 0.0;
  o.training_kg = phase_metric(e, "training", study_.metric);
  o.inference_kg = phase_metric(e, "inference", study_.metric);
  o.total_kg = metric_value(e.total, study_.metric);
  if (!std::isfinite(o.total_kg) || !std::isfinite(o.loss)) {
    issues.add("input.overflow", path_, "the inputs multiply to a result too large for a double",
               "");
    return std::nullopt;
  }
  return o;
}

std::optional<ScalingLawObjectives> ScalingLawModel::objectives(double parameters, double tokens,
                                                                Issues& issues) const {
  return objectives(parameters, tokens, study_.inference_tokens, Config{}, issues);
}

std::optional<ScalingLawObjectives> ScalingLawModel::objectives(const Config& config,
                                                                Issues& issues) const {
  auto read = [&](const std::optional<std::size_t>& variable, double fallback) {
    if (!variable) return fallback;
    return *variable < config.size() ? config[*variable] : kNaN;
  };
  if (scenario_ && config.size() != scenario_->variables().size()) {
    issues.add(
        "input.invalid_value", "config",
        "must have one value per variable (" + std::to_string(scenario_->variables().size()) + ")",
        std::to_string(config.size()) + " values");
    return std::nullopt;
  }
  return objectives(read(inputs_.parameters_variable, inputs_.parameters),
                    read(inputs_.tokens_variable, inputs_.tokens),
                    read(inputs_.inference_tokens_variable, study_.inference_tokens), config,
                    issues);
}

std::optional<json> ScalingLawModel::filled_scenario(double parameters, double tokens,
                                                     double inference_tokens, const Config& config,
                                                     Issues& issues) const {
  if (!scenario_ || !check_point(parameters, tokens, inference_tokens, issues)) {
    return std::nullopt;
  }
  auto sc = scenario_->scenario(config, issues);
  if (!sc) return std::nullopt;
  auto hours = phase_hours(parameters, tokens, inference_tokens, *sc, issues);
  if (!hours) return std::nullopt;
  auto doc = scenario_->fill(config, issues);
  if (!doc) return std::nullopt;
  (*doc)["training"]["hours"] = hours->training;
  if (has_inference_) (*doc)["inference"]["hours"] = hours->inference;
  return doc;
}

std::optional<IsoLossOptimum> optimal_for_loss(const ScalingLawModel& model, double target_loss,
                                               const std::string& path, Issues& issues) {
  const ScalingLawCoefficients& c = model.study().coefficients;
  const double reducible = target_loss - c.e;
  if (!std::isfinite(target_loss) || !(reducible > 0)) {
    issues.add("input.out_of_range", path,
               "must be above the irreducible loss E = " + format_number(c.e),
               format_number(target_loss));
    return std::nullopt;
  }
  const double log_r = portable::log(reducible);
  const double log_a = portable::log(c.a), log_b = portable::log(c.b);
  // t = logit(u): log u = −log(1 + e^−t), log(1 − u) = −log(1 + e^t), each accurate even
  // where u or 1 − u is tiny.
  auto allocation = [&](double t) {
    const double log_u = -portable::log(1.0 + portable::exp(-t));
    const double log_1mu = -portable::log(1.0 + portable::exp(t));
    return Allocation{portable::exp((log_a - log_r - log_u) / c.alpha),
                      portable::exp((log_b - log_r - log_1mu) / c.beta)};
  };
  std::size_t evaluations = 0;
  Issues first_failure;
  auto cost = [&](double t) {
    ++evaluations;
    const Allocation x = allocation(t);
    Issues scratch;
    auto o =
        model.objectives(x.parameters, x.tokens, model.study().inference_tokens, Config{}, scratch);
    if (!o) {
      if (first_failure.empty()) first_failure = scratch;
      return kInf;
    }
    return o->total_kg;
  };

  constexpr double kLow = -10.0, kStep = 0.5;
  constexpr int kGrid = 61;  // t in [−10, 20]
  int best = -1;
  double best_cost = kInf;
  for (int i = 0; i < kGrid; ++i) {
    const double f = cost(kLow + kStep * i);
    if (f < best_cost) {
      best_cost = f;
      best = i;
    }
  }
  if (best < 0) {
    append_issues(first_failure, issues);
    issues.add("input.out_of_range", path, "no point on the iso-loss curve could be evaluated",
               format_number(target_loss));
    return std::nullopt;
  }
  // Golden-section search (Kiefer 1953) on the bracket around the best grid point: each
  // step keeps the 0.618 of the interval holding the minimum, one new evaluation per step.
  double lo = kLow + kStep * (best > 0 ? best - 1 : 0);
  double hi = kLow + kStep * (best < kGrid - 1 ? best + 1 : kGrid - 1);
  const double inv_phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = hi - inv_phi * (hi - lo), x2 = lo + inv_phi * (hi - lo);
  double f1 = cost(x1), f2 = cost(x2);
  for (int iter = 0; iter < 200 && hi - lo > 1e-10; ++iter) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - inv_phi * (hi - lo);
      f1 = cost(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + inv_phi * (hi - lo);
      f2 = cost(x2);
    }
  }
  double t = f1 <= f2 ? x1 : x2;
  if (std::fmin(f1, f2) > best_cost) t = kLow + kStep * best;  // the grid point was better

  IsoLossOptimum out;
  const Allocation x = allocation(t);
  out.parameters = x.parameters;
  out.tokens = x.tokens;
  auto o =
      model.objectives(x.parameters, x.tokens, model.study().inference_tokens, Config{}, issues);
  if (!o) return std::nullopt;
  out.objectives = *o;
  out.evaluations = evaluations + 1;
  return out;
}

const std::vector<std::string>& scaling_law_objective_names() {
  static const std::vector<std::string> names = {"loss",
                                                 "training_flops",
                                                 "inference_flops",
                                                 "training_device_hours",
                                                 "inference_device_hours",
                                                 "training_kg",
                                                 "inference_kg",
                                                 "total_kg"};
  return names;
}

double scaling_law_objective(const ScalingLawObjectives& o, const std::string& name) {
  const double values[] = {o.loss,
                           o.training_flops,
                           o.inference_flops,
                           o.training_device_hours,
                           o.inference_device_hours,
                           o.training_kg,
                           o.inference_kg,
                           o.total_kg};
  const auto& names = scaling_law_objective_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return values[i];
  }
  return kNaN;
}

}  // namespace greenfront::pareto
