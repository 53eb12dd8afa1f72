#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "greenfront/pareto/dominance.h"
#include "greenfront/random.h"

using namespace greenfront;
using namespace greenfront::pareto;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// n random rows; `levels` > 0 draws integers 0..levels-1 (many ties), 0 draws uniform
/// [0, 1). Some rows are copies of earlier ones and, when asked, one row holds a NaN.
Points random_points(Rng& rng, std::size_t n, std::size_t d, unsigned levels, bool with_nan) {
  Points p(d);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> row(d);
    if (i > 0 && rng.uniform01() < 0.15) {
      const auto src = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(i));
      row.assign(p.row(src), p.row(src) + d);
    } else {
      for (double& v : row) v = levels > 0 ? std::floor(rng.uniform01() * levels) : rng.uniform01();
    }
    p.push_back(row);
  }
  if (with_nan && n > 0 && d > 0)
    p.row(static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)))[d - 1] = kNaN;
  return p;
}

// The oracles below are written from the definitions, independently of the library.
bool brute_dominates(const Points& p, std::size_t a, std::size_t b) {
  bool strictly = false;
  for (std::size_t k = 0; k < p.dims; ++k) {
    if (std::isnan(p.at(a, k)) || std::isnan(p.at(b, k)) || p.at(a, k) > p.at(b, k)) return false;
    if (p.at(a, k) < p.at(b, k)) strictly = true;
  }
  return strictly;
}

bool has_nan_row(const Points& p, std::size_t i) {
  for (std::size_t k = 0; k < p.dims; ++k)
    if (std::isnan(p.at(i, k))) return true;
  return false;
}

/// O(n²): a row is in the front when it has no NaN and nobody dominates it.
std::vector<std::size_t> brute_front(const Points& p, const std::vector<bool>& alive) {
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!alive[i] || has_nan_row(p, i)) continue;
    bool dominated = false;
    for (std::size_t j = 0; j < p.size() && !dominated; ++j)
      dominated = alive[j] && brute_dominates(p, j, i);
    if (!dominated) front.push_back(i);
  }
  return front;
}

/// Repeated peeling; NaN rows land one past the last front.
std::vector<std::size_t> brute_ranks(const Points& p) {
  std::vector<bool> alive(p.size(), true);
  std::vector<std::size_t> rank(p.size(), 0);
  std::size_t left = 0, r = 0;
  for (std::size_t i = 0; i < p.size(); ++i) left += has_nan_row(p, i) ? 0 : 1;
  for (; left > 0; ++r) {
    const std::vector<std::size_t> front = brute_front(p, alive);
    for (std::size_t i : front) rank[i] = r, alive[i] = false;
    left -= front.size();
  }
  for (std::size_t i = 0; i < p.size(); ++i)
    if (has_nan_row(p, i)) rank[i] = r;
  return rank;
}

}  // namespace

TEST_CASE("dominance needs no worse everywhere and better somewhere", "[pareto][dominance]") {
  const double a[] = {1, 2, 3}, b[] = {1, 2, 4}, c[] = {0, 5, 3}, nan_row[] = {kNaN, 0, 0};
  CHECK(dominates(a, b, 3));
  CHECK_FALSE(dominates(b, a, 3));
  CHECK_FALSE(dominates(a, a, 3));  // identical rows do not dominate each other
  CHECK_FALSE(dominates(a, c, 3));
  CHECK_FALSE(dominates(c, a, 3));
  CHECK_FALSE(dominates(nan_row, a, 3));
  CHECK_FALSE(dominates(a, nan_row, 3));
  CHECK_FALSE(dominates(a, b, 0));
}

TEST_CASE("the front matches brute force on small random sets", "[pareto][dominance]") {
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    Rng rng(seed);
    const std::size_t d = 1 + seed % 6;
    const std::size_t n = static_cast<std::size_t>(rng.uniform01() * 60);
    const unsigned levels = seed % 3 == 0 ? 0u : (seed % 3 == 1 ? 3u : 8u);
    const Points p = random_points(rng, n, d, levels, seed % 4 == 0);
    INFO("seed " << seed << " d " << d << " n " << n);
    CHECK(non_dominated(p) == brute_front(p, std::vector<bool>(n, true)));
  }
}

