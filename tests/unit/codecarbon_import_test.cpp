// The CodeCarbon importer on the fixtures of tests/data/codecarbon/ (one per column set of
// CodeCarbon's EmissionsData, and one per thing real files do): each test states the totals
// by hand from the rows of its file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "greenfront/api.h"
#include "test_files.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

std::string fixture_bytes(const std::string& name) {
  return greenfront::testing::test_data_bytes("codecarbon/" + name);
}

json import_file(const std::string& name, const json& options = json::object()) {
  const json r = json::parse(api::import_codecarbon_csv(fixture_bytes(name), options.dump()));
  INFO(name << ": " << r.dump(1));
  REQUIRE(r["ok"] == true);
  return r;
}

double num(const json& j) { return j.get<double>(); }

bool has_warning(const json& r, const std::string& part) {
  for (const auto& w : r["warnings"]) {
    if (w.get<std::string>().find(part) != std::string::npos) return true;
  }
  return false;
}

/// The estimate of an imported scenario must be accepted (the import checks it too).
json estimate_of(const json& imported) {
  const json e = json::parse(api::estimate(imported["scenario"].dump()));
  REQUIRE(e["ok"] == true);
  return e;
}

}  // namespace

TEST_CASE("a v1 file has no run_id: each experiment_id is one run", "[codecarbon]") {
  const json r = import_file("v1_0.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v1.0 – v1.2");
  CHECK(r["import"]["rows_read"] == 2);
  CHECK(r["import"]["runs_count"] == 2);
  // Two runs added: 0.6 + 0.3 = 0.9 kWh over 3600 + 1800 = 5400 s = 1.5 h.
  CHECK(num(t["energy_kwh"]) == Approx(0.9).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(1.5).epsilon(1e-12));
  CHECK(t["region"] == "CA-QC");        // CAN + "quebec"
  CHECK_FALSE(t.contains("hardware"));  // v1 names no hardware
  CHECK(has_warning(r, "does not name the hardware"));
  CHECK(has_warning(r, "2 runs"));
  // CodeCarbon's own figure: 0.00012 + 0.00006 = 0.00018 kg.
  CHECK(num(r["import"]["codecarbon_emissions_kg"]) == Approx(0.00018).epsilon(1e-12));
  estimate_of(r);
}

TEST_CASE("cumulative rows of one run count once by the longest row", "[codecarbon]") {
  const json r = import_file("v2_0.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v2.0 – v2.1");
  // Rows 0.1, 0.2, 0.3 kWh are running totals: the run used 0.3 kWh (the sum, 0.6, would
  // double count) in 1800 s = 0.5 h, written on line 4.
  CHECK(num(t["energy_kwh"]) == Approx(0.3).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(0.5).epsilon(1e-12));
  const json& run = r["import"]["runs"][0];
  CHECK(run["rows"] == 3);
  CHECK(run["total_row"] == 4);
  CHECK(t["hardware"] == "nvidia-v100-sxm2");  // "1 x Tesla V100-SXM2-16GB"
  CHECK(num(t["device_count"]) == 1);
  CHECK(t["region"] == "US-IA");  // USA + "iowa"
  CHECK(num(r["import"]["codecarbon_emissions_kg"]) == Approx(0.15).epsilon(1e-12));
  CHECK(r["import"]["selection"].get<std::string>().find("the file's only run") == 0);
  estimate_of(r);
}

TEST_CASE("a CPU-only run maps its cpu_model and sets no device count", "[codecarbon]") {
  const json r = import_file("v2_2_0.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v2.2.0 – v2.2.2");
  CHECK(t["hardware"] == "intel-xeon-gold-6248");  // "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz"
  CHECK_FALSE(t.contains("device_count"));         // cpu_count counts threads, not sockets
  CHECK(t["region"] == "GB");
  CHECK(num(t["energy_kwh"]) == Approx(0.02).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(200.0 / 3600.0).epsilon(1e-12));
}

TEST_CASE("CodeCarbon's pue is divided out and becomes the scenario's", "[codecarbon]") {
  const json r = import_file("v2_2_3.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v2.2.3 – v2.6");
  // energy_consumed 1.2 kWh already holds pue 1.2: IT energy 1.2 / 1.2 = 1 kWh, pue 1.2.
  CHECK(num(t["energy_kwh"]) == Approx(1.0).epsilon(1e-12));
  CHECK(num(t["pue"]) == Approx(1.2).epsilon(1e-12));
  CHECK(num(r["import"]["totals"]["codecarbon_pue"]) == Approx(1.2).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(2.0).epsilon(1e-12));  // 7200 s
  CHECK(t["hardware"] == "nvidia-a100-sxm4-40gb");
  CHECK(num(t["device_count"]) == 4);
  CHECK(t["region"] == "FR");
  // The estimate's facility energy gives back the file's figure: 1 kWh × 1.2 = 1.2 kWh.
  const json e = estimate_of(r);
  CHECK(num(e["phases"][0]["energy_kwh"]["facility"]) == Approx(1.2).epsilon(1e-12));
}

