// Accounting against hand calculations on the fixture catalog (fixture_catalog.h):
// gpu-400 has TDP 400 W, idle 40 W, measured 300 W, 150 kg embodied, 2000 kg host per
// 8 devices, 5-year life; WORLD is 500 g/kWh; XA is 200 g/kWh (2022), 300 (2019);
// the "typical" datacenter has PUE 1.5.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fixture_catalog.h"
#include "greenfront/accounting.h"
#include "greenfront/scenario_parser.h"

using namespace greenfront;
using nlohmann::json;

namespace {

const Catalog& catalog() { return testing::shared_fixture_catalog(); }

Scenario parse(const json& doc) {
  Issues issues;
  auto sc = parse_scenario(doc, catalog(), issues);
  for (const auto& i : issues.list()) UNSCOPED_INFO(i.message);
  REQUIRE(sc.has_value());
  return *sc;
}

Evaluation run(const json& doc) {
  Scenario sc = parse(doc);
  Draw nominal;
  return evaluate(sc, nominal);
}

const PhaseResult& phase(const Evaluation& e, const std::string& name) {
  for (const auto& p : e.phases) {
    if (p.phase == name) return p;
  }
  FAIL("no phase " << name);
  return e.phases.front();
}

json training_8x100h() {
  return {{"schema_version", 1},
          {"training",
           {{"hardware", "gpu-400"}, {"device_count", 8}, {"hours", 100}, {"utilization", 0.5},
            {"region", "XA"}, {"cfe_share", 0.25}}}};
}

// Embodied per device-hour of gpu-400: (150 + 2000 / 8) / (5 × 8760) = 400 / 43800 kg.
constexpr double kGpuEmbodiedPerHour = 400.0 / 43800.0;

}  // namespace

TEST_CASE("direct form: devices × hours × power, PUE, location and market", "[accounting]") {
  const Evaluation e = run(training_8x100h());
  const Totals& t = phase(e, "training").totals;
  // P = 40 + (400 − 40) × 0.5 = 220 W; IT = 8 × 100 h × 220 W = 176 kWh.
  CHECK(t.energy_it_kwh == Approx(176.0).epsilon(1e-14));
  CHECK(t.energy_static_kwh == 0.0);
  CHECK(t.energy_facility_kwh == Approx(264.0).epsilon(1e-14));       // × PUE 1.5
  CHECK(t.operational_location_kg == Approx(52.8).epsilon(1e-14));    // × 200 g/kWh
  CHECK(t.operational_market_kg == Approx(39.6).epsilon(1e-14));      // × (1 − 0.25)
  CHECK(t.embodied_kg == Approx(800 * kGpuEmbodiedPerHour).epsilon(1e-14));  // 7.3059 kg
  CHECK(t.device_hours == 800.0);
  CHECK(e.total.total_location_kg() == Approx(52.8 + 800 * kGpuEmbodiedPerHour).epsilon(1e-14));
}

TEST_CASE("power source: measured average power from the catalog", "[accounting]") {
  json doc = training_8x100h();
  doc["training"]["power_source"] = "measured";
  // 8 × 100 h × 300 W = 240 kWh, whatever the utilization.
  CHECK(run(doc).total.energy_it_kwh == Approx(240.0).epsilon(1e-14));
  doc["training"].erase("power_source");
  doc["training"]["average_power_w"] = 250;
  CHECK(run(doc).total.energy_it_kwh == Approx(200.0).epsilon(1e-14));
}

TEST_CASE("reserved hours draw idle power and carry embodied", "[accounting]") {
  json doc = training_8x100h();
  doc["training"]["reserved_hours"] = 150;
  const Totals t = run(doc).total;
  CHECK(t.energy_static_kwh == Approx(16.0).epsilon(1e-14));         // 8 × 50 h × 40 W
  CHECK(t.energy_facility_kwh == Approx(288.0).epsilon(1e-14));      // (176 + 16) × 1.5
  CHECK(t.embodied_kg == Approx(1200 * kGpuEmbodiedPerHour).epsilon(1e-14));
}

TEST_CASE("embodied attribution: runtime, utilization-adjusted, none", "[accounting]") {
  json doc = training_8x100h();
  doc["embodied"] = {{"attribution", "utilization_adjusted"}, {"lifetime_utilization", 0.5}};
  // Half the life used: twice the share per used hour.
  CHECK(run(doc).total.embodied_kg == Approx(2 * 800 * kGpuEmbodiedPerHour).epsilon(1e-14));
  doc["embodied"] = {{"attribution", "none"}};
  CHECK(run(doc).total.embodied_kg == 0.0);
}

