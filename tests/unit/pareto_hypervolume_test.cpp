#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "greenfront/pareto/hypervolume.h"
#include "greenfront/random.h"

using namespace greenfront;
using namespace greenfront::pareto;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

Points uniform_points(Rng& rng, std::size_t n, std::size_t d, double hi) {
  Points p(d);
  for (std::size_t i = 0; i < n * d; ++i) p.values.push_back(hi * rng.uniform01());
  return p;
}

/// Integers 0..levels (inclusive, so some rows sit on a reference of `levels`), with
/// duplicates.
Points integer_points(Rng& rng, std::size_t n, std::size_t d, unsigned levels) {
  Points p(d);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && rng.uniform01() < 0.1) {
      p.push_back(p.row(static_cast<std::size_t>(rng.uniform01() * double(i))));
      continue;
    }
    for (std::size_t k = 0; k < d; ++k)
      p.values.push_back(std::floor(rng.uniform01() * (levels + 1)));
  }
  return p;
}

/// Points on the positive unit sphere: mutually non-dominated.
Points sphere_points(Rng& rng, std::size_t n, std::size_t d) {
  Points p(d);
  std::vector<double> v(d);
  for (std::size_t i = 0; i < n; ++i) {
    double norm2 = 0.0;
    for (double& x : v) x = std::fabs(rng.normal()), norm2 += x * x;
    for (double& x : v) x /= std::sqrt(norm2);
    p.push_back(v);
  }
  return p;
}

/// Inclusion–exclusion over all subsets of the counted points: HV = Σ_S (-1)^{|S|+1}
/// vol(box from the componentwise max of S to the reference).
double inclusion_exclusion(const Points& p, const std::vector<double>& ref) {
  std::vector<std::size_t> in;
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < p.dims; ++k) ok = ok && p.at(i, k) < ref[k];
    if (ok) in.push_back(i);
  }
  double total = 0.0;
  for (std::size_t mask = 1; mask < (std::size_t{1} << in.size()); ++mask) {
    double vol = 1.0;
    int bits = 0;
    for (std::size_t k = 0; k < p.dims; ++k) {
      double worst = -std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < in.size(); ++j)
        if (mask >> j & 1) worst = std::max(worst, p.at(in[j], k));
      vol *= ref[k] - worst;
    }
    for (std::size_t j = 0; j < in.size(); ++j) bits += (mask >> j) & 1;
    total += bits % 2 == 1 ? vol : -vol;
  }
  return total;
}

/// Counts the unit cells [c, c+1) of {0..levels-1}^d that some integer point weakly
/// dominates (p <= c): the exact hypervolume against the reference (levels, ..., levels).
double grid_count(const Points& p, unsigned levels) {
  const std::size_t d = p.dims;
  std::vector<unsigned> c(d, 0);
  double count = 0.0;
  for (;;) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      std::size_t k = 0;
      while (k < d && p.at(i, k) <= c[k]) ++k;
      if (k == d) {
        count += 1.0;
        break;
      }
    }
    std::size_t k = 0;
    while (k < d && ++c[k] == levels) c[k++] = 0;
    if (k == d) return count;
  }
}

Points without(const Points& p, std::size_t skip) {
  Points out(p.dims);
  for (std::size_t i = 0; i < p.size(); ++i)
    if (i != skip) out.push_back(p.row(i));
  return out;
}

double binomial(unsigned n, unsigned k) {
  double b = 1.0;
  for (unsigned i = 1; i <= k; ++i) b = b * (n - k + i) / i;
  return b;
}

}  // namespace

TEST_CASE("hypervolume matches inclusion-exclusion on small sets", "[pareto][hv]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    Rng rng(seed);
    const std::size_t d = 1 + seed % 6;
    const std::size_t n = 1 + static_cast<std::size_t>(rng.uniform01() * 10);
    const Points p = uniform_points(rng, n, d, 1.15);  // some rows fall outside
    const std::vector<double> ref(d, 1.0);
    const double expect = inclusion_exclusion(p, ref);
    INFO("seed " << seed << " d " << d << " n " << n);
    // Inclusion–exclusion cancels up to 2^10 terms of size <= 1: error below 1e-12.
    CHECK(hypervolume(p, ref) == Approx(expect).margin(1e-12));
    for (std::size_t base = 1; base <= 3; ++base)
      CHECK(detail::hypervolume_wfg(p, ref, base) == Approx(expect).margin(1e-12));
  }
}

