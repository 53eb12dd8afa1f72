// Exhaustive search, random search and NSGA-II over a Space.
//
// All three share one Evaluator, which owns the budget, the clock, the cancel hook and the
// record of every evaluation, so each optimizer is only its proposal logic.
#include "greenfront/pareto/optimizers.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <utility>

#include "greenfront/pareto/dominance.h"
#include "greenfront/random.h"

namespace greenfront::pareto {
namespace {

constexpr double kBig = std::numeric_limits<double>::max();

/// An objective value as the rankings see it: NaN and +inf are the worst finite value
/// and -inf the best, so sorting and crowding never meet inf - inf.
double rankable(double v) {
  if (v != v || v > kBig) return kBig;
  return v < -kBig ? -kBig : v;
}

/// Runs the objective under the budget and keeps the record.
class Evaluator {
 public:
  Evaluator(std::size_t num_objectives, const Objective& objective, const Budget& budget,
            const Progress& progress)
      : objective_(objective),
        budget_(budget),
        progress_(progress),
        start_(std::chrono::steady_clock::now()) {
    result_.objectives = Points(num_objectives);
    rankable_ = Points(num_objectives);
  }

  bool stopped() const { return !result_.stop_reason.empty(); }
  OptimizationResult& result() { return result_; }
  const Points& rankable_points() const { return rankable_; }
  std::size_t evaluations() const { return result_.evaluations; }

  /// Whether one more evaluation is allowed; records why not otherwise.
  bool can_evaluate() {
    if (stopped()) return false;
    if (result_.evaluations >= budget_.max_evaluations) {
      stop("evaluations", false);
      return false;
    }
    if (budget_.max_seconds) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
      if (!(elapsed.count() < *budget_.max_seconds)) {
        stop("time", true);
        return false;
      }
    }
    return true;
  }

  /// Evaluates `config` (the caller checked can_evaluate) and returns its row, or nothing
  /// when the objective failed. A cancel from the progress hook still records the row.
  std::optional<std::size_t> evaluate(const Config& config) {
    const std::size_t m = result_.objectives.dims;
    if (m == 0) {
      fail("the number of objectives must be at least 1");
      return std::nullopt;
    }
    std::vector<double> y;
    try {
      y = objective_ ? objective_(config) : std::vector<double>();
    } catch (const std::exception& e) {
#ifdef GREENFRONT_FUZZING
      // The wasm build has no exception support (CMakeLists.txt): there this catch does not
      // exist and the throw aborts the instance. The api's own objectives never throw; the
      // fuzz target sees any that does as the internal.error it is.
      throw;
#endif
      fail("the objective failed at evaluation " + std::to_string(result_.evaluations + 1) + ": " +
           e.what());
      return std::nullopt;
    } catch (...) {
#ifdef GREENFRONT_FUZZING
      throw;
#endif
      fail("the objective failed at evaluation " + std::to_string(result_.evaluations + 1));
      return std::nullopt;
    }
    if (y.size() != m) {
      fail("the objective returned " + std::to_string(y.size()) + " values, expected " +
           std::to_string(m));
      return std::nullopt;
    }
    const std::size_t row = result_.configs.size();
    result_.configs.push_back(config);
    result_.objectives.push_back(y);
    for (double& v : y) v = rankable(v);
    rankable_.push_back(y);
    // With 4+ objectives a front can hold nearly every row, and finding it once after the
    // run cost O(n·|front|·d) outside the time budget (5.3 s for 10,000 random 16-objective
    // rows, over 100 s for 50,000): grown here, the same work falls between budget checks.
    if (m >= 4) front_.add(rankable_, row);
    ++result_.evaluations;
    if (progress_.observe) progress_.observe(result_);
    if (progress_.callback && !progress_.callback(result_.evaluations, budget_.max_evaluations)) {
      stop("cancelled", true);
    }
    return row;
  }

  void stop(const std::string& reason, bool early) {
    if (stopped()) return;
    result_.stop_reason = reason;
    result_.stopped_early = early;
  }
  void fail(const std::string& message) {
    stop("error", true);
    result_.error = message;
  }

  /// Fills `front` from everything evaluated and hands the result over.
  OptimizationResult finish() {
    if (!stopped()) stop("evaluations", false);
    if (rankable_.dims >= 4) {
      result_.front = front_.rows();
      result_.front_history = std::move(front_);
    } else if (!rankable_.empty()) {
      result_.front = non_dominated(rankable_);
    }
    std::sort(result_.front.begin(), result_.front.end());
    return std::move(result_);
  }

