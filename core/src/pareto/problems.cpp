// Standard test problems (formulas in problems.h's references; written from the papers'
// definitions and checked against BoTorch's and pymoo's conventions).
#include "greenfront/pareto/problems.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "greenfront/random.h"

namespace greenfront::pareto {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kHalfPi = 1.5707963267948966;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxDimensions = 1000;
constexpr std::size_t kMaxDtlzObjectives = 16;

std::string canonical(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// g of ZDT1-3: 1 + 9 * mean(x_1..x_{d-1}); 1 on the front.
double zdt_g(const std::vector<double>& x) {
  double sum = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i) sum += x[i];
  return 1.0 + 9.0 * sum / static_cast<double>(x.size() - 1);
}

std::vector<double> zdt(Problem::Id id, const std::vector<double>& x) {
  const double f1 = x[0];
  const double g = zdt_g(x);
  const double r = f1 / g;
  double h;
  if (id == Problem::Id::zdt1) {
    h = 1.0 - std::sqrt(r);
  } else if (id == Problem::Id::zdt2) {
    h = 1.0 - r * r;
  } else {
    // The standard form with the g factor on the whole bracket (Zitzler et al. 2000);
    // BoTorch drops it, which changes nothing on the front (g = 1) but elsewhere does.
    h = 1.0 - std::sqrt(r) - r * portable_sin(10.0 * kPi * f1);
  }
  return {f1, g * h};
}

// DTLZ: the last k = d - M + 1 variables are the distance variables, the first M - 1 the
// position on the front. f_0 has no sine factor and f_{M-1} depends on x_0 only.
std::vector<double> dtlz(Problem::Id id, const std::vector<double>& x, std::size_t m) {
  const std::size_t d = x.size();
  double g = 0.0;
  for (std::size_t i = m - 1; i < d; ++i) {
    const double t = x[i] - 0.5;
    g += id == Problem::Id::dtlz1 ? t * t - portable::cos(20.0 * kPi * t) : t * t;
  }
  if (id == Problem::Id::dtlz1) g = 100.0 * (static_cast<double>(d - m + 1) + g);
  std::vector<double> f(m);
  for (std::size_t j = 0; j < m; ++j) {
    const std::size_t last = m - 1 - j;  // position variables x_0..x_{last-1} enter as products
    double v = id == Problem::Id::dtlz1 ? 0.5 * (1.0 + g) : 1.0 + g;
    for (std::size_t i = 0; i < last; ++i) {
      v *= id == Problem::Id::dtlz1 ? x[i] : portable::cos(x[i] * kHalfPi);
    }
    if (j > 0) {
      v *= id == Problem::Id::dtlz1 ? 1.0 - x[last] : portable_sin(x[last] * kHalfPi);
    }
    f[j] = v;
  }
  return f;
}

std::vector<double> branin_currin(const std::vector<double>& x) {
  // Branin on [-5, 10] x [0, 15]: a = 1, b = 5.1/(4 pi^2), c = 5/pi, r = 6, s = 10,
  // t = 1/(8 pi); three global minima of 0.397887 (Dixon & Szego 1978).
  const double u = 15.0 * x[0] - 5.0, v = 15.0 * x[1];
  const double b = 5.1 / (4.0 * kPi * kPi), c = 5.0 / kPi, t = 1.0 / (8.0 * kPi);
  const double q = v - b * u * u + c * u - 6.0;
  const double branin = q * q + 10.0 * (1.0 - t) * portable::cos(u) + 10.0;
  // Currin et al. 1991 exponential function on [0,1]^2; at x1 = 0 the factor is 1
  // (the limit; 1 / 0 = inf and portable::exp(-inf) = 0 give exactly that).
  const double x0 = x[0], x1 = x[1];
  const double factor = 1.0 - portable::exp(-1.0 / (2.0 * x1));
  const double x0_2 = x0 * x0, x0_3 = x0_2 * x0;
  const double numerator = 2300.0 * x0_3 + 1900.0 * x0_2 + 2092.0 * x0 + 60.0;
  const double denominator = 100.0 * x0_3 + 500.0 * x0_2 + 4.0 * x0 + 20.0;
  return {branin, factor * numerator / denominator};
}

std::vector<double> vehicle_safety(const std::vector<double>& x) {
  // Mass, acceleration in a full frontal crash, and toe-board intrusion in an offset
  // frontal crash, as quadratic response surfaces of five panel thicknesses (mm).
  const double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4];
  const double mass = 1640.2823 + 2.3573285 * x1 + 2.3220035 * x2 + 4.5688768 * x3 +
                      7.7213633 * x4 + 4.4559504 * x5;
  const double acceleration = 6.5856 + 1.15 * x1 - 1.0427 * x2 + 0.9738 * x3 + 0.8364 * x4 -
                              0.3695 * x1 * x4 + 0.0861 * x1 * x5 + 0.3628 * x2 * x4 -
                              0.1106 * x1 * x1 - 0.3437 * x3 * x3 + 0.1764 * x4 * x4;
  const double intrusion = -0.0551 + 0.0181 * x1 + 0.1024 * x2 + 0.0421 * x3 - 0.0073 * x1 * x2 +
                           0.024 * x2 * x3 - 0.0118 * x2 * x4 - 0.0204 * x3 * x4 - 0.008 * x3 * x5 -
                           0.0241 * x2 * x2 + 0.0109 * x4 * x4;
  return {mass, acceleration, intrusion};
}

