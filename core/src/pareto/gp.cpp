// Gaussian-process regression with a Matérn-5/2 ARD kernel, fitted by MAP over log-params.
//
// References: Rasmussen & Williams 2006, "Gaussian Processes for Machine Learning":
// Algorithm 2.1 / eq. 2.25–2.26 (prediction through the Cholesky factor), eq. 5.8–5.9
// (log marginal likelihood and its gradient), eq. 4.17 (Matérn ν = 5/2). L-BFGS: Nocedal
// 1980, "Updating quasi-Newton matrices with limited storage" (two-loop recursion), with a
// projected Armijo backtracking (Bertsekas 1982) for the box on the log-parameters.
//
// Cost per objective evaluation with gradient, n points, d inputs: O(n²d) for K and the
// gradient terms from precomputed per-dimension squared differences, n³/6 multiply-adds each
// for the Cholesky factor, the triangular inverse L⁻¹ and the lower half of K⁻¹ = L⁻ᵀL⁻¹.
//
// Why hand-written loops instead of Eigen::LLT and matrix products: Eigen's blocked
// products pick their depth blocking from the CPU cache sizes it reads at run time, and the
// depth blocking sets the order of the sums, so two machines (or native and wasm) could
// differ in the last bits. Every loop below has one fixed order; the inner loops are either
// element-wise (axpy, which a compiler may vectorize without changing any result) or dot
// products with four fixed partial sums.
#include "greenfront/pareto/gp.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>

