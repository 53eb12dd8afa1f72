#include "greenfront/api.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <exception>

#include "greenfront/accounting.h"
#include "greenfront/catalog.h"
#include "greenfront/equivalences.h"
#include "greenfront/issues.h"
#include "greenfront/json_reader.h"
#include "greenfront/scenario_parser.h"
#include "api_common.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;

using detail::error_response;
using detail::guarded;
using detail::parse_text;
using detail::report_too_large;

namespace {

json totals_json(const Totals& t) {
  return {{"energy_kwh",
           {{"it", t.energy_it_kwh}, {"static", t.energy_static_kwh}, {"facility", t.energy_facility_kwh}}},
          {"co2e_kg",
           {{"operational_location", t.operational_location_kg},
            {"operational_market", t.operational_market_kg},
            {"embodied", t.embodied_kg},
            {"total_location", t.total_location_kg()},
            {"total_market", t.total_market_kg()}}},
          {"device_hours", t.device_hours}};
}

json defaults_json(const Scenario& sc) {
  json out = json::array();
  for (const auto& d : sc.defaults_used) {
    out.push_back({{"path", d.path}, {"value", d.value}, {"source", d.source}});
  }
  return out;
}

json estimate_json(const Scenario& sc, const Catalog& catalog) {
  Draw nominal;
  const Evaluation e = evaluate(sc, nominal);
  json phases = json::array();
  const double total_kg = e.total.total_location_kg();
  for (const auto& p : e.phases) {
    json pj = totals_json(p.totals);
    pj["phase"] = p.phase;
    pj["intensity_g_per_kwh"] = p.intensity_g_per_kwh;
    pj["pue"] = p.pue;
    pj["share_of_total_location"] = total_kg > 0 ? p.totals.total_location_kg() / total_kg : 0.0;
    pj["details"] = p.details.is_null() ? json::object() : p.details;
    phases.push_back(pj);
  }
  json result = {{"ok", true},
                 {"schema_version", kSchemaVersion},
                 {"data_version", catalog.data_version()},
                 {"name", sc.name},
                 {"phases", phases},
                 {"total", totals_json(e.total)},
                 {"schedule", e.schedule.is_null() ? json::array() : e.schedule},
                 {"equivalences", equivalences(total_kg, catalog)},
                 {"equivalences_basis", "total_location"},
                 {"embodied_attribution", sc.embodied.attribution},
                 {"defaults_used", defaults_json(sc)},
                 {"catalog_entries_used", sc.catalog_entries_used},
                 {"warnings", sc.warnings}};
  if (sc.uncertain) result["uncertainty"] = monte_carlo(sc);
  return result;
}

std::string run_scenario(const json& doc, bool estimate_too) {
  Issues issues;
  if (estimate_too) {
    auto result = detail::estimate_document(doc, issues);
    return result ? json_text(*result) : json_text(error_response(issues));
  }
  const Catalog& catalog = Catalog::builtin();
  auto scenario = parse_scenario(doc, catalog, issues);
  if (!scenario) return json_text(error_response(issues));
  return json_text(json{{"ok", true},
                        {"schema_version", kSchemaVersion},
                        {"data_version", catalog.data_version()},
                        {"defaults_used", defaults_json(*scenario)},
                        {"catalog_entries_used", scenario->catalog_entries_used},
                        {"warnings", scenario->warnings}});
}

bool matches(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    return s;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

bool matches_any(const std::string& needle, const std::string& id, const std::string& name,
                 const std::vector<std::string>& aliases) {
  if (matches(id, needle) || matches(name, needle)) return true;
  for (const auto& a : aliases) {
    if (matches(a, needle)) return true;
  }
  return false;
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::optional<json> detail::estimate_document(const json& doc, Issues& issues) {
  const Catalog& catalog = Catalog::builtin();
  auto scenario = parse_scenario(doc, catalog, issues);
  if (!scenario) return std::nullopt;
  json result = estimate_json(*scenario, catalog);
  // Inputs are bounded one by one, but their product can still overflow a double; say so
  // rather than print a null where a number belongs.
  for (const char* key : {"total", "phases", "uncertainty", "schedule"}) {
    if (result.contains(key) && !detail::all_finite(result[key])) {
      issues.add("input.overflow", "", "the inputs multiply to a result too large for a double; "
                 "check units and magnitudes", "");
      return std::nullopt;
    }
  }
  return result;
}

std::string estimate(const std::string& scenario_json) {
  return detail::parse_and_run(scenario_json, [](const json& doc) { return run_scenario(doc, true); });
}

std::string validate(const std::string& scenario_json) {
  return detail::parse_and_run(scenario_json, [](const json& doc) { return run_scenario(doc, false); });
}

std::string catalog(const std::string& kind, const std::string& search) {
  return guarded([&] {
    const Catalog& c = Catalog::builtin();
    json entries = json::array();
    if (kind == "hardware") {
      for (const auto& h : c.hardware_entries()) {
        if (!matches_any(search, h.id, h.name, h.aliases)) continue;
        entries.push_back({{"id", h.id}, {"name", h.name}, {"kind", h.kind}, {"tdp_w", h.tdp_w},
                           {"idle_w", optional_number(h.idle_w)},
                           {"measured_avg_power_w", optional_number(h.measured_avg_power_w)},
                           {"embodied_kg", optional_number(h.embodied_kg)},
                           {"lifetime_years", h.lifetime_years}, {"aliases", h.aliases},
                           {"source", h.source}, {"licence", h.licence}});
      }
    } else if (kind == "regions") {
      for (const auto& r : c.region_entries()) {
        if (!matches_any(search, r.id, r.name, r.aliases)) continue;
        json values = json::array();
        for (const auto& v : r.values) {
          json value = {{"year", v.year}, {"intensity_g_per_kwh", v.intensity_g_per_kwh},
                        {"basis", v.basis}, {"source", v.source}, {"licence", v.licence}};
          if (v.renewable_share) value["renewable_share"] = *v.renewable_share;
          if (v.low_carbon_share) value["low_carbon_share"] = *v.low_carbon_share;
          values.push_back(value);
        }
        entries.push_back({{"id", r.id}, {"name", r.name}, {"kind", r.kind},
                           {"hourly_profile", r.hourly_profile}, {"values", values}});
      }
    } else if (kind == "datacenters") {
      for (const auto& d : c.datacenters()) {
        if (!matches_any(search, d.id, d.name, {})) continue;
        entries.push_back({{"id", d.id}, {"name", d.name}, {"pue", d.pue}, {"source", d.source},
                           {"licence", d.licence}});
      }
    } else if (kind == "cloud-regions") {
      for (const auto& r : c.cloud_regions()) {
        if (!matches_any(search, r.id, r.name, {r.provider, r.region})) continue;
        entries.push_back({{"id", r.id}, {"provider", r.provider}, {"name", r.name},
                           {"region", r.region}, {"pue", r.pue},
                           {"cfe_share", optional_number(r.cfe_share)},
                           {"intensity_g_per_kwh", optional_number(r.intensity_g_per_kwh)},
                           {"year", r.year}, {"source", r.source}, {"licence", r.licence}});
      }
    } else if (kind == "profiles") {
      for (const auto& p : c.profiles()) {
        if (!matches_any(search, p.id, p.zone, {})) continue;
        double sum = 0;
        for (double v : p.intensity_g_per_kwh) sum += v;
        entries.push_back({{"id", p.id}, {"zone", p.zone}, {"year", p.year},
                           {"hours", p.intensity_g_per_kwh.size()}, {"encoding", p.encoding},
                           {"mean_intensity_g_per_kwh", sum / p.intensity_g_per_kwh.size()},
                           {"source", p.source}, {"licence", p.licence}});
      }
    } else if (kind == "equivalences") {
      for (const auto& e : c.equivalences()) {
        if (!matches_any(search, e.id, e.label, {})) continue;
        entries.push_back({{"id", e.id}, {"label", e.label}, {"unit", e.unit},
                           {"kg_per_unit", e.kg_per_unit}, {"source", e.source},
                           {"licence", e.licence}});
      }
    } else {
      Issues issues;
      issues.add("input.invalid_value", "kind",
                 "must be one of \"hardware\", \"regions\", \"cloud-regions\", \"datacenters\", "
                 "\"profiles\", \"equivalences\"",
                 "\"" + kind + "\"");
      return json_text(error_response(issues));
    }
    return json_text(json{{"ok", true}, {"kind", kind}, {"data_version", c.data_version()},
                          {"count", entries.size()}, {"entries", entries}});
  });
}

std::string handle(const std::string& request_json) {
  return guarded([&] {
    Issues issues;
    // An import carries a whole CSV file and may be larger than other requests; any other
    // text past the usual bound is refused before parsing, as parse_text would.
    const bool large = request_json.size() > limits::kMaxRequestBytes;
    if (large && request_json.find("\"import_codecarbon\"") == std::string::npos) {
      report_too_large(request_json.size(), limits::kMaxRequestBytes, issues);
      return json_text(error_response(issues));
    }
    auto doc = parse_text(request_json, issues, limits::kMaxImportRequestBytes);
    if (!doc) return json_text(error_response(issues));
    ObjectReader r(*doc, "", issues);
    const std::vector<std::string> kinds = {"estimate",    "validate", "compare",
                                            "catalog",     "pareto",   "hypervolume",
                                            "optimize",    "suggest",  "import_codecarbon",
                                            "report"};
    auto request = r.choice("request", kinds);
    if (!r.has("request") && r.is_object()) {
      issues.add("input.missing_field", "request", "is required", "");
    }
    if (!issues.empty() || !request) {
      r.reject_unknown({"request", "scenario", "kind", "search"});
      return json_text(error_response(issues));
    }
    if (large && *request != "import_codecarbon") {
      Issues too_large;
      report_too_large(request_json.size(), limits::kMaxRequestBytes, too_large);
      return json_text(error_response(too_large));
    }
    // The Pareto requests carry their own fields beside "request" and check them themselves.
    if (*request == "compare") return compare(request_json);
    if (*request == "import_codecarbon") return import_codecarbon(request_json);
    if (*request == "report") return report(request_json);
    if (*request == "pareto") return pareto(request_json);
    if (*request == "hypervolume") return hypervolume(request_json);
    if (*request == "optimize") return optimize(request_json);
    if (*request == "suggest") return suggest(request_json);
    r.reject_unknown({"request", "scenario", "kind", "search"});
    if (!issues.empty()) return json_text(error_response(issues));
    if (*request == "catalog") {
      auto kind = r.string("kind");
      auto search = r.string("search");
      if (!issues.empty()) return json_text(error_response(issues));
      return catalog(kind.value_or("hardware"), search.value_or(""));
    }
    const json* scenario = r.get("scenario");
    if (!scenario) {
      issues.add("input.missing_field", "scenario", "is required", "");
      return json_text(error_response(issues));
    }
    return run_scenario(*scenario, *request == "estimate");
  });
}

}  // namespace greenfront::api