TEST_CASE("training per-sample form T = E·D·I·θ (seed 003 §3.2)", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"training",
               {{"hardware", "gpu-400"}, {"epochs", 10}, {"samples", 100000},
                {"energy_per_sample_kwh", 1e-6}}}};
  const Evaluation e = run(doc);
  const Totals& t = phase(e, "training").totals;
  // 10 × 1e5 × 1e-6 kWh × θ = 5 (default) = 5 kWh; one device at 220 W runs 5000/220 h.
  CHECK(t.energy_it_kwh == Approx(5.0).epsilon(1e-14));
  CHECK(t.device_hours == Approx(5000.0 / 220.0).epsilon(1e-14));
  CHECK(t.operational_location_kg == Approx(5.0 * 1.5 * 0.5).epsilon(1e-14));  // WORLD 500 g
}

TEST_CASE("experimentation: grid search multiplies the trials (seed 003 §3.3)", "[accounting]") {
  json doc = training_8x100h();
  doc["experimentation"] = {{"search", "grid"}, {"grid_values", {3, 4, 5}},
                            {"trial_fraction_of_training", 0.1}};
  const Evaluation e = run(doc);
  const Totals& train = phase(e, "training").totals;
  const Totals& exp = phase(e, "experimentation").totals;
  // H = 3 × 4 × 5 = 60 trials of a tenth of training: 6 × training.
  CHECK(exp.energy_facility_kwh == Approx(6 * train.energy_facility_kwh).epsilon(1e-14));
  CHECK(exp.embodied_kg == Approx(6 * train.embodied_kg).epsilon(1e-14));
  CHECK(phase(e, "experimentation").details["trials"] == 60.0);
}

TEST_CASE("experimentation: own per-trial compute", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"experimentation",
               {{"search", "random"}, {"trials", 20}, {"hardware", "gpu-400"}, {"hours", 2},
                {"average_power_w", 100}}}};
  // 20 trials × 1 device × 2 h × 100 W = 4 kWh.
  CHECK(run(doc).total.energy_it_kwh == Approx(4.0).epsilon(1e-14));
}

TEST_CASE("inference I·e over a deployment (seed 003 §3.4)", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"inference",
               {{"energy_per_inference_wh", 0.5}, {"queries_per_second", 10},
                {"deployment_days", 10}}}};
  const Evaluation e = run(doc);
  const Totals& t = phase(e, "inference").totals;
  // e = 10/s × 86400 s × 10 d = 8.64e6; I·e = 0.5 Wh × 8.64e6 = 4320 kWh.
  CHECK(t.energy_it_kwh == Approx(4320.0).epsilon(1e-14));
  CHECK(t.operational_location_kg == Approx(4320.0 * 1.5 * 0.5).epsilon(1e-14));
  CHECK(t.embodied_kg == 0.0);  // no fleet given
  doc["inference"]["hardware"] = "gpu-400";
  doc["inference"]["device_count"] = 2;
  // The fleet of 2 is reserved for 10 × 24 h = 480 device-hours.
  CHECK(run(doc).total.embodied_kg == Approx(480 * kGpuEmbodiedPerHour).epsilon(1e-14));
}

TEST_CASE("inference fleet form serves the whole deployment", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"inference",
               {{"hardware", "gpu-400"}, {"device_count", 2}, {"average_power_w", 100},
                {"deployment_days", 30}}}};
  // 2 × 720 h × 100 W = 144 kWh.
  CHECK(run(doc).total.energy_it_kwh == Approx(144.0).epsilon(1e-14));
}

TEST_CASE("retraining cadence over the deployment", "[accounting]") {
  json doc = training_8x100h();
  doc["retraining"] = {{"every_days", 7}, {"deployment_days", 28}, {"fraction_of_training", 0.5}};
  const Evaluation e = run(doc);
  // 28 / 7 = 4 runs at half a training each: 2 × training.
  CHECK(phase(e, "retraining").totals.energy_facility_kwh ==
        Approx(2 * phase(e, "training").totals.energy_facility_kwh).epsilon(1e-14));
}