TEST_CASE("hypervolume of integer points equals the grid count", "[pareto][hv]") {
  // Integer coordinates keep every partial volume an exact double, so equality is exact.
  struct Case {
    std::size_t d, n;
    unsigned levels;
  };
  for (const Case& c :
       {Case{2, 60, 30}, Case{3, 50, 12}, Case{4, 40, 7}, Case{5, 40, 5}, Case{6, 30, 4}}) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      Rng rng(seed * 31 + c.d);
      const Points p = integer_points(rng, c.n, c.d, c.levels);
      const std::vector<double> ref(c.d, c.levels);
      const double expect = grid_count(p, c.levels);
      INFO("d " << c.d << " seed " << seed);
      CHECK(hypervolume(p, ref) == expect);
      CHECK(detail::hypervolume_wfg(p, ref, 3) == expect);
      CHECK(detail::hypervolume_wfg(p, ref, 2) == expect);
    }
  }
}

TEST_CASE("analytic hypervolumes of regular fronts", "[pareto][hv]") {
  // n + 1 points on f1 + f2 = 1 at f1 = i/n, reference (1, 1). The ends touch the
  // reference and do not count; sorted by f1, point i adds a slab of height 1/n and width
  // 1 - i/n: Σ_{i=1}^{n-1} (1 - i/n)/n = (n - 1)/(2n) = 1/2 - 1/(2n).
  for (int n : {1, 2, 10, 1000}) {
    Points line(2);
    for (int i = 0; i <= n; ++i) line.push_back({double(i) / n, double(n - i) / n});
    CHECK(hypervolume(line, {1, 1}) == Approx(0.5 - 0.5 / n).epsilon(1e-13));
  }
  // Lattice simplex {a >= 0 integer, Σa = n} against (n, ..., n): the unit cell at corner c
  // is dominated iff Σc >= n, and C(n + d - 1, d) cells have Σc <= n - 1, so
  // HV = n^d - C(n + d - 1, d): d=3,n=10: 1000 - 220; d=6,n=4: 4096 - 126.
  for (unsigned d = 2; d <= 6; ++d) {
    const unsigned n = d == 2 ? 50 : (d == 3 ? 10 : (d == 4 ? 8 : (d == 5 ? 6 : 4)));
    Points simplex(d);
    std::vector<double> a(d, 0.0);
    std::vector<unsigned> c(d, 0);
    for (;;) {  // all of {0..n}^d, keeping those summing to n
      unsigned sum = 0;
      for (std::size_t k = 0; k < d; ++k) sum += c[k], a[k] = c[k];
      if (sum == n) simplex.push_back(a);
      std::size_t k = 0;
      while (k < d && ++c[k] == n + 1) c[k++] = 0;
      if (k == d) break;
    }
    double cells = 1.0;
    for (unsigned k = 0; k < d; ++k) cells *= n;
    const double expect = cells - binomial(n + d - 1, d);
    INFO("d " << d);
    CHECK(hypervolume(simplex, std::vector<double>(d, n)) == expect);
  }
  // DTLZ2 (pareto.md): the quarter circle against (1.1, 1.1) has HV 1.21 - π/4. A staircase
  // of N points on it misses about N·(π/2N)²/2 ≈ 6e-4 for N = 2000, and never exceeds it.
  Points arc(2);
  const int count = 2000;
  for (int i = 0; i < count; ++i) {
    const double theta = kPi / 2 * i / (count - 1);
    arc.push_back({portable::cos(theta), portable::cos(kPi / 2 - theta)});
  }
  const double hv = hypervolume(arc, {1.1, 1.1});
  CHECK(hv < 1.21 - kPi / 4);
  CHECK(hv > 1.21 - kPi / 4 - 1e-3);
}

