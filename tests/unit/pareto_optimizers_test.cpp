#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include "greenfront/pareto/hypervolume.h"
#include "greenfront/pareto/optimizers.h"
#include "greenfront/pareto/problems.h"

using namespace greenfront::pareto;

namespace {

Objective objective_of(const Problem& p) {
  return [p](const Config& x) { return p.evaluate(x); };
}

double front_hypervolume(const OptimizationResult& r, const Problem& p) {
  return hypervolume(r.objectives.subset(r.front), p.reference_point);
}

/// Whether a dominates b (minimization): no worse anywhere, better somewhere.
bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] > b[k]) return false;
    better = better || a[k] < b[k];
  }
  return better;
}

/// A small discrete problem with a non-trivial front: a in 0..9, b in 0..9, c in {p,q,r}.
/// f1 = a + c, f2 = (9 - a)^2 / 9 + |b - 4| + (2 - c)^2 / 2: b = 4 is always best and
/// each c trades f1 against f2, so the front mixes every value of a and c.
std::vector<double> toy(const Config& x) {
  const double a = x[0], b = x[1], c = x[2];
  return {a + c, (9 - a) * (9 - a) / 9 + std::fabs(b - 4) + (2 - c) * (2 - c) / 2};
}

Space toy_space() {
  return Space({Variable::integer("a", 0, 9), Variable::integer("b", 0, 9),
                Variable::categorical("c", {"p", "q", "r"})});
}

/// Brute force: the configurations whose objective vectors no other one dominates.
std::set<Config> brute_force_front(const std::vector<Config>& configs) {
  std::set<Config> front;
  for (const Config& x : configs) {
    bool dominated = false;
    for (const Config& y : configs) dominated = dominated || dominates(toy(y), toy(x));
    if (!dominated) front.insert(x);
  }
  return front;
}

std::set<Config> front_configs(const OptimizationResult& r) {
  std::set<Config> out;
  for (std::size_t i : r.front) out.insert(r.configs[i]);
  return out;
}

}  // namespace

TEST_CASE("exhaustive search finds the exact front of a small discrete problem",
          "[pareto][optimizers]") {
  const Space space = toy_space();
  const OptimizationResult r = run_exhaustive(space, 2, toy, {1000, {}});
  REQUIRE(r.ok());
  CHECK(r.evaluations == 300);  // 10 * 10 * 3
  CHECK(r.stop_reason == "completed");
  CHECK_FALSE(r.stopped_early);
  // Oracle: every configuration by nested loops, O(n^2) dominance.
  std::vector<Config> all;
  for (int a = 0; a <= 9; ++a)
    for (int b = 0; b <= 9; ++b)
      for (int c = 0; c <= 2; ++c) all.push_back({double(a), double(b), double(c)});
  const std::set<Config> expected = brute_force_front(all);
  CHECK(expected.size() > 5);
  CHECK(front_configs(r) == expected);
  CHECK(std::set<Config>(r.configs.begin(), r.configs.end()).size() == 300);
  for (std::size_t k = 1; k < r.front.size(); ++k) CHECK(r.front[k - 1] < r.front[k]);
}

TEST_CASE("exhaustive search refuses continuous and oversized spaces", "[pareto][optimizers]") {
  const OptimizationResult continuous =
      run_exhaustive(Space({Variable::continuous("x", 0, 1)}), 2, toy, {1000, {}});
  CHECK_FALSE(continuous.ok());
  CHECK(continuous.stop_reason == "error");
  CHECK(continuous.evaluations == 0);
  const OptimizationResult too_big = run_exhaustive(toy_space(), 2, toy, {299, {}});
  CHECK_FALSE(too_big.ok());
  CHECK(too_big.error == "the space has 300 configurations, more than max_evaluations (299)");
  CHECK(too_big.evaluations == 0);
  CHECK(too_big.front.empty());
}

TEST_CASE("NSGA-II reaches the ZDT1 front in 10000 evaluations", "[pareto][optimizers][nsga2]") {
  // d = 30, population 40 x 250 generations, seed 1. Measured: 0.99968 of the optimum
  // 120.6667 at (11, 11) (seeds 1-5: 0.99955-0.99973); random search at the same budget
  // reaches 0.81. The stated target 0.99 leaves a wide margin.
  const Problem p = *make_problem("zdt1", 30);
  Nsga2Options options;
  options.budget.max_evaluations = 10000;
  options.seed = 1;
  const OptimizationResult r = run_nsga2(p.space(), 2, objective_of(p), options);
  REQUIRE(r.ok());
  CHECK(r.evaluations == 10000);
  CHECK(r.stop_reason == "evaluations");
  CHECK(front_hypervolume(r, p) / p.max_hypervolume >= 0.99);
  CHECK(front_hypervolume(r, p) <= p.max_hypervolume);
}

