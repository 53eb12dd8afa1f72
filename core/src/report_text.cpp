// Statement, YAML and CSV texts of a report (report_text.h).
#include "report_text.h"

#include <string>

#include "text_format.h"

namespace greenfront::report {

using nlohmann::json;

namespace {

/// Appends text with <<, like a stream but without iostreams (~100 KB of wasm, see
/// text_format.h). Numbers must be formatted first (text_format.h).
class Text {
 public:
  Text& operator<<(const std::string& s) {
    text_ += s;
    return *this;
  }
  Text& operator<<(const char* s) {
    text_ += s;
    return *this;
  }
  Text& operator<<(char c) {
    text_ += c;
    return *this;
  }
  std::string str() const { return text_; }

 private:
  std::string text_;
};

/// Text for a Markdown table cell: a '|' would end the cell, a line break the row.
std::string cell(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string optional_number(const std::optional<double>& v) {
  return v ? text::number(*v) : std::string("–");
}

std::string phase_list(const std::vector<PhaseFigures>& phases) {
  std::string out;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == phases.size() ? " and " : ", ") + phases[i].phase;
  }
  return out;
}

std::string attribution_text(const std::string& attribution) {
  if (attribution == "utilization_adjusted") {
    return "its share of the hardware's lifetime, divided by the lifetime utilization";
  }
  return "its share of the hardware's lifetime";
}

void table(Text& out, const Report& r) {
  const bool band = !r.uncertainty.is_null();
  out << "| phase | hardware | devices | runtime (h) | device-hours | region | PUE | energy, "
         "facility (kWh) | operational, location (kgCO2e) | operational, market (kgCO2e) | "
         "embodied (kgCO2e) | total, location (kgCO2e) |"
      << (band ? " p5–p95, total, location (kgCO2e) |" : "") << "\n"
      << "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|" << (band ? "---:|" : "")
      << "\n";
  auto row = [&](const PhaseFigures& p, const std::string& label) {
    out << "| " << label << " | " << cell(p.hardware) << " | " << optional_number(p.devices)
        << " | " << optional_number(p.runtime_hours) << " | " << text::number(p.device_hours)
        << " | " << cell(p.region_id) << " | " << (p.pue ? text::fixed(*p.pue, 3) : "–") << " | "
        << text::number(p.energy_facility_kwh) << " | " << text::number(p.operational_location_kg)
        << " | " << text::number(p.operational_market_kg) << " | " << text::number(p.embodied_kg)
        << " | " << text::number(p.total_location_kg) << " |";
    if (band) {
      out << " "
          << (p.total_location_p5_kg && p.total_location_p95_kg
                  ? text::number(*p.total_location_p5_kg) + " – " +
                        text::number(*p.total_location_p95_kg)
                  : std::string("–"))
          << " |";
    }
    out << "\n";
  };
  for (const auto& p : r.phases) row(p, p.phase);
  PhaseFigures total = r.total;
  total.pue.reset();
  row(total, "**total**");
}

/// A YAML double-quoted scalar: backslash, quote and control characters escaped.
std::string quoted(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (b < 0x20 || b == 0x7F) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

/// Shortest text that reads back as the same double (nlohmann's, libc-independent).
std::string csv_number(const std::optional<double>& v) { return v ? json(*v).dump() : ""; }

}  // namespace

std::string statement_markdown(const Report& r) {
  Text out;
  const std::string subject = r.subject.empty() ? "The model" : r.subject;
  out << "## Carbon impact statement" << (r.subject.empty() ? "" : ": " + r.subject) << "\n\n";

  out << subject << " has an estimated footprint of **" << text::mass(r.total.total_location_kg)
      << " CO2e** (location-based; " << text::mass(r.total.total_market_kg)
      << " market-based) over " << (r.phases.size() == 1 ? "one phase, " : "its ")
      << phase_list(r.phases) << (r.phases.size() == 1 ? "" : " phases") << ". Of this, "
      << text::mass(r.total.operational_location_kg)
      << " is operational, from the electricity drawn at the grid's average intensity, and ";
  if (r.attribution == "none") {
    out << "embodied carbon (manufacturing the hardware) is not counted (embodied attribution "
           "\"none\").";
  } else {
    out << text::mass(r.total.embodied_kg)
        << " is embodied: the manufacturing of the hardware, charged to this use by "
        << attribution_text(r.attribution) << ".";
  }
  out << "\n";

  for (const auto& p : r.phases) {
    if (p.phase != "training") continue;
    out << "\nTraining";
    if (!p.hardware.empty()) {
      out << " ran on " << (p.devices ? text::number(*p.devices) + " × " : "") << p.hardware;
    }
    if (p.runtime_hours) {
      out << " for " << text::number(*p.runtime_hours) << " hours (" << text::number(p.device_hours)
          << " device-hours)";
    }
    out << (p.location.empty() ? "" : " in " + p.location + (p.pue ? "," : ""))
        << (p.pue ? " at a PUE of " + text::fixed(*p.pue, 3) : "") << ": "
        << text::number(p.energy_facility_kwh) << " kWh of facility energy, "
        << text::mass(p.operational_location_kg) << " CO2e operational (location-based; "
        << text::mass(p.operational_market_kg) << " market-based) and " << text::mass(p.embodied_kg)
        << " embodied.\n";
  }

  if (!r.uncertainty.is_null()) {
    const json& t = r.uncertainty.at("total").at("co2e_kg").at("total_location");
    out << "\nWith the uncertain inputs varied ("
        << std::to_string(r.uncertainty.at("samples").get<long long>())
        << " Monte-Carlo samples, seed "
        << std::to_string(r.uncertainty.at("seed").get<unsigned long long>())
        << "), the total lies between " << text::mass(t.at("p5").get<double>()) << " and "
        << text::mass(t.at("p95").get<double>())
        << " CO2e (5th to 95th percentile, location-based; median "
        << text::mass(t.at("p50").get<double>()) << ").\n";
  }

  out << "\n";
  table(out, r);

  if (r.defaults_used.is_array() && !r.defaults_used.empty()) {
    out << "\nValues the scenario did not give, taken from catalogs or built-in defaults:\n\n";
    for (const auto& d : r.defaults_used) {
      const json& v = d.at("value");
      out << "- `" << d.at("path").get<std::string>() << "` = "
          << (v.is_number()   ? text::fixed(v.get<double>(), 6)
              : v.is_string() ? v.get<std::string>()
                              : v.dump())
          << ": " << d.at("source").get<std::string>() << "\n";
    }
  }
  for (const auto& note : r.notes) out << "\n> Note: " << note << "\n";

  out << "\n*This statement follows Wu et al., \"Sustainable AI: Environmental Implications, "
         "Challenges and Opportunities\" (MLSys 2022), §V-A \"Carbon Impact Statements and Model "
         "Cards\": it discloses the operational and the embodied footprint, the hardware, the "
         "number of devices and the total runtime. The model card's `emissions` is "
      << r.card_scope << ", operational and location-based, in grams. Computed by " << r.source
      << " (data " << r.data_version << ").*\n";
  return out.str();
}

std::string model_card_yaml(const json& card) {
  const json& c = card.at("co2_eq_emissions");
  Text out;
  out << "---\nco2_eq_emissions:\n";
  // The specification's keys first, in its order, then the extras sentence-transformers also
  // writes and the embodied figure seed 001 §V-A asks for.
  for (const char* key : {"emissions", "source", "training_type", "geographical_location",
                          "hardware_used", "energy_consumed", "hours_used", "embodied_emissions"}) {
    auto it = c.find(key);
    if (it == c.end()) continue;
    out << "  " << key << ": "
        << (it->is_number() ? text::fixed(it->get<double>(), 6) : quoted(it->get<std::string>()))
        << "\n";
  }
  out << "---\n";
  return out.str();
}

std::string phase_csv(const Report& r) {
  Text out;
  out << "phase,hardware_id,hardware,device_count,runtime_hours,device_hours,region,pue,"
         "intensity_g_per_kwh,energy_it_kwh,energy_static_kwh,energy_facility_kwh,"
         "operational_location_kgco2e,operational_market_kgco2e,embodied_kgco2e,"
         "total_location_kgco2e,total_market_kgco2e,total_location_p5_kgco2e,"
         "total_location_p95_kgco2e\n";
  auto row = [&](const PhaseFigures& p) {
    out << csv_field(p.phase) << ',' << csv_field(p.hardware_id) << ',' << csv_field(p.hardware)
        << ',' << csv_number(p.devices) << ',' << csv_number(p.runtime_hours) << ','
        << csv_number(p.device_hours) << ',' << csv_field(p.region_id) << ',' << csv_number(p.pue)
        << ',' << csv_number(p.intensity_g_per_kwh) << ',' << csv_number(p.energy_it_kwh) << ','
        << csv_number(p.energy_static_kwh) << ',' << csv_number(p.energy_facility_kwh) << ','
        << csv_number(p.operational_location_kg) << ',' << csv_number(p.operational_market_kg)
        << ',' << csv_number(p.embodied_kg) << ',' << csv_number(p.total_location_kg) << ','
        << csv_number(p.total_market_kg) << ',' << csv_number(p.total_location_p5_kg) << ','
        << csv_number(p.total_location_p95_kg) << "\n";
  };
  for (const auto& p : r.phases) row(p);
  row(r.total);
  return out.str();
}

}  // namespace greenfront::report
