// The built-in catalogs: schema sanity over every entry, and spot checks against the
// source tables in ../shared/data-sources (values restated here from those files).
#include <catch2/catch.hpp>

#include <set>

#include "greenfront/catalog.h"

using greenfront::Catalog;

namespace {
const Catalog& cat() { return Catalog::builtin(); }

double intensity(const std::string& region, int year) {
  const auto* r = cat().region(region);
  REQUIRE(r != nullptr);
  for (const auto& v : r->values) {
    if (v.year == year) return v.intensity_g_per_kwh;
  }
  FAIL("no " << year << " value for " << region);
  return 0;
}
}  // namespace

TEST_CASE("every catalog entry has an id, a source and a licence, and ids are unique", "[catalog]") {
  std::set<std::string> ids;
  for (const auto& h : cat().hardware_entries()) {
    INFO(h.id);
    CHECK(ids.insert("hw:" + h.id).second);
    CHECK(!h.source.empty());
    CHECK(!h.licence.empty());
    CHECK(h.tdp_w >= 1.0);
    CHECK(h.tdp_w <= 2000.0);
    if (h.idle_w) CHECK(*h.idle_w <= h.tdp_w);
    CHECK(h.lifetime_years > 0.0);
  }
  for (const auto& r : cat().region_entries()) {
    INFO(r.id);
    CHECK(ids.insert("region:" + r.id).second);
    REQUIRE(!r.values.empty());
    for (const auto& v : r.values) {
      CHECK(v.intensity_g_per_kwh >= 0.0);
      CHECK(v.intensity_g_per_kwh <= 1500.0);
      CHECK(!v.source.empty());
      CHECK(!v.licence.empty());
    }
    if (!r.hourly_profile.empty()) CHECK(cat().profile(r.hourly_profile) != nullptr);
  }
  for (const auto& d : cat().datacenters()) {
    CHECK(d.pue >= 1.0);
    CHECK(d.pue <= 3.0);
    CHECK(!d.source.empty());
  }
  for (const auto& p : cat().profiles()) {
    INFO(p.id);
    CHECK(p.intensity_g_per_kwh.size() == 8760);
    for (double v : p.intensity_g_per_kwh) {
      CHECK(v >= 0.0);
      CHECK(v <= 1500.0);
    }
  }
  CHECK(!cat().equivalences().empty());
  CHECK(!cat().data_version().empty());
}

TEST_CASE("the hardware of the reference cases is in the catalog", "[catalog]") {
  for (const char* id : {"google-tpu-v2", "google-tpu-v3", "nvidia-p100-pcie", "nvidia-v100-sxm2",
                         "nvidia-a100-sxm4-40gb", "nvidia-a100-sxm4-80gb", "nvidia-h100-sxm",
                         "nvidia-t4", "generic-gpu", "generic-cpu", "smartphone"}) {
    INFO(id);
    CHECK(cat().hardware(id) != nullptr);
  }
  // Short names users type resolve through aliases.
  CHECK(cat().hardware("v100") != nullptr);
  CHECK(cat().hardware("A100") != nullptr);
}

TEST_CASE("spot checks against the published tables", "[catalog]") {
  // Patterson et al. 2021, Table 3: measured average system power per chip.
  CHECK(cat().hardware("google-tpu-v2")->measured_avg_power_w.value() == 221.0);
  CHECK(cat().hardware("google-tpu-v3")->measured_avg_power_w.value() == 283.0);
  CHECK(cat().hardware("nvidia-p100-pcie")->measured_avg_power_w.value() == 271.0);
  CHECK(cat().hardware("nvidia-v100-sxm2")->measured_avg_power_w.value() == 325.0);
  // Manufacturer TDPs quoted beside that table: V100 300 W, TPU v2 280 W.
  CHECK(cat().hardware("nvidia-v100-sxm2")->tdp_w == 300.0);
  CHECK(cat().hardware("google-tpu-v2")->tdp_w == 280.0);
  // Green Algorithms TDP_gpu.csv: T4 70 W.
  CHECK(cat().hardware("nvidia-t4")->tdp_w == 70.0);
  // Seed 003 §3.4 (after Lacoste et al. 2019): North America 2019 from 20 g/kWh (Quebec)
  // to 736.6 g/kWh (Iowa).
  CHECK(intensity("CA-QC", 2019) == 20.0);
  CHECK(intensity("US-IA", 2019) == 736.6);
  // eGRID 2016 via codecarbon usa_emissions.json: Iowa 997.858 lbs/MWh × 0.45359237.
  CHECK(intensity("US-IA", 2016) == Approx(997.858 * 0.45359237).epsilon(1e-4));
  // OWID/Ember via codecarbon global_energy_mix.json (2023): France 56.039, Germany 380.95,
  // USA 369.473, India 713.441 g/kWh.
  CHECK(intensity("FR", 2023) == Approx(56.039).epsilon(1e-4));
  CHECK(intensity("DE", 2023) == Approx(380.95).epsilon(1e-4));
  CHECK(intensity("US", 2023) == Approx(369.473).epsilon(1e-4));
  CHECK(intensity("IN", 2023) == Approx(713.441).epsilon(1e-4));
  // PUE: Uptime Institute 2024 survey average 1.56; seed 001 §III-A hyperscale 1.1.
  CHECK(cat().datacenter("typical")->pue == 1.56);
  CHECK(cat().datacenter("hyperscale")->pue == 1.1);
}

