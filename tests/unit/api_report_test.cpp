// The report request: a carbon impact statement, model-card metadata (JSON and YAML) and a
// per-phase CSV, all from the estimate's own figures.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../../core/src/csv_reader.h"   // private to the core: reads the CSV back
#include "../../core/src/text_format.h"  // private to the core: the number formats
#include "error_set.h"
#include "greenfront/api.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

/// 8 custom GPUs (100 kg each, 800 kg per 8-GPU host, 5-year life) at a measured 250 W for
/// 100 h, PUE 1.1, 400 g/kWh, half the energy carbon-free:
///   IT 8 × 100 h × 250 W = 200 kWh; facility 200 × 1.1 = 220 kWh;
///   operational 220 × 400 / 1000 = 88 kg (location), × (1 − 0.5) = 44 kg (market);
///   embodied (100 + 800 / 8) kg × 800 device-h / (5 × 8760 h) = 160000 / 43800 = 3.6529… kg.
json training_scenario() {
  return {{"schema_version", 1},
          {"name", "Test model"},
          {"training",
           {{"hardware",
             {{"name", "Test GPU"},
              {"tdp_w", 300},
              {"embodied_kg", 100},
              {"lifetime_years", 5},
              {"host_embodied_kg", 800},
              {"devices_per_host", 8}}},
            {"device_count", 8},
            {"hours", 100},
            {"average_power_w", 250},
            {"pue", 1.1},
            {"intensity_g_per_kwh", 400},
            {"cfe_share", 0.5}}}};
}

constexpr double kEmbodiedKg = 160000.0 / 43800.0;

json report_of(const json& request) {
  const json r = json::parse(api::report(request.dump()));
  INFO(r.dump(1));
  REQUIRE(r["ok"] == true);
  return r;
}

}  // namespace

TEST_CASE("the model card holds the training phase's operational CO2e in grams", "[report]") {
  const json r = report_of({{"scenario", training_scenario()}, {"training_type", "pre-training"}});
  const json& c = r["model_card"]["co2_eq_emissions"];
  CHECK(c["emissions"].get<double>() == Approx(88000.0).epsilon(1e-12));  // 88 kg
  CHECK(c["embodied_emissions"].get<double>() == Approx(kEmbodiedKg * 1000).epsilon(1e-12));
  CHECK(c["energy_consumed"].get<double>() == Approx(220.0).epsilon(1e-12));
  CHECK(c["hours_used"].get<double>() == Approx(100.0).epsilon(1e-12));  // 800 device-h / 8
  CHECK(c["hardware_used"] == "8 x Test GPU");
  CHECK(c["training_type"] == "pre-training");
  CHECK(c["source"] == "greenfront 0.1.0");
  CHECK_FALSE(c.contains("geographical_location"));  // an intensity, not a region, was given
  // The YAML front matter: the spec's keys in its order, fixed-point numbers
  // (3652.968… kg-grams to six significant digits: 3652.97).
  CHECK(r["model_card_yaml"] ==
        "---\n"
        "co2_eq_emissions:\n"
        "  emissions: 88000\n"
        "  source: \"greenfront 0.1.0\"\n"
        "  training_type: \"pre-training\"\n"
        "  hardware_used: \"8 x Test GPU\"\n"
        "  energy_consumed: 220\n"
        "  hours_used: 100\n"
        "  embodied_emissions: 3652.97\n"
        "---\n");
  CHECK(r["warnings"].empty());
}

TEST_CASE("the report's estimate is exactly the estimate of the scenario", "[report]") {
  const json r = report_of({{"scenario", training_scenario()}});
  json estimate = json::parse(api::estimate(training_scenario().dump()));
  estimate.erase("ok");
  CHECK(r["estimate"] == estimate);
  // And through the request envelope, byte for byte.
  const std::string direct = api::report(json{{"scenario", training_scenario()}}.dump());
  const std::string enveloped =
      api::handle(json{{"request", "report"}, {"scenario", training_scenario()}}.dump());
  CHECK(enveloped == direct);
}

TEST_CASE("the statement discloses operational and embodied figures and cites seed 001",
          "[report]") {
  const json r = report_of({{"scenario", training_scenario()}, {"model_name", "TinyNet"}});
  const std::string s = r["statement_markdown"].get<std::string>();
  INFO(s);
  CHECK(s.rfind("## Carbon impact statement: TinyNet\n", 0) == 0);
  // 88 + 3.65 = 91.7 kg in total (location), 44 + 3.65 = 47.7 kg market-based.
  CHECK(s.find("TinyNet has an estimated footprint of **91.7 kg CO2e** (location-based; 47.7 kg "
               "market-based) over one phase, training.") != std::string::npos);
  CHECK(s.find("Training ran on 8 × Test GPU for 100 hours (800 device-hours) at a PUE of 1.1: "
               "220 kWh of facility energy, 88 kg CO2e operational (location-based; 44 kg "
               "market-based) and 3.65 kg embodied.") != std::string::npos);
  CHECK(s.find("| training | Test GPU | 8 | 100 | 800 |  | 1.1 | 220 | 88 | 44 | 3.65 | 91.7 |") !=
        std::string::npos);
  CHECK(s.find("| **total** |  | – | – | 800 |  | – | 220 | 88 | 44 | 3.65 | 91.7 |") !=
        std::string::npos);
  CHECK(s.find("§V-A") != std::string::npos);
  CHECK(s.find("The model card's `emissions` is the training phase's") != std::string::npos);
}