TEST_CASE("the sweeps and the WFG recursion agree", "[pareto][hv]") {
  // Non-dominated sphere points: the 3-D and 4-D sweeps against WFG sliced further down.
  Rng rng(2024);
  const Points s3 = sphere_points(rng, 400, 3);
  const std::vector<double> r3(3, 1.1);
  CHECK(hypervolume(s3, r3) == Approx(detail::hypervolume_wfg(s3, r3, 2)).epsilon(1e-12));
  const Points s4 = sphere_points(rng, 200, 4);
  const std::vector<double> r4(4, 1.1);
  CHECK(hypervolume(s4, r4) == Approx(detail::hypervolume_wfg(s4, r4, 3)).epsilon(1e-12));
  CHECK(hypervolume(s4, r4) == Approx(detail::hypervolume_wfg(s4, r4, 2)).epsilon(1e-12));
  const Points s6 = sphere_points(rng, 40, 6);
  const std::vector<double> r6(6, 1.1);
  CHECK(hypervolume(s6, r6) == Approx(detail::hypervolume_wfg(s6, r6, 2)).epsilon(1e-12));
  // Many ties and dominated points: integers, exact.
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    Rng g(seed);
    const Points p = integer_points(g, 300, 4, 9);
    const std::vector<double> ref(4, 9);
    CHECK(hypervolume(p, ref) == detail::hypervolume_wfg(p, ref, 2));
  }
}

TEST_CASE("hypervolume ignores order and never shrinks when points are added", "[pareto][hv]") {
  for (std::size_t d = 2; d <= 5; ++d) {
    Rng rng(40 + d);
    const Points p = uniform_points(rng, 50, d, 1.0);
    const std::vector<double> ref(d, 1.0);
    std::vector<std::size_t> perm(p.size());
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    for (std::size_t i = perm.size() - 1; i > 0; --i)
      std::swap(perm[i], perm[static_cast<std::size_t>(rng.uniform01() * double(i + 1))]);
    const double all = hypervolume(p, ref);
    CHECK(hypervolume(p.subset(perm), ref) == Approx(all).epsilon(1e-13));
    // Adding a point adds its exclusive volume >= 0 (slack for the summation order).
    Points grown(d);
    double prev = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      grown.push_back(p.row(perm[i]));
      const double now = hypervolume(grown, ref);
      CHECK(now >= prev - 1e-13);
      prev = now;
    }
    CHECK(prev == Approx(all).epsilon(1e-13));
  }
}

TEST_CASE("2-D contributions of a staircase by hand", "[pareto][hv]") {
  // (1,3) (2,2) (3,1) against (4,4): each owns the unit square up to its neighbours.
  Points p(2, {2, 2, 1, 3, 3, 1});
  CHECK(hypervolume_contributions(p, {4, 4}) == std::vector<double>{1, 1, 1});
  // (2.5, 2.5) is dominated by (2,2) alone and takes a 0.5 × 0.5 corner of its square;
  // (3.5, 3.5) is dominated by everyone and changes nothing; a twin of (3,1) zeroes both.
  p.push_back({2.5, 2.5});
  p.push_back({3.5, 3.5});
  CHECK(hypervolume_contributions(p, {4, 4}) == std::vector<double>{0.75, 1, 1, 0, 0});
  p.push_back({3, 1});
  CHECK(hypervolume_contributions(p, {4, 4}) == std::vector<double>{0.75, 1, 0, 0, 0, 0});
}

TEST_CASE("each contribution is the volume lost by removing the point", "[pareto][hv]") {
  // Exact on integer points (duplicates, dominated and outside rows included).
  for (std::size_t d = 1; d <= 5; ++d) {
    for (std::uint64_t seed = 1; seed <= (d <= 3 ? 25u : 8u); ++seed) {
      Rng rng(seed * 13 + d);
      const std::size_t n = 1 + static_cast<std::size_t>(rng.uniform01() * (d <= 3 ? 40 : 20));
      const unsigned levels = d == 1 ? 20 : (d == 2 ? 15 : 6);
      const Points p = integer_points(rng, n, d, levels);
      const std::vector<double> ref(d, levels);
      const double all = hypervolume(p, ref);
      const std::vector<double> c = hypervolume_contributions(p, ref);
      REQUIRE(c.size() == n);
      for (std::size_t i = 0; i < n; ++i) {
        INFO("d " << d << " seed " << seed << " point " << i);
        CHECK(c[i] == all - hypervolume(without(p, i), ref));
      }
    }
  }
  // Continuous, non-dominated: every point contributes, within round-off of the difference.
  for (std::size_t d = 3; d <= 4; ++d) {
    Rng rng(99 + d);
    const Points s = sphere_points(rng, d == 3 ? 150 : 40, d);
    const std::vector<double> ref(d, 1.1);
    const double all = hypervolume(s, ref);
    const std::vector<double> c = hypervolume_contributions(s, ref);
    for (std::size_t i = 0; i < s.size(); ++i) {
      CHECK(c[i] > 0.0);
      CHECK(c[i] == Approx(all - hypervolume(without(s, i), ref)).margin(1e-13));
    }
  }
}

