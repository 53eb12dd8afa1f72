// Black-box multi-objective optimizers that need no surrogate: exhaustive enumeration of a
// small discrete space (the exact front), uniform random search (the baseline), and NSGA-II.
//
// Every optimizer records every evaluation; `front` is the non-dominated subset of all of
// them, so a run stopped early (budget, time, cancel) still returns a valid front.
// Given the same seed and an objective that is a pure function, a run is deterministic
// (a seconds budget only decides where the same sequence stops).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/points.h"
#include "greenfront/pareto/space.h"

namespace greenfront::pareto {

/// The function being optimized: a configuration to its objective vector (size M, every
/// entry minimized). NaN entries are kept in the results but rank as worst (+inf); an
/// exception thrown by it stops the run with an error.
using Objective = std::function<std::vector<double>(const Config&)>;

struct OptimizationResult;

/// Called after every evaluation; returning false cancels the run (stop_reason "cancelled").
/// `observe` sees the record so far (configs and objectives; `front` is filled at the end),
/// for live views of a long run.
struct Progress {
  std::function<bool(std::size_t evaluations_done, std::size_t budget)> callback;
  std::function<void(const OptimizationResult& so_far)> observe;
};

/// Limits shared by every optimizer.
struct Budget {
  std::size_t max_evaluations = 1000;
  std::optional<double> max_seconds;  ///< wall clock (steady_clock); empty = no limit
};

/// What a run produced.
struct OptimizationResult {
  std::vector<Config> configs;     ///< every evaluated configuration, in evaluation order
  Points objectives;               ///< their objective vectors (row i = configs[i])
  std::vector<std::size_t> front;  ///< indices of the non-dominated evaluations, ascending
  /// With 4+ objectives, the front as it grew over the evaluations (rows_after(k) is the
  /// front of the first k); no adds otherwise.
  FrontArchive front_history;
  std::size_t evaluations = 0;
  bool stopped_early = false;  ///< "time", "cancelled" or "error" ended the run
  /// "completed" (exhaustive: every configuration evaluated), "evaluations" (the
  /// evaluation budget is used up), "stalled" (NSGA-II: ten generations in a row found no
  /// configuration not already evaluated, as happens once a small discrete space is
  /// exhausted), "time", "cancelled" or "error".
  std::string stop_reason;
  std::string error;  ///< empty unless stop_reason is "error"

  bool ok() const { return error.empty(); }
};

/// Exhaustive search: evaluates every configuration of a discrete space in the order of
/// Space::enumerate, giving the exact front. Fails with an error (nothing evaluated) when
/// the space has a continuous variable or more configurations than max_evaluations.
/// O(N) evaluations plus one non-dominated sort of the N results.
OptimizationResult run_exhaustive(const Space& space, std::size_t num_objectives,
                                  const Objective& objective, const Budget& budget,
                                  const Progress& progress = {});

/// Options of random search.
struct RandomSearchOptions {
  Budget budget;
  std::uint64_t seed = 1;
};

/// Uniform random search (Space::sample), max_evaluations draws (repeats are evaluated
/// again, as a baseline should).
OptimizationResult run_random(const Space& space, std::size_t num_objectives,
                              const Objective& objective, const RandomSearchOptions& options,
                              const Progress& progress = {});

/// Options of NSGA-II; the defaults are Deb et al.'s for real-coded problems.
struct Nsga2Options {
  Budget budget;
  std::uint64_t seed = 1;
  std::size_t population = 40;  ///< rounded up to even, at least 4
  double crossover_probability = 0.9;
  double crossover_eta = 15.0;  ///< SBX distribution index
  double mutation_eta = 20.0;   ///< polynomial mutation distribution index
  /// Per-variable mutation probability; empty = 1 / number of variables.
  std::optional<double> mutation_probability;
};

/// NSGA-II (Deb, Pratap, Agarwal & Meyarivan 2002, "A fast and elitist multiobjective
/// genetic algorithm: NSGA-II", IEEE TEC 6(2)): binary tournaments on (rank, crowding),
/// SBX crossover (Deb & Agrawal 1995) and polynomial mutation (Deb & Goyal 1996) on the
/// unit-scaled continuous and integer variables (integers rounded after variation),
/// uniform crossover and random-reset mutation on categorical ones, and elitist (mu+lambda)
/// survival by rank then crowding distance. A configuration already evaluated is not
/// evaluated or counted again; a child that repeats one is varied anew (a few tries).
/// Cost per generation: O(M N^2) for the non-dominated sort of 2N points (less with the
/// 2-3 objective sorts of dominance.h) plus N evaluations.
OptimizationResult run_nsga2(const Space& space, std::size_t num_objectives,
                             const Objective& objective, const Nsga2Options& options,
                             const Progress& progress = {});

}  // namespace greenfront::pareto