 private:
  const Objective& objective_;
  Budget budget_;
  Progress progress_;
  std::chrono::steady_clock::time_point start_;
  OptimizationResult result_;
  Points rankable_;
  FrontArchive front_;  ///< with 4+ objectives: the rows no other row dominates
};

/// A uniform index in [0, n), n > 0.
std::size_t below(Rng& rng, std::size_t n) {
  const auto k = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n));
  return k < n ? k : n - 1;
}

/// base^exponent for base >= 0 with the portable log/exp (0^a = 0 for a > 0). Whole
/// exponents up to 64 in magnitude (the default eta + 1 = 16 and 21) go by repeated
/// squaring instead: a few products, and the exp/log pair dominated the run time.
double power(double base, double exponent) {
  if (!(base > 0.0)) return 0.0;
  const double magnitude = std::fabs(exponent);
  if (magnitude <= 64.0 && magnitude == std::floor(magnitude)) {
    double result = 1.0, square = base;
    for (auto e = static_cast<unsigned>(magnitude); e != 0; e >>= 1) {
      if (e & 1U) result *= square;
      square *= square;
    }
    return exponent < 0 ? 1.0 / result : result;
  }
  return portable::exp(exponent * portable::log(base));
}

// --- NSGA-II --------------------------------------------------------------------------

/// The fixed parameters of one NSGA-II run.
struct Variation {
  const Space& space;
  double crossover_probability;
  double crossover_eta;
  double mutation_eta;
  double mutation_probability;
};

/// Simulated binary crossover of one variable in [0, 1] (Deb & Agrawal 1995, in the
/// bounded form of Deb's NSGA-II code): the spread factor's distribution is renormalized
/// so both children stay inside the bounds.
void sbx(double& y1, double& y2, double eta, Rng& rng) {
  if (!(std::fabs(y1 - y2) > 1e-14)) return;
  const double lo = std::min(y1, y2), hi = std::max(y1, y2);
  const double u = rng.uniform01();
  const double exponent = 1.0 / (eta + 1.0);
  const auto spread = [&](double beta) {
    const double alpha = 2.0 - power(beta, -(eta + 1.0));
    return u <= 1.0 / alpha ? power(u * alpha, exponent) : power(1.0 / (2.0 - u * alpha), exponent);
  };
  const double beta_lo = spread(1.0 + 2.0 * lo / (hi - lo));
  const double beta_hi = spread(1.0 + 2.0 * (1.0 - hi) / (hi - lo));
  double c1 = 0.5 * ((lo + hi) - beta_lo * (hi - lo));
  double c2 = 0.5 * ((lo + hi) + beta_hi * (hi - lo));
  c1 = std::min(1.0, std::max(0.0, c1));
  c2 = std::min(1.0, std::max(0.0, c2));
  if (rng.uniform01() < 0.5) std::swap(c1, c2);
  y1 = c1;
  y2 = c2;
}

/// Polynomial mutation of one variable in [0, 1] (Deb & Goyal 1996, bounded form): the
/// perturbation shrinks near a bound so the result stays inside.
double polynomial_mutation(double y, double eta, Rng& rng) {
  const double u = rng.uniform01();
  const double exponent = 1.0 / (eta + 1.0);
  double delta;
  if (u < 0.5) {
    const double value = 2.0 * u + (1.0 - 2.0 * u) * power(1.0 - y, eta + 1.0);
    delta = power(value, exponent) - 1.0;
  } else {
    const double value = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * power(y, eta + 1.0);
    delta = 1.0 - power(value, exponent);
  }
  return std::min(1.0, std::max(0.0, y + delta));
}

/// Mutates variable v of `child` in place. `force` makes a discrete variable move even
/// when the polynomial step rounds back to the same value.
void mutate_variable(const Variation& var, Config& child, std::size_t v, bool force, Rng& rng) {
  const Variable& variable = var.space.variables()[v];
  if (variable.kind == Variable::Kind::categorical) {
    const std::size_t n = variable.choices.size();
    if (n < 2) return;
    // Random reset to one of the other choices, so a mutation always changes something.
    const double value = child[v];
    const std::size_t current =
        value >= 0.0 && value < static_cast<double>(n) ? static_cast<std::size_t>(value) : 0;
    std::size_t next = below(rng, n - 1);
    if (next >= current) ++next;
    child[v] = static_cast<double>(next);
    return;
  }
  const double before = child[v];
  child[v] = var.space.from_unit(
      v, polynomial_mutation(var.space.to_unit(v, before), var.mutation_eta, rng));
  if (force && variable.kind == Variable::Kind::integer && child[v] == before) {
    const bool up =
        before + 1.0 <= variable.upper && (before - 1.0 < variable.lower || rng.uniform01() < 0.5);
    const double stepped = up ? before + 1.0 : before - 1.0;
    if (stepped >= variable.lower && stepped <= variable.upper) child[v] = stepped;
  }
}