TEST_CASE("a front grown row by row is the front of every prefix", "[pareto][dominance]") {
  // Ties, copies and a NaN row; after each add() the archive must hold exactly the rows
  // brute force finds non-dominated among those added so far.
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    Rng rng(seed);
    const std::size_t d = 1 + seed % 6;
    const unsigned levels = seed % 3 == 0 ? 0u : (seed % 3 == 1 ? 3u : 8u);
    const Points p = random_points(rng, 80, d, levels, seed % 4 == 0);
    FrontArchive archive;
    for (std::size_t n = 1; n <= p.size(); ++n) {
      archive.add(p, n - 1);
      std::vector<bool> in_prefix(p.size(), false);
      std::fill(in_prefix.begin(), in_prefix.begin() + static_cast<std::ptrdiff_t>(n), true);
      std::vector<std::size_t> rows = archive.rows();
      std::sort(rows.begin(), rows.end());
      INFO("seed " << seed << " d " << d << " after " << n << " rows");
      REQUIRE(rows == brute_front(p, in_prefix));
    }
    // Its history gives the same front for every prefix after the fact.
    REQUIRE(archive.adds() == p.size());
    for (std::size_t n = 0; n <= p.size(); ++n) {
      std::vector<bool> in_prefix(p.size(), false);
      std::fill(in_prefix.begin(), in_prefix.begin() + static_cast<std::ptrdiff_t>(n), true);
      INFO("seed " << seed << " d " << d << " history after " << n << " rows");
      REQUIRE(archive.rows_after(n) == (n == 0 ? std::vector<std::size_t>{} : brute_front(p, in_prefix)));
    }
  }
}

TEST_CASE("large 2-D and 3-D fronts with ties match brute force", "[pareto][dominance]") {
  // Few levels give many tied coordinates and duplicates; uniform values give a thin front.
  for (std::size_t d = 2; d <= 4; ++d)
    for (unsigned levels : {6u, 40u, 0u}) {
      Rng rng(100 + d * 7 + levels);
      const Points p = random_points(rng, 1500, d, levels, true);
      INFO("d " << d << " levels " << levels);
      CHECK(non_dominated(p) == brute_front(p, std::vector<bool>(p.size(), true)));
    }
}

TEST_CASE("pre-filtered fronts of many points match brute force", "[pareto][dominance]") {
  // From 4096 rows on, a sample front drops rows before the exact sweep (dominance.cpp).
  for (std::size_t d = 2; d <= 3; ++d)
    for (unsigned levels : {30u, 0u}) {
      Rng rng(900 + d * 3 + levels);
      const Points p = random_points(rng, 4200, d, levels, true);
      INFO("d " << d << " levels " << levels);
      CHECK(non_dominated(p) == brute_front(p, std::vector<bool>(p.size(), true)));
    }
  // Correlated objectives: a thin front, so the sample front is small and does the pruning.
  for (std::size_t d = 3; d <= 5; ++d) {
    Rng rng(31 * d);
    Points c(d);
    for (int i = 0; i < 4500; ++i) {
      const double t = rng.uniform01();
      for (std::size_t k = 0; k < d; ++k) c.values.push_back(t + 0.05 * rng.uniform01());
    }
    INFO("correlated d " << d);
    CHECK(non_dominated(c) == brute_front(c, std::vector<bool>(c.size(), true)));
  }
  // An anti-diagonal with dominated noise above it: the sample front is large.
  Rng rng(4242);
  Points q(3);
  for (int i = 0; i < 4500; ++i) {
    const double a = rng.uniform01(), b = rng.uniform01() * (1 - a), lift = i % 3 == 0 ? 0.1 : 0;
    q.push_back({a + lift, b + lift, 1 - a - b + lift});
  }
  CHECK(non_dominated(q) == brute_front(q, std::vector<bool>(q.size(), true)));
  Points r(2);
  for (int i = 0; i < 4500; ++i)
    r.push_back({double(i % 1500), double(1500 - i % 1500 + i / 1500)});
  CHECK(non_dominated(r) == brute_front(r, std::vector<bool>(r.size(), true)));
}

TEST_CASE("a whole front of mutually non-dominated points is kept", "[pareto][dominance]") {
  // Points on x + y + z = 1 never dominate each other: all 3-D rows survive.
  Points p(3);
  for (int i = 0; i <= 20; ++i)
    for (int j = 0; i + j <= 20; ++j) p.push_back({i / 20.0, j / 20.0, (20 - i - j) / 20.0});
  CHECK(non_dominated(p).size() == p.size());
  Points q(2);
  for (int i = 0; i < 1000; ++i) q.push_back({double(i), double(999 - i)});
  CHECK(non_dominated(q).size() == 1000);
  CHECK(non_dominated_ranks(q) == std::vector<std::size_t>(1000, 0));
}

