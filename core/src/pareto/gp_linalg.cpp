// Fixed-order dense kernels for the GP (see gp_linalg.h for why they are hand-written).
//
// The O(n³) loops subtract up to four columns per pass, y − c0·s0 − c1·s1 − c2·s2 − c3·s3
// evaluated left to right: the same roundings in the same order as four separate axpys (so
// every kernel gives the bits of the textbook loop), with y loaded and stored once instead of
// four times, which is what bounds the plain loop.
#include "gp_linalg.h"

#include <algorithm>
#include <cmath>

namespace greenfront::pareto::linalg {
namespace {

using Eigen::Index;

/// Jitter ladder: 1e-8, 1e-7, ..., 1e-2 times the mean diagonal (7 steps).
constexpr double kJitterFirst = 1e-8;
constexpr int kJitterSteps = 7;

bool finite(double v) { return v - v == 0.0; }

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

}  // namespace

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

bool cholesky_in_place(Eigen::MatrixXd& m, bool semidefinite, double tolerance) {
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

void forward_substitute(const Eigen::MatrixXd& lm, double* v, Index start) {
  // Blocks of four pivots: the small triangle inside the block first, then one fused update
  // of everything below it.
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

void forward_substitute_block(const Eigen::MatrixXd& lm, double* v, Index stride, Index count) {
  // forward_substitute's blocks and operations, with the right-hand sides innermost.
  const Index n = lm.rows();
  const double* l = lm.data();
  for (Index k = 0; k < n; k += 4) {
    const Index end = std::min(k + 4, n);
    for (Index j = k; j < end; ++j) {
      double* vj = v + j * stride;
      const double l_jj = l[j + j * n];
      for (Index c = 0; c < count; ++c) vj[c] /= l_jj;
      for (Index i = j + 1; i < end; ++i) {
        const double l_ij = l[i + j * n];
        double* vi = v + i * stride;
        for (Index c = 0; c < count; ++c) vi[c] = vi[c] - l_ij * vj[c];
      }
    }
    if (end - k < 4) continue;  // then end == n: nothing below the block
    const double* v0 = v + k * stride;
    const double* v1 = v0 + stride;
    const double* v2 = v1 + stride;
    const double* v3 = v2 + stride;
    for (Index i = end; i < n; ++i) {
      const double a0 = l[i + k * n], a1 = l[i + (k + 1) * n];
      const double a2 = l[i + (k + 2) * n], a3 = l[i + (k + 3) * n];
      double* vi = v + i * stride;
      for (Index c = 0; c < count; ++c)
        vi[c] = vi[c] - a0 * v0[c] - a1 * v1[c] - a2 * v2[c] - a3 * v3[c];
    }
  }
}

void backward_substitute(const Eigen::MatrixXd& lm, double* v) {
  const Index n = lm.rows();
  const double* l = lm.data();
  for (Index k = n - 1; k >= 0; --k)
    v[k] = (v[k] - dot(l + k * n + k + 1, v + k + 1, n - k - 1)) / l[k + k * n];
}

void invert_lower(const Eigen::MatrixXd& l, Eigen::MatrixXd& m) {
  const Index n = l.rows();
  m.resize(n, n);
  for (Index j = 0; j < n; ++j) {
    double* col = m.data() + j * n;
    std::fill(col, col + n, 0.0);
    col[j] = 1.0;
    forward_substitute(l, col, j);
  }
}

void lower_gram_of_lower(const Eigen::MatrixXd& mm, Eigen::MatrixXd& out) {
  // Four j per pass over column i of M (one running sum each, t ascending): column i is
  // read once for four outputs.
  const Index n = mm.rows();
  const double* m = mm.data();
  for (Index i = 0; i < n; ++i) {
    const double* mi = m + i * n;
    Index j = 0;
    for (; j + 4 <= i; j += 4) {
      const double* m0 = m + j * n;
      const double* m1 = m0 + n;
      const double* m2 = m1 + n;
      const double* m3 = m2 + n;
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      for (Index t = i; t < n; ++t) {
        s0 += mi[t] * m0[t];
        s1 += mi[t] * m1[t];
        s2 += mi[t] * m2[t];
        s3 += mi[t] * m3[t];
      }
      out(i, j) = s0;
      out(i, j + 1) = s1;
      out(i, j + 2) = s2;
      out(i, j + 3) = s3;
    }
    for (; j <= i; ++j) {
      const double* mj = m + j * n;
      double s = 0.0;
      for (Index t = i; t < n; ++t) s += mi[t] * mj[t];
      out(i, j) = s;
    }
  }
}

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

}  // namespace greenfront::pareto::linalg
