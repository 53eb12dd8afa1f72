// libFuzzer target on the JSON entry point (issue 8): every byte string a user could paste
// or put in a URL goes through api::estimate and api::handle (which dispatches to every
// request kind: validate, catalog, pareto, hypervolume, optimize, suggest).
//
// Besides the sanitizers' own reports, the target checks the API's contract and aborts
// (a finding) when it breaks:
//   - the response is one JSON object with a boolean "ok";
//   - a rejection lists at least one error, each with a code, a path and a message;
//   - no input may produce "internal.error": that code means a defect in greenfront.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "greenfront/api.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_contract(greenfront::api::estimate(text));
  check_contract(greenfront::api::handle(text));
  return 0;
}