double factorial(std::size_t m) {
  double f = 1.0;
  for (std::size_t i = 2; i <= m; ++i) f *= static_cast<double>(i);
  return f;
}

// Volume of the unit ball in R^m: V_0 = 1, V_1 = 2, V_m = V_{m-2} * 2 pi / m.
double unit_ball_volume(std::size_t m) {
  double v = (m % 2 == 0) ? 1.0 : 2.0;
  for (std::size_t i = (m % 2 == 0) ? 2 : 3; i <= m; i += 2)
    v *= 2.0 * kPi / static_cast<double>(i);
  return v;
}

double power(double base, std::size_t exponent) {
  double p = 1.0;
  for (std::size_t i = 0; i < exponent; ++i) p *= base;
  return p;
}

Problem box(Problem::Id id, std::string name, std::size_t d, std::size_t m, double lo, double hi) {
  Problem p;
  p.id = id;
  p.name = std::move(name);
  p.num_variables = d;
  p.num_objectives = m;
  p.lower.assign(d, lo);
  p.upper.assign(d, hi);
  return p;
}

}  // namespace

double portable_sin(double x) {
  const double ax = x < 0 ? -x : x;
  if (ax <= 0.7853981633974483) {
    // Taylor to x^21: the first omitted term is < 1e-22 at pi/4, and sin(0) stays 0.
    const double z = x * x;
    double p = 1.0 / 51090942171709440000.0;  // 1/21!
    p = -1.0 / 121645100408832000.0 + z * p;  // -1/19!
    p = 1.0 / 355687428096000.0 + z * p;      // 1/17!
    p = -1.0 / 1307674368000.0 + z * p;       // -1/15!
    p = 1.0 / 6227020800.0 + z * p;           // 1/13!
    p = -1.0 / 39916800.0 + z * p;            // -1/11!
    p = 1.0 / 362880.0 + z * p;               // 1/9!
    p = -1.0 / 5040.0 + z * p;                // -1/7!
    p = 1.0 / 120.0 + z * p;                  // 1/5!
    p = -1.0 / 6.0 + z * p;                   // -1/3!
    return x + x * z * p;
  }
  // Beyond pi/4 the shift |x| - pi/2 rounds by at most half an ulp of x, an absolute
  // error of ~7e-15 at |x| = 64, well inside what any test problem needs. Working on |x|
  // keeps sin(-x) == -sin(x) exactly.
  const double s = portable::cos(ax - kHalfPi);
  return x < 0 ? -s : s;
}