TEST_CASE("several runs are added up each once and one can be picked", "[codecarbon]") {
  const json r = import_file("v2_7.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v2.7 – v3.0.7");
  CHECK(r["import"]["columns_in_codecarbon_order"] == true);
  // run-a ends at 1.0 kWh / 2000 s, run-b at 0.75 kWh / 1500 s: 1.75 kWh, 3500 s.
  CHECK(num(t["energy_kwh"]) == Approx(1.75).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(3500.0 / 3600.0).epsilon(1e-12));
  CHECK(r["import"]["totals"]["runs"] == 2);
  CHECK(r["import"]["totals"]["codecarbon_pue"].is_null());  // pue 1.0: nothing divided out
  CHECK_FALSE(t.contains("pue"));
  CHECK(num(r["import"]["codecarbon_emissions_kg"]) == Approx(0.5).epsilon(1e-12));  // 0.3 + 0.2
  CHECK(r["import"]["selection"].get<std::string>().find("all 2 runs added up") == 0);
  // Cloud rows map to the provider's region; 2 of the machine's 8 H100s were tracked.
  CHECK(t["cloud_region"] == "gcp:us-central1");
  CHECK_FALSE(t.contains("region"));
  CHECK(t["hardware"] == "nvidia-h100-sxm");  // "NVIDIA H100 80GB HBM3"
  CHECK(num(t["device_count"]) == 2);
  CHECK(has_warning(r, "counts 8 GPUs in the machine, CodeCarbon tracked 2"));

  const json b = import_file("v2_7.csv", {{"run", "run-b"}});
  CHECK(num(b["scenario"]["training"]["energy_kwh"]) == Approx(0.75).epsilon(1e-12));
  CHECK(num(b["scenario"]["training"]["hours"]) == Approx(1500.0 / 3600.0).epsilon(1e-12));
  CHECK(num(b["import"]["codecarbon_emissions_kg"]) == Approx(0.2).epsilon(1e-12));
  CHECK(b["import"]["runs"][0]["used"] == false);
  CHECK(b["import"]["runs"][1]["used"] == true);
  CHECK(b["scenario"]["name"] == "llm-finetune (CodeCarbon import, run run-b)");
  CHECK_FALSE(has_warning(b, "runs: their totals are added up"));
}

TEST_CASE("overrides name the phase and hardware and region", "[codecarbon]") {
  const json r = import_file(
      "v2_7.csv", {{"phase", "inference"}, {"hardware", "A100 80GB"}, {"region", "france"}});
  CHECK_FALSE(r["scenario"].contains("training"));
  const json& t = r["scenario"]["inference"];
  CHECK(t["hardware"] == "nvidia-a100-sxm4-80gb");  // the alias, as its canonical id
  CHECK(t["region"] == "FR");
  CHECK_FALSE(t.contains("cloud_region"));
  CHECK(has_warning(r, "cloud region (and its PUE) is not used"));
  CHECK(num(t["energy_kwh"]) == Approx(1.75).epsilon(1e-12));
  estimate_of(r);
  // Phases that count repeated units hold the measured total as one unit.
  const json x = import_file("v2_7.csv", {{"phase", "experimentation"}});
  CHECK(x["scenario"]["experimentation"]["trials"] == 1);
  CHECK(x["scenario"]["experimentation"]["search"] == "manual");
  estimate_of(x);
  const json rt = import_file("v2_7.csv", {{"phase", "retraining"}});
  CHECK(rt["scenario"]["retraining"]["runs"] == 1);
  estimate_of(rt);
  estimate_of(import_file("v2_7.csv", {{"phase", "data"}}));
}

TEST_CASE("a country given by name only and a US state map to the sub-national grid",
          "[codecarbon]") {
  const json r = import_file("v3_0_8.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v3.0.8 – v3.1");
  CHECK(t["region"] == "US-NY");  // country_name "USA", region "new york"
  CHECK(t["hardware"] == "nvidia-l4");
  CHECK(num(t["energy_kwh"]) == Approx(2.5).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(2.5).epsilon(1e-12));  // 9000 s
}