TEST_CASE("NSGA-II reaches the DTLZ2 front in 10000 evaluations", "[pareto][optimizers][nsga2]") {
  // d = 6, M = 2, seed 1. Measured 0.99805 of 1.21 - pi/4 = 0.424602 (seeds 1-5:
  // 0.99800-0.99826; random search 0.79-0.82). Target 0.99.
  const Problem p = *make_problem("dtlz2", 6, 2);
  Nsga2Options options;
  options.budget.max_evaluations = 10000;
  const OptimizationResult r = run_nsga2(p.space(), 2, objective_of(p), options);
  REQUIRE(r.ok());
  CHECK(front_hypervolume(r, p) / p.max_hypervolume >= 0.99);
}

TEST_CASE("NSGA-II beats random search at an equal budget", "[pareto][optimizers][nsga2]") {
  // 2000 evaluations each, seeds 1-3, on ZDT2 (concave, where random search is weakest)
  // and BraninCurrin.
  for (const char* name : {"zdt2", "branin_currin"}) {
    const Problem p = *make_problem(name);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      INFO(name << " seed " << seed);
      Nsga2Options options;
      options.budget.max_evaluations = 2000;
      options.seed = seed;
      RandomSearchOptions random;
      random.budget.max_evaluations = 2000;
      random.seed = seed;
      const double hv_nsga2 =
          front_hypervolume(run_nsga2(p.space(), 2, objective_of(p), options), p);
      const double hv_random =
          front_hypervolume(run_random(p.space(), 2, objective_of(p), random), p);
      CHECK(hv_nsga2 > hv_random);
    }
  }
}

TEST_CASE("NSGA-II is deterministic given the seed", "[pareto][optimizers][nsga2]") {
  const Problem p = *make_problem("zdt3", 8);
  Nsga2Options options;
  options.budget.max_evaluations = 600;
  options.seed = 42;
  const OptimizationResult a = run_nsga2(p.space(), 2, objective_of(p), options);
  const OptimizationResult b = run_nsga2(p.space(), 2, objective_of(p), options);
  CHECK(a.configs == b.configs);
  CHECK(a.objectives.values == b.objectives.values);
  CHECK(a.front == b.front);
  options.seed = 43;
  CHECK(run_nsga2(p.space(), 2, objective_of(p), options).configs != a.configs);
}

TEST_CASE("NSGA-II on a mixed space keeps integers whole and never re-evaluates",
          "[pareto][optimizers][nsga2]") {
  // 300 configurations and a budget of 5000: every evaluation must be a new configuration,
  // so at most 300 happen, and the run stalls once nothing new turns up.
  const Space space = toy_space();
  Nsga2Options options;
  options.budget.max_evaluations = 5000;
  options.population = 20;
  const OptimizationResult r = run_nsga2(space, 2, toy, options);
  REQUIRE(r.ok());
  CHECK(r.evaluations <= 300);
  CHECK(std::set<Config>(r.configs.begin(), r.configs.end()).size() == r.evaluations);
  for (const Config& c : r.configs) CHECK(space.contains(c));
  CHECK(r.stop_reason == "stalled");
  // What it found is the exact front (checked against the exhaustive oracle).
  std::vector<Config> all;
  for (std::uint64_t i = 0; i < 300; ++i) all.push_back(space.enumerate(i));
  CHECK(front_configs(r) == brute_force_front(all));
}

