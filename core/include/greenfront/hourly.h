// Time-varying carbon intensity: a job charged Σ_t E(t)·CI(t) over an hourly profile, and
// the lowest-carbon start within a window (seed 000 §2.3: temporal scenarios; seed 003 §3.4:
// location and scheduled execution time).
#pragma once

#include <string>

#include "greenfront/catalog.h"

namespace greenfront {

/// Mean intensity (gCO2e/kWh) seen by a job drawing constant power over
/// [start_hour, start_hour + duration_hours), hours counted from Jan 1 00:00 UTC of the
/// profile's year and wrapping around the year end. Equals Σ_t E(t)·CI(t) / Σ_t E(t).
/// A zero duration gives the intensity of the start hour.
double mean_intensity(const HourlyProfile& profile, double start_hour, double duration_hours);

/// The start within [earliest_hour, earliest_hour + window_hours] (whole-hour steps from
/// earliest_hour) with the lowest mean intensity; ties go to the earliest start.
struct BestStart {
  double start_hour = 0.0;
  double mean_intensity_g_per_kwh = 0.0;
};
BestStart best_start(const HourlyProfile& profile, double earliest_hour, double duration_hours,
                     double window_hours);

/// "YYYY-MM-DDTHH:MMZ" for an hour of a non-leap year (wrapped into [0, 8760)).
std::string format_hour_of_year(int year, double hour_of_year);

}  // namespace greenfront
