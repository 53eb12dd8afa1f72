// Gaussian-process regression with a Matérn-5/2 ARD kernel, fitted by MAP over log-params.
//
// References: Rasmussen & Williams 2006, "Gaussian Processes for Machine Learning":
// Algorithm 2.1 / eq. 2.25–2.26 (prediction through the Cholesky factor), eq. 5.8–5.9
// (log marginal likelihood and its gradient), eq. 4.17 (Matérn ν = 5/2). The hyperparameters
// are found by the box-bounded L-BFGS of lbfgs.h; the dense kernels (Cholesky, triangular
// solves and inverse, all in one fixed order of operations so that native and wasm agree bit
// for bit) are in gp_linalg.h.
//
// Cost per objective evaluation with gradient, n points, d inputs: O(n²d) for K and the
// gradient terms from precomputed per-dimension squared differences, n³/6 multiply-adds each
// for the Cholesky factor, the triangular inverse L⁻¹ and the lower half of K⁻¹ = L⁻ᵀL⁻¹.
#include "greenfront/pareto/gp.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>

#include "gp_linalg.h"
#include "lbfgs.h"

namespace greenfront::pareto {

OutOfTime out_of_time_after(double seconds) {
  const auto start = std::chrono::steady_clock::now();
  return [start, seconds] {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return elapsed.count() > seconds;
  };
}

namespace {

using Eigen::Index;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSqrt5 = 2.2360679774997896964;
constexpr double kFiveThirds = 5.0 / 3.0;
constexpr double kLog2Pi = 1.8378770664093454836;
/// Length-scale start: the mode (a−1)/b = 1/3 of its Gamma(3, 6) prior.
constexpr double kDefaultLengthScale = 1.0 / 3.0;
constexpr double kDefaultNoiseVariance = 1e-2;
/// L-BFGS iterations every start gets before all but the best are dropped.
constexpr int kProbeIterations = 5;

bool finite(double v) { return v - v == 0.0; }

/// Matérn-5/2 value and the factor g with ∂k/∂log ℓ_k = g · Δ_k²/ℓ_k², from r².
struct KernelTerms {
  double value;
  double gradient_factor;
};
KernelTerms matern_terms(double r2, double signal_variance) {
  const double r = std::sqrt(r2);
  const double e = signal_variance * portable::exp(-kSqrt5 * r);
  const double a = 1.0 + kSqrt5 * r;
  // dk/dr = −(5/3) σ² r (1 + √5 r) e^{−√5 r} and ∂r/∂log ℓ_k = −Δ_k²/(ℓ_k² r): r cancels, so
  // the derivative is finite at r = 0 (where it is zero through Δ_k² = 0).
  return {(a + kFiveThirds * r2) * e, kFiveThirds * a * e};
}

using linalg::backward_substitute;
using linalg::factor_with_jitter;
using linalg::forward_substitute;

/// Where row `row` of a column-major matrix starts, for the kernels' strided reads by column.
/// A matrix without columns has no storage: data() is null, and null + row is undefined
/// behaviour (clang's UBSan reports it). The kernel then reads no element at all, so any
/// valid address will do.
const double* row_start(const Eigen::MatrixXd& m, Index row) {
  static const double kNoColumns = 0.0;
  return m.size() == 0 ? &kNoColumns : m.data() + row;
}

/// (mean, scale) with y_std = (y − mean)/scale: sample sd, or 1 when n < 2 or sd is 0.
std::pair<double, double> standardization(const Eigen::VectorXd& y) {
  const Index n = y.size();
  if (n == 0) return {0.0, 1.0};
  double sum = 0.0;
  for (Index i = 0; i < n; ++i) sum += y[i];
  const double mean = sum / static_cast<double>(n);
  if (n < 2) return {mean, 1.0};
  double ss = 0.0;
  for (Index i = 0; i < n; ++i) ss += (y[i] - mean) * (y[i] - mean);
  const double sd = std::sqrt(ss / static_cast<double>(n - 1));
  return {mean, sd > 0.0 && finite(sd) ? sd : 1.0};
}

/// The hyperparameter values for log-params [log ℓ.., log σ_f², log σ_n²].
GpHyperparameters from_log(const std::vector<double>& log_params, Index d) {
  GpHyperparameters h;
  h.length_scales.resize(static_cast<std::size_t>(d));
  for (Index k = 0; k < d; ++k) h.length_scales[k] = portable::exp(log_params[k]);
  h.signal_variance = portable::exp(log_params[d]);
  h.noise_variance = portable::exp(log_params[d + 1]);
  return h;
}

/// The log marginal likelihood of fixed data for many hyperparameter values, reusing its
/// buffers. O(n²) memory: squared differences are recomputed from x (d subtractions per
/// pair, no more than reading a cached n²d table would cost). Pair p runs over rows i,
/// then columns j < i (K's lower triangle row by row).
class Likelihood {
 public:
  Likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y)
      : n_(x.rows()), d_(x.cols()), pairs_(n_ * (n_ - 1) / 2), points_(x.transpose()), y_(y) {
    value_.resize(static_cast<std::size_t>(pairs_));
    factor_.resize(static_cast<std::size_t>(pairs_));
    inv_l2_.resize(static_cast<std::size_t>(d_));
    sums_.resize(static_cast<std::size_t>(d_));
    k_.setZero(n_, n_);
    l_.setZero(n_, n_);
    alpha_.resize(n_);
  }

