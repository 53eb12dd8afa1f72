// libFuzzer target on the JSON entry point (issue 8): every byte string a user could paste
// or put in a URL goes through api::estimate and api::handle (which dispatches to every
// request kind: validate, compare, catalog, pareto, hypervolume, optimize, suggest). The
// same bytes, read as doubles, also go through the bulk entry points (api_bulk.h: the
// wasm Float64Array path), NaNs, infinities and subnormals included.
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_contract(greenfront::api::estimate(text));
  check_contract(greenfront::api::handle(text));
  fuzz_bulk(data, size);
  return 0;
}
