// The compiled-in catalog rows (core/src/generated/builtin_catalog.cpp) against the JSON
// files they were generated from: every entry, field by field, read here from data/ with
// Catalog::from_json_texts. A change to data/ without script/update-catalog fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../../tools/catalog_files.h"
#include "greenfront/catalog.h"

namespace {

using greenfront::Catalog;
namespace fs = std::filesystem;

const Catalog& catalog_from_json_files() {
  static const Catalog catalog = Catalog::from_json_texts(
      greenfront::tools::read_catalog_files(fs::path(GREENFRONT_SOURCE_DIR) / "data"));
  return catalog;
}

// Exact comparisons: the rows print 17 significant digits, which read back as the same double.
template <typename Entries, typename Check>
void require_same_entries(const Entries& rows, const Entries& json, Check check) {
  REQUIRE(rows.size() == json.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("entry " << i << " (" << json[i].id << ")");
    check(rows[i], json[i]);
  }
}

}  // namespace

TEST_CASE("the compiled-in catalog equals the JSON files of data/", "[catalog]") {
  const Catalog& rows = Catalog::builtin();
  const Catalog& json = catalog_from_json_files();
  INFO("after a change to data/, run script/update-catalog");
  CHECK(rows.data_version() == json.data_version());

  require_same_entries(rows.hardware_entries(), json.hardware_entries(), [](const auto& a, const auto& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.tdp_w == b.tdp_w);
    CHECK(a.idle_w == b.idle_w);
    CHECK(a.measured_avg_power_w == b.measured_avg_power_w);
    CHECK(a.embodied_kg == b.embodied_kg);
    CHECK(a.lifetime_years == b.lifetime_years);
    CHECK(a.host_embodied_kg == b.host_embodied_kg);
    CHECK(a.devices_per_host == b.devices_per_host);
    CHECK(a.aliases == b.aliases);
    CHECK(a.source == b.source);
    CHECK(a.licence == b.licence);
    CHECK(a.field_sources == b.field_sources);
  });

  std::size_t values = 0;
  require_same_entries(rows.region_entries(), json.region_entries(), [&values](const auto& a, const auto& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.hourly_profile == b.hourly_profile);
    CHECK(a.aliases == b.aliases);
    REQUIRE(a.values.size() == b.values.size());
    for (std::size_t k = 0; k < a.values.size(); ++k) {
      INFO("value " << k);
      CHECK(a.values[k].year == b.values[k].year);
      CHECK(a.values[k].intensity_g_per_kwh == b.values[k].intensity_g_per_kwh);
      CHECK(a.values[k].basis == b.values[k].basis);
      CHECK(a.values[k].renewable_share == b.values[k].renewable_share);
      CHECK(a.values[k].low_carbon_share == b.values[k].low_carbon_share);
      CHECK(a.values[k].source == b.values[k].source);
      CHECK(a.values[k].licence == b.values[k].licence);
    }
    values += a.values.size();
  });
  // regions.json and regions-em2024.json together (the merge happens before the rows).
  CHECK(values > rows.region_entries().size());

  require_same_entries(rows.cloud_regions(), json.cloud_regions(), [](const auto& a, const auto& b) {
    CHECK(a.id == b.id);
    CHECK(a.provider == b.provider);
    CHECK(a.name == b.name);
    CHECK(a.region == b.region);
    CHECK(a.pue == b.pue);
    CHECK(a.cfe_share == b.cfe_share);
    CHECK(a.intensity_g_per_kwh == b.intensity_g_per_kwh);
    CHECK(a.year == b.year);
    CHECK(a.source == b.source);
    CHECK(a.licence == b.licence);
  });
  require_same_entries(rows.datacenters(), json.datacenters(), [](const auto& a, const auto& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.pue == b.pue);
    CHECK(a.source == b.source);
    CHECK(a.licence == b.licence);
  });
  require_same_entries(rows.equivalences(), json.equivalences(), [](const auto& a, const auto& b) {
    CHECK(a.id == b.id);
    CHECK(a.label == b.label);
    CHECK(a.unit == b.unit);
    CHECK(a.kg_per_unit == b.kg_per_unit);
    CHECK(a.source == b.source);
    CHECK(a.licence == b.licence);
  });
  require_same_entries(rows.profiles(), json.profiles(), [](const auto& a, const auto& b) {
    CHECK(a.zone == b.zone);
    CHECK(a.year == b.year);
    CHECK(a.intensity_g_per_kwh == b.intensity_g_per_kwh);
    CHECK(a.source == b.source);
  });
}

TEST_CASE("the compiled-in catalog holds values the JSON files state", "[catalog]") {
  // Independent of the generator: figures read off data/ by eye.
  // data/hardware.json: "nvidia-v100-pcie", tdp_w 250, idle_w 35, embodied_kg 22.58.
  const auto* v100 = Catalog::builtin().hardware("nvidia-v100-pcie");
  REQUIRE(v100 != nullptr);
  CHECK(v100->tdp_w == 250.0);
  CHECK(v100->idle_w == 35.0);
  CHECK(v100->embodied_kg == 22.58);
  CHECK_FALSE(v100->measured_avg_power_w.has_value());
  // data/regions.json: "AM" (Armenia), 2022, 264.538 g/kWh lifecycle, renewable_share 0.2657.
  const auto* armenia = Catalog::builtin().region("ARM");
  REQUIRE(armenia != nullptr);
  CHECK(armenia->id == "AM");
  bool found = false;
  for (const auto& v : armenia->values) {
    if (v.year == 2022 && v.basis == "lifecycle") {
      found = true;
      CHECK(v.intensity_g_per_kwh == 264.538);
      CHECK(v.renewable_share == 0.2657);
      CHECK(v.source.rfind("Our World in Data", 0) == 0);
    }
  }
  CHECK(found);
}
