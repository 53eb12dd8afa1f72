#include "greenfront/pareto/mobo.h"


#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/ehvi.h"
#include "greenfront/random.h"
#include "gp_linalg.h"

namespace greenfront::pareto {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Observed points kept in each qNEHVI draw: those whose posterior mean is non-dominated
/// or close to it. Points far behind the front cannot be on a sampled front, and dropping
/// them keeps the joint draws small (BoTorch's prune_baseline does the same).
constexpr std::size_t kMaxBaselinePoints = 96;
constexpr std::size_t kBaselineRanks = 100;

/// A seed for step `step` of a study seeded `seed`, decorrelated by splitmix64's finalizer.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t step) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (step + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::size_t initial_design_size(const Space& space, const MoboOptions& options) {
  if (options.initial_points > 0) return options.initial_points;
  return std::max<std::size_t>(4, 2 * (space.encoded_dims() + 1));
}

/// Snaps an encoded point onto the space (integers rounded, one-hot blocks made exact).
std::vector<double> snap(const Space& space, const std::vector<double>& unit) {
  return space.encode(space.decode(unit));
}

/// Scores encoded candidates (rows) with an acquisition function.
class Acquisition {
 public:
  virtual ~Acquisition() = default;
  virtual std::vector<double> score(const Eigen::MatrixXd& candidates) = 0;
};

/// Exact EHVI for two noiseless objectives.
class ExactEhvi2d final : public Acquisition {
 public:
  ExactEhvi2d(const std::vector<GaussianProcess>& models, Points front,
              std::vector<double> reference)
      : models_(models), front_(std::move(front)), reference_(std::move(reference)),
        fast_(front_, reference_) {}

  std::vector<double> score(const Eigen::MatrixXd& candidates) override {
    Eigen::VectorXd mean0, var0, mean1, var1;
    models_[0].predict(candidates, mean0, var0);
    models_[1].predict(candidates, mean1, var1);
    std::vector<double> out(static_cast<std::size_t>(candidates.rows()));
    for (Eigen::Index i = 0; i < candidates.rows(); ++i) {
      const double mean[2] = {mean0[i], mean1[i]};
      const double sd[2] = {std::sqrt(std::max(0.0, var0[i])), std::sqrt(std::max(0.0, var1[i]))};
      out[static_cast<std::size_t>(i)] = fast_.ehvi(mean, sd);
    }
    return out;
  }

 private:
  const std::vector<GaussianProcess>& models_;
  Points front_;
  std::vector<double> reference_;
  Front2d fast_;
};