  /// log p(y | θ) and, if `gradient` is set, ∂/∂[log ℓ.., log σ_f², log σ_n²] (eq. 5.9).
  /// With `jitter`, a failed factorization is retried on the jitter ladder; else -inf.
  double evaluate(const GpHyperparameters& h, bool jitter, double* gradient) {
    const double sf2 = h.signal_variance;
    const double sn2 = h.noise_variance;
    for (Index k = 0; k < d_; ++k) inv_l2_[k] = 1.0 / (h.length_scales[k] * h.length_scales[k]);
    const double* pts = points_.data();  // point i at pts + i·d
    Index p = 0;
    for (Index i = 0; i < n_; ++i) {
      for (Index j = 0; j < i; ++j, ++p) {
        double r2 = 0.0;  // the operations of GaussianProcess::kernel, for the same bits
        for (Index k = 0; k < d_; ++k) {
          const double diff = pts[i * d_ + k] - pts[j * d_ + k];
          r2 += diff * diff * inv_l2_[k];
        }
        const KernelTerms t = matern_terms(r2, sf2);
        k_(i, j) = t.value;
        value_[p] = t.value;
        factor_[p] = t.gradient_factor;
      }
      k_(i, i) = sf2 + sn2;
    }
    if (!factor_with_jitter(k_, l_, jitter)) return -kInf;

    for (Index i = 0; i < n_; ++i) alpha_[i] = y_[i];
    forward_substitute(l_, alpha_.data());
    double fit_term = 0.0;  // yᵀK⁻¹y = ‖L⁻¹y‖²
    for (Index i = 0; i < n_; ++i) fit_term += alpha_[i] * alpha_[i];
    backward_substitute(l_, alpha_.data());
    double half_log_det = 0.0;
    for (Index i = 0; i < n_; ++i) half_log_det += portable::log(l_(i, i));
    const double lml = -0.5 * fit_term - half_log_det - 0.5 * static_cast<double>(n_) * kLog2Pi;
    if (gradient == nullptr) return lml;

    // K⁻¹ = L⁻ᵀL⁻¹: M = L⁻¹ into k_ (K is no longer needed), then the lower half of MᵀM
    // into l_ (nor is L). W = ααᵀ − K⁻¹ and ∂L/∂θ = ½ Σ_ij W_ij ∂K_ij, pairs counted twice.
    linalg::invert_lower(l_, k_);
    linalg::lower_gram_of_lower(k_, l_);
    double trace_w = 0.0;
    double w_dot_k = 0.0;
    p = 0;
    for (Index i = 0; i < n_; ++i) {
      for (Index j = 0; j < i; ++j, ++p) {
        const double w = alpha_[i] * alpha_[j] - l_(i, j);
        w_dot_k += w * value_[p];
        factor_[p] *= w;
      }
      trace_w += alpha_[i] * alpha_[i] - l_(i, i);
    }
    // ∂K_ij/∂log ℓ_k = factor_ij · Δ_k²/ℓ_k²: one pass over the pairs for all k.
    std::fill(sums_.begin(), sums_.end(), 0.0);
    p = 0;
    for (Index i = 0; i < n_; ++i)
      for (Index j = 0; j < i; ++j, ++p)
        for (Index k = 0; k < d_; ++k) {
          const double diff = pts[i * d_ + k] - pts[j * d_ + k];
          sums_[k] += factor_[p] * (diff * diff);
        }
    for (Index k = 0; k < d_; ++k) gradient[k] = inv_l2_[k] * sums_[k];
    gradient[d_] = w_dot_k + 0.5 * sf2 * trace_w;
    gradient[d_ + 1] = 0.5 * sn2 * trace_w;
    return lml;
  }