namespace greenfront::pareto {
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
/// Jitter ladder: 1e-8, 1e-7, ..., 1e-2 times the mean diagonal (7 steps).
constexpr double kJitterFirst = 1e-8;
constexpr int kJitterSteps = 7;
/// L-BFGS iterations every start gets before all but the best are dropped.
constexpr int kProbeIterations = 5;

bool finite(double v) { return v - v == 0.0; }

/// Σ a_i b_i with four fixed partial sums: independent chains run ~4x faster than one, and
/// the order is still fixed by the code, not by the machine.
double dot(const double* a, const double* b, Index len) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  Index i = 0;
  for (; i + 4 <= len; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < len; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

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

// ---- Dense kernels on column-major lower-triangular factors (leading dimension ld) ----
// The O(n³) loops subtract up to four columns per pass, y − c0·s0 − c1·s1 − c2·s2 − c3·s3
// evaluated left to right: the same roundings in the same order as four separate axpys
// (so every kernel below gives the bits of the textbook loop), with y loaded and stored
// once instead of four times, which is what bounds the plain loop.

/// y[i] −= Σ_{k = k0}^{k1 − 1} L[i + k·ld] · c[k·c_stride] for i in [i0, i1), k ascending.
void subtract_columns(const double* l, Index ld, Index k0, Index k1, const double* c,
                      Index c_stride, double* y, Index i0, Index i1) {
  Index k = k0;
  for (; k + 4 <= k1; k += 4) {
    const double* c0 = l + k * ld;
    const double* c1 = c0 + ld;
    const double* c2 = c1 + ld;
    const double* c3 = c2 + ld;
    const double s0 = c[k * c_stride], s1 = c[(k + 1) * c_stride];
    const double s2 = c[(k + 2) * c_stride], s3 = c[(k + 3) * c_stride];
    for (Index i = i0; i < i1; ++i) y[i] = y[i] - c0[i] * s0 - c1[i] * s1 - c2[i] * s2 - c3[i] * s3;
  }
  for (; k < k1; ++k) {
    const double* ck = l + k * ld;
    const double s = c[k * c_stride];
    for (Index i = i0; i < i1; ++i) y[i] = y[i] - ck[i] * s;
  }
}

/// In-place lower Cholesky of the n×n matrix (lower triangle read, strict upper untouched).
/// Left-looking by columns, n³/6 multiply-adds. With `semidefinite`, a pivot <= tolerance
/// zeroes its column instead of failing: the factor of a nearby semidefinite matrix.
bool cholesky_in_place(Eigen::MatrixXd& m, bool semidefinite = false, double tolerance = 0.0) {
  const Index n = m.rows();
  double* a = m.data();
  for (Index j = 0; j < n; ++j) {
    double* col = a + j * n;
    subtract_columns(a, n, 0, j, a + j, n, col, j, n);  // coefficients L(j, k): row j
    const double pivot = col[j];
    if (!(pivot > tolerance) || !finite(pivot)) {
      if (!semidefinite) return false;
      for (Index i = j; i < n; ++i) col[i] = 0.0;
      continue;
    }
    const double l_jj = std::sqrt(pivot);
    col[j] = l_jj;
    for (Index i = j + 1; i < n; ++i) col[i] /= l_jj;
  }
  return true;
}

/// v ← L⁻¹ v by forward substitution, given v[0, start) = 0 (skipped). Blocks of four
/// pivots: the small triangle inside the block first, then one fused update below it.
void forward_substitute(const Eigen::MatrixXd& lm, double* v, Index start = 0) {
  const Index n = lm.rows();
  const double* l = lm.data();
  for (Index k = start; k < n; k += 4) {
    const Index end = std::min(k + 4, n);
    for (Index j = k; j < end; ++j) {
      v[j] /= l[j + j * n];
      for (Index i = j + 1; i < end; ++i) v[i] = v[i] - l[i + j * n] * v[j];
    }
    subtract_columns(l, n, k, end, v, 1, v, end, n);
  }
}

/// v ← L⁻ᵀ v (back substitution; Lᵀ's rows are L's contiguous columns).
void backward_substitute(const Eigen::MatrixXd& lm, double* v) {
  const Index n = lm.rows();
  const double* l = lm.data();
  for (Index k = n - 1; k >= 0; --k)
    v[k] = (v[k] - dot(l + k * n + k + 1, v + k + 1, n - k - 1)) / l[k + k * n];
}

/// Factors K into l, adding jitter 1e-8, 1e-7, ..., 1e-2 × mean(diag K) to the diagonal
/// while the factorization fails (only when `jitter`). Returns false if every try failed.
bool factor_with_jitter(const Eigen::MatrixXd& k, Eigen::MatrixXd& l, bool jitter) {
  l = k;
  if (cholesky_in_place(l)) return true;
  if (!jitter) return false;
  const Index n = k.rows();
  double mean_diag = 0.0;
  for (Index i = 0; i < n; ++i) mean_diag += k(i, i);
  mean_diag /= static_cast<double>(n);
  if (!(mean_diag > 0.0) || !finite(mean_diag)) return false;
  double scale = kJitterFirst;
  for (int step = 0; step < kJitterSteps; ++step, scale *= 10.0) {
    l = k;
    for (Index i = 0; i < n; ++i) l(i, i) += scale * mean_diag;
    if (cholesky_in_place(l)) return true;
  }
  return false;
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

    // M = L⁻¹ into k_ (K is no longer needed), column j by forward substitution on e_j.
    double* m = k_.data();
    for (Index j = 0; j < n_; ++j) {
      double* col = m + j * n_;
      std::fill(col, col + n_, 0.0);
      col[j] = 1.0;
      forward_substitute(l_, col, j);
    }
    // W = ααᵀ − K⁻¹ with (K⁻¹)_ij = Σ_{t ≥ i} M_ti M_tj for j <= i, four j per pass over
    // column i of M (one running sum each); ∂L/∂θ = ½ Σ_ij W_ij ∂K_ij, pairs counted twice.
    double trace_w = 0.0;
    double w_dot_k = 0.0;
    p = 0;
    for (Index i = 0; i < n_; ++i) {
      const double* mi = m + i * n_;
      Index j = 0;
      for (; j + 4 <= i; j += 4, p += 4) {
        const double* m0 = m + j * n_;
        const double* m1 = m0 + n_;
        const double* m2 = m1 + n_;
        const double* m3 = m2 + n_;
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (Index t = i; t < n_; ++t) {
          s0 += mi[t] * m0[t];
          s1 += mi[t] * m1[t];
          s2 += mi[t] * m2[t];
          s3 += mi[t] * m3[t];
        }
        const double s[4] = {s0, s1, s2, s3};
        for (int u = 0; u < 4; ++u) {
          const double w = alpha_[i] * alpha_[j + u] - s[u];
          w_dot_k += w * value_[p + u];
          factor_[p + u] *= w;
        }
      }
      for (; j < i; ++j, ++p) {
        double s = 0.0;
        for (Index t = i; t < n_; ++t) s += mi[t] * m[t + j * n_];
        const double w = alpha_[i] * alpha_[j] - s;
        w_dot_k += w * value_[p];
        factor_[p] *= w;
      }
      double s = 0.0;
      for (Index t = i; t < n_; ++t) s += mi[t] * mi[t];
      trace_w += alpha_[i] * alpha_[i] - s;
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

/// Box-bounded L-BFGS: two-loop recursion (Nocedal 1980) on the projected gradient, then a
/// backtracking Armijo search along the projected path clamp(x + t·d) (Bertsekas 1982). A
/// variable at a bound whose gradient points outward is frozen for that iteration. A Run
/// can be advanced in stages, so fit() can probe several starts briefly and finish the best.
/// O(q·m) per iteration besides the objective, for q variables and m = 6 stored pairs.
class BoxLbfgs {
 public:
  /// One start's progress.
  struct Run {
    std::vector<double> x, g;
    double f = kInf;
    int iterations = 0;
    bool done = false;
    std::vector<std::vector<double>> s, y;  // curvature pairs, oldest first
    std::vector<double> rho;                // 1 / sᵀy
  };

  BoxLbfgs(std::vector<double> lower, std::vector<double> upper)
      : lower_(std::move(lower)), upper_(std::move(upper)) {}

  int evaluations() const { return evaluations_; }

  /// func(x, gradient) returns f(x) and fills the gradient; +inf or NaN marks a bad point.
  template <class Func>
  Run start(Func&& func, std::vector<double> x) {
    Run run;
    clamp(x);
    run.g.resize(x.size());
    run.f = func(x, run.g);
    ++evaluations_;
    run.x = std::move(x);
    run.done = !finite(run.f);
    return run;
  }

  /// Iterates until run.iterations == max_iterations or convergence (run.done).
  template <class Func>
  void advance(Func&& func, Run& run, int max_iterations) {
    const std::size_t q = run.x.size();
    std::vector<double> pg(q), d(q), x_new(q), g_new(q);
    while (!run.done && run.iterations < max_iterations) {
      ++run.iterations;
      double pg_max = 0.0;
      for (std::size_t i = 0; i < q; ++i) {
        const bool blocked =
            (run.x[i] <= lower_[i] && run.g[i] > 0) || (run.x[i] >= upper_[i] && run.g[i] < 0);
        pg[i] = blocked ? 0.0 : run.g[i];
        pg_max = std::max(pg_max, std::abs(pg[i]));
      }
      if (pg_max <= kGradientTolerance * std::max(1.0, std::abs(run.f))) {
        run.done = true;
        break;
      }
      direction(run, pg, d);
      if (!(dot(d.data(), pg.data(), static_cast<Index>(q)) < 0.0)) {
        forget(run);  // not a descent direction: start over from steepest descent
        for (std::size_t i = 0; i < q; ++i) d[i] = -pg[i];
      }
      // Without curvature information the first step moves at most 1 in any log-parameter
      // (a factor e); later steps are capped at 3 so one bad model cannot fling x away.
      double d_max = 0.0;
      for (double v : d) d_max = std::max(d_max, std::abs(v));
      double t = std::min(1.0, (run.s.empty() ? 1.0 : 3.0) / d_max);
      bool accepted = false;
      double f_new = kInf;
      for (int backtrack = 0; backtrack < 30; ++backtrack) {
        for (std::size_t i = 0; i < q; ++i) x_new[i] = run.x[i] + t * d[i];
        clamp(x_new);
        double decrease = 0.0;  // gᵀ(x_new − x), < 0 along a descent path
        for (std::size_t i = 0; i < q; ++i) decrease += run.g[i] * (x_new[i] - run.x[i]);
        if (!(decrease < 0.0)) break;
        f_new = func(x_new, g_new);
        ++evaluations_;
        if (finite(f_new) && f_new <= run.f + kArmijo * decrease) {
          accepted = true;
          break;
        }
        // Minimizer of the quadratic through f, the slope and f_new, kept in [0.1t, 0.5t].
        double t_next = 0.1 * t;
        const double curvature = f_new - run.f - decrease;
        if (finite(f_new) && curvature > 0.0)
          t_next = std::clamp(-0.5 * decrease * t / curvature, 0.1 * t, 0.5 * t);
        t = t_next;
      }
      if (!accepted) {
        run.done = run.s.empty();  // steepest descent found nothing either: converged
        forget(run);
        continue;
      }
      remember(run, x_new, g_new);
      const bool small_decrease =
          run.f - f_new <= kRelativeTolerance * std::max(1.0, std::abs(run.f));
      run.x.swap(x_new);
      run.g.swap(g_new);
      run.f = f_new;
      run.done = small_decrease;
    }
  }

 private:
  static constexpr std::size_t kMemory = 6;
  static constexpr double kArmijo = 1e-4;
  static constexpr double kGradientTolerance = 1e-6;
  static constexpr double kRelativeTolerance = 1e-7;

  void clamp(std::vector<double>& x) const {
    for (std::size_t i = 0; i < x.size(); ++i)
      x[i] = x[i] != x[i] ? lower_[i] : std::clamp(x[i], lower_[i], upper_[i]);
  }

  static void forget(Run& run) {
    run.s.clear();
    run.y.clear();
    run.rho.clear();
  }

  static void remember(Run& run, const std::vector<double>& x_new,
                       const std::vector<double>& g_new) {
    const std::size_t q = x_new.size();
    std::vector<double> s(q), y(q);
    double sy = 0.0, yy = 0.0;
    for (std::size_t i = 0; i < q; ++i) {
      s[i] = x_new[i] - run.x[i];
      y[i] = g_new[i] - run.g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    if (!(sy > 1e-10 * yy)) return;  // keeps the inverse-Hessian model positive definite
    if (run.s.size() == kMemory) {
      run.s.erase(run.s.begin());
      run.y.erase(run.y.begin());
      run.rho.erase(run.rho.begin());
    }
    run.s.push_back(std::move(s));
    run.y.push_back(std::move(y));
    run.rho.push_back(1.0 / sy);
  }

  /// d = −H·pg, H the L-BFGS inverse-Hessian model scaled by sᵀy/yᵀy of the newest pair;
  /// components of blocked variables (pg = 0 there) are zeroed afterwards.
  static void direction(const Run& run, const std::vector<double>& pg, std::vector<double>& d) {
    const std::size_t q = pg.size();
    const std::size_t m = run.s.size();
    const auto len = static_cast<Index>(q);
    d = pg;
    std::vector<double> a(m);
    for (std::size_t k = m; k-- > 0;) {
      a[k] = run.rho[k] * dot(run.s[k].data(), d.data(), len);
      for (std::size_t i = 0; i < q; ++i) d[i] -= a[k] * run.y[k][i];
    }
    if (m > 0) {
      const double gamma =
          1.0 / (run.rho[m - 1] * dot(run.y[m - 1].data(), run.y[m - 1].data(), len));
      for (double& v : d) v *= gamma;
    }
    for (std::size_t k = 0; k < m; ++k) {
      const double b = run.rho[k] * dot(run.y[k].data(), d.data(), len);
      for (std::size_t i = 0; i < q; ++i) d[i] += (a[k] - b) * run.s[k][i];
    }
    for (std::size_t i = 0; i < q; ++i) d[i] = pg[i] == 0.0 ? 0.0 : -d[i];
  }

  std::vector<double> lower_, upper_;
  int evaluations_ = 0;
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
  if (n >= 2) {
    // With a fixed noise the optimizer sees only the first d + 1 log-parameters.
    const std::size_t q = static_cast<std::size_t>(fixed_noise ? d + 1 : d + 2);
    BoxLbfgs optimizer(std::vector<double>(lower.begin(), lower.begin() + q),
                       std::vector<double>(upper.begin(), upper.begin() + q));
    Likelihood likelihood(x, gp.y_std_);
    std::vector<double> lp = best;
    std::vector<double> full_gradient(static_cast<std::size_t>(d + 2));
    std::vector<double> prior_gradient;
    const auto objective = [&](const std::vector<double>& theta, std::vector<double>& gradient) {
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
    std::vector<BoxLbfgs::Run> runs;
    std::size_t best_run = 0;
    for (const std::vector<double>& start : starts) {
      runs.push_back(
          optimizer.start(objective, std::vector<double>(start.begin(), start.begin() + q)));
      optimizer.advance(objective, runs.back(), std::min(max_iterations, kProbeIterations));
      if (runs.back().f < runs[best_run].f) best_run = runs.size() - 1;  // ties keep the first
    }
    optimizer.advance(objective, runs[best_run], max_iterations);
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
  for (Index i = 0; i < n; ++i) out[i * out_stride] = kernel(x_.data() + i, n, point, point_stride);
}

void GaussianProcess::predict(const Eigen::MatrixXd& x, Eigen::VectorXd& mean,
                              Eigen::VectorXd& variance) const {
  const Index m = x.rows();
  const Index n = conditioned_size();
  const double sf2 = hyper_.signal_variance;
  const double scale_sq = y_scale_ * y_scale_;
  mean.resize(m);
  variance.resize(m);
  if (static_cast<std::size_t>(x.cols()) != inv_length_sq_.size() && n > 0) {
    mean.setConstant(kNaN);
    variance.setConstant(kNaN);
    return;
  }
  // Candidates go through in blocks of kBlock: one pass over the factor L serves the whole
  // block, and the innermost loops run along the block (contiguous, element-wise). Each
  // candidate still sees exactly the operations of a one-point forward substitution, so
  // results do not depend on the block size or on the other rows.
  constexpr Index kBlock = 32;
  const Index stride = std::min(kBlock, m);  // one point needs n doubles, not 32n
  std::vector<double> v(static_cast<std::size_t>(n * stride));
  double acc[kBlock];
  for (Index c0 = 0; c0 < m; c0 += stride) {
    const Index b = std::min(stride, m - c0);
    for (Index c = 0; c < b; ++c) {
      if (n > 0) cross_kernel(x.data() + c0 + c, m, v.data() + c, stride);
      acc[c] = 0.0;
    }
    for (Index i = 0; i < n; ++i) {  // posterior mean k*ᵀα
      const double* vi = v.data() + i * stride;
      for (Index c = 0; c < b; ++c) acc[c] += vi[c] * alpha_[i];
    }
    for (Index c = 0; c < b; ++c) mean[c0 + c] = y_mean_ + y_scale_ * acc[c];
    // v ← L⁻¹ k*: forward_substitute's operations, candidate by candidate.
    const double* l = chol_.data();
    for (Index k = 0; k < n; k += 4) {
      const Index end = std::min(k + 4, n);
      for (Index j = k; j < end; ++j) {
        double* vj = v.data() + j * stride;
        const double l_jj = l[j + j * n];
        for (Index c = 0; c < b; ++c) vj[c] /= l_jj;
        for (Index i = j + 1; i < end; ++i) {
          const double l_ij = l[i + j * n];
          double* vi = v.data() + i * stride;
          for (Index c = 0; c < b; ++c) vi[c] = vi[c] - l_ij * vj[c];
        }
      }
      if (end - k == 4) {
        const double* v0 = v.data() + k * stride;
        const double* v1 = v0 + stride;
        const double* v2 = v1 + stride;
        const double* v3 = v2 + stride;
        for (Index i = end; i < n; ++i) {
          const double a0 = l[i + k * n], a1 = l[i + (k + 1) * n];
          const double a2 = l[i + (k + 2) * n], a3 = l[i + (k + 3) * n];
          double* vi = v.data() + i * stride;
          for (Index c = 0; c < b; ++c)
            vi[c] = vi[c] - a0 * v0[c] - a1 * v1[c] - a2 * v2[c] - a3 * v3[c];
        }
      } else {
        for (Index j = k; j < end; ++j)
          for (Index i = end; i < n; ++i) {
            const double l_ij = l[i + j * n];
            double* vi = v.data() + i * stride;
            const double* vj = v.data() + j * stride;
            for (Index c = 0; c < b; ++c) vi[c] = vi[c] - l_ij * vj[c];
          }
      }
    }
    for (Index c = 0; c < b; ++c) acc[c] = 0.0;
    for (Index k = 0; k < n; ++k) {  // ‖L⁻¹k*‖²
      const double* vk = v.data() + k * stride;
      for (Index c = 0; c < b; ++c) acc[c] += vk[c] * vk[c];
    }
    // σ_f² − ‖L⁻¹k*‖² can round below zero next to a training point with tiny noise.
    for (Index c = 0; c < b; ++c) variance[c0 + c] = std::max(0.0, sf2 - acc[c]) * scale_sq;
  }
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
    if (n > 0) cross_kernel(x.data() + a, m, col, 1);
    for (Index i = 0; i < n; ++i) s += col[i] * alpha_[i];
    mean[a] = y_mean_ + y_scale_ * s;
    if (n > 0) forward_substitute(chol_, col);
  }
  for (Index b = 0; b < m; ++b) {
    for (Index a = 0; a <= b; ++a) {
      double s = 0.0;
      for (Index t = 0; t < n; ++t) s += v(t, a) * v(t, b);
      double c = kernel(x.data() + a, m, x.data() + b, m) - s;
      if (a == b) c = std::max(0.0, c);
      cov(a, b) = c * scale_sq;
      cov(b, a) = cov(a, b);
    }
  }
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
    cholesky_in_place(c, true, 1e-14 * max_diag);
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
