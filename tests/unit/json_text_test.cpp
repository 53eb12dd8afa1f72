// core/src/json_text.h writes the compact JSON of every API answer in place of nlohmann's
// dump(). The oracle is dump() itself: the same bytes for every kind of value, and for real
// answers (their text must equal dump() of their own parse, which keeps every double).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "../../core/src/json_text.h"  // private to the core
#include "greenfront/api.h"

namespace {

using greenfront::json_text;
using nlohmann::json;

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE("json_text writes what dump() writes", "[json]") {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
  const double inf = std::numeric_limits<double>::infinity();
  const json values[] = {
      json(nullptr), json(true), json(false), json(""), json("plain"),
      json(every_control + "\"quoted\" back\\slash / DEL \x7f"),
      json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),  // é, €, an emoji: passed through
      json(0), json(-1), json(std::numeric_limits<std::int64_t>::min()),
      json(std::numeric_limits<std::int64_t>::max()), json(std::numeric_limits<std::uint64_t>::max()),
      json(0.0), json(-0.0), json(0.1), json(1.0 / 3.0), json(-1e-7), json(1e21), json(123456789.0),
      json(5e-324), json(2.2250738585072014e-308), json(1.7976931348623157e308), json(std::nan("")),
      json(inf), json(-inf), json::object(), json::array(),
      json{{"b", 1}, {"a", {{"nested", json::array({1, 2.5, "x", nullptr, json::object()})}}}},
      json::array({json::array(), json::array({json::array()}), json{{"", ""}}})};
  for (const json& v : values) {
    INFO(v.dump());
    CHECK(json_text(v) == v.dump());
  }
}

TEST_CASE("API answers are byte for byte dump() of their own parse", "[json]") {
  namespace api = greenfront::api;
  const std::filesystem::path root(GREENFRONT_SOURCE_DIR);
  std::vector<std::string> answers = {
      api::estimate(read_text(root / "bench/scenarios/lifecycle-mc10k.json")),
      api::validate(R"({"schema_version": 1, "training": {"hours": 1, "tdp": 3}})"),
      api::catalog("hardware", "a100"),
      api::estimate("{\"schema_version\": 1, \"name\": \"tab\\there\", \"training\": {\"hours\": -1}}"),
      api::optimize(R"({"problem": {"name": "zdt1", "variables": 3}, "algorithm": "random",
                        "budget": {"evaluations": 40}, "seed": 3})"),
      api::hypervolume(R"({"points": [[1, 2], [2, 1], [0.5, 3]], "reference_point": [4, 4]})")};
  for (const auto& entry : std::filesystem::directory_iterator(root / "tests/golden")) {
    answers.push_back(api::estimate(json::parse(read_text(entry.path()))["scenario"].dump()));
  }
  for (const std::string& text : answers) {
    INFO(text.substr(0, 300));
    CHECK(text == json::parse(text).dump());
  }
}