TEST_CASE("Monte-Carlo estimate lands within four standard errors", "[pareto][hv]") {
  for (std::size_t d : {2u, 3u, 6u}) {
    Rng rng(5 + d);
    const Points s = sphere_points(rng, 30, d);
    const std::vector<double> ref(d, 1.1);
    const double exact = hypervolume(s, ref);
    const MonteCarloHypervolume mc = hypervolume_monte_carlo(s, ref, 20000, 42);
    INFO("d " << d << " exact " << exact << " mc " << mc.estimate << " se " << mc.standard_error);
    CHECK(mc.samples == 20000);
    CHECK(mc.standard_error > 0.0);
    CHECK(std::fabs(mc.estimate - exact) < 4 * mc.standard_error);
    const MonteCarloHypervolume again = hypervolume_monte_carlo(s, ref, 20000, 42);
    CHECK(again.estimate == mc.estimate);  // seeded: reproducible to the bit
  }
  const Points outside(2, {2, 2});
  CHECK(hypervolume_monte_carlo(outside, {1, 1}, 100, 1).estimate == 0.0);
  // Without the front filter every counted row is scanned: a dominated row covers no sample
  // its dominator misses and the ideal point is the front's, so the estimate is the same
  // to the bit. (30 sphere points plus 30 copies pushed outwards by 0.05, all dominated.)
  Rng rng(77);
  Points mixed = sphere_points(rng, 30, 5);
  for (std::size_t i = 0; i < 30; ++i) {
    std::vector<double> worse(mixed.row(i), mixed.row(i) + 5);
    for (double& v : worse) v += 0.05;
    mixed.push_back(worse);
  }
  const std::vector<double> ref5(5, 1.1);
  const MonteCarloHypervolume filtered = hypervolume_monte_carlo(mixed, ref5, 5000, 9);
  const MonteCarloHypervolume unfiltered = hypervolume_monte_carlo(mixed, ref5, 5000, 9, false);
  CHECK(unfiltered.estimate == filtered.estimate);
  CHECK(unfiltered.standard_error == filtered.standard_error);
  CHECK(hypervolume_monte_carlo(outside, {1, 1}, 100, 1).samples == 0);
}

TEST_CASE("hypervolume of odd input is sensible", "[pareto][hv]") {
  CHECK(hypervolume(Points(), {}) == 0.0);
  CHECK(hypervolume(Points(2), {1, 1}) == 0.0);
  const Points p(2, {0, 0, 0.5, kNaN});
  CHECK(hypervolume(p, {1, 1}) == 1.0);  // the NaN row does not count
  CHECK(hypervolume(p, {1}) == 0.0);     // wrong reference length
  CHECK(hypervolume(p, {1, kNaN}) == 0.0);
  CHECK(hypervolume(Points(2, {1, 0.5}), {1, 1}) == 0.0);  // on the reference: outside
  CHECK(hypervolume(Points(1, {3, 1, 2}), {4}) == 3.0);
  CHECK(hypervolume_contributions(Points(1, {3, 1, 2}), {4}) == std::vector<double>{0, 1, 0});
  CHECK(hypervolume_contributions(p, {1}) == std::vector<double>{0, 0});
  CHECK(hypervolume_contributions(Points(3, {0.5, 0.5, 0.5}), {1, 1, 1}) ==
        std::vector<double>{0.125});
  // Identical points: the volume once, contributions zero.
  const Points twins(4, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
  CHECK(hypervolume(twins, {1, 1, 1, 1}) == 0.0625);
  CHECK(hypervolume_contributions(twins, {1, 1, 1, 1}) == std::vector<double>{0, 0});
}