/// Crossover then mutation of two parents into two children.
void vary(const Variation& var, const Config& p1, const Config& p2, Config& c1, Config& c2,
          Rng& rng) {
  c1 = p1;
  c2 = p2;
  const std::size_t n = var.space.size();
  if (rng.uniform01() < var.crossover_probability) {
    for (std::size_t v = 0; v < n; ++v) {
      if (rng.uniform01() >= 0.5) continue;  // each variable crosses with probability 1/2
      if (var.space.variables()[v].kind == Variable::Kind::categorical) {
        std::swap(c1[v], c2[v]);  // uniform crossover
        continue;
      }
      double y1 = var.space.to_unit(v, p1[v]), y2 = var.space.to_unit(v, p2[v]);
      sbx(y1, y2, var.crossover_eta, rng);
      c1[v] = var.space.from_unit(v, y1);
      c2[v] = var.space.from_unit(v, y2);
    }
  }
  for (Config* child : {&c1, &c2}) {
    for (std::size_t v = 0; v < n; ++v) {
      if (rng.uniform01() < var.mutation_probability) mutate_variable(var, *child, v, false, rng);
    }
  }
}

/// One member of the population: its evaluation row, non-domination rank and crowding.
struct Member {
  std::size_t row = 0;
  std::size_t rank = 0;
  double crowding = 0.0;
};

/// Deb et al.'s crowded-comparison operator: lower rank, then larger crowding distance.
bool crowded_better(const Member& a, const Member& b) {
  if (a.rank != b.rank) return a.rank < b.rank;
  const double ca = a.crowding == a.crowding ? a.crowding : -1.0;
  const double cb = b.crowding == b.crowding ? b.crowding : -1.0;
  return ca > cb;
}

/// Binary tournament: two distinct random members, the crowded-better one wins (a tie
/// goes to a coin flip).
const Member& tournament(const std::vector<Member>& population, Rng& rng) {
  const std::size_t n = population.size();
  if (n == 1) return population[0];
  const std::size_t a = below(rng, n);
  std::size_t b = below(rng, n - 1);
  if (b >= a) ++b;
  if (crowded_better(population[a], population[b])) return population[a];
  if (crowded_better(population[b], population[a])) return population[b];
  return rng.uniform01() < 0.5 ? population[a] : population[b];
}

/// Elitist survival: from the rows in `pool` (distinct), keep whole fronts in rank order
/// and fill the last one by descending crowding distance (ties by pool order).
/// Each survivor carries its rank and the crowding distance within its front.
std::vector<Member> survive(const Points& rankable, const std::vector<std::size_t>& pool,
                            std::size_t size) {
  const Points points = rankable.subset(pool);
  const std::vector<std::size_t> ranks = non_dominated_ranks(points);
  std::size_t max_rank = 0;
  for (std::size_t r : ranks) max_rank = std::max(max_rank, r);
  std::vector<std::vector<std::size_t>> fronts(pool.empty() ? 0 : max_rank + 1);
  for (std::size_t i = 0; i < pool.size(); ++i) fronts[ranks[i]].push_back(i);
  std::vector<Member> next;
  for (std::size_t r = 0; r < fronts.size() && next.size() < size; ++r) {
    const std::vector<std::size_t>& front = fronts[r];
    const std::vector<double> crowding = crowding_distance(points, front);
    std::vector<std::size_t> order(front.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    if (next.size() + front.size() > size) {
      const auto key = [&](std::size_t k) {
        return crowding[k] == crowding[k] ? crowding[k] : -1.0;
      };
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (key(a) != key(b)) return key(a) > key(b);
        return a < b;
      });
      order.resize(size - next.size());
    }
    for (std::size_t k : order) next.push_back({pool[front[k]], r, crowding[k]});
  }
  return next;
}

}  // namespace