std::vector<double> Problem::evaluate(const std::vector<double>& x) const {
  // A hand-built Problem with sizes its formula cannot take gets NaNs, not a bad read.
  bool sizes_ok =
      x.size() == num_variables && lower.size() == num_variables && upper.size() == num_variables;
  switch (id) {
    case Id::zdt1:
    case Id::zdt2:
    case Id::zdt3:
      sizes_ok = sizes_ok && num_variables >= 2 && num_objectives == 2;
      break;
    case Id::dtlz1:
    case Id::dtlz2:
      sizes_ok = sizes_ok && num_objectives >= 2 && num_variables >= num_objectives;
      break;
    case Id::branin_currin:
      sizes_ok = sizes_ok && num_variables == 2 && num_objectives == 2;
      break;
    default:
      sizes_ok = sizes_ok && num_variables == 5 && num_objectives == 3;
  }
  if (!sizes_ok) return std::vector<double>(num_objectives, kNaN);
  std::vector<double> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    y[i] = !(v >= lower[i]) ? lower[i] : (v > upper[i] ? upper[i] : v);  // NaN -> lower
  }
  switch (id) {
    case Id::zdt1:
    case Id::zdt2:
    case Id::zdt3:
      return zdt(id, y);
    case Id::dtlz1:
    case Id::dtlz2:
      return dtlz(id, y, num_objectives);
    case Id::branin_currin:
      return branin_currin(y);
    default:
      return vehicle_safety(y);
  }
}

Space Problem::space() const {
  std::vector<Variable> variables;
  for (std::size_t i = 0; i < num_variables && i < lower.size() && i < upper.size(); ++i) {
    variables.push_back(Variable::continuous("x" + std::to_string(i + 1), lower[i], upper[i]));
  }
  return Space(std::move(variables));
}

std::vector<std::string> problem_names() {
  return {"zdt1", "zdt2", "zdt3", "dtlz1", "dtlz2", "branin_currin", "vehicle_safety"};
}

std::optional<Problem> make_problem(const std::string& name, std::size_t num_variables,
                                    std::size_t num_objectives) {
  const std::string key = canonical(name);
  if (num_variables > kMaxDimensions) return std::nullopt;
  if (key == "zdt1" || key == "zdt2" || key == "zdt3") {
    const std::size_t d = num_variables == 0 ? 30 : num_variables;
    if (d < 2 || (num_objectives != 0 && num_objectives != 2)) return std::nullopt;
    const Problem::Id id = key == "zdt1"   ? Problem::Id::zdt1
                           : key == "zdt2" ? Problem::Id::zdt2
                                           : Problem::Id::zdt3;
    Problem p = box(id, key, d, 2, 0.0, 1.0);
    p.reference_point = {11.0, 11.0};
    // Area under the front within [0,1]: 2/3 (ZDT1), 1/3 (ZDT2); ZDT3's from pareto.md.
    p.max_hypervolume = id == Problem::Id::zdt1   ? 120.0 + 2.0 / 3.0
                        : id == Problem::Id::zdt2 ? 120.0 + 1.0 / 3.0
                                                  : 128.77811613069076;
    return p;
  }
  if (key == "dtlz1" || key == "dtlz2") {
    const bool one = key == "dtlz1";
    const std::size_t m = num_objectives == 0 ? 2 : num_objectives;
    if (m < 2 || m > kMaxDtlzObjectives) return std::nullopt;
    const std::size_t d = num_variables == 0 ? m + (one ? 4 : 9) : num_variables;
    if (d < m) return std::nullopt;
    Problem p = box(one ? Problem::Id::dtlz1 : Problem::Id::dtlz2, key, d, m, 0.0, 1.0);
    const double ref = one ? 400.0 : 1.1;
    p.reference_point.assign(m, ref);
    // The box minus what the front cuts off at the origin: the simplex sum f <= 1/2
    // (volume (1/2)^M / M!) for DTLZ1, the unit-ball orthant (V_M / 2^M) for DTLZ2.
    p.max_hypervolume = one ? power(ref, m) - power(0.5, m) / factorial(m)
                            : power(ref, m) - unit_ball_volume(m) / power(2.0, m);
    return p;
  }
  if (key == "branincurrin") {
    if ((num_variables != 0 && num_variables != 2) ||
        (num_objectives != 0 && num_objectives != 2)) {
      return std::nullopt;
    }
    Problem p = box(Problem::Id::branin_currin, "branin_currin", 2, 2, 0.0, 1.0);
    p.reference_point = {18.0, 6.0};
    // pareto.md: a dense search reaches 59.4056 (BoTorch's NSGA-II figure is 59.3601).
    p.max_hypervolume = 59.406;
    return p;
  }
  if (key == "vehiclesafety") {
    if ((num_variables != 0 && num_variables != 5) ||
        (num_objectives != 0 && num_objectives != 3)) {
      return std::nullopt;
    }
    Problem p = box(Problem::Id::vehicle_safety, "vehicle_safety", 5, 3, 1.0, 3.0);
    p.reference_point = {1864.72022, 11.81993945, 0.2903999384};
    p.max_hypervolume = 246.81607081187002;
    return p;
  }
  return std::nullopt;
}

