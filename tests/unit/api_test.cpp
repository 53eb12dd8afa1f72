// The JSON entry point with the built-in catalog: envelopes, errors, and no throw escapes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "greenfront/api.h"

using nlohmann::json;
namespace api = greenfront::api;

TEST_CASE("estimate returns per-phase results and totals", "[api]") {
  const json r = json::parse(api::estimate(R"({"schema_version": 1,
      "training": {"hardware": "nvidia-v100-sxm2", "device_count": 4, "hours": 10,
                   "average_power_w": 250, "pue": 1.0, "intensity_g_per_kwh": 400},
      "inference": {"energy_kwh": 5, "pue": 1.0, "intensity_g_per_kwh": 400}})"));
  REQUIRE(r["ok"] == true);
  REQUIRE(r["phases"].size() == 2);
  // 4 × 10 h × 250 W = 10 kWh at 400 g/kWh = 4 kg; inference 5 kWh = 2 kg.
  CHECK(r["phases"][0]["phase"] == "training");
  CHECK(r["phases"][0]["co2e_kg"]["operational_location"].get<double>() == Approx(4.0));
  CHECK(r["total"]["co2e_kg"]["operational_location"].get<double>() == Approx(6.0));
  CHECK(r["total"]["energy_kwh"]["facility"].get<double>() == Approx(15.0));
  CHECK(!r["data_version"].get<std::string>().empty());
  CHECK(!r["equivalences"].empty());
  CHECK_FALSE(r.contains("uncertainty"));  // nothing uncertain
}

TEST_CASE("uncertain inputs add a p5/p50/p95 band", "[api]") {
  const json r = json::parse(api::estimate(R"({"schema_version": 1,
      "uncertainty": {"samples": 500, "seed": 3},
      "training": {"energy_kwh": {"min": 90, "max": 110}, "pue": 1.0, "intensity_g_per_kwh": 100}})"));
  REQUIRE(r["ok"] == true);
  const json& band = r["uncertainty"]["total"]["co2e_kg"]["operational_location"];
  // 9–11 kg uniform: p5 ≈ 9.1, p95 ≈ 10.9 (sampling error with 500 draws ≈ 0.03).
  CHECK(band["p5"].get<double>() == Approx(9.1).margin(0.1));
  CHECK(band["p50"].get<double>() == Approx(10.0).margin(0.15));
  CHECK(band["p95"].get<double>() == Approx(10.9).margin(0.1));
}

TEST_CASE("malformed text gives json.parse_error and the module keeps working", "[api]") {
  const json bad = json::parse(api::estimate("{\"schema_version\": 1, "));
  REQUIRE(bad["ok"] == false);
  CHECK(bad["errors"][0]["code"] == "json.parse_error");
  CHECK(bad["errors"][0]["path"] == "");
  const json deep = json::parse(api::estimate(std::string(100000, '[')));
  CHECK(deep["errors"][0]["code"] == "input.too_deep");
  const json good = json::parse(api::validate(R"({"schema_version":1,"training":{"hours":1}})"));
  CHECK(good["ok"] == true);
}

TEST_CASE("a syntax error is reported as json::parse would throw it", "[api]") {
  // The core parses without exceptions (the wasm build has none); the answer must still
  // carry nlohmann's own message and byte offset, taken here from the throwing parse.
  for (const std::string text : {"{\"schema_version\": 1, ", "{\"a\": tru}", "[1, 2,, 3]",
                                 "{\"a\": 1} x", "", "\"\\u12\""}) {
    std::string expected_message;
    std::size_t expected_byte = 0;
    try {
      const json accepted = json::parse(text);
      FAIL("json::parse accepted " << accepted.dump());
    } catch (const json::parse_error& e) {
      expected_message = e.what();
      expected_byte = e.byte;
    }
    const json answer = json::parse(api::validate(text));
    INFO(text);
    REQUIRE(answer["errors"].size() == 1);
    CHECK(answer["errors"][0]["code"] == "json.parse_error");
    CHECK(answer["errors"][0]["message"] ==
          "[json.parse_error] (document): must be valid JSON (byte " +
              std::to_string(expected_byte) + "), got " + expected_message);
  }
}

TEST_CASE("catalog lists and searches", "[api]") {
  const json all = json::parse(api::catalog("hardware", ""));
  REQUIRE(all["ok"] == true);
  const json v100 = json::parse(api::catalog("hardware", "V100"));
  CHECK(v100["count"].get<int>() >= 1);
  CHECK(v100["count"].get<int>() < all["count"].get<int>());
  for (const auto& e : v100["entries"]) CHECK(!e["source"].get<std::string>().empty());
  const json bad = json::parse(api::catalog("planets", ""));
  CHECK(bad["ok"] == false);
  CHECK(bad["errors"][0]["path"] == "kind");
}

TEST_CASE("handle dispatches a request envelope", "[api]") {
  const json r = json::parse(api::handle(
      R"({"request": "estimate", "scenario": {"schema_version": 1, "training": {"hours": 1}}})"));
  CHECK(r["ok"] == true);
  const json c = json::parse(api::handle(R"({"request": "catalog", "kind": "regions", "search": "france"})"));
  CHECK(c["count"].get<int>() >= 1);
  const json bad = json::parse(api::handle(R"({"request": "fly"})"));
  CHECK(bad["errors"][0]["code"] == "input.invalid_value");
}

TEST_CASE("text that is not UTF-8 is refused with the byte offset", "[api]") {
  // Each breaks RFC 3629 at byte 10 (after {"name": "): a lone continuation byte, an
  // overlong NUL, a UTF-16 surrogate, a truncated 3-byte sequence, a byte never used in
  // UTF-8, and the fuzzer's first find (0xCC followed by ASCII).
  const char* bad[] = {"\x80", "\xC0\x80", "\xED\xA0\x80", "\xE2\x82", "\xF5\x80\x80\x80", "\xCCn"};
  for (const char* bytes : bad) {
    const std::string text = std::string(R"({"name": ")") + bytes + R"(", "schema_version": 1})";
    for (const std::string& response : {api::estimate(text), api::handle(text)}) {
      const json r = json::parse(response);
      REQUIRE(r["ok"] == false);
      CHECK(r["errors"][0]["code"] == "input.invalid_utf8");
      CHECK(r["errors"][0]["message"].get<std::string>().find("byte 10") != std::string::npos);
    }
  }
  // Two-, three- and four-byte characters are fine: é, €, U+1F600.
  const json ok = json::parse(api::estimate(
      "{\"schema_version\": 1, \"name\": \"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\", "
      "\"training\": {\"energy_kwh\": 1, \"pue\": 1, \"intensity_g_per_kwh\": 100}}"));
  REQUIRE(ok["ok"] == true);
  CHECK(ok["name"] == "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST_CASE("a long value echoed in a message is cut on a character boundary", "[api]") {
  // 30 two-byte characters (60 bytes) plus quotes: describe() shortens it to 57 bytes,
  // which would split a character; the response must stay valid UTF-8 JSON. (Found by
  // fuzz/fuzz_api.cpp.)
  std::string value;
  for (int i = 0; i < 30; ++i) value += "\xDE\x90";
  const std::string text =
      R"({"schema_version": 1, "training": {"energy_kwh": 1, "hardware": [")" + value + R"("]}})";
  const json r = json::parse(api::estimate(text));  // throws if the response is not UTF-8
  REQUIRE(r["ok"] == false);
  CHECK(r["errors"][0]["code"] != "internal.error");
  CHECK(r.dump().find("...") != std::string::npos);
}