TEST_CASE("federated learning per seed 001 App. B", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"federated",
               {{"clients", 1000}, {"rounds", 10}, {"compute_hours_per_round", 0.5},
                {"communication_hours_per_round", 0.2}}}};
  const Totals t = run(doc).total;
  // Per client-round: 0.5 h × 3 W + 0.2 h × 7.5 W = 3 Wh; 10,000 client-rounds = 30 kWh.
  CHECK(t.energy_it_kwh == Approx(30.0).epsilon(1e-14));
  CHECK(t.energy_facility_kwh == Approx(30.0).epsilon(1e-14));  // no data centre
  CHECK(t.operational_location_kg == Approx(15.0).epsilon(1e-14));
  // Phone: 60 kg over 3 × 8760 h, charged for 5000 compute hours.
  CHECK(t.embodied_kg == Approx(60.0 * 5000.0 / (3 * 8760.0)).epsilon(1e-14));
}

TEST_CASE("data storage energy", "[accounting]") {
  json doc = {{"schema_version", 1}, {"data", {{"storage_tb", 10}, {"storage_days", 30}}}};
  const Totals t = run(doc).total;
  // 10 TB × 720 h × 1.2 Wh/TB·h = 8.64 kWh (SSD, Cloud Carbon Footprint).
  CHECK(t.energy_it_kwh == Approx(8.64).epsilon(1e-14));
  CHECK(t.energy_facility_kwh == Approx(12.96).epsilon(1e-14));
  CHECK(t.embodied_kg == 0.0);
}

TEST_CASE("grid year, direct intensity and defaults inheritance", "[accounting]") {
  json doc = training_8x100h();
  doc["training"]["grid_year"] = 2019;  // 300 g/kWh
  CHECK(run(doc).total.operational_location_kg == Approx(264.0 * 0.3).epsilon(1e-14));
  doc["training"].erase("grid_year");
  doc["training"]["intensity_g_per_kwh"] = 100;
  CHECK(run(doc).total.operational_location_kg == Approx(26.4).epsilon(1e-14));
  json inherit = {{"schema_version", 1},
                  {"defaults", {{"pue", 1.1}, {"region", "XA"}}},
                  {"training", {{"energy_kwh", 100}}},
                  {"inference", {{"energy_kwh", 50}, {"pue", 1.2}}}};
  const Evaluation e = run(inherit);
  CHECK(phase(e, "training").totals.energy_facility_kwh == Approx(110.0).epsilon(1e-14));
  CHECK(phase(e, "inference").totals.energy_facility_kwh == Approx(60.0).epsilon(1e-14));
  CHECK(phase(e, "training").intensity_g_per_kwh == 200.0);
}

TEST_CASE("energy reduction factors divide energy and fleet time", "[accounting]") {
  json doc = training_8x100h();
  doc["training"]["energy_reduction_factors"] = {{{"name", "fp16"}, {"factor", 2}},
                                                 {{"name", "kernels"}, {"factor", 5}}};
  const Totals t = run(doc).total;
  CHECK(t.energy_it_kwh == Approx(17.6).epsilon(1e-14));
  CHECK(t.device_hours == Approx(80.0).epsilon(1e-14));
}

TEST_CASE("hourly profile charges Σ E(t)·CI(t) and finds the best start", "[accounting]") {
  json doc = {{"schema_version", 1},
              {"training",
               {{"hardware", "gpu-400"}, {"hours", 3}, {"average_power_w", 1000},
                {"region", "XA"}, {"start_utc", "2022-01-01T20:00Z"},
                {"schedule_window_hours", 6}}}};
  const Evaluation e = run(doc);
  // 3 kWh IT × 1.5 = 4.5 kWh at hours 20,21,22 (120,121,122 g): 4.5 × 121 / 1000 kg.
  CHECK(e.total.operational_location_kg == Approx(4.5 * 0.121).epsilon(1e-14));
  REQUIRE(e.schedule.size() == 1);
  CHECK(e.schedule[0]["best_start_utc"] == "2022-01-02T00:00Z");
  CHECK(e.schedule[0]["operational_location_kg_at_best"].get<double>() ==
        Approx(4.5 * 0.101).epsilon(1e-14));
}

