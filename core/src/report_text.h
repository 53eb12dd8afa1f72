// The texts of a Report response (docs/schema.md, "Report"): the carbon impact statement in
// Markdown, the model card's YAML front matter and the per-phase CSV. They are rendered from
// figures the estimate computed (api_report.cpp gathers them), never recomputed here, and
// every number goes through text_format.h or nlohmann's shortest round-trip form, so the
// native and the wasm build write the same bytes. Internal to core/src.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace greenfront::report {

/// One phase of an estimate (or the lifecycle total) as the report shows it.
struct PhaseFigures {
  std::string phase;                    ///< "training", …, or "total"
  std::string hardware;                 ///< catalog or custom name; "" for the total
  std::string hardware_id;              ///< catalog id; "" for custom hardware and the total
  std::optional<double> devices;        ///< nominal device count (federated: none)
  double device_hours = 0.0;            ///< reserved device-hours (embodied is charged on them)
  std::optional<double> runtime_hours;  ///< device-hours ÷ devices: the total runtime
  std::string region_id;                ///< "" when an intensity was given directly
  std::string location;                 ///< "Quebec, Canada"; "" when no region
  std::optional<double> pue, intensity_g_per_kwh;
  double energy_it_kwh = 0, energy_static_kwh = 0, energy_facility_kwh = 0;
  double operational_location_kg = 0, operational_market_kg = 0, embodied_kg = 0;
  double total_location_kg = 0, total_market_kg = 0;
  std::optional<double> total_location_p5_kg, total_location_p95_kg;
};

/// Everything the texts say.
struct Report {
  std::string subject;        ///< "BERT base" (model_name), else the scenario's name, else ""
  std::string training_type;  ///< "pre-training", "fine-tuning" or ""
  std::string source;         ///< "greenfront 0.1.0"
  std::string data_version;
  std::string attribution;  ///< embodied attribution: "runtime", "utilization_adjusted", "none"
  std::vector<PhaseFigures> phases;
  PhaseFigures total;
  nlohmann::json uncertainty;      ///< the estimate's, or null
  nlohmann::json defaults_used;    ///< the estimate's [{path, value, source}]
  std::vector<std::string> notes;  ///< the estimate's and the report's warnings
  std::string card_scope;          ///< which phases the model card's figures cover
};

/// The carbon impact statement: paragraphs, a per-phase table, the defaults used, notes,
/// and the citation of seed 001 §V-A.
std::string statement_markdown(const Report& report);

/// The model card's front matter, "---\nco2_eq_emissions:\n  emissions: …\n---\n", from
/// {"co2_eq_emissions": {...}}: keys in the Hugging Face specification's order, strings
/// double-quoted, numbers in fixed-point notation (never "1e-05").
std::string model_card_yaml(const nlohmann::json& card);

/// Per-phase figures as CSV (RFC 4180, LF line ends): a header with the unit in each
/// column name, one row per phase, then the total.
std::string phase_csv(const Report& report);

}  // namespace greenfront::report
