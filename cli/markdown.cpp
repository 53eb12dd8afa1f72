#include "markdown.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace greenfront::cli {

using nlohmann::json;

namespace {

/// 3 significant digits below 1000, whole numbers with thousands separators above.
std::string number(double v) {
  char buffer[64];
  if (std::fabs(v) >= 999.5) {  // %.3g would print 999.5 as "1e+03"
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    std::string digits = buffer, out;
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (negative ? "-" : "") + out;
  }
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}

double at(const json& j, const char* a, const char* b) { return j.at(a).at(b).get<double>(); }

void totals_row(std::ostringstream& out, const std::string& label, const json& t,
                const std::string& share) {
  out << "| " << label << " | " << number(at(t, "energy_kwh", "facility")) << " | "
      << number(at(t, "co2e_kg", "operational_location")) << " | "
      << number(at(t, "co2e_kg", "operational_market")) << " | "
      << number(at(t, "co2e_kg", "embodied")) << " | "
      << number(at(t, "co2e_kg", "total_location")) << " | " << share << " |\n";
}

}  // namespace

std::string compare_markdown(const json& r) {
  std::ostringstream out;
  const std::string metric = r.at("metric").get<std::string>();
  out << "# Comparison on " << metric << " CO2e\n\n" << r.at("verdict").get<std::string>()
      << "\n\n| rank | scenario | " << metric
      << " (kgCO2e) | vs best (kgCO2e) | × best | operational, location (kgCO2e) | embodied "
         "(kgCO2e) |\n|---:|---|---:|---:|---:|---:|---:|\n";
  const json& scenarios = r.at("scenarios");
  for (const auto& index : r.at("ranking")) {
    const json& s = scenarios.at(index.get<std::size_t>());
    const json& ratio = s.at("ratio_to_best");
    const json& t = s.at("result").at("total");
    out << "| " << s.at("rank").get<int>() << " | " << s.at("name").get<std::string>() << " | "
        << number(s.at("co2e_kg").get<double>()) << " | +"
        << number(s.at("delta_vs_best_kg").get<double>()) << " | "
        << (ratio.is_number() ? number(ratio.get<double>()) : std::string("–")) << " | "
        << number(at(t, "co2e_kg", "operational_location")) << " | "
        << number(at(t, "co2e_kg", "embodied")) << " |\n";
  }
  return out.str();
}

std::string estimate_markdown(const json& r) {
  std::ostringstream out;
  const std::string name = r.value("name", "");
  out << "# Carbon estimate" << (name.empty() ? "" : ": " + name) << "\n\n";
  out << "| phase | energy (kWh, facility) | operational, location (kgCO2e) | operational, "
         "market (kgCO2e) | embodied (kgCO2e) | total, location (kgCO2e) | share |\n"
      << "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& p : r.at("phases")) {
    char share[32];
    std::snprintf(share, sizeof share, "%.1f %%", 100.0 * p.value("share_of_total_location", 0.0));
    totals_row(out, p.at("phase").get<std::string>(), p, share);
  }
  totals_row(out, "**total**", r.at("total"), "100 %");
  if (r.contains("uncertainty")) {
    const json& u = r["uncertainty"];
    const json& t = u.at("total").at("co2e_kg").at("total_location");
    out << "\nUncertainty (" << u.at("samples").get<int>() << " Monte-Carlo samples, seed "
        << u.at("seed").get<std::uint64_t>() << "): total (location) p5 "
        << number(t.at("p5").get<double>()) << " · p50 " << number(t.at("p50").get<double>())
        << " · p95 " << number(t.at("p95").get<double>()) << " kgCO2e\n";
  }
  if (!r.at("schedule").empty()) {
    out << "\n## Lowest-carbon start\n\n";
    for (const auto& s : r["schedule"]) {
      out << "- " << s.at("phase").get<std::string>() << ": starting "
          << s.at("best_start_utc").get<std::string>() << " instead of "
          << s.at("start_utc").get<std::string>() << " gives "
          << number(s.at("operational_location_kg_at_best").get<double>()) << " instead of "
          << number(s.at("operational_location_kg_at_start").get<double>())
          << " kgCO2e (operational, location-based)\n";
    }
  }
  if (!r.at("equivalences").empty()) {
    out << "\n## Equivalent to\n\n";
    for (const auto& e : r["equivalences"]) {
      out << "- " << number(e.at("value").get<double>()) << " "
          << e.at("label").get<std::string>() << " (source: " << e.at("source").get<std::string>()
          << ")\n";
    }
  }
  if (!r.at("defaults_used").empty()) {
    out << "\n## Defaults used\n\n";
    for (const auto& d : r["defaults_used"]) {
      out << "- `" << d.at("path").get<std::string>() << "` = " << d.at("value").dump() << " — "
          << d.at("source").get<std::string>() << "\n";
    }
  }
  for (const auto& w : r.at("warnings")) out << "\n> warning: " << w.get<std::string>() << "\n";
  out << "\nData version " << r.value("data_version", "") << ".\n";
  return out.str();
}

