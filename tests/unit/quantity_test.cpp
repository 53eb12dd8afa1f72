// Tests for greenfront/quantity.h: nominal values, sample moments against the
// analytic ones, truncation, and that fixed values consume no randomness.
#include "greenfront/quantity.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "greenfront/random.h"

namespace {

using Catch::Matchers::WithinAbs;
using greenfront::Quantity;
using greenfront::Rng;

// Moment checks use 200k draws and five standard errors: with fixed seeds they are
// deterministic, and five SEs only fail if a formula (not the luck) is wrong.
constexpr int kDraws = 200000;

Quantity make(Quantity::Kind kind, double a, double b, double c = 0.0) {
  Quantity q;
  q.kind = kind;
  q.a = a;
  q.b = b;
  q.c = c;
  return q;
}

std::vector<double> draw_many(const Quantity& q, std::uint64_t seed, int n = kDraws) {
  Rng rng(seed);
  std::vector<double> values;
  values.reserve(n);
  for (int i = 0; i < n; ++i) values.push_back(q.sample(rng));
  return values;
}

struct Moments {
  double mean;
  double variance;
};

Moments moments(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  const double mean = sum / values.size();
  double sum_sq = 0.0;
  for (double v : values) sum_sq += (v - mean) * (v - mean);
  return {mean, sum_sq / (values.size() - 1)};
}

}  // namespace

TEST_CASE("nominal value per kind", "[quantity]") {
  CHECK(Quantity::fixed(4.25).nominal() == 4.25);
  CHECK(make(Quantity::Kind::kUniform, 2.0, 5.0).nominal() == 3.5);          // midpoint
  CHECK(make(Quantity::Kind::kTriangular, 1.0, 2.0, 6.0).nominal() == 2.0);  // mode
  CHECK(make(Quantity::Kind::kNormal, 10.0, 2.0).nominal() == 10.0);         // mean
  CHECK(make(Quantity::Kind::kLogNormal, 3.0, 1.5).nominal() == 3.0);        // median
  CHECK_FALSE(Quantity::fixed(1.0).uncertain());
  CHECK(make(Quantity::Kind::kNormal, 1.0, 1.0).uncertain());
}

TEST_CASE("a fixed quantity returns its value and draws nothing", "[quantity]") {
  Rng rng(1);
  Rng untouched(1);
  CHECK(Quantity::fixed(7.5).sample(rng) == 7.5);
  CHECK(rng.next_u64() == untouched.next_u64());
}

TEST_CASE("uniform draws: mean (a+b)/2, variance (b-a)^2/12, inside a <= x < b", "[quantity]") {
  const Quantity q = make(Quantity::Kind::kUniform, 2.0, 5.0);
  const std::vector<double> values = draw_many(q, 11);
  for (double v : values) {
    REQUIRE(v >= 2.0);
    REQUIRE(v < 5.0);
  }
  const double variance = 9.0 / 12.0;
  const Moments m = moments(values);
  CHECK_THAT(m.mean, WithinAbs(3.5, 5.0 * std::sqrt(variance / kDraws)));
  // SE of a sample variance: sqrt((mu4 - sigma^4) / n), mu4 = (b-a)^4 / 80 for U(a,b).
  CHECK_THAT(m.variance,
             WithinAbs(variance, 5.0 * std::sqrt((81.0 / 80 - variance * variance) / kDraws)));
}

TEST_CASE("triangular draws: mean (a+b+c)/3 and the mass below the mode", "[quantity]") {
  // min 1, mode 2, max 6: mean 3; variance (a^2+b^2+c^2-ab-ac-bc)/18
  // = (1+4+36-2-6-12)/18 = 21/18; P(X < mode) = (b-a)/(c-a) = 0.2.
  const Quantity q = make(Quantity::Kind::kTriangular, 1.0, 2.0, 6.0);
  const std::vector<double> values = draw_many(q, 12);
  int below_mode = 0;
  for (double v : values) {
    REQUIRE(v >= 1.0);
    REQUIRE(v <= 6.0);
    below_mode += v < 2.0 ? 1 : 0;
  }
  const double variance = 21.0 / 18.0;
  const Moments m = moments(values);
  CHECK_THAT(m.mean, WithinAbs(3.0, 5.0 * std::sqrt(variance / kDraws)));
  // The variance check uses a generous 5% band (its SE needs the fourth moment).
  CHECK_THAT(m.variance, WithinAbs(variance, 0.05 * variance));
  CHECK_THAT(below_mode / double{kDraws}, WithinAbs(0.2, 5.0 * std::sqrt(0.2 * 0.8 / kDraws)));

  // Degenerate (a = b = c) is the point itself.
  Rng rng(3);
  CHECK(make(Quantity::Kind::kTriangular, 4.0, 4.0, 4.0).sample(rng) == 4.0);
}

