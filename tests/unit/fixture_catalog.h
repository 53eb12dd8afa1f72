// A tiny catalog with round numbers so unit tests can state hand calculations.
#pragma once

#include <string>
#include <vector>

#include "greenfront/catalog.h"

namespace greenfront::testing {

/// A typical day per month: month m, hour h has 1000 + 10·m + h.
inline std::string compact_profile() {
  std::string text = R"({"id": "test-compact", "zone": "TEST", "year": 2023, "source": "test",
                         "licence": "CC0", "encoding": "monthly-typical-day",
                         "intensity_g_per_kwh": [)";
  for (int m = 0; m < 12; ++m) {
    for (int h = 0; h < 24; ++h) text += ((m || h) ? "," : "") + std::to_string(1000 + 10 * m + h);
  }
  return text + "]}";
}

inline Catalog fixture_catalog() {
  std::string profile = R"({"id": "test-profile", "zone": "TEST", "year": 2022, "source": "test",
                            "licence": "CC0", "intensity_g_per_kwh": [)";
  // Hour h of the year has intensity 100 + (h mod 24): a day with a clear minimum at 00:00.
  for (int h = 0; h < 8760; ++h) profile += (h ? "," : "") + std::to_string(100 + h % 24);
  profile += "]}";
  return Catalog::from_json_texts({
      {"manifest.json", R"({"data_version": "test-1"})"},
      {"hardware.json", R"({"entries": [
        {"id": "gpu-400", "name": "Test GPU", "kind": "gpu", "tdp_w": 400, "idle_w": 40,
         "measured_avg_power_w": 300, "embodied_kg": 150, "lifetime_years": 5,
         "host_embodied_kg": 2000, "devices_per_host": 8, "aliases": ["tg"],
         "source": "test", "licence": "CC0"},
        {"id": "generic-gpu", "name": "Generic GPU", "kind": "gpu", "tdp_w": 200,
         "source": "test", "licence": "CC0"},
        {"id": "generic-cpu", "name": "Generic CPU", "kind": "cpu", "tdp_w": 100,
         "source": "test", "licence": "CC0"},
        {"id": "smartphone", "name": "Phone", "kind": "client", "tdp_w": 3,
         "embodied_kg": 60, "lifetime_years": 3, "source": "test", "licence": "CC0"}]})"},
      {"regions.json", R"({"entries": [
        {"id": "WORLD", "name": "World", "kind": "world",
         "values": [{"year": 2022, "intensity_g_per_kwh": 500, "basis": "lifecycle",
                     "source": "test", "licence": "CC0"}]},
        {"id": "XA", "name": "Testland", "kind": "country", "hourly_profile": "test-profile",
         "aliases": ["TST"],
         "values": [{"year": 2019, "intensity_g_per_kwh": 300, "basis": "direct",
                     "source": "test", "licence": "CC0"},
                    {"year": 2022, "intensity_g_per_kwh": 200, "basis": "direct",
                     "source": "test", "licence": "CC0"}]},
        {"id": "XB", "name": "Otherland", "kind": "country",
         "values": [{"year": 2020, "intensity_g_per_kwh": 400, "basis": "lifecycle",
                     "source": "test", "licence": "CC0"}]}]})"},
      {"regions-extra.json", R"({"entries": [
        {"id": "XB", "values": [
          {"year": 2024, "intensity_g_per_kwh": 250, "basis": "direct", "source": "extra",
           "licence": "ODbL"},
          {"year": 2024, "intensity_g_per_kwh": 300, "basis": "lifecycle", "source": "extra",
           "licence": "ODbL"}]}]})"},
      {"datacenters.json", R"({"entries": [
        {"id": "typical", "name": "Typical", "pue": 1.5, "source": "test", "licence": "CC0"},
        {"id": "hyperscale", "name": "Hyperscale", "pue": 1.1, "source": "test",
         "licence": "CC0"}]})"},
      {"equivalences.json", R"({"entries": [
        {"id": "car_km", "label": "km by car", "unit": "km", "kg_per_unit": 0.25,
         "source": "test", "licence": "CC0"}]})"},
      {"profiles/test-profile.json", profile},
      {"profiles/test-compact.json", compact_profile()},
      {"cloud-regions.json", R"({"entries": [
        {"id": "cloud:xa-1", "provider": "cloud", "name": "Testland 1", "region": "XA",
         "pue": 1.2, "cfe_share": 0.6, "intensity_g_per_kwh": 250, "year": 2024,
         "source": "test", "licence": "CC0"},
        {"id": "cloud:world-1", "provider": "cloud", "name": "Somewhere", "region": "WORLD",
         "pue": 1.3, "source": "test", "licence": "CC0"}]})"},
  });
}

/// One fixture catalog shared by the tests of a binary (built on first use).
inline const Catalog& shared_fixture_catalog() {
  static const Catalog catalog = fixture_catalog();
  return catalog;
}

}  // namespace greenfront::testing
