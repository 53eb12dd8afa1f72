#include "greenfront/hourly.h"

#include <cmath>
#include <cstdio>
#include <vector>

namespace greenfront {

namespace {

constexpr double kHoursPerYear = 8760.0;

/// Integral of a piecewise-constant hourly series from hour 0 to any x >= 0, wrapping
/// yearly. Prefix sums are built once per use; summation order is fixed for determinism.
class Integral {
 public:
  explicit Integral(const std::vector<double>& values) : values_(values), prefix_(values.size() + 1) {
    prefix_[0] = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) prefix_[i + 1] = prefix_[i] + values[i];
  }
  double at(double x) const {
    const double years = std::floor(x / kHoursPerYear);
    double rest = x - years * kHoursPerYear;
    if (rest < 0) rest = 0;
    std::size_t whole = static_cast<std::size_t>(rest);
    if (whole >= values_.size()) whole = values_.size() - 1;
    const double frac = rest - static_cast<double>(whole);
    return years * prefix_.back() + prefix_[whole] + frac * values_[whole];
  }
  double mean(double start, double duration) const {
    if (duration <= 0) {
      const double wrapped = start - std::floor(start / kHoursPerYear) * kHoursPerYear;
      std::size_t i = static_cast<std::size_t>(wrapped);
      if (i >= values_.size()) i = values_.size() - 1;
      return values_[i];
    }
    return (at(start + duration) - at(start)) / duration;
  }

 private:
  const std::vector<double>& values_;
  std::vector<double> prefix_;
};

double wrap(double hour) { return hour - std::floor(hour / kHoursPerYear) * kHoursPerYear; }

}  // namespace

double mean_intensity(const HourlyProfile& profile, double start_hour, double duration_hours) {
  return Integral(profile.intensity_g_per_kwh).mean(wrap(start_hour), duration_hours);
}

BestStart best_start(const HourlyProfile& profile, double earliest_hour, double duration_hours,
                     double window_hours) {
  const Integral integral(profile.intensity_g_per_kwh);
  const double first = wrap(earliest_hour);
  BestStart best{first, integral.mean(first, duration_hours)};
  const int steps = static_cast<int>(std::floor(window_hours));
  for (int k = 1; k <= steps; ++k) {
    const double start = first + k;
    const double mean = integral.mean(start, duration_hours);
    if (mean < best.mean_intensity_g_per_kwh) best = BestStart{wrap(start), mean};
  }
  return best;
}

std::string format_hour_of_year(int year, double hour_of_year) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const double wrapped = wrap(hour_of_year);
  const long total_minutes = std::lround(wrapped * 60.0) % static_cast<long>(kHoursPerYear * 60);
  long day = total_minutes / (24 * 60);
  const long minute_of_day = total_minutes % (24 * 60);
  int month = 0;
  while (month < 11 && day >= kDays[month]) day -= kDays[month++];
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02dZ", year, month + 1,
                static_cast<int>(day + 1), static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return buffer;
}

}  // namespace greenfront
