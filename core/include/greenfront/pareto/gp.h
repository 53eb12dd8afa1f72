// Gaussian-process regression, the surrogate behind MOBO ask/tell: one GP per objective.
//
// Model (Rasmussen & Williams 2006, "Gaussian Processes for Machine Learning", MIT Press):
//   y = f(x) + ε,  f ~ GP(0, k),  ε ~ N(0, σ_n²),  on outputs standardized to mean 0, sd 1;
//   k(x, x') = σ_f² (1 + √5 r + 5r²/3) exp(−√5 r),  r² = Σ_k (x_k − x'_k)² / ℓ_k²
// (Matérn ν = 5/2 with ARD length-scales, R&W eq. 4.17). Prediction is R&W eq. 2.25–2.26
// (Algorithm 2.1); hyperparameters maximize the log marginal likelihood (eq. 5.8) plus weak
// log-priors (MAP, as BoTorch does), with the analytic gradient of eq. 5.9, by a box-bounded
// L-BFGS over log-parameters from several starts.
//
// Inputs arrive already scaled to [0, 1]^d by the caller (the search-space encoder; a
// categorical variable is one-hot, so its columns are 0/1), which is what the length-scale
// box and prior assume.
//
// Determinism: the dense linear algebra (Cholesky, triangular solves and inverse) is
// hand-written loops over Eigen storage in a fixed order, so no result depends on Eigen's
// GEMM blocking, which reads the machine's cache sizes at run time; every exp/log is
// greenfront::portable. Native and wasm builds therefore agree bit for bit.
//
// Errors: nothing here throws. GaussianProcess::fit and ::condition return a model whose
// status() says whether the data could be used; a model that is not ok() predicts the prior.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/random.h"

namespace greenfront::pareto {

/// Kernel and noise parameters, in standardized-output units (the outputs the GP sees have
/// mean 0 and sd 1) and [0, 1]-scaled input units. Plain data, so the MOBO state can store
/// it in its JSON and hand it back as a warm start or to condition() on resume.
struct GpHyperparameters {
  std::vector<double> length_scales;  ///< ℓ_k, one per input column
  double signal_variance = 1.0;       ///< σ_f²
  double noise_variance = 1e-2;       ///< σ_n²
};

/// The box that fit() keeps the hyperparameters in (standardized units).
struct GpBounds {
  static constexpr double length_scale_min = 0.01;
  static constexpr double length_scale_max = 100.0;
  static constexpr double signal_variance_min = 0.05;
  static constexpr double signal_variance_max = 20.0;
  /// The noise floor keeps K well conditioned (cond(K) <= 1 + n σ_f² / 1e-6) even for an
  /// exact objective or duplicated inputs.
  static constexpr double noise_variance_min = 1e-6;
  static constexpr double noise_variance_max = 1.0;
};

/// Asked between units of costly work (a likelihood iteration, a batch of candidates): true
/// when the caller's time is up, and it must stay true from then on. The work then stops
/// with what it has. Empty: never. A predicate rather than a deadline, so that tests can
/// stop a run at a chosen point instead of racing a clock.
using OutOfTime = std::function<bool()>;

/// The wall clock as an OutOfTime: true once `seconds` have passed since this call.
OutOfTime out_of_time_after(double seconds);

/// How fit() searches for the hyperparameters.
struct GpFitOptions {
  /// Random starts besides the first one (the warm start if given, else the prior modes).
  /// Every start gets 5 L-BFGS iterations; only the best then runs to convergence
  /// (successive halving in its simplest form), so a restart costs ~6 evaluations.
  int restarts = 2;
  /// L-BFGS iterations for the start that runs to convergence.
  int max_iterations = 60;
  /// Seeds the greenfront::Rng that draws the random starts.
  std::uint64_t seed = 1;
  /// Previous hyperparameters (e.g. from the last ask/tell step): the first start, in place
  /// of the prior modes. Ignored when its length-scale count does not match the input
  /// columns. A warm-started refit with restarts = 0 costs a few L-BFGS iterations.
  std::optional<GpHyperparameters> warm_start;
  /// Known noise variance in ORIGINAL output units: not optimized then. Values below the
  /// noise floor (after standardization) are raised to it.
  std::optional<double> fixed_noise_variance;
  /// Checked before each L-BFGS iteration and each start: once true, the best start so far
  /// is kept (the first start untouched when no iteration has run). One iteration costs a
  /// few O(n³) likelihood evaluations, ~0.1 s each natively at n = 1000.
  OutOfTime out_of_time;
};

/// Why a model could not use its data.
enum class GpStatus {
  ok,
  bad_shape,            ///< x.rows() != y.size()
  non_finite_data,      ///< NaN or infinity in x or y
  bad_hyperparameters,  ///< condition(): wrong length-scale count, or a value <= 0 / not finite
  factorization_failed  ///< K not positive definite even with 1e-2·mean(diag) jitter
};

/// Unit-variance Matérn-5/2 correlation at scaled distance r >= 0 (R&W eq. 4.17):
/// (1 + √5 r + 5r²/3) exp(−√5 r).
double matern52(double r);

/// log p(y | X, θ) of STANDARDIZED targets y (R&W eq. 5.8) and, when `gradient` is not null,
/// its gradient (eq. 5.9) with respect to the log-parameters
/// [log ℓ_1 .. log ℓ_d, log σ_f², log σ_n²] (d + 2 entries). No prior, no jitter; returns
/// -infinity when K is not positive definite. O(n²d + n³) time; for tests and diagnostics.
double gp_log_marginal_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  const GpHyperparameters& hyperparameters,
                                  std::vector<double>* gradient = nullptr);