/// Monte-Carlo qNEHVI (Daulton, Balandat, Bakshy 2021, eq. 3–4). For each objective and
/// draw s, the baseline points' latent values f_O,s = μ_O + L z_s (L Lᵀ = Σ_OO) are drawn
/// once; a candidate x is then drawn from its conditional given f_O,s:
///   f_x,s = μ_x + Σ_xO Σ_OO⁻¹ (f_O,s − μ_O) + sqrt(Σ_xx − Σ_xO Σ_OO⁻¹ Σ_Ox) · u_s,
/// which is the joint draw of (f_O, f_x) without refactoring the joint covariance per
/// candidate: Σ_OO⁻¹ (f_O,s − μ_O) = L⁻ᵀ z_s =: w_s is stored, so a candidate costs
/// Σ_xO (from the GP's baseline cache) and one triangular solve. With exact observations
/// (noisy = false) the baseline is the observed values themselves and the candidate draws
/// are marginal (the MC EHVI of Daulton et al. 2020). The linear algebra is the fixed-order
/// loops of gp_linalg.h, so native and wasm draw the same bits.
class MonteCarloNehvi final : public Acquisition {
 public:
  MonteCarloNehvi(const std::vector<GaussianProcess>& models, const Eigen::MatrixXd& baseline_x,
                  const Points& baseline_y, bool noisy, std::vector<double> reference,
                  std::size_t samples, Rng& rng)
      : models_(models), noisy_(noisy), samples_(samples) {
    const std::size_t m = models.size();
    const auto p = baseline_x.rows();
    const auto pu = static_cast<std::size_t>(p);
    std::vector<Points> observed(samples, Points(m));
    for (auto& pts : observed) pts.values.assign(pu * m, 0.0);
    per_objective_.resize(m);
    for (std::size_t k = 0; k < m; ++k) {
      Baseline& b = per_objective_[k];
      b.u.resize(samples);
      // Antithetic pairs (draw 2i+1 mirrors draw 2i): the MC average of a smooth
      // acquisition loses its first-order noise, which a fixed budget of draws cannot.
      for (std::size_t s = 0; s < samples; ++s) b.u[s] = s % 2 == 0 ? rng.normal() : -b.u[s - 1];
      if (noisy_ && p > 0) {
        Eigen::MatrixXd cov;
        Eigen::VectorXd mean;
        models[k].predict_joint(baseline_x, mean, cov);
        if (!linalg::factor_with_jitter(cov, b.chol, true)) {
          // Not even jitter makes Σ_OO factorable (degenerate model): draw nothing for the
          // baseline and use its posterior means as if they were exact.
          for (std::size_t s = 0; s < samples; ++s)
            for (std::size_t i = 0; i < pu; ++i)
              observed[s].values[i * m + k] = mean[static_cast<Eigen::Index>(i)];
          continue;
        }
        b.cache = models[k].prepare_baseline(baseline_x);
        b.w.assign(pu * samples, 0.0);  // column s = w_s, contiguous
        std::vector<double> z(pu), z_even(pu);
        for (std::size_t s = 0; s < samples; ++s) {
          if (s % 2 == 0) {
            for (double& v : z) v = rng.normal();
            z_even = z;
          } else {
            for (std::size_t i = 0; i < pu; ++i) z[i] = -z_even[i];
          }
          for (std::size_t i = 0; i < pu; ++i) {
            // f_O,s = μ_O + L z_s, row i of L times z (L is lower triangular).
            double f = mean[static_cast<Eigen::Index>(i)];
            for (std::size_t j = 0; j <= i; ++j)
              f += b.chol(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) * z[j];
            observed[s].values[i * m + k] = f;
          }
          linalg::backward_substitute(b.chol, z.data());
          std::copy(z.begin(), z.end(), b.w.begin() + static_cast<std::ptrdiff_t>(s * pu));
        }
      } else {
        for (std::size_t s = 0; s < samples; ++s)
          for (std::size_t i = 0; i < pu; ++i) observed[s].values[i * m + k] = baseline_y.at(i, k);
      }
    }
    ehvi_ = std::make_unique<NoisyEhvi>(observed, reference);
  }

  std::vector<double> score(const Eigen::MatrixXd& candidates) override {
    const std::size_t m = models_.size();
    const auto c = static_cast<std::size_t>(candidates.rows());
    const std::vector<double> draws = draw(candidates);  // [candidate][draw][objective]
    std::vector<double> out(c);
    Points stacked(m);  // draw s of this candidate in row s (q = 1)
    for (std::size_t i = 0; i < c; ++i) {
      const auto first = draws.begin() + static_cast<std::ptrdiff_t>(i * samples_ * m);
      stacked.values.assign(first, first + static_cast<std::ptrdiff_t>(samples_ * m));
      out[i] = ehvi_->value(stacked, 1);
    }
    return out;
  }

 private:
  struct Baseline {
    Eigen::MatrixXd chol;        ///< L, lower Cholesky factor of Σ_OO (+ jitter)
    GaussianProcess::BaselineCache cache;
    std::vector<double> w;       ///< p × samples, column s = L⁻ᵀ z_s
    std::vector<double> u;       ///< the candidates' own standard normals, one per draw
  };

  /// The candidates' sampled objective values, [candidate][draw][objective] flattened.
  std::vector<double> draw(const Eigen::MatrixXd& candidates) const {
    const std::size_t m = models_.size();
    const auto c = static_cast<std::size_t>(candidates.rows());
    std::vector<double> out(c * samples_ * m, 0.0);
    for (std::size_t k = 0; k < m; ++k) {
      const Baseline& b = per_objective_[k];
      Eigen::VectorXd mean, var;
      Eigen::MatrixXd cross;  // c × p: Σ_xO
      const bool conditional = noisy_ && b.cache.size() > 0;
      if (conditional) {
        models_[k].predict_with_cross(candidates, b.cache, mean, var, cross);
      } else {
        models_[k].predict(candidates, mean, var);
      }
      const auto p = static_cast<std::size_t>(conditional ? cross.cols() : 0);
      std::vector<double> row(p);
      for (std::size_t i = 0; i < c; ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        double cond_var = var[ii];
        for (std::size_t j = 0; j < p; ++j) row[j] = cross(ii, static_cast<Eigen::Index>(j));
        std::vector<double> shift(samples_, 0.0);
        if (p > 0) {
          for (std::size_t s = 0; s < samples_; ++s)
            shift[s] = linalg::dot(row.data(), b.w.data() + s * p, static_cast<Eigen::Index>(p));
          linalg::forward_substitute(b.chol, row.data());  // v = L⁻¹ Σ_Ox
          cond_var -= linalg::dot(row.data(), row.data(), static_cast<Eigen::Index>(p));
        }
        const double sd = std::sqrt(std::max(0.0, cond_var));
        for (std::size_t s = 0; s < samples_; ++s)
          out[(i * samples_ + s) * m + k] = mean[ii] + shift[s] + sd * b.u[s];
      }
    }
    return out;
  }

