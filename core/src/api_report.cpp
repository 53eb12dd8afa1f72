// api::report: a scenario's estimate as a carbon impact statement (seed 001 §V-A, "Carbon
// Impact Statements and Model Cards") and Hugging Face model-card metadata, with the same
// figures as Markdown, YAML front matter and CSV (docs/schema.md, "Report").
//
// The scenario goes through exactly the estimate path (detail::estimate_document), so every
// figure of the report equals the one api::estimate gives. Which figure is the card's
// `emissions`: the training phase's operational, location-based CO2e, in grams. The Hub's
// field means the training run's emissions (hub-docs model-cards-co2.md), and the values
// other cards carry come from trackers (CodeCarbon) that measure operational emissions only:
// the same scope keeps cards comparable. The embodied part, which seed 001 §V-A asks to
// disclose too, goes in the extra key `embodied_emissions` and in the statement.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api_common.h"
#include "greenfront/api.h"
#include "greenfront/catalog.h"
#include "greenfront/scenario_parser.h"
#include "report_text.h"
#include "text_format.h"
#include "json_text.h"

#ifndef GREENFRONT_VERSION
#error "GREENFRONT_VERSION (the project version, a string literal) must be defined"
#endif

namespace greenfront::api {

using nlohmann::json;
using namespace detail;
using report::PhaseFigures;

namespace {

/// "Quebec, Canada" for CA-QC, "France" for FR: the catalog's names, with a sub-national
/// region followed by its country, as the Hub's example writes it.
std::string location_name(const std::string& region_id, const Catalog& catalog) {
  if (region_id.empty()) return "";
  const RegionEntry* region = catalog.region(region_id);
  if (!region) return region_id;
  if (region->kind == "subnational") {
    const RegionEntry* country = catalog.region(region_id.substr(0, region_id.find('-')));
    if (country && country != region) return region->name + ", " + country->name;
  }
  return region->name;
}

std::optional<double> number_at(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

/// Reads the figures of one phase (or of the total) from the estimate response.
PhaseFigures figures_of(const json& p, const std::string& phase, const json& band) {
  PhaseFigures f;
  f.phase = phase;
  const json& e = p.at("energy_kwh");
  const json& c = p.at("co2e_kg");
  f.energy_it_kwh = e.at("it").get<double>();
  f.energy_static_kwh = e.at("static").get<double>();
  f.energy_facility_kwh = e.at("facility").get<double>();
  f.operational_location_kg = c.at("operational_location").get<double>();
  f.operational_market_kg = c.at("operational_market").get<double>();
  f.embodied_kg = c.at("embodied").get<double>();
  f.total_location_kg = c.at("total_location").get<double>();
  f.total_market_kg = c.at("total_market").get<double>();
  f.device_hours = p.at("device_hours").get<double>();
  if (band.is_object()) {
    const json& t = band.at("co2e_kg").at("total_location");
    f.total_location_p5_kg = t.at("p5").get<double>();
    f.total_location_p95_kg = t.at("p95").get<double>();
  }
  return f;
}

struct Request {
  json scenario;
  std::string model_name, training_type, source;
};

/// The report of a valid request: the estimate, the texts and the card.
json build_report(const Request& q, json estimate, const Scenario& scenario) {
  const Catalog& catalog = Catalog::builtin();
  report::Report r;
  r.subject = !q.model_name.empty() ? q.model_name : estimate.value("name", "");
  r.training_type = q.training_type;
  r.source = q.source;
  r.data_version = estimate.value("data_version", "");
  r.attribution = estimate.value("embodied_attribution", "runtime");
  r.defaults_used = estimate.at("defaults_used");
  for (const auto& w : estimate.at("warnings")) r.notes.push_back(w.get<std::string>());
  const bool uncertain = estimate.contains("uncertainty");
  if (uncertain) r.uncertainty = estimate.at("uncertainty");

  for (const auto& p : estimate.at("phases")) {
    const std::string phase = p.at("phase").get<std::string>();
    const json band = uncertain ? r.uncertainty.at("phases").value(phase, json()) : json();
    PhaseFigures f = figures_of(p, phase, band);
    const json& d = p.at("details");
    const json& hw = d.contains("hardware") ? d.at("hardware") : d.value("device", json::object());
    // Hardware that ran no device-hours (storage only, energy per query without a fleet)
    // is only the schema's default: the report does not name it.
    if (f.device_hours > 0) {
      f.hardware = hw.value("name", "");
      f.hardware_id = hw.value("id", "");
      f.devices = number_at(d, "device_count");
      if (f.devices && *f.devices > 0) f.runtime_hours = f.device_hours / *f.devices;
    }
    f.region_id = d.value("region", "");
    // The federated phase's details carry no region: its grid is in the parsed scenario.
    if (phase == "federated" && scenario.federated)
      f.region_id = scenario.federated->grid.region_id;
    f.location = location_name(f.region_id, catalog);
    if (phase != "federated") f.pue = number_at(p, "pue");
    f.intensity_g_per_kwh = number_at(p, "intensity_g_per_kwh");
    r.phases.push_back(std::move(f));
  }
  r.total =
      figures_of(estimate.at("total"), "total", uncertain ? r.uncertainty.at("total") : json());

  // The card covers the training phase; without one, every phase, and says so.
  std::vector<const PhaseFigures*> covered;
  for (const auto& f : r.phases) {
    if (f.phase == "training") covered.push_back(&f);
  }
  std::vector<std::string> warnings;
  if (covered.empty()) {
    for (const auto& f : r.phases) covered.push_back(&f);
    r.card_scope = "the whole scenario's (it has no training phase)";
    warnings.push_back(
        "the scenario has no training phase: the model card's figures cover all "
        "of its phases, while the Hub's co2_eq_emissions means training");
  } else {
    r.card_scope = "the training phase's";
  }
  double operational_kg = 0, embodied_kg = 0, energy_kwh = 0, hours = 0;
  std::vector<std::string> hardware, places;
  auto add_once = [](std::vector<std::string>& list, const std::string& s) {
    if (!s.empty() && std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
  };
  for (const PhaseFigures* f : covered) {
    operational_kg += f->operational_location_kg;
    embodied_kg += f->embodied_kg;
    energy_kwh += f->energy_facility_kwh;
    if (f->runtime_hours) hours += *f->runtime_hours;
    add_once(hardware, f->devices && !f->hardware.empty()
                           ? text::fixed(*f->devices, 6) + " x " + f->hardware
                           : f->hardware);
    add_once(places, f->location);
  }
  auto joined = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : "; ") + s;
    return out;
  };
  json co2 = {{"emissions", operational_kg * 1000.0},  // the Hub's unit is grams
              {"source", q.source},
              {"energy_consumed", energy_kwh},
              {"hours_used", hours},
              {"embodied_emissions", embodied_kg * 1000.0}};
  if (!q.training_type.empty()) co2["training_type"] = q.training_type;
  if (!places.empty()) co2["geographical_location"] = joined(places);
  if (!hardware.empty()) co2["hardware_used"] = joined(hardware);
  const json card = {{"co2_eq_emissions", co2}};
  for (const auto& w : warnings) r.notes.push_back(w);

  estimate.erase("ok");
  return json{{"ok", true},
              {"schema_version", kSchemaVersion},
              {"data_version", r.data_version},
              {"estimate", estimate},
              {"statement_markdown", report::statement_markdown(r)},
              {"model_card", card},
              {"model_card_yaml", report::model_card_yaml(card)},
              {"csv", report::phase_csv(r)},
              {"warnings", warnings}};
}

std::string run_report(const json& doc) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  r.reject_unknown(
      {"schema_version", "request", "scenario", "model_name", "training_type", "source"});
  check_schema_version(r, kSchemaVersion);
  Request q;
  q.model_name = r.string("model_name").value_or("");
  q.training_type = r.choice("training_type", {"pre-training", "fine-tuning"}).value_or("");
  q.source = r.string("source").value_or("greenfront " GREENFRONT_VERSION);
  const json* scenario = r.get("scenario");
  if (!scenario) issues.add("input.missing_field", "scenario", "is required", "");
  if (!issues.empty()) return json_text(error_response(issues));

  Issues found;
  auto estimate = estimate_document(*scenario, found);
  if (!estimate) {
    add_under(issues, "scenario", found);
    return json_text(error_response(issues));
  }
  // The estimate accepted it, so this parse does too; it gives what the response lacks.
  auto parsed = parse_scenario(*scenario, Catalog::builtin(), found);
  if (!parsed) {
    add_under(issues, "scenario", found);
    return json_text(error_response(issues));
  }
  return json_text(build_report(q, std::move(*estimate), *parsed));
}

}  // namespace

std::string report(const std::string& request_json) {
  return parse_and_run(request_json, run_report);
}

}  // namespace greenfront::api