TEST_CASE("runs in different countries leave the region out", "[codecarbon]") {
  const json r = import_file("v3_2_1.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v3.2.1 – v3.3");
  CHECK_FALSE(t.contains("region"));
  CHECK(has_warning(r, "different places (CA-ON, HK)"));
  CHECK(r["import"]["runs"][0]["region_id"] == "HK");
  CHECK(r["import"]["runs"][1]["region_id"] == "CA-ON");      // CAN + "ontario"
  CHECK(num(t["energy_kwh"]) == Approx(1.0).epsilon(1e-12));  // 0.4 + 0.6
  CHECK(num(t["hours"]) == Approx(3000.0 / 3600.0).epsilon(1e-12));
  CHECK(t["hardware"] == "nvidia-l40s");
}

TEST_CASE("columns are read by name whatever their order", "[codecarbon]") {
  const json r = import_file("alphabetical.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["columns_version"] == "v2.7 – v3.0.7");
  CHECK(r["import"]["columns_in_codecarbon_order"] == false);
  CHECK(num(t["energy_kwh"]) == Approx(0.8).epsilon(1e-12));  // longest row: 3600 s
  CHECK(num(t["hours"]) == Approx(1.0).epsilon(1e-12));
  CHECK(t["hardware"] == "nvidia-a10g");
  CHECK(t["region"] == "DE");
}

TEST_CASE("task rows are segments that add up", "[codecarbon]") {
  const json r = import_file("task.csv");
  const json& t = r["scenario"]["training"];
  CHECK(r["import"]["task_file"] == true);
  CHECK(r["import"]["columns_version"] == "task output (TaskEmissionsData)");
  CHECK(r["import"]["columns_in_codecarbon_order"].is_null());  // no declared order known
  CHECK(r["import"]["runs_count"] == 1);
  // 0.01 + 0.59 + 0.1 = 0.7 kWh; 60 + 3540 + 600 = 4200 s; 0.002 + 0.118 + 0.02 = 0.14 kg.
  CHECK(num(t["energy_kwh"]) == Approx(0.7).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(4200.0 / 3600.0).epsilon(1e-12));
  CHECK(num(r["import"]["codecarbon_emissions_kg"]) == Approx(0.14).epsilon(1e-12));
  CHECK(r["import"]["runs"][0]["rows"] == 3);
  CHECK(t["hardware"] == "nvidia-a40");
  CHECK(t["region"] == "SE");
}

TEST_CASE("CRLF line ends a UTF-8 BOM and quoted fields are read", "[codecarbon]") {
  const json r = import_file("crlf_bom.csv");
  CHECK(r["import"]["encoding"] == "utf-8 with BOM");
  CHECK(r["import"]["runs"][0]["project_name"] == "bert, \"base\"");
  CHECK(r["scenario"]["name"] == "bert, \"base\" (CodeCarbon import)");
  const json& t = r["scenario"]["training"];
  // pue 1.0 in the file: 0.5 kWh as it is, over 1800 s.
  CHECK(num(t["energy_kwh"]) == Approx(0.5).epsilon(1e-12));
  CHECK(num(t["hours"]) == Approx(0.5).epsilon(1e-12));
  CHECK(t["hardware"] == "nvidia-a100-sxm4-80gb");
  CHECK(t["region"] == "DE");
}

TEST_CASE("a Latin-1 file is read as Latin-1", "[codecarbon]") {
  const std::string bytes = fixture_bytes("latin1.csv");
  REQUIRE(bytes.find('\xEE') != std::string::npos);  // î as one byte
  const json r = import_file("latin1.csv");
  CHECK(r["import"]["encoding"] == "latin-1");
  CHECK(r["import"]["runs"][0]["region"] == "\xC3\xAEle-de-france");  // î in UTF-8
  CHECK(r["import"]["runs"][0]["project_name"] == "mod\xC3\xA8le");
  CHECK(r["scenario"]["training"]["region"] == "FR");  // no sub-national grid for it
  CHECK(num(r["scenario"]["training"]["energy_kwh"]) == Approx(0.2).epsilon(1e-12));
  CHECK(num(r["scenario"]["training"]["hours"]) == Approx(600.0 / 3600.0).epsilon(1e-12));
}

TEST_CASE("missing numbers and junk skip rows and rows without run_id are grouped",
          "[codecarbon]") {
  const json r = import_file("missing_numbers.csv");
  const json& imp = r["import"];
  CHECK(imp["rows_read"] == 6);
  CHECK(imp["rows_skipped_count"] == 2);
  CHECK(imp["rows_skipped"] == json::parse(R"([{"row": 3, "reason": "energy_consumed is empty"},
                        {"row": 5, "reason": "duration is not a number: \"abc\""}])"));
  REQUIRE(imp["runs_count"] == 2);
  // run-m: rows 2 and 4 (row 3 skipped); row 4 is the longest, 0.3 kWh / 300 s.
  CHECK(imp["runs"][0]["run_id"] == "run-m");
  CHECK(imp["runs"][0]["total_row"] == 4);
  // Rows 6 and 7 have no run_id; 50 s later the duration grew by 50 s: one run, 0.1 kWh.
  CHECK(imp["runs"][1]["run_id"] == "(no run_id) row 6");
  CHECK(imp["runs"][1]["rows"] == 2);
  const json& t = r["scenario"]["training"];
  CHECK(num(t["energy_kwh"]) == Approx(0.4).epsilon(1e-12));                  // 0.3 + 0.1
  CHECK(num(t["hours"]) == Approx(400.0 / 3600.0).epsilon(1e-12));            // 300 + 100 s
  CHECK(num(imp["codecarbon_emissions_kg"]) == Approx(0.04).epsilon(1e-12));  // 0.03 + 0.01
  CHECK(has_warning(r, "row 4: a negative cpu_energy"));
  CHECK(has_warning(r, "2 rows have an empty run_id"));
  CHECK(t["hardware"] == "nvidia-rtx-3090");
  CHECK(t["region"] == "JP");
}

TEST_CASE("rows appended by another version are read in their own column order", "[codecarbon]") {
  const json r = import_file("mixed_versions.csv");
  CHECK(r["import"]["columns_version"] == "v2.2.0 – v2.2.2");
  CHECK(r["import"]["other_row_versions"] == json::array({"v2.7 – v3.0.7"}));
  CHECK(r["import"]["rows_skipped_count"] == 0);
  const json& t = r["scenario"]["training"];
  CHECK(num(t["energy_kwh"]) == Approx(0.5).epsilon(1e-12));  // 0.2 + 0.3
  CHECK(num(t["hours"]) == Approx(3000.0 / 3600.0).epsilon(1e-12));
  CHECK(t["hardware"] == "nvidia-t4");
  CHECK(t["region"] == "IN");
}

TEST_CASE("rows without run_id split where the clock shows a new run", "[codecarbon]") {
  // Rows 2 and 3: the duration grows by 600 s while the clock moves 3600 s, so row 3 is a
  // run of its own (a stop() written an hour later), not row 2's running total. Row 4
  // shrinks: another new run. Runs: 0.1 + 0.2 + 0.05 kWh; 600 + 1200 + 300 s.
  const std::string csv =
      "timestamp,project_name,run_id,duration,energy_consumed\n"
      "2024-01-01T10:00:00,p,,600,0.1\n"
      "2024-01-01T11:00:00,p,,1200,0.2\n"
      "2024-01-01T11:05:00,p,,300,0.05\n";
  const json r = json::parse(api::import_codecarbon_csv(csv));
  REQUIRE(r["ok"] == true);
  CHECK(r["import"]["runs_count"] == 3);
  CHECK(num(r["scenario"]["training"]["energy_kwh"]) == Approx(0.35).epsilon(1e-12));
  CHECK(num(r["scenario"]["training"]["hours"]) == Approx(2100.0 / 3600.0).epsilon(1e-12));
  CHECK(r["import"]["columns_version"] == "unrecognized (5 columns)");
}

TEST_CASE("the JSON request and the bytes give the same import", "[codecarbon]") {
  const std::string bytes = fixture_bytes("v2_7.csv");
  const std::string from_bytes = api::import_codecarbon_csv(bytes, R"({"run": "run-a"})");
  const std::string from_json =
      api::import_codecarbon(json{{"csv", bytes}, {"run", "run-a"}}.dump());
  CHECK(from_json == from_bytes);
  const std::string from_handle =
      api::handle(json{{"request", "import_codecarbon"}, {"csv", bytes}, {"run", "run-a"}}.dump());
  CHECK(from_handle == from_bytes);
  // run-a alone: 1.0 kWh over 2000 s.
  CHECK(num(json::parse(from_json)["scenario"]["training"]["energy_kwh"]) == Approx(1.0));
}

TEST_CASE("the CSV limits hold at the boundary and one step past it", "[codecarbon][limits]") {
  const std::string header = "duration,energy_consumed\n";
  // 200,000 rows are read; one more is refused. Identical rows without run_id form one
  // growing run, so the total is one row's: 1 kWh over 1 s.
  std::string rows = header;
  for (int i = 0; i < 200000; ++i) rows += "1,1\n";
  const json at = json::parse(api::import_codecarbon_csv(rows));
  REQUIRE(at["ok"] == true);
  CHECK(at["import"]["rows_read"] == 200000);
  CHECK(num(at["scenario"]["training"]["energy_kwh"]) == 1.0);
  const json past = json::parse(api::import_codecarbon_csv(rows + "1,1\n"));
  CHECK(past["errors"][0]["code"] == "import.too_many_rows");
  CHECK(past["errors"][0]["path"] == "csv");

  // 8 MiB of bytes are read (blank lines are skipped); one byte more is refused.
  std::string big = header + "1,1\n";
  big += std::string(8 * 1024 * 1024 - big.size(), '\n');
  CHECK(json::parse(api::import_codecarbon_csv(big))["ok"] == true);
  const json too_big = json::parse(api::import_codecarbon_csv(big + "\n"));
  CHECK(too_big["errors"][0]["code"] == "import.too_large");
  CHECK(too_big["errors"][0]["path"] == "csv");

  // An import request may be larger than 4 MiB; other requests may not.
  const std::string padding(5 * 1024 * 1024, ' ');
  const std::string import_request =
      R"({"request": "import_codecarbon", "csv": "duration,energy_consumed\n1,1\n"})" + padding;
  CHECK(json::parse(api::handle(import_request))["ok"] == true);
  const std::string estimate_request =
      R"({"request": "estimate", "scenario": {"schema_version": 1, "training": {"hours": 1}},
          "note": "import_codecarbon"})" +
      padding;
  CHECK(json::parse(api::handle(estimate_request))["errors"][0]["code"] == "input.too_large");
}

