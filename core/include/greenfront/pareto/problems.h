// Standard multi-objective test problems, all minimized, with their reference points and
// optimal hypervolumes (/work/shared/cases/pareto.md), for tests and benchmarks.
//
//   ZDT1-3      Zitzler, Deb & Thiele 2000, "Comparison of multiobjective evolutionary
//               algorithms: empirical results", Evolutionary Computation 8(2).
//   DTLZ1-2     Deb, Thiele, Laumanns & Zitzler 2005, "Scalable test problems for
//               evolutionary multiobjective optimization".
//   BraninCurrin  Branin (rescaled from [-5,10]x[0,15] to [0,1]^2) and Currin et al. 1991,
//               as paired in BoTorch (Belakaria et al. 2019).
//   VehicleSafety Liao et al. 2008 crash-worthiness response surfaces, via Tanabe &
//               Ishibuchi 2020, "An easy-to-use real-world multi-objective optimization
//               problem suite".
//
// The formulas use only + - * /, sqrt and greenfront::portable math, so evaluations are
// bit-identical natively and in wasm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/pareto/points.h"
#include "greenfront/pareto/space.h"

namespace greenfront::pareto {

/// A box-bounded test problem with a known (or well estimated) optimal hypervolume.
struct Problem {
  enum class Id { zdt1, zdt2, zdt3, dtlz1, dtlz2, branin_currin, vehicle_safety };

  Id id = Id::zdt1;
  std::string name;  ///< canonical name: "zdt1", "dtlz2", "branin_currin", ...
  std::size_t num_variables = 0;
  std::size_t num_objectives = 0;
  std::vector<double> lower, upper;     ///< box bounds, one per variable
  std::vector<double> reference_point;  ///< hypervolume reference (pareto.md)
  double max_hypervolume = 0.0;         ///< optimal hypervolume at reference_point

  /// The objective vector (num_objectives values, minimized) at `x`. An `x` of the wrong
  /// size gives NaNs; values outside the bounds are clamped into them first.
  std::vector<double> evaluate(const std::vector<double>& x) const;
  /// The box as a Space of continuous variables "x1".."xd".
  Space space() const;
};

/// The problem by name (case-insensitive; "-" and "_" ignored, so "BraninCurrin" and
/// "branin_currin" both work). `num_variables` / `num_objectives` of 0 take the defaults:
/// ZDT d = 30; DTLZ M = 2 and d = M + 4 (DTLZ1) or M + 9 (DTLZ2), Deb et al.'s k = 5 and
/// 10. Empty when the name is unknown or the sizes are not supported (ZDT: d >= 2, M = 2;
/// DTLZ: 2 <= M <= 16, d >= M; BraninCurrin d = 2, M = 2; VehicleSafety d = 5, M = 3;
/// d <= 1000 everywhere).
std::optional<Problem> make_problem(const std::string& name, std::size_t num_variables = 0,
                                    std::size_t num_objectives = 0);

/// The canonical names make_problem accepts.
std::vector<std::string> problem_names();

/// `n` points exactly on the problem's Pareto front (up to rounding), for checking
/// optimal hypervolumes. ZDT1/2 and 2-objective DTLZ: evenly spaced along the front in
/// the first objective (DTLZ2: in angle); ZDT3: spread over its five segments (the left
/// end of each later segment is dominated and left out); DTLZ with M >= 3: uniform random
/// on the simplex / sphere orthant from `seed`. Empty for BraninCurrin and VehicleSafety,
/// whose fronts have no closed form.
Points pareto_front_sample(const Problem& problem, std::size_t n, std::uint64_t seed = 1);

/// sin(x) from portable::cos (std::sin may differ between libms); absolute error below
/// 1e-14 for |x| <= 64, about an ulp for |x| <= pi/4 (sin(0) = 0 exactly), and
/// sin(-x) == -sin(x) exactly.
double portable_sin(double x);

}  // namespace greenfront::pareto
