// Bad inputs: every case of tests/bad_inputs.json must be rejected with exactly the
// listed {code, path} pairs (docs/schema.md "Errors": every problem is reported, not only
// the first), each message reading "[code] path: ...", and the entry point must keep
// working afterwards (no state left behind, no crash).
//
// A case is {"name", "scenario": <any JSON>, "errors": [...]} — the scenario is passed as
// its dump — or {"name", "text": "<raw text>", "errors": [...]} for texts that are not
// (valid) JSON. The comparison is order-insensitive but counts duplicates: reporting one
// problem twice is a defect too.
#include <catch2/catch.hpp>

#include <greenfront/api.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef GREENFRONT_SOURCE_DIR
#error "GREENFRONT_SOURCE_DIR (the repository root, a string literal) must be defined"
#endif

namespace {

using nlohmann::json;
using Pair = std::pair<std::string, std::string>;  // {code, path}

json load_bad_inputs() {
  const auto file = std::filesystem::path(GREENFRONT_SOURCE_DIR) / "tests" / "bad_inputs.json";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

std::string show(const std::vector<Pair>& pairs) {
  std::string out = "{";
  for (const auto& [code, path] : pairs) {
    out += (out.size() > 1 ? ", " : "") + code + " @ \"" + path + "\"";
  }
  return out + "}";
}

/// docs/schema.md: the message reads "[code] path: rule, got value". A whole-document
/// problem has path "", printed either as nothing or as a placeholder in parentheses
/// ("[json.parse_error] (document): ...").
bool message_well_formed(const std::string& code, const std::string& path,
                         const std::string& message) {
  const std::string head = "[" + code + "] ";
  if (message.rfind(head, 0) != 0) return false;
  const std::string rest = message.substr(head.size());
  if (!path.empty()) return rest.rfind(path + ":", 0) == 0;
  if (rest.rfind(":", 0) == 0) return true;
  return rest.size() > 2 && rest[0] == '(' && rest.find("):") != std::string::npos &&
         rest.find("):") == rest.find(')');
}

}  // namespace

TEST_CASE("bad inputs are rejected with every problem named", "[bad_input]") {
  const json cases = load_bad_inputs();
  REQUIRE(cases.is_array());
  REQUIRE(cases.size() >= 35);

  for (const auto& c : cases) {
    const std::string name = c.at("name").get<std::string>();
    INFO("bad input case: " << name);
    const std::string input =
        c.contains("text") ? c.at("text").get<std::string>() : c.at("scenario").dump();

    std::string response;
    REQUIRE_NOTHROW(response = greenfront::api::estimate(input));
    json result;
    REQUIRE_NOTHROW(result = json::parse(response));
    INFO("response: " << response);

    CHECK(result.value("ok", true) == false);
    if (!result.contains("errors") || !result.at("errors").is_array()) {
      FAIL_CHECK(name << ": no errors array in the response");
      continue;
    }

    std::vector<Pair> expected;
    for (const auto& e : c.at("errors")) {
      expected.emplace_back(e.at("code").get<std::string>(), e.at("path").get<std::string>());
    }
    std::vector<Pair> got;
    for (const auto& e : result.at("errors")) {
      const bool shaped = e.is_object() && e.contains("code") && e.at("code").is_string() &&
                          e.contains("path") && e.at("path").is_string() &&
                          e.contains("message") && e.at("message").is_string();
      CHECK(shaped);
      if (!shaped) continue;
      const std::string code = e.at("code").get<std::string>();
      const std::string path = e.at("path").get<std::string>();
      const std::string message = e.at("message").get<std::string>();
      got.emplace_back(code, path);
      if (!message_well_formed(code, path, message)) {
        FAIL_CHECK(name << ": message does not start with \"[" << code << "] " << path
                        << ":\": " << message);
      }
    }
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    if (got != expected) {
      FAIL_CHECK(name << ": expected " << show(expected) << ", got " << show(got));
    } else {
      SUCCEED();
    }
  }

  // The entry point still works after all of that.
  const json good = {
      {"schema_version", 1},
      {"training",
       {{"hardware", "nvidia-v100-sxm2"}, {"device_count", 8}, {"hours", 10}, {"pue", 1.1},
        {"intensity_g_per_kwh", 400}}}};
  const json result = json::parse(greenfront::api::estimate(good.dump()));
  INFO("response: " << result.dump());
  REQUIRE(result.value("ok", false));
  CHECK(result.at("total").at("energy_kwh").at("facility").get<double>() > 0.0);
}
