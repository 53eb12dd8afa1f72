// libFuzzer target on the JSON entry point (issue 8): every byte string a user could paste
// or put in a URL goes through api::estimate and api::handle (which dispatches to every
// request kind: validate, compare, catalog, pareto, hypervolume, optimize, suggest,
// import_codecarbon, report). The same bytes, as a dropped file, go through the CodeCarbon
// importer's byte entry point (any encoding: the CSV reader and the Latin-1 fallback) and as
// a pasted trials table through suggest's trials_csv; an optimize request runs again with a
// snapshot after every evaluation; and,
// read as doubles, through the bulk entry points (api_bulk.h: the wasm Float64Array path),
// NaNs, infinities and subnormals included.
//
// Besides the sanitizers' own reports, the target checks the API's contract and aborts
// (a finding) when it breaks:
//   - the response is one JSON object with a boolean "ok";
//   - a rejection lists at least one error, each with a code, a path and a message;
//   - no input may produce "internal.error": that code means a defect in greenfront.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include <cstring>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/api_bulk.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& response) {
  std::fprintf(stderr, "fuzz_api: %s\nresponse: %.2000s\n", what, response.c_str());
  std::abort();
}

void check_contract(const std::string& response) {
  const auto j = nlohmann::json::parse(response, nullptr, false);
  if (j.is_discarded() || !j.is_object()) fail("response is not a JSON object", response);
  const auto ok = j.find("ok");
  if (ok == j.end() || !ok->is_boolean()) fail("response has no boolean \"ok\"", response);
  if (ok->get<bool>()) return;
  const auto errors = j.find("errors");
  if (errors == j.end() || !errors->is_array() || errors->empty()) {
    fail("a rejection without errors", response);
  }
  for (const auto& e : *errors) {
    if (!e.is_object() || !e.contains("code") || !e.contains("path") || !e.contains("message")) {
      fail("an error without code, path and message", response);
    }
    if (e["code"] == "internal.error") fail("internal.error: a defect", response);
  }
}

/// The first byte picks the dimensions (1-10) and the senses; the rest are the points,
/// and the last `dims` doubles the reference point.
void fuzz_bulk(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const std::size_t dims = 1 + data[0] % 10;
  std::vector<bool> maximize;
  for (std::size_t k = 0; k < dims; ++k) maximize.push_back(((data[0] >> (k % 8)) & 1) != 0);
  std::vector<double> values((size - 1) / sizeof(double));
  if (!values.empty()) std::memcpy(values.data(), data + 1, values.size() * sizeof(double));
  std::vector<double> reference(values.end() - static_cast<std::ptrdiff_t>(std::min(dims, values.size())),
                                values.end());
  const greenfront::api::BulkPoints points{values.data(), values.size(), dims, maximize};
  std::string error;
  const auto front = greenfront::api::pareto_front_of(points, error);
  if (!front) check_contract(error);
  const auto ranks = greenfront::api::pareto_ranks_of(points, error);
  if (!ranks) check_contract(error);
  if (front && ranks) {
    for (std::size_t i : *front) {
      if ((*ranks)[i] != 0) fail("a front point without rank 0", "");
    }
  }
  // Exact hypervolume is exponential in the dimensions (docs/pareto.md, "Algorithms and
  // their cost"); up to 3-D it is O(n log n), which keeps each execution short.
  if (dims <= 3 && !greenfront::api::hypervolume_of(points, reference, error)) check_contract(error);
}