std::string catalog_markdown(const json& r) {
  std::ostringstream out;
  out << "| id | name | key figures | source |\n|---|---|---|---|\n";
  for (const auto& e : r.at("entries")) {
    std::string figures;
    if (e.contains("tdp_w")) figures = "TDP " + number(e["tdp_w"].get<double>()) + " W";
    if (e.contains("values") && !e["values"].empty()) {
      const json& last = e["values"].back();
      figures = number(last.at("intensity_g_per_kwh").get<double>()) + " g/kWh (" +
                std::to_string(last.at("year").get<int>()) + ")";
    }
    if (e.contains("pue")) figures = "PUE " + number(e["pue"].get<double>());
    if (e.contains("provider")) {
      figures += " · grid " + e.value("region", "");
      if (e.contains("cfe_share") && e["cfe_share"].is_number()) {
        figures += " · CFE " + number(100.0 * e["cfe_share"].get<double>()) + " %";
      }
    }
    if (e.contains("kg_per_unit")) {
      figures = number(e["kg_per_unit"].get<double>()) + " kg per " + e.value("unit", "");
    }
    if (e.contains("mean_intensity_g_per_kwh")) {
      figures = "mean " + number(e["mean_intensity_g_per_kwh"].get<double>()) + " g/kWh";
    }
    std::string source = e.value("source", "");
    if (e.contains("values") && !e["values"].empty()) source = e["values"].back().value("source", "");
    out << "| " << e.value("id", "") << " | " << e.value("name", e.value("label", e.value("zone", "")))
        << " | " << figures << " | " << source << " |\n";
  }
  out << "\n" << r.at("count").get<std::size_t>() << " entries, data version "
      << r.value("data_version", "") << ".\n";
  return out.str();
}

std::string errors_text(const json& response) {
  std::string out;
  for (const auto& e : response.at("errors")) out += e.at("message").get<std::string>() + "\n";
  return out;
}

std::string pareto_markdown(const json& result) {
  std::ostringstream out;
  const json& names = result.at("objectives");
  const json& senses = result.at("senses");
  const std::size_t knee =
      result.at("knee").is_object() ? result.at("knee").at("index").get<std::size_t>() : SIZE_MAX;
  out << "Pareto front: " << result.at("front").size() << " of " << result.at("count").get<std::size_t>()
      << " points are non-dominated.\n\n| point |";
  for (std::size_t k = 0; k < names.size(); ++k) {
    out << " " << names[k].get<std::string>()
        << (senses[k].get<std::string>() == "maximize" ? " (max)" : " (min)") << " |";
  }
  out << " crowding |\n|---|";
  for (std::size_t k = 0; k < names.size(); ++k) out << "---:|";
  out << "---:|\n";
  for (const auto& m : result.at("front")) {
    const auto index = m.at("index").get<std::size_t>();
    out << "| " << index << (m.contains("label") ? " " + m.at("label").get<std::string>() : "")
        << (index == knee ? " (knee)" : "") << " |";
    for (const auto& v : m.at("values")) out << " " << number(v.get<double>()) << " |";
    const json& c = m.at("crowding_distance");
    out << " " << (c.is_null() ? std::string("boundary") : number(c.get<double>())) << " |\n";
  }
  if (result.contains("hypervolume")) {
    out << "\nHypervolume: " << number(result.at("hypervolume").get<double>()) << "\n";
  }
  return out.str();
}

std::string suggest_markdown(const json& result) {
  std::ostringstream out;
  out << "Method: " << result.at("method").get<std::string>() << "\n\n";
  if (result.value("stop_reason", "") == "time") {
    out << "The " << number(result.at("budget_seconds").get<double>())
        << " s time budget ran out (budget.seconds): the search was shortened, so another run "
           "may propose other configurations.\n\n";
  }
  std::size_t i = 1;
  for (const auto& s : result.at("suggestions")) {
    out << i++ << ". ";
    bool first = true;
    for (const auto& [name, value] : s.at("config").items()) {
      out << (first ? "" : ", ") << name << " = "
          << (value.is_string()         ? value.get<std::string>()
              : value.is_number_float() ? number(value.get<double>())
                                        : value.dump());
      first = false;
    }
    if (s.contains("predicted") && !s.at("predicted").empty()) {
      out << "  (predicted:";
      for (const auto& [name, p] : s.at("predicted").items()) {
        out << " " << name << " " << number(p.at("mean").get<double>()) << " ± "
            << number(p.at("sd").get<double>()) << ";";
      }
      out << ")";
    }
    out << "\n";
  }
  if (result.contains("experimentation_vs_deployment")) {
    const json& e = result.at("experimentation_vs_deployment");
    out << "\n**" << (e.at("recommendation").get<std::string>() == "continue" ? "Continue" : "Stop")
        << "**: " << e.at("reasoning").get<std::string>() << "\n";
  }
  return out.str();
}

}  // namespace greenfront::cli
