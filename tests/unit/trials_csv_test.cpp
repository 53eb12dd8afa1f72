// suggest over trials pasted as a CSV table (docs/pareto.md, "Trials from a CSV"): what the
// columns become, that the answer equals the same trials given as JSON, and bad tables.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "error_set.h"
#include "greenfront/api.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

// Ten trials of three hyperparameters; `note` is the same in every row, so it is no variable.
const char* const kTrials =
    "learning_rate,epochs,region,note,val_accuracy,energy_kwh,trial_kg\n"
    "0.001,10,FR,x,0.81,12.0,0.6\n"
    "0.01,10,DE,x,0.84,13.1,4.9\n"
    "0.003,30,FR,x,0.88,35.2,1.8\n"
    "0.03,30,PL,x,0.83,36.0,23.7\n"
    "0.0003,60,FR,x,0.86,70.4,3.5\n"
    "0.002,45,DE,x,0.9,52.8,19.8\n"
    "0.005,20,PL,x,0.87,23.9,15.7\n"
    "0.0005,40,DE,x,0.89,47.0,17.6\n"
    "0.02,15,FR,x,0.85,17.5,0.9\n"
    "0.0015,50,PL,x,0.91,58.1,38.3\n";

json request_with(const std::string& csv) {
  return {{"trials_csv", csv},
          {"objectives", {{{"name", "val_accuracy"}, {"sense", "maximize"}}, {{"name", "energy_kwh"}}}},
          {"batch_size", 2},
          {"seed", 4}};
}

bool has_error(const json& response, const std::string& code, const std::string& path) {
  return error_set(response).count({code, path}) == 1;
}

}  // namespace

TEST_CASE("trials_csv infers the variables from the columns", "[api][suggest][trials_csv]") {
  const json r = json::parse(api::suggest(request_with(kTrials).dump()));
  REQUIRE(r["ok"] == true);
  const json& t = r["trials"];
  CHECK(t["rows"] == 10);
  // learning_rate spans 0.0003–0.03, a factor of 100: log-scaled. epochs are whole numbers.
  CHECK(t["variables"] == json::parse(R"([
      {"name": "learning_rate", "type": "continuous", "min": 0.0003, "max": 0.03, "log": true},
      {"name": "epochs", "type": "integer", "min": 10, "max": 60},
      {"name": "region", "type": "categorical", "choices": ["FR", "DE", "PL"]}])"));
  CHECK(t["ignored_columns"] == json::array({"note (one value in every row)"}));
  CHECK(t["observations"][2] == json::parse(R"({"config": {"learning_rate": 0.003, "epochs": 30,
      "region": "FR"}, "values": {"val_accuracy": 0.88, "energy_kwh": 35.2}, "trial_kg": 1.8})"));
  // The front by hand (max accuracy, min energy): rows 0 (0.81, 12.0), 1 (0.84, 13.1),
  // 8 (0.85, 17.5), 6 (0.87, 23.9), 2 (0.88, 35.2), 7 (0.89, 47.0), 5 (0.90, 52.8) and
  // 9 (0.91, 58.1) each beat every row of less energy; 3 is beaten by 8 and 4 by 5.
  CHECK(r["front_indices"] == json::array({0, 1, 2, 5, 6, 7, 8, 9}));
  CHECK(r["suggestions"].size() == 2);
}

TEST_CASE("trials_csv answers as the same trials given as JSON", "[api][suggest][trials_csv]") {
  const json from_csv = json::parse(api::suggest(request_with(kTrials).dump()));
  REQUIRE(from_csv["ok"] == true);
  json same = request_with(kTrials);
  same.erase("trials_csv");
  same["variables"] = from_csv["trials"]["variables"];
  same["observations"] = from_csv["trials"]["observations"];
  json from_json = json::parse(api::suggest(same.dump()));
  REQUIRE(from_json["ok"] == true);
  json csv_answer = from_csv;
  csv_answer.erase("trials");
  CHECK(csv_answer == from_json);
}

TEST_CASE("trials_csv reads only the given variables' columns", "[api][suggest][trials_csv]") {
  json req = request_with(kTrials);
  req["variables"] = json::parse(R"([{"name": "epochs", "type": "integer", "min": 1, "max": 100},
      {"name": "region", "type": "categorical", "choices": ["FR", "DE", "PL", "SE"]}])");
  const json r = json::parse(api::suggest(req.dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["trials"]["variables"] == req["variables"]);
  CHECK(r["trials"]["ignored_columns"] ==
        json::array({"learning_rate (not one of the variables)", "note (not one of the variables)"}));
  CHECK(r["trials"]["observations"][0]["config"] == json::parse(R"({"epochs": 10, "region": "FR"})"));
}