 private:
  Index n_, d_, pairs_;
  Eigen::MatrixXd points_;  // d×n: each training point's coordinates contiguous
  const Eigen::VectorXd& y_;
  std::vector<double> value_, factor_, inv_l2_, sums_;
  Eigen::MatrixXd k_, l_;
  Eigen::VectorXd alpha_;
};

// Priors (shape a, rate b; log density (a−1) log v − b v + const at the value v, as GPyTorch
// evaluates them, so the gradient in log v is (a−1) − b v). They are BoTorch's long-standing
// SingleTaskGP defaults, used in the qNEHVI paper (Daulton, Balandat & Bakshy 2021):
// - ℓ ~ Gamma(3, 6): mode 1/3, mean 1/2 of the unit input box, so with few points the
//   model prefers moderately smooth functions, yet an irrelevant input can still drift to a
//   long length-scale (the penalty grows only linearly in ℓ).
// - σ_f² ~ Gamma(2, 0.15): mode 6.7, very weak; standardized outputs put σ_f² near 1.
// - σ_n² ~ Gamma(1.1, 0.05): nearly flat over [1e-6, 1] (log density changes by 0.1 per
//   unit of log σ_n²), so the data decide the noise; the box floor does the regularizing.
constexpr double kLengthShape = 3.0, kLengthRate = 6.0;
constexpr double kSignalShape = 2.0, kSignalRate = 0.15;
constexpr double kNoiseShape = 1.1, kNoiseRate = 0.05;

double gamma_log_density(double v, double shape, double rate, double* d_log_v) {
  if (d_log_v != nullptr) *d_log_v = (shape - 1.0) - rate * v;
  return (shape - 1.0) * portable::log(v) - rate * v;
}

template <class Dense>
bool all_finite(const Dense& x) {
  for (Index i = 0; i < x.size(); ++i)
    if (!finite(x.data()[i])) return false;
  return true;
}

GpHyperparameters default_hyperparameters(Index d) {
  GpHyperparameters h;
  h.length_scales.assign(static_cast<std::size_t>(d), kDefaultLengthScale);
  h.signal_variance = 1.0;
  h.noise_variance = kDefaultNoiseVariance;
  return h;
}

bool usable(const GpHyperparameters& h, Index d) {
  if (h.length_scales.size() != static_cast<std::size_t>(d)) return false;
  for (double l : h.length_scales)
    if (!(l > 0.0) || !finite(l)) return false;
  return h.signal_variance > 0.0 && finite(h.signal_variance) && h.noise_variance >= 0.0 &&
         finite(h.noise_variance);
}

}  // namespace

double matern52(double r) {
  const double r_abs = std::abs(r);
  return matern_terms(r_abs * r_abs, 1.0).value;
}

double gp_log_marginal_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  const GpHyperparameters& hyperparameters,
                                  std::vector<double>* gradient) {
  const Index d = x.cols();
  if (gradient != nullptr) gradient->assign(static_cast<std::size_t>(d + 2), kNaN);
  if (x.rows() != y.size() || !usable(hyperparameters, d)) return kNaN;
  Likelihood likelihood(x, y);
  return likelihood.evaluate(hyperparameters, false,
                             gradient != nullptr ? gradient->data() : nullptr);
}

double gp_log_prior(const GpHyperparameters& hyperparameters, std::vector<double>* gradient) {
  const std::size_t d = hyperparameters.length_scales.size();
  std::vector<double> g(d + 2);
  double total = 0.0;
  for (std::size_t k = 0; k < d; ++k)
    total += gamma_log_density(hyperparameters.length_scales[k], kLengthShape, kLengthRate, &g[k]);
  total += gamma_log_density(hyperparameters.signal_variance, kSignalShape, kSignalRate, &g[d]);
  total += gamma_log_density(hyperparameters.noise_variance, kNoiseShape, kNoiseRate, &g[d + 1]);
  if (gradient != nullptr) *gradient = std::move(g);
  return total;
}