OptimizationResult run_exhaustive(const Space& space, std::size_t num_objectives,
                                  const Objective& objective, const Budget& budget,
                                  const Progress& progress) {
  Evaluator evaluator(num_objectives, objective, budget, progress);
  const std::optional<std::uint64_t> count = space.cardinality();
  if (!count) {
    evaluator.fail(
        "exhaustive search needs a finite space of integer and categorical variables; "
        "use NSGA-II or random search for continuous ones");
    return evaluator.finish();
  }
  if (*count > budget.max_evaluations) {
    evaluator.fail("the space has " + std::to_string(*count) +
                   " configurations, more than max_evaluations (" +
                   std::to_string(budget.max_evaluations) + ")");
    return evaluator.finish();
  }
  for (std::uint64_t i = 0; i < *count; ++i) {
    if (!evaluator.can_evaluate()) break;
    evaluator.evaluate(space.enumerate(i));
  }
  if (!evaluator.stopped()) evaluator.stop("completed", false);
  return evaluator.finish();
}

OptimizationResult run_random(const Space& space, std::size_t num_objectives,
                              const Objective& objective, const RandomSearchOptions& options,
                              const Progress& progress) {
  Evaluator evaluator(num_objectives, objective, options.budget, progress);
  Rng rng(options.seed);
  while (evaluator.can_evaluate()) evaluator.evaluate(space.sample(rng));
  return evaluator.finish();
}

OptimizationResult run_nsga2(const Space& space, std::size_t num_objectives,
                             const Objective& objective, const Nsga2Options& options,
                             const Progress& progress) {
  Evaluator evaluator(num_objectives, objective, options.budget, progress);
  Rng rng(options.seed);
  std::size_t size = std::max<std::size_t>(4, options.population);
  size += size % 2;
  const std::size_t n = space.size();
  const double pm = options.mutation_probability ? *options.mutation_probability
                                                 : (n == 0 ? 0.0 : 1.0 / static_cast<double>(n));
  const Variation variation{space, options.crossover_probability, options.crossover_eta,
                            options.mutation_eta, pm};
  // Every evaluated configuration and its row: a repeat costs no evaluation.
  std::map<Config, std::size_t> seen;
  constexpr int kRetries = 10;
  constexpr int kStallGenerations = 10;

  // A configuration's row: the known one, or a fresh evaluation. Empty once stopped.
  const auto row_of = [&](const Config& config) -> std::optional<std::size_t> {
    auto it = seen.find(config);
    if (it != seen.end()) return it->second;
    if (!evaluator.can_evaluate()) return std::nullopt;
    const auto row = evaluator.evaluate(config);
    if (row) seen.emplace(config, *row);
    return row;
  };

  // Initial population: uniform samples, redrawn a few times when they repeat.
  std::vector<std::size_t> pool;
  for (std::size_t i = 0; i < size && !evaluator.stopped(); ++i) {
    Config config = space.sample(rng);
    for (int t = 0; t < kRetries && seen.count(config) != 0; ++t) config = space.sample(rng);
    const bool fresh = seen.count(config) == 0;
    const auto row = row_of(config);
    if (row && fresh) pool.push_back(*row);
  }
  if (pool.empty()) return evaluator.finish();
  std::vector<Member> population = survive(evaluator.rankable_points(), pool, size);

  int stalled = 0;
  while (!evaluator.stopped()) {
    std::vector<std::size_t> offspring;
    const std::size_t before = evaluator.evaluations();
    while (offspring.size() < size && !evaluator.stopped()) {
      const Member& a = tournament(population, rng);
      const Member& b = tournament(population, rng);
      Config c1, c2;
      vary(variation, evaluator.result().configs[a.row], evaluator.result().configs[b.row], c1, c2,
           rng);
      for (Config* child : {&c1, &c2}) {
        // A repeat teaches nothing: mutate it again (one forced move per try).
        for (int t = 0; t < kRetries && n > 0 && seen.count(*child) != 0; ++t) {
          mutate_variable(variation, *child, below(rng, n), true, rng);
        }
        const auto row = row_of(*child);
        if (!row) break;
        offspring.push_back(*row);
      }
    }
    if (evaluator.stopped() && offspring.empty()) break;
    stalled = evaluator.evaluations() == before ? stalled + 1 : 0;
    if (stalled >= kStallGenerations) {
      evaluator.stop("stalled", false);
      break;
    }
    // (mu + lambda): parents and children compete; each distinct row enters once.
    std::vector<std::size_t> combined;
    std::vector<bool> in_pool(evaluator.result().configs.size(), false);
    for (const Member& m : population) {
      if (!in_pool[m.row]) combined.push_back(m.row);
      in_pool[m.row] = true;
    }
    for (std::size_t row : offspring) {
      if (!in_pool[row]) combined.push_back(row);
      in_pool[row] = true;
    }
    population = survive(evaluator.rankable_points(), combined, size);
  }
  return evaluator.finish();
}

}  // namespace greenfront::pareto