/// The log-prior density (up to a constant) that fit() adds to the likelihood, and its
/// gradient with respect to the same log-parameters: Gamma(3, 6) on each ℓ_k, Gamma(2, 0.15)
/// on σ_f², Gamma(1.1, 0.05) on σ_n² (shape, rate), each evaluated at the parameter value.
double gp_log_prior(const GpHyperparameters& hyperparameters,
                    std::vector<double>* gradient = nullptr);

/// A GP conditioned on data, with fitted or given hyperparameters. Cheap to copy (O(n²)).
class GaussianProcess {
 public:
  /// A model without data: predicts the prior (mean 0, variance 1) in any dimension.
  GaussianProcess() = default;

  /// Standardizes y, fits the hyperparameters (MAP, multi-start L-BFGS) and conditions on
  /// (x, y). x is n×d with rows in [0, 1]^d; y has n entries in original units. n = 0 gives
  /// the prior; n = 1 skips the search (default or warm-start hyperparameters).
  /// Cost: about 7 objective evaluations per start plus ~15 for the finish, each
  /// O(n²d + n³/2): the Cholesky factor, L⁻¹ and K⁻¹ for the gradient. Memory O(n²).
  static GaussianProcess fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                             const GpFitOptions& options = {});

  /// Conditions on (x, y) with the given hyperparameters (standardized units, not clamped
  /// to GpBounds, noise may be 0): to restore a model from stored hyperparameters, or to
  /// test with fixed ones. y is standardized exactly as fit() does it.
  static GaussianProcess condition(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                   const GpHyperparameters& hyperparameters);

  GpStatus status() const { return status_; }
  bool ok() const { return status_ == GpStatus::ok; }
  /// Empty when ok(); else "[gp.<id>] what went wrong".
  const std::string& message() const { return message_; }

  /// Posterior mean and latent variance (of f, without the noise) at each row of x, in
  /// original output units. O(n·d + n²) per row; rows go through in blocks so the training
  /// factor is streamed once per block (the fast path for thousands of candidates).
  void predict(const Eigen::MatrixXd& x, Eigen::VectorXd& mean, Eigen::VectorXd& variance) const;

  /// Joint posterior mean and latent covariance at the rows of x (m of them), original
  /// units: for batch proposals and the noisy EHVI. O(m n² + m² n).
  void predict_joint(const Eigen::MatrixXd& x, Eigen::VectorXd& mean, Eigen::MatrixXd& cov) const;

  /// Posterior latent covariance Σ_ab between the rows of a and the rows of b (original
  /// units): k(a, b) − k(a, X) K⁻¹ k(X, b), an a.rows() × b.rows() matrix. Bit for bit the
  /// a-b block of predict_joint on the stacked rows [a; b] (no clamping: a row that is in both
  /// sets gets its variance as computed, not floored at 0). O((n_a + n_b)·n² + n_a·n_b·(n + d)).
  /// NaN when the column counts do not match a model with data.
  Eigen::MatrixXd cross_covariance(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) const;

  /// What predict_with_cross needs of a fixed set of baseline points O, computed once by
  /// prepare_baseline(): a copy of O and V_O = L⁻¹ k(X, O). Tied to the model that made it
  /// (or a copy of it); used with another model, results are NaN when the training-set sizes
  /// differ and meaningless otherwise. Memory O(|O|·(n + d)).
  class BaselineCache {
   public:
    /// Baseline points (rows of O).
    Eigen::Index size() const { return points_.rows(); }

   private:
    friend class GaussianProcess;
    Eigen::MatrixXd points_;  // |O|×d
    Eigen::MatrixXd solved_;  // n×|O|: column o is L⁻¹ k(X, O_o)
    Eigen::Index training_size_ = 0;
    bool usable_ = true;  // false when O's columns do not match a model with data
  };
  /// Prepares a baseline for predict_with_cross: O(|O|·(n² / 2 + n·d)).
  BaselineCache prepare_baseline(const Eigen::MatrixXd& baseline) const;

  /// For candidate rows c: posterior mean and latent variance exactly as predict() gives them,
  /// and cross = Σ_cO, the posterior latent covariance between each candidate and each
  /// baseline point (c.rows() × baseline.size(), bit for bit as cross_covariance(c, O)) —
  /// what a noisy EHVI needs to draw candidates jointly with a fixed baseline. Per candidate
  /// O(n²/2 + n·(d + |O|) + |O|·d), candidates in blocks as in predict().
  void predict_with_cross(const Eigen::MatrixXd& c, const BaselineCache& baseline,
                          Eigen::VectorXd& mean, Eigen::VectorXd& variance,
                          Eigen::MatrixXd& cross) const;
  /// The same with the baseline prepared on the fly (for a single call).
  void predict_with_cross(const Eigen::MatrixXd& c, const Eigen::MatrixXd& baseline,
                          Eigen::VectorXd& mean, Eigen::VectorXd& variance,
                          Eigen::MatrixXd& cross) const;

  /// Joint posterior draws of f at the rows of x: returns samples×m where z (samples×m)
  /// holds the standard normals, so that candidates can share base samples (common random
  /// numbers). Draw s is mean + C z_s with C the Cholesky factor of the covariance
  /// (jitter 1e-8..1e-2 × mean variance on failure, then a semidefinite factor).
  Eigen::MatrixXd sample_posterior(const Eigen::MatrixXd& x, const Eigen::MatrixXd& z) const;
  /// As above with z drawn row by row from rng.normal().
  Eigen::MatrixXd sample_posterior(const Eigen::MatrixXd& x, int samples, Rng& rng) const;

  /// log p(y | X, θ) of the standardized targets at the fitted hyperparameters (no prior).
  double log_marginal_likelihood() const { return log_marginal_likelihood_; }
  /// Hyperparameters in standardized units (serialize these to resume).
  const GpHyperparameters& hyperparameters() const { return hyper_; }
  /// σ_n² in original output units.
  double noise_variance_original_units() const {
    return hyper_.noise_variance * y_scale_ * y_scale_;
  }
  /// The standardization: y_standardized = (y − output_mean()) / output_scale().
  double output_mean() const { return y_mean_; }
  double output_scale() const { return y_scale_; }
  /// Training points and input columns.
  Eigen::Index size() const { return x_.rows(); }
  Eigen::Index dims() const { return x_.cols(); }
  /// Objective evaluations the last fit() spent (diagnostics and speed tests).
  int fit_evaluations() const { return fit_evaluations_; }
  /// fit() stopped its search because GpFitOptions::out_of_time said so.
  bool fit_cut_short() const { return fit_cut_short_; }

 private:
  /// Checks shapes and finiteness, stores x and the standardized y; sets status_.
  bool set_data(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);
  /// Stores the hyperparameters and the 1/ℓ_k² the kernel loops use.
  void set_hyperparameters(const GpHyperparameters& hyperparameters);
  /// Builds K, factors it with the jitter ladder and solves for α; sets status_.
  void factorize();
  /// Training points the posterior uses: 0 when the model is not ok() (it predicts the prior).
  Eigen::Index conditioned_size() const { return ok() ? x_.rows() : 0; }
  /// k(x_i, point) for every training row i into out[i · out_stride]; the point's
  /// coordinates are point[k · point_stride] (a row of a column-major matrix).
  void cross_kernel(const double* point, Eigen::Index point_stride, double* out,
                    Eigen::Index out_stride) const;
  /// k(a, b) between two rows of column-major matrices (strides as above).
  double kernel(const double* a, Eigen::Index a_stride, const double* b,
                Eigen::Index b_stride) const;
  /// Rows [first, first + count) of x (count <= kPredictBlock): mean and variance into
  /// mean[first + c] and variance[first + c], and v[i · stride + c] = (L⁻¹ k(X, x_c))_i.
  void predict_block(const Eigen::MatrixXd& x, Eigen::Index first, Eigen::Index count,
                     Eigen::Index stride, double* v, Eigen::VectorXd& mean,
                     Eigen::VectorXd& variance) const;

  /// Candidates per block in predict(): one pass over the factor L serves the whole block.
  static constexpr Eigen::Index kPredictBlock = 32;

  Eigen::MatrixXd x_;      // n×d training inputs
  Eigen::VectorXd y_std_;  // standardized targets
  double y_mean_ = 0.0;
  double y_scale_ = 1.0;
  GpHyperparameters hyper_;
  std::vector<double> inv_length_sq_;  // 1/ℓ_k²
  Eigen::MatrixXd chol_;               // lower Cholesky factor of K + jitter
  Eigen::VectorXd alpha_;              // K⁻¹ y_std
  double log_marginal_likelihood_ = 0.0;
  int fit_evaluations_ = 0;
  bool fit_cut_short_ = false;
  GpStatus status_ = GpStatus::ok;
  std::string message_;
};

}  // namespace greenfront::pareto
