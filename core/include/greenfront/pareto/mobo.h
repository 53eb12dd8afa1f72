// Multi-objective Bayesian optimization, ask/tell (seed 000 §2.1).
//
// One Gaussian process per objective (gp.h) models the measured trials; the next
// configurations maximize the expected hypervolume improvement (ehvi.h) over the front of
// what has been observed:
//   - exact EHVI for two noiseless objectives (Emmerich et al. 2011), with a Kriging
//     believer (the chosen point's predicted mean joins the front) for batches;
//   - Monte-Carlo qNEHVI (Daulton et al. 2021) when trials are noisy or there are three or
//     more objectives: each posterior draw samples the observed points and the candidates
//     jointly, so a candidate gains nothing for merely being uncertain where a noisy
//     observation already is; batches by sequential greedy selection.
// The acquisition is maximized over the encoded unit cube by a random and front-local
// candidate pool refined by shrinking-step local search. Every step is a pure function of
// the observations, the options and the seed, so a study stops and resumes from JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/pareto/gp.h"
#include "greenfront/pareto/points.h"
#include "greenfront/pareto/space.h"

namespace greenfront::pareto {

/// How the next configurations are chosen.
struct MoboOptions {
  std::size_t batch_size = 1;  ///< q: configurations proposed per ask
  /// Random configurations before the first model-based step; 0 picks 2·(D + 1) for D
  /// encoded dimensions (BoTorch's tutorial default), at least 4.
  std::size_t initial_points = 0;
  std::uint64_t seed = 1;
  /// Treat the observed objective values as noisy (qNEHVI); otherwise as exact (EHVI).
  bool noisy = false;
  std::size_t mc_samples = 128;     ///< posterior draws for the Monte-Carlo acquisitions
  std::size_t raw_candidates = 768;  ///< random candidates scored before local refinement
  std::size_t refine_starts = 6;    ///< best raw candidates refined by local search
  std::size_t refine_rounds = 12;   ///< local-search rounds per start
  /// Hypervolume reference point, all-minimized; absent: the observed front's nadir plus
  /// 10 % of its range in each objective (as BoTorch's infer_reference_point).
  std::optional<std::vector<double>> reference_point;
  int gp_restarts = 2;
  /// Known observation noise, one standard deviation per objective in its own units (e.g.
  /// the spread of repeated trials); empty: each GP learns its noise. BoTorch's tutorial
  /// gives its models the known noise the same way (a fixed-noise GP).
  std::vector<double> noise_sd;
  /// The caller's time budget (gp.h): asked between GP-fit iterations, pending points,
  /// chunks of scored candidates, local-search rounds and batch members. Once it says
  /// true, the ask finishes with what it has (MoboStep::cut_short) but always proposes at
  /// least one configuration. Empty: no bound. The outcome is reproducible only when no
  /// check said true.
  OutOfTime out_of_time;
};

/// One measured trial: its configuration and its all-minimized objective values.
struct Observation {
  Config config;
  std::vector<double> objectives;
};

/// One proposed configuration with the surrogate's view of it.
struct Suggestion {
  Config config;
  std::vector<double> predicted_mean;  ///< all-minimized; empty in the initial design
  std::vector<double> predicted_sd;
  double acquisition = 0.0;  ///< EHVI of this point given the ones chosen before it
};

/// The outcome of one ask.
struct MoboStep {
  std::vector<Suggestion> suggestions;
  std::string method;  ///< "initial design", "EHVI (exact, 2 objectives)" or "qNEHVI (Monte-Carlo)"
  std::vector<double> reference_point;  ///< all-minimized, as used
  std::vector<GpHyperparameters> hyperparameters;  ///< per objective, for warm starts
  std::vector<GaussianProcess> models;             ///< per objective (empty in the initial design)
  Eigen::MatrixXd encoded_inputs;                  ///< the observations, encoded
  /// MoboOptions::out_of_time stopped part of the work: hyperparameter searches, pending
  /// points the models were not conditioned on, the candidate search, or batch members
  /// (fewer suggestions than batch_size, never none).
  bool cut_short = false;
};

/// Reports progress of the acquisition search; returning false stops it early (the best
/// configurations found so far are returned).
using MoboProgress = std::function<bool(const std::string& stage, double done, double total)>;

/// Proposes options.batch_size configurations given the observations so far (all with
/// `num_objectives` values) and the configurations already pending evaluation. `warm`
/// holds previous hyperparameters per objective (may be empty).
MoboStep mobo_ask(const Space& space, std::size_t num_objectives,
                  const std::vector<Observation>& observations, const std::vector<Config>& pending,
                  const MoboOptions& options, const std::vector<GpHyperparameters>& warm = {},
                  const MoboProgress& progress = {});

/// The reference point mobo_ask uses when none is given: the nadir of the non-dominated
/// observations plus 10 % of the front's range (or of |nadir|, or 1, when the range is 0).
std::vector<double> default_reference_point(const Points& observed);

/// A stateful study for native loops: tell() measured trials, ask() for more. Its state is
/// to_json()/from_json() so a long study can stop and resume.
class MoboStudy {
 public:
  MoboStudy(Space space, std::size_t num_objectives, MoboOptions options);

  std::vector<Config> ask();
  void tell(const Config& config, const std::vector<double>& objectives_minimized);

  const std::vector<Observation>& observations() const { return observations_; }
  const MoboOptions& options() const { return options_; }
  const Space& space() const { return space_; }

  /// {"observations": [...], "pending": [...], "hyperparameters": [...], "asks": n}:
  /// everything a resumed study needs besides the space and the options.
  nlohmann::json state_json() const;
  /// Restores what state_json() wrote; returns false (and changes nothing) if it is not
  /// such a document for this space.
  bool restore(const nlohmann::json& state);

 private:
  Space space_;
  std::size_t num_objectives_;
  MoboOptions options_;
  std::vector<Observation> observations_;
  std::vector<Config> pending_;
  std::vector<GpHyperparameters> hyperparameters_;
  std::uint64_t asks_ = 0;
};

}  // namespace greenfront::pareto
