// Bad emissions.csv files and bad import requests: each is refused with exactly the listed
// {code, path} pairs (docs/schema.md, "Import: CodeCarbon"), and the importer keeps working
// afterwards. The files are in tests/data/codecarbon/bad/.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "error_set.h"
#include "greenfront/api.h"
#include "test_files.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

std::string bad_file(const std::string& name) {
  return greenfront::testing::test_data_bytes("codecarbon/bad/" + name);
}

struct BadFile {
  const char* file;
  ErrorSet errors;
};

}  // namespace

TEST_CASE("bad CodeCarbon files are refused with their code and path", "[codecarbon][bad_input]") {
  const std::vector<BadFile> cases = {
      {"empty.csv", {{"import.no_header", "csv"}}},
      {"no_header.csv", {{"import.no_header", "csv"}}},  // a data row where the header belongs
      {"missing_energy_column.csv", {{"import.missing_column", "csv.header"}}},
      {"header_only.csv", {{"import.no_rows", "csv"}}},
      {"all_rows_skipped.csv", {{"import.no_rows", "csv"}}},  // no energy, then no duration
      {"unterminated_quote.csv", {{"import.unterminated_quote", "csv.row[3]"}}},
      {"too_many_fields.csv", {{"import.too_many_fields", "csv.row[2]"}}},           // 300 > 256
      {"huge_energy.csv", {{"import.out_of_range", "csv.row[2].energy_consumed"}}},  // 1e20 kWh
      {"utf16.csv", {{"import.unsupported_encoding", "csv"}}},
  };
  for (const auto& c : cases) {
    INFO("bad file: " << c.file);
    const std::string bytes = bad_file(c.file);
    json r;
    REQUIRE_NOTHROW(r = json::parse(api::import_codecarbon_csv(bytes)));
    INFO("response: " << r.dump());
    REQUIRE(r["ok"] == false);
    CHECK(error_set(r) == c.errors);
    CHECK(r["errors"].size() == c.errors.size());
    for (const auto& e : r["errors"]) {
      const std::string head =
          "[" + e["code"].get<std::string>() + "] " + e["path"].get<std::string>() + ": ";
      CHECK(e["message"].get<std::string>().rfind(head, 0) == 0);
    }
    // The same file through the JSON request (where it is text at all) answers alike.
    if (bytes.find('\0') == std::string::npos && std::string(c.file) != "utf16.csv") {
      const json j = json::parse(api::import_codecarbon(json{{"csv", bytes}}.dump()));
      CHECK(error_set(j) == c.errors);
    }
  }
  // Nothing is left behind: a good file still imports.
  const json ok = json::parse(api::import_codecarbon_csv("duration,energy_consumed\n3600,1\n"));
  CHECK(ok["ok"] == true);
}

TEST_CASE("bad import requests name the field", "[codecarbon][bad_input]") {
  const std::string csv = "run_id,duration,energy_consumed\nrun-a,3600,1\n";
  const std::vector<std::pair<json, ErrorSet>> cases = {
      {json::object(), {{"input.missing_field", "csv"}}},
      {{{"csv", 42}}, {{"input.wrong_type", "csv"}}},
      {{{"csv", csv}, {"phase", "federated"}}, {{"input.invalid_value", "phase"}}},
      {{{"csv", csv}, {"hardware", "nvidia-a1000"}}, {{"input.unknown_id", "hardware"}}},
      {{{"csv", csv}, {"region", "Atlantis"}}, {{"input.unknown_id", "region"}}},
      {{{"csv", csv}, {"run", "run-b"}}, {{"input.unknown_id", "run"}}},
      {{{"csv", csv}, {"runs", "run-a"}}, {{"input.unknown_field", "runs"}}},
      {{{"csv", csv}, {"schema_version", 2}}, {{"input.unsupported_version", "schema_version"}}},
  };
  for (const auto& [request, errors] : cases) {
    INFO("request: " << request.dump());
    const json r = json::parse(api::import_codecarbon(request.dump()));
    CHECK(r["ok"] == false);
    CHECK(error_set(r) == errors);
  }
  // The did-you-mean of an unknown run names the file's run.
  const json r = json::parse(api::import_codecarbon(json{{"csv", csv}, {"run", "run-aa"}}.dump()));
  CHECK(r["errors"][0]["message"].get<std::string>().find("did you mean \"run-a\"") !=
        std::string::npos);
  // The bytes entry point checks its options the same way, and refuses a "csv" among them.
  const json o = json::parse(api::import_codecarbon_csv(csv, R"({"csv": "x"})"));
  CHECK(error_set(o) == ErrorSet{{"input.unknown_field", "csv"}});
  const json p = json::parse(api::import_codecarbon_csv(csv, "{"));
  CHECK(error_set(p) == ErrorSet{{"json.parse_error", ""}});
}
