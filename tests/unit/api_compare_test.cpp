// The compare request: scenarios side by side, ranked, with differences and a verdict.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "error_set.h"
#include "greenfront/api.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

/// One V100 at a measured 1000 W for `hours` on a grid of `intensity` g/kWh, PUE 1:
/// operational CO2e = hours × 1 kW × intensity / 1000 kg.
json training(double hours, double intensity, const std::string& name = "") {
  json s = {{"schema_version", 1},
            {"training",
             {{"hardware", "nvidia-v100-sxm2"}, {"device_count", 1}, {"hours", hours},
              {"average_power_w", 1000}, {"pue", 1.0}, {"intensity_g_per_kwh", intensity}}}};
  if (!name.empty()) s["name"] = name;
  return s;
}

}  // namespace

TEST_CASE("compare ranks scenarios and gives differences from the best and the baseline",
          "[api][compare]") {
  // Operational CO2e: A 100 h × 1 kW × 500 g = 50 kg; B 100 h × 200 g = 20 kg;
  // C 50 h × 500 g = 25 kg. Ranking B, C, A; baseline A.
  const json request = {{"schema_version", 1},
                        {"metric", "operational_location"},
                        {"scenarios",
                         {{{"name", "A"}, {"scenario", training(100, 500)}},
                          {{"name", "B"}, {"scenario", training(100, 200)}},
                          {{"scenario", training(50, 500, "C from the scenario")}}}}};
  const json r = json::parse(api::compare(request.dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["ranking"] == json::array({1, 2, 0}));
  CHECK(r["best"]["name"] == "B");
  CHECK(r["best"]["co2e_kg"].get<double>() == Approx(20.0).epsilon(1e-12));
  CHECK(r["saving_vs_worst_kg"].get<double>() == Approx(30.0).epsilon(1e-12));
  const json& s = r["scenarios"];
  CHECK(s[2]["name"] == "C from the scenario");  // no "name": the scenario's own
  CHECK(s[0]["rank"] == 3);
  CHECK(s[0]["delta_vs_best_kg"].get<double>() == Approx(30.0).epsilon(1e-12));
  CHECK(s[0]["ratio_to_best"].get<double>() == Approx(2.5).epsilon(1e-12));
  CHECK(s[2]["delta_vs_baseline_kg"].get<double>() == Approx(-25.0).epsilon(1e-12));
  CHECK(s[2]["ratio_to_baseline"].get<double>() == Approx(0.5).epsilon(1e-12));
  // 1 − 20/50 = 60 % less than the highest.
  CHECK(r["verdict"] ==
        "\"B\" has the lowest operational_location CO2e: 20 kg, 60.0 % less than the highest "
        "(\"A\", 50 kg).");
}

TEST_CASE("compare gives each scenario exactly the result estimate gives it alone",
          "[api][compare]") {
  const json a = training(100, 500);
  json b = training(10, 300);
  b["uncertainty"] = {{"samples", 500}, {"seed", 3}};
  b["training"]["hours"] = {{"min", 8}, {"max", 12}};
  const json r = json::parse(
      api::compare(json{{"scenarios", {{{"scenario", a}}, {{"scenario", b}}}}}.dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["metric"] == "total_location");
  for (int i = 0; i < 2; ++i) {
    json alone = json::parse(api::estimate((i == 0 ? a : b).dump()));
    alone.erase("ok");
    CHECK(r["scenarios"][i]["result"] == alone);
    CHECK(r["scenarios"][i]["co2e_kg"] == alone["total"]["co2e_kg"]["total_location"]);
  }
}

TEST_CASE("compare names every bad field under its scenario", "[api][compare]") {
  json bad = training(100, 500);
  bad["training"]["hours"] = -1;
  const json r = json::parse(api::compare(
      json{{"scenarios", {{{"scenario", training(1, 1)}}, {{"name", 7}, {"scenario", bad}}}},
           {"metric", "total"}}
          .dump()));
  REQUIRE(r["ok"] == false);
  // The request's own fields are checked first; the scenarios only once those are fine.
  CHECK(error_set(r) == ErrorSet{
                           {"input.invalid_value", "metric"}});
  const json r2 = json::parse(
      api::compare(json{{"scenarios", {{{"scenario", training(1, 1)}}, {{"name", "x"}, {"scenario", bad}}}}}
                       .dump()));
  CHECK(error_set(r2) == ErrorSet{
                            {"input.out_of_range", "scenarios[1].scenario.training.hours"}});
  CHECK(r2["errors"][0]["message"].get<std::string>().rfind(
            "[input.out_of_range] scenarios[1].scenario.training.hours: must be", 0) == 0);
}

TEST_CASE("compare refuses too few or too many scenarios and a baseline out of range",
          "[api][compare]") {
  const json one = {{"scenarios", {{{"scenario", training(1, 1)}}}}};
  CHECK(error_set(json::parse(api::compare(one.dump()))) ==
        ErrorSet{{"input.out_of_range", "scenarios"}});
  json seventeen = {{"scenarios", json::array()}};
  for (int i = 0; i < 17; ++i) seventeen["scenarios"].push_back({{"scenario", training(1, 1)}});
  CHECK(error_set(json::parse(api::compare(seventeen.dump()))) ==
        ErrorSet{{"input.out_of_range", "scenarios"}});
  seventeen["scenarios"].erase(16);  // 16 is the bound and passes
  CHECK(json::parse(api::compare(seventeen.dump()))["ok"] == true);
  const json baseline = {{"baseline", 2},
                         {"scenarios", {{{"scenario", training(1, 1)}}, {{"scenario", training(1, 2)}}}}};
  CHECK(error_set(json::parse(api::compare(baseline.dump()))) ==
        ErrorSet{{"input.out_of_range", "baseline"}});
  CHECK(error_set(json::parse(api::compare(R"({"scenarios": {"a": 1}})"))) ==
        ErrorSet{{"input.wrong_type", "scenarios"}});
  CHECK(error_set(json::parse(api::compare(R"({"scenarios": [{"name": "x"}, 3]})"))) ==
        ErrorSet{{"input.missing_field", "scenarios[0].scenario"},
                                                      {"input.wrong_type", "scenarios[1]"}});
}

TEST_CASE("handle dispatches compare", "[api][compare]") {
  const json r = json::parse(api::handle(
      json{{"request", "compare"},
           {"scenarios", {{{"scenario", training(1, 100)}}, {{"scenario", training(1, 200)}}}}}
          .dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["best"]["index"] == 0);
}

TEST_CASE("compare says so when every scenario emits the same", "[api][compare]") {
  const json r = json::parse(api::compare(
      json{{"scenarios", {{{"scenario", training(1, 100)}}, {{"scenario", training(1, 100)}}}},
           {"metric", "operational_market"}}
          .dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["best"]["index"] == 0);  // ties keep the request's order
  CHECK(r["verdict"] == "All 2 scenarios emit the same operational_market CO2e (0.1 kg).");
}