bool GaussianProcess::set_data(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  set_hyperparameters(default_hyperparameters(x.cols()));
  if (x.rows() != y.size()) {
    status_ = GpStatus::bad_shape;
    message_ = "[gp.bad_shape] x has " + std::to_string(x.rows()) + " rows but y has " +
               std::to_string(y.size()) + " values";
    return false;
  }
  if (!all_finite(x) || !all_finite(y)) {
    status_ = GpStatus::non_finite_data;
    message_ = "[gp.non_finite_data] x and y must be finite (NaN or infinity found)";
    return false;
  }
  x_ = x;
  const auto [mean, scale] = standardization(y);
  y_mean_ = mean;
  y_scale_ = scale;
  y_std_.resize(y.size());
  for (Index i = 0; i < y.size(); ++i) y_std_[i] = (y[i] - mean) / scale;
  return true;
}

void GaussianProcess::set_hyperparameters(const GpHyperparameters& hyperparameters) {
  hyper_ = hyperparameters;
  inv_length_sq_.resize(hyper_.length_scales.size());
  for (std::size_t k = 0; k < inv_length_sq_.size(); ++k)
    inv_length_sq_[k] = 1.0 / (hyper_.length_scales[k] * hyper_.length_scales[k]);
}

void GaussianProcess::factorize() {
  const Index n = x_.rows();
  const Index d = x_.cols();
  const double sf2 = hyper_.signal_variance;
  // Same operations in the same order as Likelihood::evaluate, so the fitted model's
  // factor and likelihood are bit-identical to the ones the optimizer saw.
  Eigen::MatrixXd k = Eigen::MatrixXd::Zero(n, n);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < i; ++j) {
      double r2 = 0.0;
      for (Index c = 0; c < d; ++c) {
        const double diff = x_(i, c) - x_(j, c);
        r2 += diff * diff * inv_length_sq_[c];
      }
      k(i, j) = matern_terms(r2, sf2).value;
    }
    k(i, i) = sf2 + hyper_.noise_variance;
  }
  if (!factor_with_jitter(k, chol_, true)) {
    status_ = GpStatus::factorization_failed;
    message_ =
        "[gp.factorization_failed] the kernel matrix is not positive definite even with "
        "jitter 1e-2 x mean(diag); check the inputs and hyperparameters";
    chol_.resize(0, 0);
    alpha_.resize(0);
    log_marginal_likelihood_ = -kInf;
    return;
  }
  alpha_ = y_std_;
  forward_substitute(chol_, alpha_.data());
  double fit_term = 0.0;
  for (Index i = 0; i < n; ++i) fit_term += alpha_[i] * alpha_[i];
  backward_substitute(chol_, alpha_.data());
  double half_log_det = 0.0;
  for (Index i = 0; i < n; ++i) half_log_det += portable::log(chol_(i, i));
  log_marginal_likelihood_ =
      -0.5 * fit_term - half_log_det - 0.5 * static_cast<double>(n) * kLog2Pi;
  status_ = GpStatus::ok;
  message_.clear();
}

GaussianProcess GaussianProcess::condition(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                           const GpHyperparameters& hyperparameters) {
  GaussianProcess gp;
  if (!gp.set_data(x, y)) return gp;
  if (!usable(hyperparameters, x.cols())) {
    gp.status_ = GpStatus::bad_hyperparameters;
    gp.message_ = "[gp.bad_hyperparameters] need " + std::to_string(x.cols()) +
                  " positive finite length-scales, a positive signal variance and a "
                  "non-negative noise variance";
    return gp;
  }
  gp.set_hyperparameters(hyperparameters);
  gp.factorize();
  return gp;
}