TEST_CASE("the report CSV reads back to the estimate's figures", "[report]") {
  const json r = report_of({{"scenario", training_scenario()}});
  const std::string text = r["csv"].get<std::string>();
  greenfront::csv::Reader reader(text);
  std::vector<std::string> header, training, total, extra;
  REQUIRE(reader.next(header) == greenfront::csv::Reader::Status::kRecord);
  REQUIRE(reader.next(training) == greenfront::csv::Reader::Status::kRecord);
  REQUIRE(reader.next(total) == greenfront::csv::Reader::Status::kRecord);
  CHECK(reader.next(extra) == greenfront::csv::Reader::Status::kEnd);
  CHECK(text.substr(0, text.find('\n')) ==
        "phase,hardware_id,hardware,device_count,runtime_hours,device_hours,region,pue,"
        "intensity_g_per_kwh,energy_it_kwh,energy_static_kwh,energy_facility_kwh,"
        "operational_location_kgco2e,operational_market_kgco2e,embodied_kgco2e,"
        "total_location_kgco2e,total_market_kgco2e,total_location_p5_kgco2e,"
        "total_location_p95_kgco2e");
  REQUIRE(training.size() == header.size());
  auto value = [&](const std::vector<std::string>& row, const std::string& column) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == column) return row[i];
    }
    FAIL("no column " << column);
    return std::string();
  };
  CHECK(value(training, "phase") == "training");
  CHECK(value(training, "hardware") == "Test GPU");
  CHECK(std::stod(value(training, "device_count")) == 8.0);
  CHECK(std::stod(value(training, "energy_it_kwh")) == Approx(200.0).epsilon(1e-12));
  CHECK(std::stod(value(training, "energy_facility_kwh")) == Approx(220.0).epsilon(1e-12));
  CHECK(std::stod(value(training, "operational_location_kgco2e")) == Approx(88.0).epsilon(1e-12));
  CHECK(std::stod(value(training, "operational_market_kgco2e")) == Approx(44.0).epsilon(1e-12));
  CHECK(std::stod(value(training, "embodied_kgco2e")) == Approx(kEmbodiedKg).epsilon(1e-12));
  CHECK(value(training, "total_location_p5_kgco2e").empty());  // no uncertain input
  CHECK(value(total, "phase") == "total");
  CHECK(std::stod(value(total, "total_location_kgco2e")) ==
        Approx(88.0 + kEmbodiedKg).epsilon(1e-12));
}

TEST_CASE("a region gives the card a place and a tiny figure stays fixed-point", "[report]") {
  // 0.00001 kWh at PUE 1 and 1 g/kWh: 0.00001 g, which the Hub would read as 1 in "1e-05".
  const json tiny = {
      {"schema_version", 1},
      {"training",
       {{"energy_kwh", 0.00001}, {"hours", 1}, {"pue", 1}, {"intensity_g_per_kwh", 1}}}};
  const std::string yaml = report_of({{"scenario", tiny}})["model_card_yaml"];
  CHECK(yaml.find("  emissions: 0.00001\n") != std::string::npos);
  CHECK(yaml.find("e-") == std::string::npos);

  const json quebec = {{"schema_version", 1},
                       {"training",
                        {{"hardware", "nvidia-a100-sxm4-40gb"},
                         {"device_count", 8},
                         {"hours", 10},
                         {"region", "CA-QC"}}}};
  const json c = report_of({{"scenario", quebec}})["model_card"]["co2_eq_emissions"];
  CHECK(c["geographical_location"] == "Quebec, Canada");
  CHECK(c["hardware_used"] == "8 x NVIDIA A100 SXM4 40 GB");
}

TEST_CASE("without a training phase the card covers every phase and says so", "[report]") {
  // Serving only: 2 devices at 500 W for 10 h = 10 kWh, PUE 1, 100 g/kWh: 1 kg = 1000 g.
  const json serving = {{"schema_version", 1},
                        {"inference",
                         {{"hardware", "nvidia-t4"},
                          {"device_count", 2},
                          {"hours", 10},
                          {"average_power_w", 500},
                          {"pue", 1},
                          {"intensity_g_per_kwh", 100}}}};
  const json r = report_of({{"scenario", serving}});
  CHECK(r["model_card"]["co2_eq_emissions"]["emissions"].get<double>() ==
        Approx(1000.0).epsilon(1e-12));
  REQUIRE(r["warnings"].size() == 1);
  CHECK(r["warnings"][0].get<std::string>().find("no training phase") != std::string::npos);
  CHECK(r["statement_markdown"].get<std::string>().find("the whole scenario's") !=
        std::string::npos);
}