TEST_CASE("the front does not depend on the input order", "[pareto][dominance]") {
  for (std::size_t d = 2; d <= 5; ++d) {
    Rng rng(7 * d);
    const Points p = random_points(rng, 300, d, 5, false);
    std::vector<std::size_t> perm(p.size());
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    for (std::size_t i = perm.size() - 1; i > 0; --i)  // Fisher–Yates with Rng
      std::swap(perm[i], perm[static_cast<std::size_t>(rng.uniform01() * double(i + 1))]);
    const Points shuffled = p.subset(perm);
    std::vector<std::size_t> back;
    for (std::size_t j : non_dominated(shuffled)) back.push_back(perm[j]);
    std::sort(back.begin(), back.end());
    CHECK(back == non_dominated(p));
    const std::vector<std::size_t> ranks = non_dominated_ranks(p);
    const std::vector<std::size_t> shuffled_ranks = non_dominated_ranks(shuffled);
    for (std::size_t j = 0; j < perm.size(); ++j) CHECK(shuffled_ranks[j] == ranks[perm[j]]);
  }
}

TEST_CASE("ranks match repeated peeling", "[pareto][dominance]") {
  for (std::uint64_t seed = 1; seed <= 90; ++seed) {
    Rng rng(1000 + seed);
    const std::size_t d = 1 + seed % 6;
    const std::size_t n = static_cast<std::size_t>(rng.uniform01() * 70);
    const Points p = random_points(rng, n, d, seed % 2 == 0 ? 4u : 0u, seed % 5 == 0);
    INFO("seed " << seed << " d " << d << " n " << n);
    CHECK(non_dominated_ranks(p) == brute_ranks(p));
  }
  for (std::size_t d = 2; d <= 4; ++d) {  // deeper fronts
    Rng rng(77 + d);
    const Points p = random_points(rng, 600, d, 12, true);
    INFO("d " << d);
    CHECK(non_dominated_ranks(p) == brute_ranks(p));
  }
}

TEST_CASE("crowding distance of a hand-made front", "[pareto][dominance]") {
  // Ranges: f1 4, f2 5. (1,2): f1 neighbours 0 and 3 -> 3/4; f2 neighbours 1 and 5 -> 4/5;
  // sum 1.55. (3,1): f1 neighbours 1 and 4 -> 3/4; f2 neighbours 0 and 2 -> 2/5; sum 1.15.
  const Points p(2, {3, 1, 0, 5, 9, 9, 1, 2, 4, 0});
  const std::vector<double> cd = crowding_distance(p, {0, 1, 3, 4});
  REQUIRE(cd.size() == 4);
  CHECK(cd[0] == Approx(1.15).epsilon(1e-15));
  CHECK(cd[1] == kInf);
  CHECK(cd[2] == Approx(1.55).epsilon(1e-15));
  CHECK(cd[3] == kInf);
  // Two members are both ends; a NaN row or a bad index takes no part.
  CHECK(crowding_distance(p, {1, 4}) == std::vector<double>{kInf, kInf});
  const Points q(2, {0, 2, 1, 1, kNaN, 0, 2, 0});
  CHECK(crowding_distance(q, {0, 1, 2, 3, 99}) == std::vector<double>{kInf, 2.0, 0.0, kInf, 0.0});
  CHECK(crowding_distance(p, {}).empty());
}

TEST_CASE("knee of hand-made fronts", "[pareto][dominance]") {
  // Convex 2-D front, already spanning [0,1]²: the extremes' line is x + y = 1 and the gap
  // below it is (1 - x - y)/√2 = 0.5, 0.55, 0.5 for the inner points; (0.2, 0.25) wins.
  Points p(2, {0, 1, 0.1, 0.4, 0.2, 0.25, 0.4, 0.1, 1, 0});
  CHECK(knee_point(p, {0, 1, 2, 3, 4}) == 2u);
  // Normalization: rescaling an objective does not move the knee.
  Points scaled = p;
  for (std::size_t i = 0; i < scaled.size(); ++i) scaled.row(i)[1] = 100 + 250 * scaled.row(i)[1];
  CHECK(knee_point(scaled, {4, 3, 2, 1, 0}) == 2u);
  // A linear front has nothing below the line: the point closest to the ideal, (.5, .5).
  CHECK(knee_point(Points(2, {0, 1, 0.5, 0.5, 1, 0}), {0, 1, 2}) == 1u);
  // Concave: (0.8, 0.8) is above the line; the ends tie at distance 1 to the ideal, the
  // smaller row index wins.
  CHECK(knee_point(Points(2, {1, 0, 0.8, 0.8, 0, 1}), {0, 1, 2}) == 0u);
  // 3-D: extremes span x + y + z = 1; gaps (1 - 0.6)/√3 and (1 - 0.9)/√3.
  const Points t(3, {1, 0, 0, 0.5, 0.3, 0.1, 0, 1, 0, 0.2, 0.2, 0.2, 0, 0, 1});
  CHECK(knee_point(t, {0, 1, 2, 3, 4}) == 3u);
  CHECK(knee_point(t, {}) == std::nullopt);
  CHECK(knee_point(t, {1}) == 1u);
  CHECK(knee_point(t, {3, 3}) == 3u);
  CHECK(knee_point(Points(2, {kNaN, 1}), {0}) == std::nullopt);
}