TEST_CASE("more spot checks: accelerators, cloud regions, hourly profiles", "[catalog]") {
  // mlco2/impact gpus.csv: H100 SXM 700 W, Tesla P40 250 W, RTX A6000 300 W.
  CHECK(cat().hardware("nvidia-h100-sxm")->tdp_w == 700.0);
  CHECK(cat().hardware("nvidia-p40")->tdp_w == 250.0);
  CHECK(cat().hardware("nvidia-rtx-a6000")->tdp_w == 300.0);
  // Green Algorithms data v3.1 GPUs-manual.csv: H100 PCIe 350 W.
  CHECK(cat().hardware("nvidia-h100-pcie")->tdp_w == 350.0);
  CHECK(cat().hardware_entries().size() >= 40);

  // GoogleCloudPlatform/region-carbon-info yearly/2024.csv: CFE share and grid intensity.
  const auto* iowa = cat().cloud_region("gcp:us-central1");
  REQUIRE(iowa != nullptr);
  CHECK(iowa->region == "US-IA");
  CHECK(iowa->cfe_share.value() == 0.87);
  CHECK(iowa->intensity_g_per_kwh.value() == 412.72);
  const auto* belgium = cat().cloud_region("gcp:europe-west1");
  REQUIRE(belgium != nullptr);
  CHECK(belgium->region == "BE");
  CHECK(belgium->cfe_share.value() == 0.84);
  CHECK(belgium->intensity_g_per_kwh.value() == 103.37);
  CHECK(cat().cloud_region("gcp:europe-north1")->intensity_g_per_kwh.value() == 39.32);
  // Cloud Carbon Footprint methodology: AWS PUE 1.135; us-east-1 is in Virginia.
  CHECK(cat().cloud_region("aws:us-east-1")->pue == 1.135);
  CHECK(cat().cloud_region("aws:us-east-1")->region == "US-VA");
  for (const auto& r : cat().cloud_regions()) {
    INFO(r.id);
    CHECK(cat().region(r.region) != nullptr);  // every cloud region sits in a known zone
    CHECK(r.pue >= 1.0);
    CHECK(r.pue <= 3.0);
  }

  // A typical day per month keeps the annual mean: data-sources README gives the 2023
  // life-cycle means FR 49, GB 188, DE 367, SG 488 gCO2e/kWh (rounded), and EIA 2022
  // avg_CI means CISO 256, BPAT 55.
  auto mean_of = [](const char* id) {
    const auto* p = cat().profile(id);
    REQUIRE(p != nullptr);
    double sum = 0;
    for (double v : p->intensity_g_per_kwh) sum += v;
    return sum / static_cast<double>(p->intensity_g_per_kwh.size());
  };
  CHECK(mean_of("em2023-fr") == Approx(49).margin(0.5));
  CHECK(mean_of("em2023-gb") == Approx(188).margin(0.5));
  CHECK(mean_of("em2023-de") == Approx(367).margin(0.5));
  CHECK(mean_of("em2023-sg") == Approx(488).margin(0.5));
  CHECK(mean_of("eia930-2022-ciso") == Approx(256).margin(0.5));
  CHECK(mean_of("eia930-2022-bpat") == Approx(55).margin(0.5));
  // Regions link to their profile.
  CHECK(cat().region("FR")->hourly_profile == "em2023-fr");
  CHECK(cat().region("US-CA")->hourly_profile == "eia930-2022-ciso");
}