TEST_CASE("Monte-Carlo percentiles follow the input distribution", "[accounting][uncertainty]") {
  json doc = training_8x100h();
  doc["training"]["utilization"] = {{"min", 0.0}, {"max", 1.0}};
  doc["uncertainty"] = {{"samples", 20000}, {"seed", 7}};
  const Scenario sc = parse(doc);
  REQUIRE(sc.uncertain);
  const json mc = monte_carlo(sc);
  const json& t = mc["total"]["co2e_kg"]["total_location"];
  // Total = 8 × 100 h × (40 + 360 u) W × 1.5 × 0.2 kg/kWh / 1000 + 7.306 kg embodied,
  // linear in u ~ U(0, 1): the p-quantile is the value at u = p. Slope 86.4 kg per unit u;
  // with 20,000 samples a quantile's standard error is below 0.01 in u (< 1 kg).
  const double embodied = 800 * kGpuEmbodiedPerHour;
  // 0.8 kWh per W of average power × 1.5 PUE × 0.2 kg/kWh = 0.24 kg per W.
  auto at_u = [&](double u) { return 0.24 * (40 + 360 * u) + embodied; };
  CHECK(t["p5"].get<double>() == Approx(at_u(0.05)).margin(1.0));
  CHECK(t["p50"].get<double>() == Approx(at_u(0.5)).margin(1.0));
  CHECK(t["p95"].get<double>() == Approx(at_u(0.95)).margin(1.0));
  // Seeded: the same request gives identical numbers; another seed does not.
  CHECK(monte_carlo(sc).dump() == mc.dump());
  Scenario other = sc;
  other.seed = 8;
  CHECK(monte_carlo(other)["total"]["co2e_kg"]["total_location"]["p50"] != t["p50"]);
}

TEST_CASE("a cloud region sets grid, PUE, provider intensity and CFE share", "[accounting]") {
  // cloud:xa-1: grid XA, PUE 1.2, published 250 g/kWh, CFE 60 %.
  json doc = {{"schema_version", 1},
              {"training", {{"energy_kwh", 100}, {"cloud_region", "cloud:xa-1"}}}};
  Evaluation e = run(doc);
  CHECK(e.total.energy_facility_kwh == Approx(120.0).epsilon(1e-14));
  CHECK(e.total.operational_location_kg == Approx(30.0).epsilon(1e-14));  // 120 × 0.25
  CHECK(e.total.operational_market_kg == Approx(12.0).epsilon(1e-14));    // × (1 − 0.6)
  // What the user gives wins: the grid region's own value and a PUE.
  doc["training"]["region"] = "XA";
  doc["training"]["pue"] = 1.0;
  e = run(doc);
  CHECK(e.total.operational_location_kg == Approx(20.0).epsilon(1e-14));  // 100 × 0.2
  CHECK(e.total.operational_market_kg == Approx(8.0).epsilon(1e-14));     // CFE still 60 %
  // No published intensity: the grid region's (WORLD, 500 g) with the provider's PUE 1.3.
  json world = {{"schema_version", 1},
                {"training", {{"energy_kwh", 10}, {"cloud_region", "CLOUD:WORLD-1"}}}};
  CHECK(run(world).total.operational_location_kg == Approx(6.5).epsilon(1e-14));
}

TEST_CASE("grid basis and year pick the region's value, and extra files add values", "[accounting]") {
  // XB: 2020 life-cycle 400 g (regions.json); 2024 direct 250 g and life-cycle 300 g
  // (regions-extra.json, merged by id).
  auto intensity = [](json training) {
    training["energy_kwh"] = 1000;
    training["pue"] = 1.0;
    training["region"] = "XB";
    return run(json{{"schema_version", 1}, {"training", training}}).total.operational_location_kg;
  };
  CHECK(intensity(json::object()) == Approx(300.0).epsilon(1e-14));  // latest life-cycle
  CHECK(intensity({{"grid_basis", "direct"}}) == Approx(250.0).epsilon(1e-14));
  CHECK(intensity({{"grid_year", 2020}}) == Approx(400.0).epsilon(1e-14));
  // XA has direct values only: the default falls back to the latest of any basis (200 g).
  json xa = {{"schema_version", 1},
             {"training", {{"energy_kwh", 1000}, {"pue", 1.0}, {"region", "XA"}}}};
  CHECK(run(xa).total.operational_location_kg == Approx(200.0).epsilon(1e-14));
}

TEST_CASE("a basis or year the region lacks is an error naming what it has", "[parser]") {
  Issues issues;
  parse_scenario(json{{"schema_version", 1},
                      {"training", {{"hours", 1}, {"region", "XA"}, {"grid_basis", "lifecycle"}}}},
                 catalog(), issues);
  REQUIRE(issues.list().size() == 1);
  CHECK(issues.list()[0].message ==
        "[input.invalid_value] training.grid_basis: region XA has values for 2019 direct, 2022 "
        "direct, got lifecycle");
  Issues year_issues;
  parse_scenario(json{{"schema_version", 1},
                      {"training", {{"hours", 1}, {"region", "XB"}, {"grid_year", 2021}}}},
                 catalog(), year_issues);
  REQUIRE(year_issues.list().size() == 1);
  CHECK(year_issues.list()[0].path == "training.grid_year");
}
