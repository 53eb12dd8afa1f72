// Is one more trial worth its carbon? Seed 000 eq. (2) weighs the experimentation carbon
// Σ_t c_exp(x_t) against the deployment carbon c_dep(x_T) of the model finally deployed.
//
// A full solution of eq. (2) plans several trials ahead (seed 000 §2.2 points to lookahead
// BO, Jiang et al. 2020). greenfront answers the one-step version, which a user can act on
// after every trial: with the surrogates of the deployment carbon C(x) and of the quality
// Q(x) (minimized, e.g. validation loss), the expected deployment carbon saved by trying x is
//   S(x) = E[(c* − C(x))⁺] · P(Q(x) <= q*)
// (expected improvement, Jones et al. 1998, times the probability of meeting the quality
// target, as in constrained EI, Gardner et al. 2014), where c* is the lowest deployment
// carbon among trials that met the target q*. One more trial is worth it when the best
// S(x) exceeds the carbon the trial itself costs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "greenfront/pareto/gp.h"
#include "greenfront/pareto/mobo.h"

namespace greenfront::pareto {

/// What the report needs besides the fitted surrogates.
struct ExperimentationInputs {
  std::vector<double> trial_kg;          ///< carbon spent on each observed trial
  std::size_t deployment_objective = 0;  ///< index of the deployment-carbon objective
  std::optional<std::size_t> quality_objective;  ///< index of the (minimized) quality objective
  /// Trials must reach this quality (minimized units); default: the best observed value.
  std::optional<double> quality_target;
  /// Carbon of the next trial; default: the mean of trial_kg.
  std::optional<double> next_trial_kg;
};

/// The one-step answer to eq. (2).
struct ExperimentationReport {
  std::size_t trials = 0;
  double spent_kg = 0.0;                        ///< Σ trial_kg so far
  std::optional<std::size_t> incumbent;         ///< best observed trial meeting the target
  double incumbent_deployment_kg = 0.0;         ///< c*
  double quality_target = 0.0;                  ///< q* as used (minimized units)
  double expected_saving_kg = 0.0;              ///< max over candidates of S(x)
  Config best_candidate;                        ///< where that maximum is
  double probability_meets_target = 1.0;        ///< P(Q <= q*) there
  double next_trial_kg = 0.0;
  bool continue_experimenting = true;
  std::string reasoning;
};

/// Evaluates S(x) over `candidates` (configurations of `space`) with the per-objective
/// models of a MOBO step fitted to `observations` (all-minimized values).
ExperimentationReport experimentation_vs_deployment(const Space& space,
                                                    const std::vector<GaussianProcess>& models,
                                                    const std::vector<Observation>& observations,
                                                    const std::vector<Config>& candidates,
                                                    const ExperimentationInputs& inputs);

}  // namespace greenfront::pareto