GaussianProcess GaussianProcess::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                     const GpFitOptions& options) {
  GaussianProcess gp;
  if (!gp.set_data(x, y)) return gp;
  const Index n = x.rows();
  const Index d = x.cols();
  using B = GpBounds;

  std::optional<double> fixed_noise;
  if (options.fixed_noise_variance) {
    const double v = *options.fixed_noise_variance / (gp.y_scale_ * gp.y_scale_);
    fixed_noise = v >= B::noise_variance_min && finite(v) ? v : B::noise_variance_min;
  }
  // Log-parameter box [log ℓ.., log σ_f², log σ_n²].
  std::vector<double> lower(static_cast<std::size_t>(d), portable::log(B::length_scale_min));
  std::vector<double> upper(static_cast<std::size_t>(d), portable::log(B::length_scale_max));
  lower.push_back(portable::log(B::signal_variance_min));
  upper.push_back(portable::log(B::signal_variance_max));
  lower.push_back(portable::log(B::noise_variance_min));
  upper.push_back(portable::log(B::noise_variance_max));
  const auto to_log = [&](const GpHyperparameters& h) {
    std::vector<double> lp(static_cast<std::size_t>(d + 2));
    for (Index k = 0; k < d; ++k) lp[k] = portable::log(h.length_scales[k]);
    lp[d] = portable::log(h.signal_variance);
    lp[d + 1] = portable::log(std::max(h.noise_variance, B::noise_variance_min));
    for (std::size_t i = 0; i < lp.size(); ++i) lp[i] = std::clamp(lp[i], lower[i], upper[i]);
    return lp;
  };

  // Starts: the warm start, else the prior modes; then log-uniform draws over the plausible
  // middle of the box (not the whole box: far out the likelihood is flat and L-BFGS stalls).
  // A warm start replaces the default one because a refit after one more observation
  // almost always lands next to the previous optimum; the random starts keep a way out of
  // a poor one.
  std::vector<std::vector<double>> starts;
  if (options.warm_start && usable(*options.warm_start, d)) {
    starts.push_back(to_log(*options.warm_start));
  } else {
    starts.push_back(to_log(default_hyperparameters(d)));
  }
  Rng rng(options.seed);
  const auto draw = [&](double lo, double hi) {
    const double a = portable::log(lo);
    return a + (portable::log(hi) - a) * rng.uniform01();
  };
  for (int r = 0; r < options.restarts; ++r) {
    std::vector<double> lp(static_cast<std::size_t>(d + 2));
    for (Index k = 0; k < d; ++k) lp[k] = draw(0.05, 2.0);
    lp[d] = draw(0.2, 5.0);
    lp[d + 1] = draw(1e-4, 0.3);
    starts.push_back(std::move(lp));
  }

  const auto hyper_at = [&](const std::vector<double>& lp) {
    GpHyperparameters h = from_log(lp, d);
    if (fixed_noise) h.noise_variance = *fixed_noise;
    return h;
  };
  std::vector<double> best = starts.front();
  const auto out_of_time = [&] {
    if (!gp.fit_cut_short_ && options.out_of_time && options.out_of_time()) gp.fit_cut_short_ = true;
    return gp.fit_cut_short_;
  };
  if (n >= 2 && !out_of_time()) {
    // With a fixed noise the optimizer sees only the first d + 1 log-parameters.
    const std::size_t q = static_cast<std::size_t>(fixed_noise ? d + 1 : d + 2);
    BoxLbfgs optimizer(std::vector<double>(lower.begin(), lower.begin() + q),
                       std::vector<double>(upper.begin(), upper.begin() + q));
    Likelihood likelihood(x, gp.y_std_);
    std::vector<double> lp = best;
    std::vector<double> full_gradient(static_cast<std::size_t>(d + 2));
    std::vector<double> prior_gradient;
    const LbfgsObjective objective = [&](const std::vector<double>& theta,
                                         std::vector<double>& gradient) {
      std::copy(theta.begin(), theta.end(), lp.begin());
      const GpHyperparameters h = hyper_at(lp);
      const double lml = likelihood.evaluate(h, true, full_gradient.data());
      if (!finite(lml)) return kInf;
      double log_prior = gp_log_prior(h, &prior_gradient);
      if (fixed_noise)
        log_prior -= gamma_log_density(h.noise_variance, kNoiseShape, kNoiseRate, nullptr);
      for (std::size_t i = 0; i < q; ++i) gradient[i] = -(full_gradient[i] + prior_gradient[i]);
      return -(lml + log_prior);
    };
    // Successive halving in its simplest form: every start gets kProbeIterations steps, then
    // only the most promising one runs to convergence. The likelihood surface is smooth
    // enough that the ranking after a few quasi-Newton steps rarely changes, and it saves
    // most of the cost of the restarts.
    const int max_iterations = std::max(0, options.max_iterations);
    // One iteration at a time, so that out_of_time is asked between them (advance() to
    // k + 1 from k is the same as one call to the final count: the run carries its state).
    const auto advance = [&](BoxLbfgs::Run& run, int limit) {
      while (!run.done && run.iterations < limit && !out_of_time())
        optimizer.advance(objective, run, run.iterations + 1);
    };
    std::vector<BoxLbfgs::Run> runs;
    std::size_t best_run = 0;
    for (const std::vector<double>& start : starts) {
      if (!runs.empty() && out_of_time()) break;
      runs.push_back(
          optimizer.start(objective, std::vector<double>(start.begin(), start.begin() + q)));
      advance(runs.back(), std::min(max_iterations, kProbeIterations));
      if (runs.back().f < runs[best_run].f) best_run = runs.size() - 1;  // ties keep the first
    }
    advance(runs[best_run], max_iterations);
    if (finite(runs[best_run].f))
      std::copy(runs[best_run].x.begin(), runs[best_run].x.end(), best.begin());
    gp.fit_evaluations_ = optimizer.evaluations();
  }
  gp.set_hyperparameters(hyper_at(best));
  gp.factorize();
  return gp;
}

