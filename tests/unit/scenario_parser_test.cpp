// Parser behaviour beyond the bad-input table: defaults recorded, all problems collected,
// quantities identified for correlated Monte-Carlo draws.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fixture_catalog.h"
#include "greenfront/scenario_parser.h"

using namespace greenfront;
using nlohmann::json;

namespace {
const Catalog& catalog() { return testing::shared_fixture_catalog(); }

bool has_default(const Scenario& sc, const std::string& path) {
  for (const auto& d : sc.defaults_used) {
    if (d.path == path) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("defaults used are recorded with their source", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(json{{"schema_version", 1}, {"training", {{"hours", 10}}}}, catalog(),
                           issues);
  REQUIRE(sc);
  CHECK(has_default(*sc, "training.hardware"));    // generic-gpu
  CHECK(has_default(*sc, "training.region"));      // WORLD
  CHECK(has_default(*sc, "training.pue"));         // typical datacenter
  CHECK(has_default(*sc, "training.utilization"));
  CHECK(has_default(*sc, "training.hardware.embodied_kg"));  // generic-gpu has none: estimate
  CHECK_FALSE(has_default(*sc, "training.hours"));
  CHECK(sc->catalog_entries_used ==
        std::vector<std::string>{"hardware:generic-gpu", "region:WORLD", "datacenter:typical"});
}

TEST_CASE("a value the user gave is not reported as a default", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(json{{"schema_version", 1},
                                {"defaults", {{"pue", 1.2}}},
                                {"training", {{"hours", 10}, {"utilization", 0.7}}}},
                           catalog(), issues);
  REQUIRE(sc);
  CHECK_FALSE(has_default(*sc, "training.pue"));
  CHECK_FALSE(has_default(*sc, "training.utilization"));
}

TEST_CASE("every problem is reported in one pass", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(json{{"schema_version", 1},
                                {"training",
                                 {{"hours", -1}, {"utilization", 2}, {"hardwre", "gpu-400"}}},
                                {"inference", {{"pue", 0.5}}}},
                           catalog(), issues);
  CHECK_FALSE(sc);
  std::vector<std::string> paths;
  for (const auto& i : issues.list()) paths.push_back(i.path);
  CHECK(paths == std::vector<std::string>{"training.hardwre", "training.hours",
                                          "training.utilization", "inference.pue"});
  CHECK(issues.list()[0].message ==
        "[input.unknown_field] training.hardwre: is not a known field (did you mean "
        "\"hardware\"?)");
  CHECK(issues.list()[1].message == "[input.out_of_range] training.hours: must be in [0, "
                                    "10000000], got -1");
}

TEST_CASE("unknown catalog ids suggest the closest id", "[parser]") {
  Issues issues;
  parse_scenario(json{{"schema_version", 1}, {"training", {{"hours", 1}, {"hardware", "gpu-40"}}}},
                 catalog(), issues);
  REQUIRE(issues.list().size() == 1);
  CHECK(issues.list()[0].message ==
        "[input.unknown_id] training.hardware: must be a hardware id from the catalog (did you "
        "mean \"gpu-400\"?), got \"gpu-40\"");
}

TEST_CASE("aliases and case-insensitive ids resolve to the catalog id", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(
      json{{"schema_version", 1}, {"training", {{"hours", 1}, {"hardware", "TG"}, {"region", "tst"}}}},
      catalog(), issues);
  REQUIRE(sc);
  CHECK(sc->training->block.hardware.id == "gpu-400");
  CHECK(sc->training->block.grid.region_id == "XA");
}

TEST_CASE("a field inherited from defaults keeps one identity for Monte-Carlo", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(json{{"schema_version", 1},
                                {"defaults", {{"pue", {{"min", 1.1}, {"max", 1.5}}}}},
                                {"training", {{"hours", 1}}},
                                {"inference", {{"hours", 1}}}},
                           catalog(), issues);
  REQUIRE(sc);
  CHECK(sc->uncertain);
  CHECK(sc->training->block.pue.id == sc->inference->block.pue.id);
  CHECK(sc->training->block.pue.nominal() == Approx(1.3));
}

TEST_CASE("defaults of compute that plays no part are not reported", "[parser]") {
  Issues issues;
  auto sc = parse_scenario(json{{"schema_version", 1},
                                {"data", {{"storage_tb", 1}, {"storage_days", 1}}},
                                {"training", {{"hours", 1}}},
                                {"retraining", {{"runs", 2}, {"fraction_of_training", 0.5}}}},
                           catalog(), issues);
  REQUIRE(sc);
  CHECK_FALSE(has_default(*sc, "data.hardware"));        // storage only: no pre-processing
  CHECK_FALSE(has_default(*sc, "retraining.hardware"));  // a fraction of training
  CHECK(has_default(*sc, "training.hardware"));
  CHECK(has_default(*sc, "data.pue"));  // storage energy still goes through the PUE
}