  const std::vector<GaussianProcess>& models_;
  bool noisy_;
  std::size_t samples_;
  std::vector<Baseline> per_objective_;
  std::unique_ptr<NoisyEhvi> ehvi_;
};

/// Candidates scored between two questions to out_of_time. A candidate's score depends only
/// on itself (the GP predictions and the Monte-Carlo draws are per row), so the chunking
/// changes no value. At 10 objectives one qEHVI score took ~26 ms natively (200 trials).
constexpr std::size_t kScoreChunk = 16;

/// Maximizes `acquisition` over the space: score a pool, refine the best by local search.
/// Out of time, the pool is cut after the chunk being scored (the first is always scored)
/// and no further refinement round starts.
std::pair<std::vector<double>, double> maximize(Acquisition& acquisition, const Space& space,
                                                const std::vector<std::vector<double>>& pool,
                                                const MoboOptions& options, Rng& rng,
                                                const OutOfTime& out_of_time) {
  const auto dims = static_cast<Eigen::Index>(space.encoded_dims());
  std::vector<double> scores;
  scores.reserve(pool.size());
  for (std::size_t first = 0; first < pool.size(); first += kScoreChunk) {
    if (first > 0 && out_of_time()) break;
    const std::size_t count = std::min(kScoreChunk, pool.size() - first);
    Eigen::MatrixXd x(static_cast<Eigen::Index>(count), dims);
    for (std::size_t i = 0; i < count; ++i)
      for (Eigen::Index j = 0; j < dims; ++j) x(static_cast<Eigen::Index>(i), j) = pool[first + i][j];
    const std::vector<double> chunk = acquisition.score(x);
    scores.insert(scores.end(), chunk.begin(), chunk.end());
  }
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  });
  const std::size_t starts = std::min(options.refine_starts, order.size());
  std::vector<std::vector<double>> best(starts);
  std::vector<double> best_score(starts);
  for (std::size_t i = 0; i < starts; ++i) {
    best[i] = pool[order[i]];
    best_score[i] = scores[order[i]];
  }
  // Shrinking Gaussian steps (a (1+4)-evolution strategy per start): robust on the
  // plateaus EHVI has far from the front, where gradients vanish.
  constexpr std::size_t kProposals = 4;
  double step = 0.15;
  for (std::size_t round = 0; round < options.refine_rounds && starts > 0 && !out_of_time(); ++round) {
    Eigen::MatrixXd proposals(static_cast<Eigen::Index>(starts * kProposals), dims);
    std::vector<std::vector<double>> proposed(starts * kProposals);
    for (std::size_t i = 0; i < starts; ++i) {
      for (std::size_t j = 0; j < kProposals; ++j) {
        std::vector<double> u = best[i];
        for (auto& v : u) v = std::clamp(v + step * rng.normal(), 0.0, 1.0);
        u = snap(space, u);
        const std::size_t row = i * kProposals + j;
        for (Eigen::Index d = 0; d < dims; ++d) proposals(static_cast<Eigen::Index>(row), d) = u[d];
        proposed[row] = std::move(u);
      }
    }
    const std::vector<double> s = acquisition.score(proposals);
    for (std::size_t i = 0; i < starts; ++i) {
      for (std::size_t j = 0; j < kProposals; ++j) {
        const std::size_t row = i * kProposals + j;
        if (s[row] > best_score[i]) {
          best_score[i] = s[row];
          best[i] = proposed[row];
        }
      }
    }
    step *= 0.7;
  }
  std::size_t winner = 0;
  for (std::size_t i = 1; i < starts; ++i)
    if (best_score[i] > best_score[winner]) winner = i;
  if (starts == 0) return {snap(space, std::vector<double>(space.encoded_dims(), 0.5)), 0.0};
  return {best[winner], best_score[winner]};
}