double GaussianProcess::kernel(const double* a, Index a_stride, const double* b,
                               Index b_stride) const {
  double r2 = 0.0;
  for (std::size_t c = 0; c < inv_length_sq_.size(); ++c) {
    const double diff = a[c * a_stride] - b[c * b_stride];
    r2 += diff * diff * inv_length_sq_[c];
  }
  return matern_terms(r2, hyper_.signal_variance).value;
}

void GaussianProcess::cross_kernel(const double* point, Index point_stride, double* out,
                                   Index out_stride) const {
  const Index n = x_.rows();
  for (Index i = 0; i < n; ++i) out[i * out_stride] = kernel(row_start(x_, i), n, point, point_stride);
}

void GaussianProcess::predict_block(const Eigen::MatrixXd& x, Index first, Index count,
                                    Index stride, double* v, Eigen::VectorXd& mean,
                                    Eigen::VectorXd& variance) const {
  // The innermost loops run along the block (contiguous, element-wise). Each candidate still
  // sees exactly the operations of a one-point forward substitution, so results do not depend
  // on the block size or on the other rows.
  const Index m = x.rows();
  const Index n = conditioned_size();
  double acc[kPredictBlock];
  for (Index c = 0; c < count; ++c) {
    if (n > 0) cross_kernel(row_start(x, first + c), m, v + c, stride);
    acc[c] = 0.0;
  }
  for (Index i = 0; i < n; ++i) {  // posterior mean k*ᵀα
    const double* vi = v + i * stride;
    for (Index c = 0; c < count; ++c) acc[c] += vi[c] * alpha_[i];
  }
  for (Index c = 0; c < count; ++c) mean[first + c] = y_mean_ + y_scale_ * acc[c];
  if (n > 0) linalg::forward_substitute_block(chol_, v, stride, count);  // v ← L⁻¹ k*
  for (Index c = 0; c < count; ++c) acc[c] = 0.0;
  for (Index k = 0; k < n; ++k) {  // ‖L⁻¹k*‖²
    const double* vk = v + k * stride;
    for (Index c = 0; c < count; ++c) acc[c] += vk[c] * vk[c];
  }
  // σ_f² − ‖L⁻¹k*‖² can round below zero next to a training point with tiny noise.
  const double sf2 = hyper_.signal_variance;
  const double scale_sq = y_scale_ * y_scale_;
  for (Index c = 0; c < count; ++c) variance[first + c] = std::max(0.0, sf2 - acc[c]) * scale_sq;
}

void GaussianProcess::predict(const Eigen::MatrixXd& x, Eigen::VectorXd& mean,
                              Eigen::VectorXd& variance) const {
  const Index m = x.rows();
  const Index n = conditioned_size();
  mean.resize(m);
  variance.resize(m);
  if (static_cast<std::size_t>(x.cols()) != inv_length_sq_.size() && n > 0) {
    mean.setConstant(kNaN);
    variance.setConstant(kNaN);
    return;
  }
  const Index stride = std::min(kPredictBlock, m);  // one point needs n doubles, not 32n
  std::vector<double> v(static_cast<std::size_t>(n * stride));
  for (Index first = 0; first < m; first += stride)
    predict_block(x, first, std::min(stride, m - first), stride, v.data(), mean, variance);
}

