// A published scaling law as an objective model: loss from parameters N and training tokens
// D, and the carbon of training the model and serving it, through the accounting core.
//
//   loss        L(N, D) = E + A / N^α + B / D^β
//               Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models"
//               (Chinchilla), eq. (2), Approach 3; the fit reported there is E = 1.69,
//               A = 406.4, B = 410.7, α = 0.34, β = 0.28 (nats per token; N and D counts).
//   training    C_train ≈ 6·N·D FLOPs (Kaplan et al. 2020, "Scaling Laws for Neural Language
//               Models", §2.1: forward 2N + backward 4N per token).
//   inference   C_inf ≈ 2·N FLOPs per token served (the forward pass, same source).
//   device-h    FLOPs / (peak FLOP/s per device × model FLOPs utilization) / 3600. MFU is the
//               fraction of peak that counts as model FLOPs (Chowdhery et al. 2022, "PaLM",
//               §4.1 and Table 3: 46.2 % for PaLM 540B, 21.3 % GPT-3, 32.5 % Gopher). Peak is
//               the device's dense figure at the precision used, e.g. 312 TFLOPS for an A100
//               in BF16 (NVIDIA A100 datasheet).
//   carbon      the device-hours become the training and inference phases' hours in a
//               scenario template, so PUE, grid intensity, static power and embodied carbon
//               all apply as in any estimate (carbon_model.h).
//
// With a lifetime inference volume the carbon-optimal model for a target loss is smaller
// and trained on more tokens than the Chinchilla compute-optimal one (Sardana, Portes,
// Doubov & Frankle 2024, "Beyond Chinchilla-Optimal: Accounting for Inference in Language
// Model Scaling Laws", ICML, arXiv:2401.00448); optimal_for_loss() finds it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/pareto/carbon_model.h"
#include "greenfront/pareto/space.h"

namespace greenfront::pareto {

/// L(N, D) = e + a / N^alpha + b / D^beta. Defaults: Hoffmann et al. 2022, Approach 3.
struct ScalingLawCoefficients {
  double e = 1.69;
  double a = 406.4;
  double b = 410.7;
  double alpha = 0.34;
  double beta = 0.28;
};

/// The loss at `parameters` and `tokens` (both > 0; NaN otherwise). Powers are computed as
/// exp(α·log N) with greenfront::portable, so native and wasm agree to the bit.
double scaling_law_loss(const ScalingLawCoefficients& c, double parameters, double tokens);

/// The tokens at which a model of `parameters` reaches `loss`: D = (B / (L − E − A/N^α))^(1/β).
/// Empty when the model cannot reach it (L − E − A/N^α ≤ 0) or an input is not positive.
std::optional<double> tokens_for_loss(const ScalingLawCoefficients& c, double parameters,
                                      double loss);

/// Training FLOPs ≈ 6·N·D (Kaplan et al. 2020, §2.1).
double training_flops(double parameters, double tokens);
/// Inference FLOPs ≈ 2·N per token served.
double inference_flops(double parameters, double tokens_served);
/// Device-hours to run `flops` at `peak_tflops` (10^12 FLOP/s per device) × `mfu`.
double device_hours(double flops, double peak_tflops, double mfu);

/// A model size and token count.
struct Allocation {
  double parameters = 0.0;
  double tokens = 0.0;
};

/// The loss-minimizing split of a training budget C = 6·N·D under the fitted law, Hoffmann
/// et al. 2022 eq. (4): N_opt = G·(C/6)^a, D_opt = (C/6)^b / G with a = β/(α+β),
/// b = α/(α+β), G = (αA / (βB))^(1/(α+β)).
Allocation compute_optimal(const ScalingLawCoefficients& c, double training_flops);

/// Everything a scaling-law study needs besides the decision variables.
struct ScalingLawStudy {
  ScalingLawCoefficients coefficients;
  double peak_tflops = 0.0;            ///< training device, dense, at the precision used
  double training_mfu = 0.0;           ///< in (0, 1]
  double inference_peak_tflops = 0.0;  ///< serving device; 0: same as peak_tflops
  double inference_mfu = 0.0;          ///< in (0, 1]; needed when tokens are served
  double inference_tokens = 0.0;       ///< tokens served over the model's life
  /// A scenario (docs/schema.md) whose training and inference phases receive the hours;
  /// phases it lacks are added empty (they inherit `defaults`).
  nlohmann::json scenario = {{"schema_version", 1}};
  CarbonMetric metric = CarbonMetric::total_location_kg;
};

/// The objectives of one (N, D).
struct ScalingLawObjectives {
  double loss = 0.0;
  double training_flops = 0.0;
  double inference_flops = 0.0;
  double training_device_hours = 0.0;
  double inference_device_hours = 0.0;
  double training_kg = 0.0;   ///< the training phase's metric (kg, or kWh for energy)
  double inference_kg = 0.0;  ///< the inference phase's metric
  double total_kg = 0.0;      ///< the whole scenario's metric (also data, tuning, retraining)
};

/// Where N, D and the served tokens come from in a configuration: a variable or a constant.
struct ScalingLawInputs {
  std::optional<std::size_t> parameters_variable, tokens_variable, inference_tokens_variable;
  double parameters = 0.0, tokens = 0.0;  ///< used when the variable is absent
};

/// A validated scaling-law study with its scenario, ready to evaluate many (N, D).
class ScalingLawModel {
 public:
  /// Checks the study (coefficients, peak and MFU ranges, a scenario whose training and
  /// inference phases take hours: no energy_kwh, per-sample or per-query fields there) and
  /// parses the scenario once. `bindings` write further variables (region, hardware...) into
  /// it. Issues are reported under `path` ("model.training_mfu", "model.scenario...").
  static std::optional<ScalingLawModel> create(ScalingLawStudy study, const std::string& path,
                                               Issues& issues,
                                               const std::vector<Binding>& bindings = {},
                                               const std::vector<Variable>& variables = {},
                                               ScalingLawInputs inputs = {});