Points pareto_front_sample(const Problem& problem, std::size_t n, std::uint64_t seed) {
  const std::size_t m = problem.num_objectives;
  Points front(m);
  if (n == 0) return front;
  // Evenly spaced t in [0, 1], t = 0 alone for n = 1.
  const auto grid = [n](std::size_t i) {
    return n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
  };
  switch (problem.id) {
    case Problem::Id::zdt1:
    case Problem::Id::zdt2:
      for (std::size_t i = 0; i < n; ++i) {
        const double t = grid(i);
        front.push_back({t, problem.id == Problem::Id::zdt1 ? 1.0 - std::sqrt(t) : 1.0 - t * t});
      }
      return front;
    case Problem::Id::zdt3: {
      // The five segments of f1 where 1 - sqrt(f1) - f1 sin(10 pi f1) reaches a new minimum
      // (each right end is a local minimum, each left end matches the previous minimum).
      // Values to 10 digits; the tests check no sample point is dominated by the curve.
      static const double kParts[5][2] = {{0.0, 0.0830015349},
                                          {0.1822287280, 0.2577623634},
                                          {0.4093136748, 0.4538821041},
                                          {0.6183967944, 0.6525117038},
                                          {0.8233317983, 0.8518328654}};
      for (std::size_t part = 0; part < 5; ++part) {
        const std::size_t count = n / 5 + (part < n % 5 ? 1 : 0);
        const double left = kParts[part][0], right = kParts[part][1];
        for (std::size_t k = 0; k < count; ++k) {
          // The first segment includes its left end (f1 = 0); later ones exclude it.
          const double s =
              part == 0
                  ? (count == 1 ? 0.0 : static_cast<double>(k) / static_cast<double>(count - 1))
                  : static_cast<double>(k + 1) / static_cast<double>(count);
          const double t = left + s * (right - left);
          front.push_back({t, 1.0 - std::sqrt(t) - t * portable_sin(10.0 * kPi * t)});
        }
      }
      return front;
    }
    case Problem::Id::dtlz1:
    case Problem::Id::dtlz2: {
      const bool one = problem.id == Problem::Id::dtlz1;
      if (m == 2) {
        for (std::size_t i = 0; i < n; ++i) {
          const double t = grid(i);
          if (one) {
            front.push_back({0.5 * t, 0.5 * (1.0 - t)});
          } else {
            front.push_back({portable::cos(t * kHalfPi), portable_sin(t * kHalfPi)});
          }
        }
        return front;
      }
      // Uniform on the simplex: normalized standard exponentials (a flat Dirichlet);
      // uniform on the sphere orthant: normalized absolute normals.
      Rng rng(seed);
      std::vector<double> v(m);
      for (std::size_t i = 0; i < n; ++i) {
        double norm = 0.0;
        for (std::size_t k = 0; k < m; ++k) {
          if (one) {
            v[k] = -portable::log(1.0 - rng.uniform01());
            norm += v[k];
          } else {
            const double z = rng.normal();
            v[k] = z < 0 ? -z : z;
            norm += v[k] * v[k];
          }
        }
        norm = one ? 2.0 * norm : std::sqrt(norm);
        if (!(norm > 0.0)) {
          v.assign(m, 0.0);
          v[0] = one ? 0.5 : 1.0;
          norm = 1.0;
        }
        for (double& value : v) value /= norm;
        front.push_back(v);
      }
      return front;
    }
    default:
      return front;
  }
}

}  // namespace greenfront::pareto