TEST_CASE("different GPU counts give device-hours and unknown names fall back", "[codecarbon]") {
  // Two runs on T4s: 2 GPUs for 1 h and 4 GPUs for 0.5 h. One device count cannot hold
  // both: device_count 1 and hours = 2 × 1 + 4 × 0.5 = 4 device-hours; energy 1 + 1 = 2 kWh.
  const json counts = json::parse(api::import_codecarbon_csv(
      "run_id,duration,energy_consumed,gpu_count,gpu_model,country_iso_code\n"
      "a,3600,1,2,2 x Tesla T4,FRA\n"
      "b,1800,1,4,4 x Tesla T4,FRA\n"));
  REQUIRE(counts["ok"] == true);
  const json& t = counts["scenario"]["training"];
  CHECK(t["hardware"] == "nvidia-t4");
  CHECK(t["device_count"] == 1);
  CHECK(num(t["hours"]) == Approx(4.0).epsilon(1e-12));
  CHECK(num(t["energy_kwh"]) == Approx(2.0).epsilon(1e-12));
  CHECK(has_warning(counts, "different numbers of GPUs"));

  // A CPU the catalog lacks: a CPU run all the same, so generic-cpu, not the GPU default.
  const json cpu = json::parse(
      api::import_codecarbon_csv("run_id,duration,energy_consumed,gpu_count,gpu_model,cpu_model\n"
                                 "c,3600,0.5,0,,Apple M2 Max\n"));
  REQUIRE(cpu["ok"] == true);
  CHECK(cpu["scenario"]["training"]["hardware"] == "generic-cpu");
  CHECK(has_warning(cpu, "cpu_model Apple M2 Max is not in the hardware catalog"));

  // A GPU the catalog lacks is left out; a cloud region it lacks falls back to the country.
  const json gpu = json::parse(api::import_codecarbon_csv(
      "run_id,duration,energy_consumed,gpu_count,gpu_model,country_iso_code,on_cloud,"
      "cloud_provider,cloud_region\n"
      "d,3600,0.5,8,8 x NVIDIA H800,FRA,Y,gcp,mars-north1\n"));
  REQUIRE(gpu["ok"] == true);
  CHECK_FALSE(gpu["scenario"]["training"].contains("hardware"));
  CHECK(gpu["scenario"]["training"]["device_count"] == 8);
  CHECK(gpu["scenario"]["training"]["region"] == "FR");
  CHECK(has_warning(gpu, "hardware 8 x NVIDIA H800 is not in the hardware catalog"));
  CHECK(has_warning(gpu, "cloud region gcp:mars-north1 is not in the cloud-regions catalog"));
}