  /// Loss, compute and carbon at (N, D) serving `inference_tokens`, with `config` for the
  /// bound variables (empty when there are none).
  std::optional<ScalingLawObjectives> objectives(double parameters, double tokens,
                                                 double inference_tokens, const Config& config,
                                                 Issues& issues) const;
  /// Same, serving the study's inference_tokens, with no bound variables.
  std::optional<ScalingLawObjectives> objectives(double parameters, double tokens,
                                                 Issues& issues) const;
  /// Same, reading N, D (and served tokens) from `config` as `inputs` says.
  std::optional<ScalingLawObjectives> objectives(const Config& config, Issues& issues) const;

  /// The scenario the carbon of (N, D) is computed from, hours filled in: give it to
  /// api::estimate to see the same totals with every detail.
  std::optional<nlohmann::json> filled_scenario(double parameters, double tokens,
                                                double inference_tokens, const Config& config,
                                                Issues& issues) const;

  const ScalingLawStudy& study() const { return study_; }
  const ScalingLawInputs& inputs() const { return inputs_; }

 private:
  struct Hours {
    double training = 0.0, inference = 0.0;
  };
  /// Device-hours per device: the hours field of each phase.
  std::optional<Hours> phase_hours(double parameters, double tokens, double inference_tokens,
                                   const Scenario& sc, Issues& issues) const;
  bool check_point(double parameters, double tokens, double inference_tokens, Issues& issues) const;

  ScalingLawStudy study_;
  ScalingLawInputs inputs_;
  std::string path_;
  std::optional<ScenarioModel> scenario_;
  bool has_inference_ = false;
};

/// The carbon-optimal model for a target loss.
struct IsoLossOptimum {
  double parameters = 0.0;
  double tokens = 0.0;
  ScalingLawObjectives objectives;
  std::size_t evaluations = 0;
};

/// Minimizes the study's total carbon along the iso-loss curve L(N, D) = `target_loss`,
/// serving the study's inference_tokens. The curve is parametrized by the share u ∈ (0, 1)
/// of the reducible loss r = L − E carried by the model-size term: N = (A/(r·u))^(1/α),
/// D = (B/(r·(1−u)))^(1/β), so every u is exactly on the curve. Carbon affine in device-hours
/// is convex in u (log N and log(N·D) are convex in u), so a 61-point grid on logit(u) in
/// [−10, 20] brackets the minimum and golden-section search (Kiefer 1953) narrows the bracket
/// to 1e-10 in logit(u): about 110 evaluations, each one accounting evaluation (no re-parse).
/// The carbon is flat at its minimum, so double rounding of the totals limits the located N
/// and D to about 1e-7 relative.
/// Empty (with an issue at `path`) when target_loss ≤ E or no point evaluates.
std::optional<IsoLossOptimum> optimal_for_loss(const ScalingLawModel& model, double target_loss,
                                               const std::string& path, Issues& issues);

/// Reads the "model": "scaling_law" request of objective_models.h at `path` (the caller has
/// checked "model"): study fields, "parameters"/"tokens"/"inference_tokens" as numbers or
/// variable names, "bindings", "metric" and "objectives" (names go to `objectives`).
std::optional<ScalingLawModel> parse_scaling_law_model(const nlohmann::json& doc,
                                                       const std::string& path,
                                                       const std::vector<Variable>& variables,
                                                       std::vector<std::string>& objectives,
                                                       Issues& issues);

/// The objective names a scaling-law model can return, in ScalingLawObjectives order.
const std::vector<std::string>& scaling_law_objective_names();
/// The named objective's value ("loss", "total_kg", ...); NaN for an unknown name.
double scaling_law_objective(const ScalingLawObjectives& o, const std::string& name);

}  // namespace greenfront::pareto