Eigen::MatrixXd encode_all(const Space& space, const std::vector<Config>& configs) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(configs.size()),
                    static_cast<Eigen::Index>(space.encoded_dims()));
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const auto u = space.encode(configs[i]);
    for (std::size_t j = 0; j < u.size(); ++j)
      x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = u[j];
  }
  return x;
}

}  // namespace

std::vector<double> default_reference_point(const Points& observed) {
  const std::size_t m = observed.dims;
  std::vector<double> ref(m, 1.0);
  const std::vector<std::size_t> front = non_dominated(observed);
  if (front.empty()) return ref;
  for (std::size_t k = 0; k < m; ++k) {
    double lo = kInf, hi = -kInf;
    for (std::size_t i : front) {
      lo = std::min(lo, observed.at(i, k));
      hi = std::max(hi, observed.at(i, k));
    }
    double range = hi - lo;
    if (!(range > 0)) range = std::abs(hi) > 0 ? std::abs(hi) : 1.0;
    ref[k] = hi + 0.1 * range;
  }
  return ref;
}

MoboStep mobo_ask(const Space& space, std::size_t num_objectives,
                  const std::vector<Observation>& observations, const std::vector<Config>& pending,
                  const MoboOptions& options, const std::vector<GpHyperparameters>& warm,
                  const MoboProgress& progress) {
  MoboStep step;
  // Sticky: once the caller's time is up, every later check says so without asking again.
  const OutOfTime out_of_time = [&] {
    if (!step.cut_short && options.out_of_time && options.out_of_time()) step.cut_short = true;
    return step.cut_short;
  };
  const std::size_t m = num_objectives;
  const std::size_t q = std::max<std::size_t>(1, options.batch_size);
  Rng rng(mix_seed(options.seed, observations.size() * 1000003ULL + pending.size()));

  Points observed(m);
  for (const auto& o : observations) observed.push_back(o.objectives);
  step.reference_point = options.reference_point ? *options.reference_point
                                                 : default_reference_point(observed);
  if (observations.size() < initial_design_size(space, options) || m == 0) {
    step.method = "initial design";
    for (std::size_t j = 0; j < q; ++j) step.suggestions.push_back({space.sample(rng), {}, {}, 0.0});
    return step;
  }

  const Eigen::MatrixXd x = encode_all(space, [&] {
    std::vector<Config> c;
    for (const auto& o : observations) c.push_back(o.config);
    return c;
  }());
  step.encoded_inputs = x;
  for (std::size_t k = 0; k < m; ++k) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(observations.size()));
    for (std::size_t i = 0; i < observations.size(); ++i) y[static_cast<Eigen::Index>(i)] = observed.at(i, k);
    GpFitOptions fit;
    fit.restarts = options.gp_restarts;
    fit.seed = mix_seed(options.seed, 7919 * (k + 1) + observations.size());
    if (k < warm.size()) fit.warm_start = warm[k];
    if (k < options.noise_sd.size()) fit.fixed_noise_variance = options.noise_sd[k] * options.noise_sd[k];
    fit.out_of_time = out_of_time;
    step.models.push_back(GaussianProcess::fit(x, y, fit));
    step.hyperparameters.push_back(step.models.back().hyperparameters());
    if (progress && !progress("fit", static_cast<double>(k + 1), static_cast<double>(m))) break;
  }
  if (step.models.size() != m) {
    step.method = "cancelled";
    return step;
  }

  step.method = (m == 2 && !options.noisy) ? "EHVI (exact, 2 objectives)"
                : options.noisy                ? "qNEHVI (Monte-Carlo)"
                                               : "qEHVI (Monte-Carlo)";

  // Batches and pending evaluations. Exact values (EHVI, qEHVI): a Kriging believer
  // (Ginsbourger, Le Riche, Carraro 2010): a chosen point is added to the data at its
  // posterior mean and the models are conditioned on it with the same hyperparameters, so
  // its neighbourhood loses both improvement (the front moved) and uncertainty (the variance
  // collapsed there). Noisy values (qNEHVI): as Daulton et al. 2021 §4, the pending points
  // join the baseline and are sampled jointly with it, so each draw's front holds a draw of
  // their outcomes and a candidate correlated with them gains only what they would not.
  std::vector<std::vector<double>> pending_rows;
  std::vector<GaussianProcess> believer = step.models;
  Eigen::MatrixXd data_x = x;
  std::vector<Eigen::VectorXd> data_y(m);
  for (std::size_t k = 0; k < m; ++k) {
    data_y[k].resize(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) data_y[k][i] = observed.at(static_cast<std::size_t>(i), k);
  }
  Points known = observed;  // observations, then fantasies
  const auto fantasize = [&](const std::vector<double>& u) {
    if (options.noisy) {
      pending_rows.push_back(u);
      return;
    }
    Eigen::MatrixXd row(1, static_cast<Eigen::Index>(u.size()));
    for (std::size_t d = 0; d < u.size(); ++d) row(0, static_cast<Eigen::Index>(d)) = u[d];
    data_x.conservativeResize(data_x.rows() + 1, Eigen::NoChange);
    data_x.row(data_x.rows() - 1) = row.row(0);
    std::vector<double> means(m);
    for (std::size_t k = 0; k < m; ++k) {
      Eigen::VectorXd mean, var;
      believer[k].predict(row, mean, var);
      means[k] = mean[0];
      data_y[k].conservativeResize(data_y[k].size() + 1);
      data_y[k][data_y[k].size() - 1] = mean[0];
    }
    for (std::size_t k = 0; k < m; ++k)
      believer[k] = GaussianProcess::condition(data_x, data_y[k], step.models[k].hyperparameters());
    known.push_back(means);
  };
  // Each fantasy refits nothing but refactors every model on one more point (O(n³)):
  // a long pending list is the slowest part of an ask, so the clock is asked per point.
  for (const auto& c : pending) {
    if (out_of_time()) break;
    fantasize(space.encode(c));
  }

  const auto make_acquisition = [&]() -> std::unique_ptr<Acquisition> {
    if (m == 2 && !options.noisy) {
      return std::make_unique<ExactEhvi2d>(believer, known.subset(non_dominated(known)),
                                           step.reference_point);
    }
    // The baseline of the noisy draws: points whose posterior means are in the first two
    // non-dominated ranks, best ranks first, capped. Exact values: the observed front.
    std::vector<std::size_t> baseline;
    if (options.noisy) {
      std::vector<Eigen::VectorXd> mu(m);
      for (std::size_t k = 0; k < m; ++k) {
        Eigen::VectorXd var;
        believer[k].predict(data_x, mu[k], var);
      }
      Points means(m);
      for (Eigen::Index i = 0; i < data_x.rows(); ++i) {
        std::vector<double> row(m);
        for (std::size_t k = 0; k < m; ++k) row[k] = mu[k][i];
        means.push_back(row);
      }
      const std::vector<std::size_t> ranks = non_dominated_ranks(means);
      for (std::size_t r = 0; r < kBaselineRanks && baseline.size() < kMaxBaselinePoints; ++r)
        for (std::size_t i = 0; i < ranks.size() && baseline.size() < kMaxBaselinePoints; ++i)
          if (ranks[i] == r) baseline.push_back(i);
    } else {
      baseline = non_dominated(known);
    }
    Eigen::MatrixXd bx(static_cast<Eigen::Index>(baseline.size() + pending_rows.size()), data_x.cols());
    for (std::size_t i = 0; i < baseline.size(); ++i)
      bx.row(static_cast<Eigen::Index>(i)) = data_x.row(static_cast<Eigen::Index>(baseline[i]));
    for (std::size_t i = 0; i < pending_rows.size(); ++i)
      for (std::size_t d = 0; d < pending_rows[i].size(); ++d)
        bx(static_cast<Eigen::Index>(baseline.size() + i), static_cast<Eigen::Index>(d)) = pending_rows[i][d];
    return std::make_unique<MonteCarloNehvi>(believer, bx, known.subset(baseline), options.noisy,
                                             step.reference_point,
                                             std::max<std::size_t>(8, options.mc_samples), rng);
  };

  // The candidate pool: uniform configurations plus Gaussian perturbations of the front's,
  // where the improvement usually is. With noisy trials the front is the one of the
  // posterior means: an observation that looks good only by its noise is no place to search.
  std::vector<std::size_t> front;
  if (options.noisy) {
    Points means(m);
    std::vector<Eigen::VectorXd> mu(m);
    for (std::size_t k = 0; k < m; ++k) {
      Eigen::VectorXd var;
      step.models[k].predict(x, mu[k], var);
    }
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      std::vector<double> row(m);
      for (std::size_t k = 0; k < m; ++k) row[k] = mu[k][i];
      means.push_back(row);
    }
    front = non_dominated(means);
  } else {
    front = non_dominated(observed);
  }
  for (std::size_t j = 0; j < q; ++j) {
    if (j > 0 && out_of_time()) break;
    const std::unique_ptr<Acquisition> acquisition = make_acquisition();
    std::vector<std::vector<double>> pool;
    const std::size_t raw = std::max<std::size_t>(16, options.raw_candidates);
    for (std::size_t i = 0; i < raw / 2; ++i) pool.push_back(space.encode(space.sample(rng)));
    for (std::size_t i = 0; pool.size() < raw && !front.empty(); ++i) {
      std::vector<double> u = space.encode(observations[front[i % front.size()]].config);
      const double sigma = (i / front.size()) % 2 == 0 ? 0.05 : 0.2;
      for (auto& v : u) v = std::clamp(v + sigma * rng.normal(), 0.0, 1.0);
      pool.push_back(snap(space, u));
    }
    auto [best, value] = maximize(*acquisition, space, pool, options, rng, out_of_time);
    Suggestion s;
    s.config = space.decode(best);
    s.acquisition = value;
    Eigen::MatrixXd bx(1, static_cast<Eigen::Index>(best.size()));
    for (std::size_t d = 0; d < best.size(); ++d) bx(0, static_cast<Eigen::Index>(d)) = best[d];
    for (std::size_t k = 0; k < m; ++k) {
      Eigen::VectorXd mean, var;
      step.models[k].predict(bx, mean, var);
      s.predicted_mean.push_back(mean[0]);
      s.predicted_sd.push_back(std::sqrt(std::max(0.0, var[0])));
    }
    step.suggestions.push_back(std::move(s));
    if (j + 1 < q && !out_of_time()) fantasize(best);
    if (progress && !progress("acquisition", static_cast<double>(j + 1), static_cast<double>(q))) break;
  }
  return step;
}