void GaussianProcess::predict_joint(const Eigen::MatrixXd& x, Eigen::VectorXd& mean,
                                    Eigen::MatrixXd& cov) const {
  const Index m = x.rows();
  const Index n = conditioned_size();
  const double scale_sq = y_scale_ * y_scale_;
  mean.resize(m);
  cov.resize(m, m);
  if (static_cast<std::size_t>(x.cols()) != inv_length_sq_.size()) {
    // A model without data ignores inputs it has no length-scales for: independent prior.
    mean.setConstant(n > 0 ? kNaN : y_mean_);
    cov = Eigen::MatrixXd::Identity(m, m) * (hyper_.signal_variance * scale_sq);
    if (n > 0) cov.setConstant(kNaN);
    return;
  }
  Eigen::MatrixXd v(n, m);  // column a: L⁻¹ k(X, x_a)
  for (Index a = 0; a < m; ++a) {
    double* col = n > 0 ? &v(0, a) : nullptr;
    double s = 0.0;
    if (n > 0) cross_kernel(row_start(x, a), m, col, 1);
    for (Index i = 0; i < n; ++i) s += col[i] * alpha_[i];
    mean[a] = y_mean_ + y_scale_ * s;
    if (n > 0) forward_substitute(chol_, col);
  }
  for (Index b = 0; b < m; ++b) {
    for (Index a = 0; a <= b; ++a) {
      double s = 0.0;
      for (Index t = 0; t < n; ++t) s += v(t, a) * v(t, b);
      double c = kernel(row_start(x, a), m, row_start(x, b), m) - s;
      if (a == b) c = std::max(0.0, c);
      cov(a, b) = c * scale_sq;
      cov(b, a) = cov(a, b);
    }
  }
}

GaussianProcess::BaselineCache GaussianProcess::prepare_baseline(
    const Eigen::MatrixXd& baseline) const {
  BaselineCache cache;
  const Index n = conditioned_size();
  const Index size = baseline.rows();
  cache.points_ = baseline;
  cache.training_size_ = n;
  cache.usable_ = static_cast<std::size_t>(baseline.cols()) == inv_length_sq_.size();
  if (!cache.usable_ || n == 0) return cache;
  // Column o of V_O is the forward substitution predict_joint would run on k(X, O_o).
  cache.solved_.resize(n, size);
  for (Index o = 0; o < size; ++o) {
    double* col = cache.solved_.data() + o * n;
    cross_kernel(row_start(baseline, o), size, col, 1);
    forward_substitute(chol_, col);
  }
  return cache;
}