/// A suggest request over `csv` as a pasted trials table with objectives "a" and "b".
/// Bytes that are not UTF-8 become U+FFFD, as a browser's text area would make them.
std::string trials_request(const std::string& csv) {
  const nlohmann::json request = {{"trials_csv", csv}, {"objectives", {"a", "b"}}, {"seed", 1}};
  return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// An optimize request with snapshots after every evaluation: each must be a JSON object
/// whose front is a subset of the evaluations it reports.
void fuzz_snapshots(const std::string& text) {
  greenfront::api::Snapshots snapshots;
  snapshots.min_interval_seconds = 0;
  snapshots.max_points = 64;
  snapshots.receive = [](const std::string& snapshot) {
    const auto j = nlohmann::json::parse(snapshot, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j["front"].is_array()) fail("a snapshot that is no object", snapshot);
    for (const auto& e : j["front"]) {
      if (e["index"].get<std::size_t>() >= j["evaluations"].get<std::size_t>()) fail("a front index past the evaluations", snapshot);
    }
  };
  check_contract(greenfront::api::optimize(text, {}, snapshots));
}

/// The path of the first error of a rejection, or "" when the request was accepted.
std::string first_error_path(const std::string& response) {
  const auto j = nlohmann::json::parse(response, nullptr, false);
  if (j.is_discarded() || j.value("ok", true)) return "";
  return j["errors"][0].value("path", "");
}

/// The target links its own GREENFRONT_FUZZING copies of the sources that read the work
/// limits (fuzz/CMakeLists.txt). If the core archive's full-limit copies won instead, the
/// fuzzer would crawl through minute-long runs: each check asks for one step past a fuzzing
/// limit that the full limits allow, so it must be rejected.
void require_fuzzing_limits() {
  namespace api = greenfront::api;
  struct Check {
    const char* source;
    std::string response;
    const char* path;
  };
  const std::vector<double> values(100001, 1.0);  // kMaxBulkValues + 1 in the fuzzing build
  std::string many_rows = "x,a,b\n";  // kMaxObservations + 1 data rows in the fuzzing build
  for (int i = 0; i < 25; ++i) many_rows += std::to_string(i) + ",1,2\n";
  nlohmann::json many_rows_request = nlohmann::json::parse(trials_request(many_rows));
  many_rows_request["variables"] = {{{"name", "y"}, {"type", "continuous"}, {"min", 0}, {"max", 1}}};
  nlohmann::json many_points = {{"points", nlohmann::json::array()}};  // kMaxFrontPoints + 1
  for (int i = 0; i < 2001; ++i) many_points["points"].push_back({i, -i, 0, 0});
  std::string bulk_error;
  const greenfront::api::BulkPoints bulk{values.data(), values.size(), 1, {false}};
  if (api::pareto_front_of(bulk, bulk_error)) bulk_error = R"({"ok": true})";
  const Check checks[] = {
      {"scenario_parser.cpp",
       api::validate(R"({"schema_version": 1, "uncertainty": {"samples": 1001},
                         "training": {"energy_kwh": {"min": 1, "max": 2}}})"),
       "uncertainty.samples"},
      {"api_optimize.cpp",
       api::optimize(R"({"problem": {"name": "branin_currin"}, "algorithm": "mobo",
                         "budget": {"evaluations": 17}})"),
       "budget.evaluations"},
      {"api_suggest.cpp",
       api::suggest(R"({"variables": [{"name": "x", "type": "continuous", "min": 0, "max": 1}],
                        "objectives": ["a", "b"], "batch_size": 3})"),
       "batch_size"},
      {"api_pareto.cpp",
       api::hypervolume(R"({"points": [[1, 2], [2, 1]], "reference_point": [3, 3],
                            "exact": false, "monte_carlo": {"samples": 100001}})"),
       "monte_carlo.samples"},
      {"api_bulk.cpp", bulk_error, "points"},
      {"pareto_work.cpp", api::pareto(many_points.dump()), "points"},
      // With the full limits the table is read and its variables' check fails instead.
      {"trials_csv.cpp", api::suggest(many_rows_request.dump()), "trials_csv"},
  };
  for (const auto& check : checks) {
    if (first_error_path(check.response) != check.path) {
      std::fprintf(stderr, "fuzz_api: %s was linked with the full work limits\n", check.source);
      fail("the fuzzing work limits are not in force (fuzz/CMakeLists.txt)", check.response);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  require_fuzzing_limits();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_contract(greenfront::api::estimate(text));
  check_contract(greenfront::api::handle(text));
  check_contract(greenfront::api::import_codecarbon_csv(text));
  check_contract(greenfront::api::suggest(trials_request(text)));
  // Optimize requests only (the others are rejected before any work in handle() above).
  if (text.find("\"optimize\"") != std::string::npos) fuzz_snapshots(text);
  fuzz_bulk(data, size);
  return 0;
}