MoboStudy::MoboStudy(Space space, std::size_t num_objectives, MoboOptions options)
    : space_(std::move(space)), num_objectives_(num_objectives), options_(std::move(options)) {}

std::vector<Config> MoboStudy::ask() {
  MoboOptions opts = options_;
  opts.seed = mix_seed(options_.seed, asks_++);
  const MoboStep step = mobo_ask(space_, num_objectives_, observations_, pending_, opts, hyperparameters_);
  if (!step.hyperparameters.empty()) hyperparameters_ = step.hyperparameters;
  std::vector<Config> out;
  for (const auto& s : step.suggestions) {
    out.push_back(s.config);
    pending_.push_back(s.config);
  }
  return out;
}

void MoboStudy::tell(const Config& config, const std::vector<double>& objectives_minimized) {
  observations_.push_back({config, objectives_minimized});
  auto it = std::find(pending_.begin(), pending_.end(), config);
  if (it != pending_.end()) pending_.erase(it);
}

nlohmann::json MoboStudy::state_json() const {
  nlohmann::json obs = nlohmann::json::array();
  for (const auto& o : observations_) obs.push_back({{"config", o.config}, {"objectives", o.objectives}});
  nlohmann::json hyper = nlohmann::json::array();
  for (const auto& h : hyperparameters_) {
    hyper.push_back({{"length_scales", h.length_scales},
                     {"signal_variance", h.signal_variance},
                     {"noise_variance", h.noise_variance}});
  }
  return {{"observations", obs}, {"pending", pending_}, {"hyperparameters", hyper}, {"asks", asks_}};
}

bool MoboStudy::restore(const nlohmann::json& state) {
  try {
    std::vector<Observation> obs;
    for (const auto& o : state.at("observations")) {
      Observation ob{o.at("config").get<Config>(), o.at("objectives").get<std::vector<double>>()};
      if (!space_.contains(ob.config) || ob.objectives.size() != num_objectives_) return false;
      obs.push_back(std::move(ob));
    }
    std::vector<Config> pending = state.at("pending").get<std::vector<Config>>();
    std::vector<GpHyperparameters> hyper;
    for (const auto& h : state.at("hyperparameters")) {
      GpHyperparameters g;
      g.length_scales = h.at("length_scales").get<std::vector<double>>();
      g.signal_variance = h.at("signal_variance").get<double>();
      g.noise_variance = h.at("noise_variance").get<double>();
      hyper.push_back(g);
    }
    const auto asks = state.at("asks").get<std::uint64_t>();
    observations_ = std::move(obs);
    pending_ = std::move(pending);
    hyperparameters_ = std::move(hyper);
    asks_ = asks;
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace greenfront::pareto