TEST_CASE("epsilon filter keeps one point per non-dominated box", "[pareto][dominance]") {
  // eps = 1: boxes (0,3) (0,3) (1,1) (2,0) (1,2) (3,3). (1,2) is dominated by box (1,1),
  // (3,3) by all; rows 0 and 1 share box (0,3) and row 1 is nearer its corner (offsets
  // 0.5²+0.5² vs 0.2²+0.1²).
  const Points p(2, {0.5, 3.5, 0.2, 3.1, 1.9, 1.9, 2.5, 0.5, 1.2, 2.2, 3.5, 3.5});
  CHECK(epsilon_filter(p, {1.0, 1.0}, false) == std::vector<std::size_t>{1, 2, 3});
  // Multiplicative, eps = 1: boxes floor(log2 f). (1.2, 9) -> (0,3) with offsets (0.26,
  // 0.17); (1.5, 10) -> (0,3) with offsets (0.58, 0.32), farther; (3, 3) -> (1,1);
  // (0.7, 20) -> (-1,4); (2.5, -1) has a negative value: dropped.
  const Points m(2, {1.2, 9, 1.5, 10, 3, 3, 0.7, 20, 2.5, -1});
  CHECK(epsilon_filter(m, {1.0, 1.0}, true) == std::vector<std::size_t>{0, 2, 3});
  // eps 0 means plain dominance.
  CHECK(epsilon_filter(p, {0.0, 0.0}, false) == non_dominated(p));
}

TEST_CASE("epsilon filter matches its definition on random sets", "[pareto][dominance]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Rng rng(500 + seed);
    const std::size_t d = 2 + seed % 3;
    const Points p = random_points(rng, 80, d, 0, false);
    std::vector<double> eps(d);
    for (double& e : eps) e = 0.05 + 0.2 * rng.uniform01();
    // Oracle: box of each row, rows whose box no other box dominates, best per box by
    // (squared offset in box widths, row index).
    Points boxes(d);
    std::vector<double> off(p.size(), 0.0);
    for (std::size_t i = 0; i < p.size(); ++i) {
      std::vector<double> b(d);
      for (std::size_t k = 0; k < d; ++k) {
        b[k] = std::floor(p.at(i, k) / eps[k]);
        off[i] += (p.at(i, k) / eps[k] - b[k]) * (p.at(i, k) / eps[k] - b[k]);
      }
      boxes.push_back(b);
    }
    std::vector<std::size_t> expect;
    for (std::size_t i = 0; i < p.size(); ++i) {
      bool keep = true;
      for (std::size_t j = 0; j < p.size() && keep; ++j) {
        keep = !brute_dominates(boxes, j, i);
        const bool same_box = std::equal(boxes.row(i), boxes.row(i) + d, boxes.row(j));
        if (same_box && j != i && (off[j] < off[i] || (off[j] == off[i] && j < i))) keep = false;
      }
      if (keep) expect.push_back(i);
    }
    INFO("seed " << seed);
    CHECK(epsilon_filter(p, eps, false) == expect);
  }
}

TEST_CASE("fronts of odd input are sensible", "[pareto][dominance]") {
  CHECK(non_dominated(Points()).empty());
  CHECK(non_dominated(Points(3)).empty());
  CHECK(non_dominated_ranks(Points(2)).empty());
  CHECK(non_dominated(Points(0, {1, 2, 3})).empty());
  const Points one(4, {1, 2, 3, 4});
  CHECK(non_dominated(one) == std::vector<std::size_t>{0});
  CHECK(non_dominated_ranks(one) == std::vector<std::size_t>{0});
  const Points all_nan(2, {kNaN, 1, 2, kNaN});
  CHECK(non_dominated(all_nan).empty());
  CHECK(non_dominated_ranks(all_nan) == std::vector<std::size_t>{0, 0});
  CHECK(epsilon_filter(all_nan, {1, 1}, false).empty());
  // Identical rows share the front; infinities are ordinary values.
  const Points twins(3, {1, 1, 1, 1, 1, 1, 0, 2, kInf, -kInf, 5, 5});
  CHECK(non_dominated(twins) == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(non_dominated(Points(5, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1})).size() == 2);
  // 1-D: the minimum (twice) is the front; ranks count distinct values.
  const Points line(1, {3, 1, 2, 1, kNaN});
  CHECK(non_dominated(line) == std::vector<std::size_t>{1, 3});
  CHECK(non_dominated_ranks(line) == std::vector<std::size_t>{2, 0, 1, 0, 3});
}