TEST_CASE("country generation shares from OWID/Ember", "[catalog]") {
  // codecarbon global_energy_mix.json (2023), France: renewables (hydro + solar + wind +
  // biofuel + other renewables) 26.29 % and low-carbon (+ nuclear) 91.58 % of generation.
  const auto* fr = cat().region("FR");
  REQUIRE(fr != nullptr);
  const greenfront::IntensityValue* owid = nullptr;
  for (const auto& v : fr->values) {
    if (v.year == 2023) owid = &v;
  }
  REQUIRE(owid != nullptr);
  CHECK(owid->renewable_share.value() == Approx(0.2629).margin(1e-4));
  CHECK(owid->low_carbon_share.value() == Approx(0.9158).margin(1e-4));
}

TEST_CASE("Electricity Maps 2024 adds direct and life-cycle values side by side", "[catalog]") {
  // CI-electricitymap-yearly_2024.csv (Green Algorithms data v3.1, ODbL): direct / life-cycle
  // gCO2eq/kWh and CFE % / RE %: FR 18.4 / 33.44, 95.95 / 28.57; DE 276.61 / 333.77;
  // CA-QC 5.48 / 35.04.
  auto value = [](const char* region, const char* basis) {
    const auto* r = cat().region(region);
    REQUIRE(r != nullptr);
    for (const auto& v : r->values) {
      if (v.year == 2024 && v.basis == basis) return v;
    }
    FAIL("no 2024 " << basis << " value for " << region);
    return greenfront::IntensityValue{};
  };
  CHECK(value("FR", "direct").intensity_g_per_kwh == 18.4);
  CHECK(value("FR", "lifecycle").intensity_g_per_kwh == 33.44);
  CHECK(value("FR", "lifecycle").low_carbon_share.value() == Approx(0.9595).margin(1e-4));
  CHECK(value("FR", "lifecycle").renewable_share.value() == Approx(0.2857).margin(1e-4));
  CHECK(value("DE", "direct").intensity_g_per_kwh == 276.61);
  CHECK(value("DE", "lifecycle").intensity_g_per_kwh == 333.77);
  CHECK(value("CA-QC", "direct").intensity_g_per_kwh == 5.48);
  CHECK(value("CA-QC", "lifecycle").intensity_g_per_kwh == 35.04);
  CHECK(value("FR", "lifecycle").licence.find("ODbL") != std::string::npos);
}

TEST_CASE("shared citations: source_ref names the file's sources table", "[catalog]") {
  // The built-in region files cite through source_ref; the loader copies the citation in.
  const auto* fr = cat().region("FR");
  REQUIRE(fr != nullptr);
  bool owid = false;
  for (const auto& v : fr->values) {
    CHECK_FALSE(v.source.empty());
    CHECK_FALSE(v.licence.empty());
    if (v.source.rfind("Our World in Data energy-data", 0) == 0) owid = true;
  }
  CHECK(owid);
  const auto* gcp = cat().cloud_region("gcp:us-central1");
  REQUIRE(gcp != nullptr);
  CHECK(gcp->source.rfind("GoogleCloudPlatform/region-carbon-info", 0) == 0);

  const auto load = [](const std::string& regions, const std::string& extra) {
    return Catalog::from_json_texts({
        {"manifest.json", R"({"data_version": "t"})"},
        {"hardware.json", R"({"entries": []})"},
        {"regions.json", regions},
        {"regions-x.json", extra},
        {"datacenters.json", R"({"entries": []})"},
        {"equivalences.json", R"({"entries": []})"},
    });
  };
  const std::string regions = R"({"entries": [{"id": "XA", "name": "A", "kind": "country",
      "values": [
      {"year": 2020, "intensity_g_per_kwh": 1, "basis": "direct", "source_ref": "s1"},
      {"year": 2019, "intensity_g_per_kwh": 2, "basis": "direct", "source": "inline",
       "licence": "L0"}]}],
      "sources": {"s1": {"source": "one", "licence": "L1"}}})";
  const Catalog c = load(regions, R"({"sources": {"s2": {"source": "two", "licence": "L2"}},
      "entries": [{"id": "XA", "values": [
        {"year": 2024, "intensity_g_per_kwh": 3, "source_ref": "s2"}]}]})");
  const auto* xa = c.region("XA");
  REQUIRE(xa != nullptr);
  REQUIRE(xa->values.size() == 3);
  CHECK(xa->values[0].source == "inline");
  CHECK(xa->values[1].source == "one");
  CHECK(xa->values[1].licence == "L1");
  CHECK(xa->values[2].source == "two");
  CHECK(xa->values[2].licence == "L2");
  CHECK(c.profiles().empty());

  CHECK_THROWS_WITH(load(regions, R"({"entries": [{"id": "XA", "values": [
      {"year": 2024, "intensity_g_per_kwh": 3, "source_ref": "nope"}]}]})"),
                    "catalog regions-x.json entry XA: unknown source_ref \"nope\"");
}