TEST_CASE("budgets and the progress hook stop a run with the right reason",
          "[pareto][optimizers]") {
  const Problem p = *make_problem("zdt1", 5);
  RandomSearchOptions random;
  random.budget.max_evaluations = 100;
  const OptimizationResult r = run_random(p.space(), 2, objective_of(p), random);
  CHECK(r.evaluations == 100);
  CHECK(r.stop_reason == "evaluations");
  CHECK_FALSE(r.stopped_early);
  for (const Config& c : r.configs) CHECK(p.space().contains(c));

  std::size_t calls = 0;
  Progress stop_at_37;
  stop_at_37.callback = [&](std::size_t done, std::size_t budget) {
    ++calls;
    CHECK(budget == 100);
    return done < 37;
  };
  Nsga2Options options;
  options.budget.max_evaluations = 100;
  const OptimizationResult cancelled =
      run_nsga2(p.space(), 2, objective_of(p), options, stop_at_37);
  CHECK(cancelled.evaluations == 37);
  CHECK(calls == 37);
  CHECK(cancelled.stop_reason == "cancelled");
  CHECK(cancelled.stopped_early);
  CHECK_FALSE(cancelled.front.empty());

  options.budget.max_seconds = 0.0;
  const OptimizationResult timed = run_nsga2(p.space(), 2, objective_of(p), options);
  CHECK(timed.evaluations == 0);
  CHECK(timed.stop_reason == "time");
  CHECK(timed.front.empty());

  // Odd and tiny populations are rounded up to an even size of at least 4.
  for (std::size_t population : {0, 1, 5}) {
    Nsga2Options small;
    small.population = population;
    small.budget.max_evaluations = 50;
    CHECK(run_nsga2(p.space(), 2, objective_of(p), small).evaluations == 50);
  }
}

TEST_CASE("objective failures end the run with an error", "[pareto][optimizers]") {
  const Space space = toy_space();
  const Objective wrong_size = [](const Config&) { return std::vector<double>{1.0}; };
  const OptimizationResult r = run_exhaustive(space, 2, wrong_size, {1000, {}});
  CHECK(r.stop_reason == "error");
  CHECK(r.error == "the objective returned 1 values, expected 2");
  CHECK(r.evaluations == 0);
  const OptimizationResult none = run_random(space, 0, toy, RandomSearchOptions{});
  CHECK(none.error == "the number of objectives must be at least 1");
  CHECK(none.evaluations == 0);
  // An empty space has one configuration (the empty one): NSGA-II evaluates it once and
  // stalls instead of looping.
  Nsga2Options options;
  const OptimizationResult empty = run_nsga2(
      Space(std::vector<Variable>{}), 2,
      [](const Config&) {
        return std::vector<double>{1, 2};
      },
      options);
  CHECK(empty.evaluations == 1);
  CHECK(empty.stop_reason == "stalled");

  int calls = 0;
  const Objective throws = [&](const Config& x) {
    if (++calls == 4) throw std::runtime_error("model diverged");
    return toy(x);
  };
  RandomSearchOptions random;
  const OptimizationResult failed = run_random(space, 2, throws, random);
  CHECK(failed.evaluations == 3);
  CHECK(failed.error == "the objective failed at evaluation 4: model diverged");
  CHECK(failed.front.size() >= 1);
}

TEST_CASE("NaN objectives are kept but never make the front when beaten", "[pareto][optimizers]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // a = 0 fails to produce a value; every other configuration is finite.
  const Objective sometimes_nan = [nan](const Config& x) {
    return x[0] == 0 ? std::vector<double>{nan, nan} : toy(x);
  };
  const OptimizationResult r = run_exhaustive(toy_space(), 2, sometimes_nan, {1000, {}});
  REQUIRE(r.ok());
  CHECK(r.evaluations == 300);
  for (std::size_t i : r.front) CHECK(r.configs[i][0] != 0.0);
  CHECK(std::isnan(r.objectives.at(0, 0)));  // recorded as returned
}

TEST_CASE("NSGA-II reaches a stated share of every analytic front", "[pareto][nsga2]") {
  // Population 40, 10,000 evaluations, seed 1, default sizes (ZDT d = 30; DTLZ1 d = 6,
  // DTLZ2 d = 11; M = 2), reference points and optimal hypervolumes of cases/pareto.md.
  // Measured fractions: ZDT1 0.99968, ZDT2 0.99952, ZDT3 0.99960, DTLZ1 1.00000 (its
  // reference (400, 400) is so far out that any converged front scores ~1), DTLZ2 0.99755.
  const std::pair<const char*, double> targets[] = {
      {"zdt1", 0.999}, {"zdt2", 0.999}, {"zdt3", 0.999}, {"dtlz1", 0.9999}, {"dtlz2", 0.997}};
  for (const auto& [name, target] : targets) {
    const Problem p = *make_problem(name);
    Nsga2Options options;
    options.seed = 1;
    options.budget.max_evaluations = 10000;
    const auto f = [&](const Config& c) { return p.evaluate(c); };
    const OptimizationResult r = run_nsga2(p.space(), p.num_objectives, f, options);
    const double fraction = hypervolume(r.objectives, p.reference_point) / p.max_hypervolume;
    INFO(name << ": " << fraction);
    CHECK(fraction >= target);
    CHECK(fraction <= 1.0 + 1e-12);  // no run may beat the optimum
  }
}
