#include <catch2/catch.hpp>

#include "fixture_catalog.h"
#include "greenfront/hourly.h"
#include "greenfront/scenario_parser.h"

using namespace greenfront;

namespace {
const HourlyProfile& profile() {
  return *testing::shared_fixture_catalog().profile("test-profile");
}
}  // namespace

TEST_CASE("start_utc maps to the hour of a non-leap year", "[hourly]") {
  CHECK(parse_start_utc("2022-01-01T00:00Z").value() == 0.0);
  CHECK(parse_start_utc("2022-01-02T01:30Z").value() == 24.0 + 1.5);
  // March 1 = 31 + 28 days after Jan 1 -> 59 × 24 = 1416 h.
  CHECK(parse_start_utc("2023-03-01T00:00Z").value() == 1416.0);
  CHECK(parse_start_utc("2024-02-29T00:00Z").value() == 58 * 24.0);  // leap day -> Feb 28
  CHECK(parse_start_utc("2022-12-31T23:00:00Z").value() == 8759.0);
  CHECK_FALSE(parse_start_utc("2022-13-01T00:00Z"));
  CHECK_FALSE(parse_start_utc("2022-02-30T00:00Z"));
  CHECK_FALSE(parse_start_utc("2022-01-01 00:00"));
  CHECK_FALSE(parse_start_utc("2022-01-01T00:00Zjunk"));
}

TEST_CASE("mean intensity integrates the hourly series", "[hourly]") {
  // Hour h has 100 + (h mod 24). Hours 0..3: (100+101+102+103)/4 = 101.5.
  CHECK(mean_intensity(profile(), 0.0, 4.0) == Approx(101.5).epsilon(1e-15));
  // A whole day averages 100 + 11.5 = 111.5 wherever it starts.
  CHECK(mean_intensity(profile(), 7.0, 24.0) == Approx(111.5).epsilon(1e-14));
  // Half of hour 10 and half of hour 11: (110 + 111) / 2.
  CHECK(mean_intensity(profile(), 10.5, 1.0) == Approx(110.5).epsilon(1e-14));
  // Wraps over the year end: hours 8759 (100 + 8759 mod 24 = 123) and 0 (100).
  CHECK(mean_intensity(profile(), 8759.0, 2.0) == Approx(111.5).epsilon(1e-14));
  // Zero duration: the start hour's value.
  CHECK(mean_intensity(profile(), 5.0, 0.0) == 105.0);
  // Longer than a year: two whole years average 111.5.
  CHECK(mean_intensity(profile(), 3.0, 2 * 8760.0) == Approx(111.5).epsilon(1e-12));
}

TEST_CASE("best start finds the daily minimum in the window", "[hourly]") {
  // A 3-hour job starting at 20:00 sees 120,121,122 (mean 121); within a 6-hour window the
  // start at 00:00 next day sees 100,101,102 (mean 101).
  const BestStart best = best_start(profile(), 20.0, 3.0, 6.0);
  CHECK(best.start_hour == 24.0);
  CHECK(best.mean_intensity_g_per_kwh == Approx(101.0).epsilon(1e-14));
  // No window: the requested start.
  CHECK(best_start(profile(), 20.0, 3.0, 0.0).start_hour == 20.0);
  CHECK(format_hour_of_year(2022, 24.0) == "2022-01-02T00:00Z");
  CHECK(format_hour_of_year(2022, 1416.5) == "2022-03-01T00:30Z");
}

TEST_CASE("a typical day per month expands with non-leap month lengths", "[hourly][catalog]") {
  const HourlyProfile* p = testing::shared_fixture_catalog().profile("test-compact");
  REQUIRE(p != nullptr);
  REQUIRE(p->intensity_g_per_kwh.size() == 8760);
  CHECK(p->encoding == "monthly-typical-day");
  // Month m, hour h holds 1000 + 10·m + h (fixture_catalog.h).
  CHECK(p->intensity_g_per_kwh[0] == 1000.0);             // Jan 1 00:00
  CHECK(p->intensity_g_per_kwh[30 * 24 + 23] == 1023.0);  // Jan 31 23:00
  CHECK(p->intensity_g_per_kwh[31 * 24] == 1010.0);       // Feb 1 00:00
  CHECK(p->intensity_g_per_kwh[59 * 24 + 5] == 1025.0);   // Mar 1 05:00 (after 28 Feb days)
  CHECK(p->intensity_g_per_kwh[8759] == 1133.0);          // Dec 31 23:00
}