TEST_CASE("hardware that ran no device-hours is not named", "[report]") {
  // Storage only: 1 TB × 10 days × 24 h × 1.2 Wh per TB-hour (ssd) = 288 Wh = 0.288 kWh;
  // PUE 1 at 100 g/kWh: 28.8 g. No device ran, so no hardware is disclosed.
  const json storage = {
      {"schema_version", 1},
      {"data",
       {{"storage_tb", 1}, {"storage_days", 10}, {"pue", 1}, {"intensity_g_per_kwh", 100}}}};
  const json r = report_of({{"scenario", storage}});
  const json& c = r["model_card"]["co2_eq_emissions"];
  CHECK(c["emissions"].get<double>() == Approx(28.8).epsilon(1e-12));
  CHECK_FALSE(c.contains("hardware_used"));
  CHECK(c["hours_used"].get<double>() == 0.0);
  CHECK(r["statement_markdown"].get<std::string>().find("| data |  | – | – | 0 |") !=
        std::string::npos);
}

TEST_CASE("an uncertain scenario reports its band in the statement and the CSV", "[report]") {
  json s = training_scenario();
  s["training"]["hours"] = {{"min", 80}, {"max", 120}};
  s["uncertainty"] = {{"samples", 1000}, {"seed", 7}};
  const json r = report_of({{"scenario", s}});
  const json& band = r["estimate"]["uncertainty"]["total"]["co2e_kg"]["total_location"];
  const std::string statement = r["statement_markdown"];
  CHECK(statement.find("1000 Monte-Carlo samples, seed 7") != std::string::npos);
  CHECK(statement.find("p5–p95, total, location (kgCO2e)") != std::string::npos);
  const std::string p5 = json(band["p5"].get<double>()).dump();
  const std::string p95 = json(band["p95"].get<double>()).dump();
  const std::string csv = r["csv"];
  const std::string total_row = csv.substr(csv.find("\ntotal,") + 1);
  CHECK(total_row.find("," + p5 + "," + p95 + "\n") != std::string::npos);
  // The nominal figures stay those of 100 h (the midpoint): 88 kg operational.
  CHECK(r["model_card"]["co2_eq_emissions"]["emissions"].get<double>() ==
        Approx(88000.0).epsilon(1e-12));
}

TEST_CASE("bad report requests name the field", "[report][bad_input]") {
  json bad_hours = training_scenario();
  bad_hours["training"]["hours"] = -1;
  const std::vector<std::pair<json, ErrorSet>> cases = {
      {json::object(), {{"input.missing_field", "scenario"}}},
      {{{"scenario", training_scenario()}, {"training_type", "pretraining"}},
       {{"input.invalid_value", "training_type"}}},
      {{{"scenario", training_scenario()}, {"model_name", 3}},
       {{"input.wrong_type", "model_name"}}},
      {{{"scenario", training_scenario()}, {"format", "yaml"}},
       {{"input.unknown_field", "format"}}},
      {{{"scenario", bad_hours}}, {{"input.out_of_range", "scenario.training.hours"}}},
  };
  for (const auto& [request, errors] : cases) {
    INFO("request: " << request.dump());
    const json r = json::parse(api::report(request.dump()));
    CHECK(r["ok"] == false);
    CHECK(error_set(r) == errors);
  }
  CHECK(json::parse(api::report("[1]"))["errors"][0]["code"] == "input.wrong_type");
}

TEST_CASE("fixed-point numbers never use exponent form", "[report][text]") {
  namespace text = greenfront::text;
  CHECK(text::fixed(1.23e-05, 3) == "0.0000123");
  CHECK(text::fixed(0.00001, 6) == "0.00001");
  CHECK(text::fixed(123456.7, 3) == "123457");  // every integer digit kept
  CHECK(text::fixed(1234.5678, 6) == "1234.57");
  CHECK(text::fixed(99.96, 3) == "100");  // rounding carries into a new digit
  CHECK(text::fixed(-2.5, 3) == "-2.5");
  CHECK(text::fixed(0, 6) == "0");
  CHECK(text::fixed(1e300, 6).size() == 301);  // no "1e+300"
  CHECK(text::number(0.000123456) == "0.000123");
  CHECK(text::number(45.64) == "45.6");
  CHECK(text::number(999.4) == "999");
  CHECK(text::number(999.5) == "1,000");  // %.3g would print "1e+03"
  CHECK(text::number(12345.6) == "12,346");
  CHECK(text::number(-1234567) == "-1,234,567");
  // Masses as "%.3g" wrote them, without its exponent form at either end.
  CHECK(text::mass(456.4) == "456 kg");
  CHECK(text::mass(999.7) == "1 t");  // "%.3g kg" gave "1e+03 kg"
  CHECK(text::mass(1234.5) == "1.23 t");
  CHECK(text::mass(1234567.0) == "1,235 t");       // "%.3g t" gave "1.23e+03 t"
  CHECK(text::mass(0.0000123) == "0.0000123 kg");  // "%.3g kg" gave "1.23e-05 kg"
}