TEST_CASE("normal draws: mean and standard deviation", "[quantity]") {
  const Quantity q = make(Quantity::Kind::kNormal, 10.0, 2.0);
  const Moments m = moments(draw_many(q, 13));
  CHECK_THAT(m.mean, WithinAbs(10.0, 5.0 * 2.0 / std::sqrt(kDraws)));
  // SE of the sample variance of a normal: sigma^2 sqrt(2/n).
  CHECK_THAT(m.variance, WithinAbs(4.0, 5.0 * 4.0 * std::sqrt(2.0 / kDraws)));
}

TEST_CASE("log-normal draws: median via p50, and normal in log space", "[quantity]") {
  // median 3, gsd 1.5: ln X ~ N(ln 3, ln 1.5). The sample median's SE is
  // 1 / (2 f(median) sqrt(n)) with f(median) = 1 / (median sigma sqrt(2 pi)), i.e.
  // median sigma sqrt(pi/2) / sqrt(n).
  const Quantity q = make(Quantity::Kind::kLogNormal, 3.0, 1.5);
  const std::vector<double> values = draw_many(q, 14);
  const double sigma = std::log(1.5);
  const double median_se = 3.0 * sigma * std::sqrt(std::acos(-1.0) / 2) / std::sqrt(kDraws);
  CHECK_THAT(greenfront::summarize(values).p50, WithinAbs(3.0, 5.0 * median_se));

  std::vector<double> logs;
  for (double v : values) {
    REQUIRE(v > 0.0);
    logs.push_back(std::log(v));
  }
  const Moments m = moments(logs);
  CHECK_THAT(m.mean, WithinAbs(std::log(3.0), 5.0 * sigma / std::sqrt(kDraws)));
  CHECK_THAT(m.variance, WithinAbs(sigma * sigma, 5.0 * sigma * sigma * std::sqrt(2.0 / kDraws)));
}

TEST_CASE("truncation keeps every draw between lower and upper", "[quantity]") {
  SECTION("a normal that would often fall below the field's minimum") {
    // A PUE-like field: mean 1.1, sd 0.3, must stay >= 1 (and <= 3).
    Quantity q = make(Quantity::Kind::kNormal, 1.1, 0.3);
    q.lower = 1.0;
    q.upper = 3.0;
    for (double v : draw_many(q, 21, 50000)) {
      REQUIRE(v >= 1.0);
      REQUIRE(v <= 3.0);
    }
  }
  SECTION("a log-normal with a wide spread against an upper bound") {
    Quantity q = make(Quantity::Kind::kLogNormal, 1.0, 4.0);
    q.lower = 0.5;
    q.upper = 2.0;
    for (double v : draw_many(q, 22, 50000)) {
      REQUIRE(v >= 0.5);
      REQUIRE(v <= 2.0);
    }
  }
  SECTION("bounds with almost no mass fall back to clamping") {
    // 50 sd above the mean: 64 resamples all fail, the last draw is clamped.
    Quantity q = make(Quantity::Kind::kNormal, 0.0, 1.0);
    q.lower = 50.0;
    q.upper = 60.0;
    Rng rng(23);
    for (int i = 0; i < 100; ++i) REQUIRE(q.sample(rng) == 50.0);
    q.lower = -60.0;
    q.upper = -50.0;
    for (int i = 0; i < 100; ++i) REQUIRE(q.sample(rng) == -50.0);
  }
  SECTION("uniform and triangular inside tighter field bounds") {
    Quantity u = make(Quantity::Kind::kUniform, 0.0, 10.0);
    u.lower = 2.0;
    u.upper = 3.0;
    for (double v : draw_many(u, 24, 20000)) {
      REQUIRE(v >= 2.0);
      REQUIRE(v <= 3.0);
    }
    Quantity t = make(Quantity::Kind::kTriangular, 0.0, 5.0, 10.0);
    t.lower = 4.0;
    t.upper = 6.0;
    for (double v : draw_many(t, 25, 20000)) {
      REQUIRE(v >= 4.0);
      REQUIRE(v <= 6.0);
    }
  }
}

TEST_CASE("Draw resolves nominal or random values", "[quantity]") {
  const Quantity q = make(Quantity::Kind::kUniform, 2.0, 5.0);
  greenfront::Draw nominal;
  CHECK_FALSE(nominal.random());
  CHECK(nominal(q) == 3.5);

  Rng rng(31);
  Rng same(31);
  greenfront::Draw random(rng);
  CHECK(random.random());
  CHECK(random(q) == q.sample(same));
}

TEST_CASE("Draw samples a quantity with an id once per draw", "[quantity]") {
  // A field shared by several phases (same id) takes one value within a draw; a fixed
  // quantity never touches the generator.
  Quantity shared = make(Quantity::Kind::kNormal, 1.2, 0.1);
  shared.id = 3;
  Rng rng(41);
  greenfront::Draw draw(rng);
  const double first = draw(shared);
  CHECK(draw(shared) == first);
  CHECK(draw(Quantity::fixed(2.0)) == 2.0);

  Rng other(41);
  greenfront::Draw fresh(other);
  CHECK(fresh(shared) == first);  // a new Draw on the same stream gives the same value
}
