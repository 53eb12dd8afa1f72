// Lifecycle accounting: a scenario -> per-phase energy and CO2e, operational and embodied.
//
// Formulas (docs/schema.md has the field-level detail):
//   IT energy        = devices × hours × average power (seed 003 §3; Patterson et al. 2021
//                      Table 4), or E·D·I·θ for training (seed 003 §3.2), I·e for inference
//                      (seed 003 §3.4), Σ_h T_h for experimentation (seed 003 §3.3).
//   facility energy  = (IT + static idle) × PUE (seed 001 §III-A).
//   operational CO2e = facility energy × intensity (location-based), × (1 − CFE share)
//                      (market-based, seed 000 §2.3); Σ_t E(t)·CI(t) with an hourly profile.
//   embodied CO2e    = (device + host share) × reserved device-hours / lifetime-hours
//                      [÷ lifetime utilization] (seed 000 §2.3; seed 001 §III-A).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "greenfront/quantity.h"
#include "greenfront/scenario.h"

namespace greenfront {

/// Additive quantities of a phase or of the whole life.
struct Totals {
  double energy_it_kwh = 0.0;
  double energy_static_kwh = 0.0;
  double energy_facility_kwh = 0.0;
  double operational_location_kg = 0.0;
  double operational_market_kg = 0.0;
  double embodied_kg = 0.0;
  double device_hours = 0.0;

  double total_location_kg() const { return operational_location_kg + embodied_kg; }
  double total_market_kg() const { return operational_market_kg + embodied_kg; }
  Totals& operator+=(const Totals& other);
  Totals scaled(double factor) const;
};

/// One phase's result.
struct PhaseResult {
  std::string phase;
  Totals totals;
  double intensity_g_per_kwh = 0.0;  ///< effective (energy-weighted) location-based intensity
  double pue = 1.0;
  /// Filled by nominal evaluations only; null (no allocation) in Monte-Carlo draws.
  nlohmann::json details;
};

struct Evaluation {
  std::vector<PhaseResult> phases;  ///< in life order: data, experimentation, training, ...
  Totals total;
  nlohmann::json schedule;  ///< best start times (nominal only; null when none)
};

/// Evaluates every phase with the numbers `draw` gives. A nominal draw also fills the
/// details and the schedule search; a random draw computes only the totals.
Evaluation evaluate(const Scenario& scenario, Draw& draw);

/// Runs the seeded Monte-Carlo over the uncertain inputs and returns
/// {"samples", "seed", "total": {...}, "phases": {...}} with p5/p50/p95/mean of each total.
nlohmann::json monte_carlo(const Scenario& scenario);

}  // namespace greenfront
