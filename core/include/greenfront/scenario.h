// A parsed, validated scenario: a model's life as phases over compute blocks.
//
// Produced by parse_scenario() (scenario_parser.h) with every default resolved and
// recorded; consumed by estimate() (accounting.h). Numbers that may be uncertain are
// Quantity values, resolved per evaluation by a Draw.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "greenfront/catalog.h"
#include "greenfront/quantity.h"

namespace greenfront {

/// A value filled in from a catalog or a built-in default, for the result's defaults_used.
struct DefaultUsed {
  std::string path;
  nlohmann::json value;
  std::string source;
};

/// The device a compute block runs on, with catalog values and user overrides merged.
struct Hardware {
  std::string id;    ///< catalog id, or "" for custom hardware
  std::string name;
  std::string kind;  ///< "gpu", "tpu", "cpu", "accelerator", "client", "custom"
  Quantity tdp_w;
  Quantity idle_w;
  std::optional<double> measured_avg_power_w;
  Quantity embodied_kg;       ///< per device
  Quantity lifetime_years;
  Quantity host_embodied_kg;  ///< per host server
  double devices_per_host = 8.0;
};

/// Where a block's carbon intensity comes from.
struct Grid {
  std::string region_id;  ///< "" when the intensity was given directly
  int year = 0;
  Quantity intensity_g_per_kwh;
  std::string source;
  const HourlyProfile* profile = nullptr;
};

/// A hardware-and-place description shared by every data-centre phase (docs/schema.md
/// "Compute block"). Optional fields are absent when neither the phase nor defaults set them.
struct ComputeBlock {
  std::string path;  ///< "training", "experimentation", ...
  Hardware hardware;
  Quantity device_count;
  std::optional<Quantity> hours;
  std::optional<Quantity> energy_kwh;
  std::optional<Quantity> static_energy_kwh;  ///< measured idle/infrastructure energy
  std::optional<Quantity> average_power_w;
  std::optional<Quantity> reserved_hours;
  Quantity utilization;
  bool measured_power = false;  ///< power_source "measured"
  Grid grid;
  Quantity cfe_share;
  Quantity pue;
  std::optional<double> start_hour_of_year;  ///< from start_utc, hours since Jan 1 00:00 UTC
  std::string start_utc;
  double schedule_window_hours = 0.0;
  double energy_reduction = 1.0;  ///< product of energy_reduction_factors
  nlohmann::json reductions = nlohmann::json::array();
};

struct TrainingPhase {
  ComputeBlock block;
  std::optional<Quantity> epochs, samples, energy_per_sample_kwh, overhead_factor;
};

struct ExperimentationPhase {
  ComputeBlock block;
  std::string search;
  std::optional<Quantity> trials;  ///< H, or the grid size as a fixed quantity
  std::optional<Quantity> trial_fraction_of_training;
};

struct InferencePhase {
  ComputeBlock block;
  std::optional<Quantity> energy_per_inference_wh, queries_per_second, inferences;
  Quantity deployment_days;
  bool device_count_given = false;
};

struct RetrainingPhase {
  ComputeBlock block;
  std::optional<Quantity> every_days, runs, fraction_of_training;
  Quantity deployment_days;
};

struct FederatedPhase {
  std::string path = "federated";
  Quantity clients, rounds, compute_hours_per_round, communication_hours_per_round;
  Quantity device_power_w, router_power_w;
  Hardware device;
  Grid grid;
  Quantity cfe_share;
};

struct DataPhase {
  ComputeBlock block;
  bool has_compute = false;  ///< pre-processing given (hours or energy_kwh)
  Quantity storage_tb, storage_days, replication_factor;
  double storage_wh_per_tb_hour = 1.2;
  std::string storage_medium = "ssd";
};

/// Embodied attribution (seed 000 §2.3; seed 001 §III-A).
struct EmbodiedOptions {
  std::string attribution = "runtime";  ///< "runtime", "utilization_adjusted", "none"
  Quantity lifetime_utilization = Quantity::fixed(0.5);
};

struct Scenario {
  std::string name;
  std::optional<DataPhase> data;
  std::optional<ExperimentationPhase> experimentation;
  std::optional<TrainingPhase> training;
  std::optional<InferencePhase> inference;
  std::optional<RetrainingPhase> retraining;
  std::optional<FederatedPhase> federated;
  EmbodiedOptions embodied;
  bool uncertain = false;  ///< any quantity is a distribution: run the Monte-Carlo
  int samples = 2000;
  std::uint64_t seed = 1;
  std::vector<DefaultUsed> defaults_used;
  std::vector<std::string> catalog_entries_used;
  std::vector<std::string> warnings;
};

}  // namespace greenfront
