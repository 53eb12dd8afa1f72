// Mutation property test: every golden scenario, mutated thousands of ways, must give
// either ok:true with only finite numbers, or ok:false with at least one well-formed
// error — never an exception, never a non-finite number (nlohmann writes NaN/Inf as null,
// which would be a silently wrong figure).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/random.h"

using nlohmann::json;

namespace {

std::vector<json> golden_scenarios() {
  std::vector<json> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(GREENFRONT_SOURCE_DIR) + "/tests/golden")) {
    std::ifstream file(entry.path());
    const json doc = json::parse(file);
    if (doc.contains("scenario")) out.push_back(doc["scenario"]);
    if (doc.contains("scenarios")) {
      for (const auto& s : doc["scenarios"]) out.push_back(s);
    }
  }
  return out;
}

/// Pointers to every value in the tree, so a mutation can pick one uniformly.
void collect(json& node, std::vector<json*>& out) {
  out.push_back(&node);
  if (node.is_object() || node.is_array()) {
    for (auto& child : node) collect(child, out);
  }
}

void mutate(json& doc, greenfront::Rng& rng) {
  std::vector<json*> nodes;
  collect(doc, nodes);
  json& target = *nodes[rng.next_u64() % nodes.size()];
  static const json kReplacements[] = {-1, 0, 1e300, -1e300, 1e-320, 0.5, 2, 1e15, "text", nullptr,
                                       true, json::array(), json::object(), {{"min", 2}, {"max", 1}},
                                       {{"dist", "normal"}, {"mean", 1e300}, {"sd", 1e300}}};
  switch (rng.next_u64() % 4) {
    case 0:
      target = kReplacements[rng.next_u64() % (sizeof kReplacements / sizeof kReplacements[0])];
      break;
    case 1:
      if (target.is_number()) target = target.get<double>() * 1e12;
      break;
    case 2:
      if (target.is_object() && !target.empty()) target.erase(target.begin());
      break;
    default:
      if (target.is_object()) target["unexpected_field"] = 1;
      break;
  }
}

bool all_finite(const json& node) {
  if (node.is_null()) return false;
  if (node.is_number_float()) return std::isfinite(node.get<double>());
  if (node.is_object() || node.is_array()) {
    for (const auto& child : node) {
      if (!all_finite(child)) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("mutated scenarios never crash and never give non-finite numbers", "[robustness]") {
  const std::vector<json> seeds = golden_scenarios();
  REQUIRE(!seeds.empty());
  greenfront::Rng rng(2026);
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    json doc = seeds[static_cast<std::size_t>(round) % seeds.size()];
    const int mutations = 1 + static_cast<int>(rng.next_u64() % 3);
    for (int m = 0; m < mutations; ++m) mutate(doc, rng);
    // Keep Monte-Carlo runs small so the test stays fast.
    if (doc.is_object() && doc.contains("uncertainty")) doc.erase("uncertainty");
    const std::string response = greenfront::api::estimate(doc.dump());
    const json r = json::parse(response, nullptr, false);
    INFO(doc.dump());
    INFO(response.substr(0, 400));
    REQUIRE_FALSE(r.is_discarded());
    if (r.value("ok", false)) {
      ++accepted;
      // defaults_used values may legitimately hold any JSON; check the figures.
      CHECK(all_finite(r["total"]));
      CHECK(all_finite(r["phases"]));
      CHECK(all_finite(r["equivalences"]));
    } else {
      ++rejected;
      REQUIRE(!r["errors"].empty());
      for (const auto& e : r["errors"]) {
        CHECK(e["code"].get<std::string>() != "internal.error");
        CHECK(e["message"].get<std::string>().rfind("[" + e["code"].get<std::string>() + "]", 0) == 0);
      }
    }
  }
  // Both outcomes must be exercised, or the mutations are too weak or too strong.
  CHECK(accepted > 100);
  CHECK(rejected > 100);
}
