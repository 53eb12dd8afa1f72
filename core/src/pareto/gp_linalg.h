// Dense linear algebra for the GP surrogate (private to core/src/pareto): Cholesky factor,
// triangular solves and inverse, each a hand-written loop with one fixed order of operations.
//
// Why not Eigen::LLT and Eigen's products: Eigen's blocked kernels pick their depth blocking
// from the CPU cache sizes it reads at run time, and the depth blocking sets the order of the
// sums, so two machines (or native and wasm) could differ in the last bits. Every loop here
// has one order, fixed by the code; inner loops are either element-wise (axpy, which a
// compiler may vectorize without changing any result) or dot products with four fixed
// partial sums. Matrices are column-major Eigen storage; a factor L is lower triangular and
// only its lower triangle is read.
#pragma once

#include <Eigen/Core>

namespace greenfront::pareto::linalg {

/// Σ a_i b_i with four fixed partial sums (i mod 4), added as (s0 + s1) + (s2 + s3): four
/// independent chains run ~4x faster than one, and the order is still fixed by the code.
double dot(const double* a, const double* b, Eigen::Index len);

/// In-place lower Cholesky factor of the n×n matrix m (Golub & Van Loan 2013, "Matrix
/// Computations", 4th ed., Alg. 4.2.2, left-looking by columns): the lower triangle is read,
/// the strict upper triangle left untouched. n³/6 multiply-adds. Returns false at the first
/// pivot <= tolerance (or not finite); with `semidefinite` such a pivot zeroes its column
/// instead, giving the factor of a nearby semidefinite matrix.
bool cholesky_in_place(Eigen::MatrixXd& m, bool semidefinite = false, double tolerance = 0.0);

/// v ← L⁻¹ v by forward substitution, given v[0, start) = 0 (those rows are skipped).
/// n²/2 multiply-adds (fewer with `start`).
void forward_substitute(const Eigen::MatrixXd& l, double* v, Eigen::Index start = 0);

/// The same solve for `count` right-hand sides side by side: entry i of right-hand side c is
/// v[i · stride + c] (count <= stride). Each right-hand side gets exactly the operations of
/// forward_substitute(l, ·), so results do not depend on `count` or on the other columns;
/// the innermost loops run along the contiguous c, one pass over L serves them all.
void forward_substitute_block(const Eigen::MatrixXd& l, double* v, Eigen::Index stride,
                              Eigen::Index count);

/// v ← L⁻ᵀ v by back substitution (Lᵀ's rows are L's contiguous columns). n²/2 multiply-adds.
void backward_substitute(const Eigen::MatrixXd& l, double* v);

/// M = L⁻¹ (lower triangular), column j by forward substitution on e_j: n³/6 multiply-adds.
/// The strict upper triangle of m is set to 0.
void invert_lower(const Eigen::MatrixXd& l, Eigen::MatrixXd& m);

/// The lower triangle (j <= i) of MᵀM for lower-triangular M, i.e. K⁻¹ = L⁻ᵀL⁻¹ from M = L⁻¹:
/// out(i, j) = Σ_{t = i}^{n−1} M(t, i) M(t, j), t ascending. n³/6 multiply-adds; the strict
/// upper triangle of out is left as it was (out must be n×n).
void lower_gram_of_lower(const Eigen::MatrixXd& m, Eigen::MatrixXd& out);

/// l = Cholesky factor of k; while that fails and `jitter` is set, retries with 1e-8, 1e-7,
/// ..., 1e-2 × mean(diag k) added to the diagonal (7 steps). False if every try failed (or
/// the mean diagonal is not positive and finite).
bool factor_with_jitter(const Eigen::MatrixXd& k, Eigen::MatrixXd& l, bool jitter);

}  // namespace greenfront::pareto::linalg