TEST_CASE("bad trials_csv tables name the row, the column and the rule", "[api][suggest][trials_csv]") {
  const std::string header = "lr,val_accuracy,energy_kwh\n";
  struct Case {
    std::string csv;
    std::string code, path;
  };
  const Case cases[] = {
      {"", "input.invalid_value", "trials_csv"},
      {header, "input.invalid_value", "trials_csv"},
      {"lr,energy_kwh\n0.1,3\n0.2,4\n", "input.invalid_value", "objectives[0].name"},
      {header + "0.1,0.8,3\n0.2,high,4\n", "input.wrong_type", "trials_csv.row[3].val_accuracy"},
      {header + "0.1,0.8,3\n0.2,,4\n", "input.wrong_type", "trials_csv.row[3].val_accuracy"},
      {header + "0.1,0.8,3\n0.2,0.9,1e-320\n", "input.wrong_type", "trials_csv.row[3].energy_kwh"},
      {header + "0.1,0.8,3\n0.2,0.9,nan\n", "input.wrong_type", "trials_csv.row[3].energy_kwh"},
      {header + "0.1,0.8,3\n0.2,0.9\n", "input.wrong_length", "trials_csv.row[3]"},
      {header + "0.1,0.8,3\n\"0.2,0.9,4\n", "input.invalid_value", "trials_csv.row[3]"},
      {"lr,,val_accuracy,energy_kwh\n0.1,a,0.8,3\n", "input.invalid_value", "trials_csv.header"},
      {"lr,lr,val_accuracy,energy_kwh\n0.1,1,0.8,3\n", "input.duplicate", "trials_csv.header"},
      {header + "0.1,0.8,3\n0.1,0.9,4\n", "input.invalid_value", "trials_csv"},
  };
  for (const auto& c : cases) {
    INFO(c.csv);
    const json r = json::parse(api::suggest(request_with(c.csv).dump()));
    REQUIRE(r["ok"] == false);
    CHECK(has_error(r, c.code, c.path));
  }
  json both = request_with(header + "0.1,0.8,3\n0.2,0.9,4\n");
  both["observations"] = json::array();
  CHECK(has_error(json::parse(api::suggest(both.dump())), "input.conflict", "observations"));
  json not_text = request_with("");
  not_text["trials_csv"] = 12;
  CHECK(has_error(json::parse(api::suggest(not_text.dump())), "input.wrong_type", "trials_csv"));
  json given = request_with(header + "0.1,0.8,3\n0.2,0.9,4\n");
  given["variables"] = json::parse(R"([{"name": "wd", "type": "continuous", "min": 0, "max": 1}])");
  CHECK(has_error(json::parse(api::suggest(given.dump())), "input.invalid_value", "trials_csv.header"));
}

TEST_CASE("trials_csv leaves out the columns it is told to ignore", "[api][suggest][trials_csv]") {
  json req = request_with(kTrials);
  req["ignore_columns"] = {"region", "note"};
  const json r = json::parse(api::suggest(req.dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["trials"]["variables"].size() == 2);
  CHECK(r["trials"]["ignored_columns"] == json::array({"region (ignore_columns)", "note (ignore_columns)"}));
  CHECK(r["trials"]["observations"][0]["config"] == json::parse(R"({"learning_rate": 0.001, "epochs": 10})"));

  req["ignore_columns"] = {"run_id"};
  CHECK(has_error(json::parse(api::suggest(req.dump())), "input.invalid_value", "ignore_columns[0]"));
  req["ignore_columns"] = {"note", "energy_kwh"};
  CHECK(has_error(json::parse(api::suggest(req.dump())), "input.conflict", "ignore_columns[1]"));
  req["ignore_columns"] = "note";
  CHECK(has_error(json::parse(api::suggest(req.dump())), "input.wrong_type", "ignore_columns"));
  json plain = json::parse(R"({"variables": [{"name": "x", "type": "continuous", "min": 0, "max": 1}],
      "objectives": ["a", "b"], "ignore_columns": ["x"]})");
  CHECK(has_error(json::parse(api::suggest(plain.dump())), "input.conflict", "ignore_columns"));
}
