#include "greenfront/pareto/experiment_value.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "greenfront/pareto/normal.h"
#include "../text_format.h"

namespace greenfront::pareto {

ExperimentationReport experimentation_vs_deployment(const Space& space,
                                                    const std::vector<GaussianProcess>& models,
                                                    const std::vector<Observation>& observations,
                                                    const std::vector<Config>& candidates,
                                                    const ExperimentationInputs& inputs) {
  ExperimentationReport report;
  report.trials = observations.size();
  for (double kg : inputs.trial_kg) report.spent_kg += kg;
  report.next_trial_kg = inputs.next_trial_kg.value_or(
      inputs.trial_kg.empty() ? 0.0 : report.spent_kg / static_cast<double>(inputs.trial_kg.size()));

  const std::size_t dep = inputs.deployment_objective;
  const auto quality = inputs.quality_objective;
  double target = std::numeric_limits<double>::infinity();
  if (quality) {
    target = inputs.quality_target.value_or(std::numeric_limits<double>::infinity());
    if (!inputs.quality_target) {
      for (const auto& o : observations) target = std::min(target, o.objectives[*quality]);
    }
  }
  report.quality_target = quality ? target : 0.0;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const auto& o = observations[i];
    if (quality && !(o.objectives[*quality] <= target)) continue;
    if (!report.incumbent || o.objectives[dep] < report.incumbent_deployment_kg) {
      report.incumbent = i;
      report.incumbent_deployment_kg = o.objectives[dep];
    }
  }

  std::string why = std::to_string(report.trials) + " trials so far spent " +
                    text::mass(report.spent_kg) + ". ";
  if (!report.incumbent) {
    report.continue_experimenting = true;
    why += "No trial meets the quality target yet, so there is no deployable model to compare "
           "against: continue.";
    report.reasoning = why;
    return report;
  }
  if (models.size() <= dep || (quality && models.size() <= *quality) || candidates.empty()) {
    report.continue_experimenting = true;
    why += "The surrogate is not fitted yet (initial design): continue with the initial design.";
    report.reasoning = why;
    return report;
  }

  const auto dims = static_cast<Eigen::Index>(space.encoded_dims());
  Eigen::MatrixXd x(static_cast<Eigen::Index>(candidates.size()), dims);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto u = space.encode(candidates[i]);
    for (Eigen::Index j = 0; j < dims; ++j) x(static_cast<Eigen::Index>(i), j) = u[static_cast<std::size_t>(j)];
  }
  Eigen::VectorXd dep_mean, dep_var, q_mean, q_var;
  models[dep].predict(x, dep_mean, dep_var);
  if (quality) models[*quality].predict(x, q_mean, q_var);
  double best = -1.0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double ei = normal_expected_improvement(report.incumbent_deployment_kg, dep_mean[i],
                                                 std::sqrt(std::max(0.0, dep_var[i])));
    double p = 1.0;
    if (quality) {
      const double sd = std::sqrt(std::max(0.0, q_var[i]));
      p = sd > 0 ? normal_cdf((target - q_mean[i]) / sd) : (q_mean[i] <= target ? 1.0 : 0.0);
    }
    const double saving = ei * p;
    if (saving > best) {
      best = saving;
      report.expected_saving_kg = saving;
      report.best_candidate = candidates[static_cast<std::size_t>(i)];
      report.probability_meets_target = p;
    }
  }
  report.continue_experimenting = report.expected_saving_kg > report.next_trial_kg;
  why += "The deployed model would be trial " + std::to_string(*report.incumbent) + " at " +
         text::mass(report.incumbent_deployment_kg) +
         " over its deployment. The most promising next configuration (" +
         space.describe(report.best_candidate) + ") is expected to save " +
         text::mass(report.expected_saving_kg) + " of deployment carbon";
  if (quality) {
    why += " (probability " + text::percent(report.probability_meets_target) +
           " of meeting the quality target)";
  }
  why += ", against " + text::mass(report.next_trial_kg) + " for the trial itself: " +
         (report.continue_experimenting
              ? "continue (one more trial is expected to pay back)."
              : "stop (one more trial is expected to cost more carbon than it saves).");
  report.reasoning = why;
  return report;
}

}  // namespace greenfront::pareto