void GaussianProcess::predict_with_cross(const Eigen::MatrixXd& c, const BaselineCache& baseline,
                                         Eigen::VectorXd& mean, Eigen::VectorXd& variance,
                                         Eigen::MatrixXd& cross) const {
  const Index m = c.rows();
  const Index n = conditioned_size();
  const Index size = baseline.size();
  const Eigen::MatrixXd& o_points = baseline.points_;
  cross.resize(m, size);
  const bool columns_match = static_cast<std::size_t>(c.cols()) == inv_length_sq_.size();
  if (!columns_match || !baseline.usable_ || baseline.training_size_ != n) {
    predict(c, mean, variance);
    // As predict_joint: a model with data cannot use mismatched inputs (NaN), one without
    // data treats inputs it has no length-scales for as independent (0); a baseline
    // prepared by a model of another size is unusable (NaN).
    const bool independent = n == 0 && baseline.training_size_ == 0;
    cross.setConstant(independent ? 0.0 : kNaN);
    return;
  }
  mean.resize(m);
  variance.resize(m);
  const double scale_sq = y_scale_ * y_scale_;
  const Index stride = std::min(kPredictBlock, m);
  std::vector<double> v(static_cast<std::size_t>(n * stride));
  constexpr Index kCrossGroup = 4;
  double acc[kCrossGroup][kPredictBlock];
  for (Index first = 0; first < m; first += stride) {
    const Index count = std::min(stride, m - first);
    predict_block(c, first, count, stride, v.data(), mean, variance);
    // Σ_cO = k(c, O) − V_cᵀ V_O. Each entry is one running sum over the training index t in
    // ascending order, as in predict_joint (whose bits this reproduces); the candidates of
    // the block are the contiguous inner loop, so one pass over v serves a baseline point.
    // Four baseline points per pass, so each element of v is loaded once for four sums.
    for (Index o0 = 0; o0 < size; o0 += kCrossGroup) {
      const Index group = std::min(kCrossGroup, size - o0);
      for (Index g = 0; g < group; ++g)
        for (Index j = 0; j < count; ++j) acc[g][j] = 0.0;
      const double* w = baseline.solved_.data() + o0 * n;  // w[g·n + t] = V_O(t, o0 + g)
      for (Index t = 0; t < n; ++t) {
        const double* vt = v.data() + t * stride;
        if (group == kCrossGroup) {
          const double w0 = w[t], w1 = w[n + t], w2 = w[2 * n + t], w3 = w[3 * n + t];
          for (Index j = 0; j < count; ++j) {
            acc[0][j] += vt[j] * w0;
            acc[1][j] += vt[j] * w1;
            acc[2][j] += vt[j] * w2;
            acc[3][j] += vt[j] * w3;
          }
        } else {
          for (Index g = 0; g < group; ++g) {
            const double w_t = w[g * n + t];
            for (Index j = 0; j < count; ++j) acc[g][j] += vt[j] * w_t;
          }
        }
      }
      for (Index g = 0; g < group; ++g)
        for (Index j = 0; j < count; ++j) {
          const double k = kernel(row_start(c, first + j), m, row_start(o_points, o0 + g), size);
          cross(first + j, o0 + g) = (k - acc[g][j]) * scale_sq;
        }
    }
  }
}

void GaussianProcess::predict_with_cross(const Eigen::MatrixXd& c, const Eigen::MatrixXd& baseline,
                                         Eigen::VectorXd& mean, Eigen::VectorXd& variance,
                                         Eigen::MatrixXd& cross) const {
  predict_with_cross(c, prepare_baseline(baseline), mean, variance, cross);
}

Eigen::MatrixXd GaussianProcess::cross_covariance(const Eigen::MatrixXd& a,
                                                  const Eigen::MatrixXd& b) const {
  Eigen::VectorXd mean, variance;  // 2n per row besides the O(n²) solve: not worth a variant
  Eigen::MatrixXd cross;
  predict_with_cross(a, prepare_baseline(b), mean, variance, cross);
  return cross;
}

Eigen::MatrixXd GaussianProcess::sample_posterior(const Eigen::MatrixXd& x,
                                                  const Eigen::MatrixXd& z) const {
  const Index m = x.rows();
  const Index samples = z.rows();
  Eigen::MatrixXd out(samples, m);
  if (z.cols() != m) {
    out.setConstant(kNaN);
    return out;
  }
  Eigen::VectorXd mean;
  Eigen::MatrixXd cov;
  predict_joint(x, mean, cov);
  Eigen::MatrixXd c;
  if (!factor_with_jitter(cov, c, true)) {
    // Even 1e-2 jitter failed (e.g. all variances 0): factor the semidefinite part and let
    // the null directions carry no noise.
    double max_diag = 0.0;
    for (Index i = 0; i < m; ++i) max_diag = std::max(max_diag, cov(i, i));
    c = cov;
    linalg::cholesky_in_place(c, true, 1e-14 * max_diag);
  }
  for (Index s = 0; s < samples; ++s)
    for (Index a = 0; a < m; ++a) {
      double acc = 0.0;
      for (Index b = 0; b <= a; ++b) acc += c(a, b) * z(s, b);
      out(s, a) = mean[a] + acc;
    }
  return out;
}

Eigen::MatrixXd GaussianProcess::sample_posterior(const Eigen::MatrixXd& x, int samples,
                                                  Rng& rng) const {
  Eigen::MatrixXd z(std::max(0, samples), x.rows());
  for (Index s = 0; s < z.rows(); ++s)
    for (Index j = 0; j < z.cols(); ++j) z(s, j) = rng.normal();
  return sample_posterior(x, z);
}

}  // namespace greenfront::pareto
