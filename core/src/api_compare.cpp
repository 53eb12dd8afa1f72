// api::compare: several scenarios estimated side by side, ranked on one CO2e figure, with
// the differences a reader needs to choose (docs/schema.md, "Compare").
//
// Each scenario goes through exactly the estimate path (detail::estimate_document), so a
// compared figure always equals the one api::estimate gives for that scenario alone.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "api_common.h"
#include "greenfront/api.h"
#include "greenfront/scenario_parser.h"
#include "text_format.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;
using namespace detail;

namespace {

constexpr std::size_t kMinScenarios = 2;
constexpr std::size_t kMaxScenarios = 16;

/// The figures a comparison can rank on: keys of the estimate's total.co2e_kg.
const std::vector<std::string>& metrics() {
  static const std::vector<std::string> kMetrics = {
      "total_location", "total_market", "operational_location", "operational_market", "embodied"};
  return kMetrics;
}

struct Entry {
  std::string name;
  json result;      ///< the estimate response of this scenario alone
  double co2e_kg = 0;  ///< its figure on the chosen metric
};

/// Reads scenarios[i] = {"name"?, "scenario": {...}} and estimates it, or reports why not
/// with paths under "scenarios[i]".
std::vector<Entry> read_and_estimate(const json& list, Issues& issues) {
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = index_path("scenarios", i);
    ObjectReader item(list[i], path, issues);
    if (!item.is_object()) continue;  // the reader reported the wrong type
    item.reject_unknown({"name", "scenario"});
    auto name = item.string("name");
    const json* scenario = item.get("scenario");
    if (!scenario) {
      issues.add("input.missing_field", join_path(path, "scenario"), "is required", "");
      continue;
    }
    Issues found;
    auto result = estimate_document(*scenario, found);
    if (!result) {
      add_under(issues, join_path(path, "scenario"), found);
      continue;
    }
    Entry e;
    e.name = name ? *name : "";
    if (e.name.empty()) {
      const json& own = (*result)["name"];
      e.name = own.is_string() && !own.get<std::string>().empty() ? own.get<std::string>()
                                                                  : "scenario " + std::to_string(i + 1);
    }
    e.result = std::move(*result);
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string run_compare(const json& doc) {
  Issues issues;
  ObjectReader r(doc, "", issues);
  if (!r.is_object()) return json_text(error_response(issues));
  r.reject_unknown({"schema_version", "request", "scenarios", "metric", "baseline"});
  check_schema_version(r, kSchemaVersion);
  const std::string metric = r.choice("metric", metrics()).value_or("total_location");
  const json* list = r.get("scenarios");
  if (!list) {
    issues.add("input.missing_field", "scenarios", "is required", "");
  } else if (!list->is_array()) {
    issues.add("input.wrong_type", "scenarios", "must be an array of {\"name\", \"scenario\"}",
               describe(*list));
  } else if (list->size() < kMinScenarios || list->size() > kMaxScenarios) {
    issues.add("input.out_of_range", "scenarios",
               "must hold " + std::to_string(kMinScenarios) + " to " + std::to_string(kMaxScenarios) +
                   " scenarios",
               std::to_string(list->size()));
  }
  const auto baseline = r.integer("baseline", Bounds::between(0, kMaxScenarios - 1));
  if (baseline && list && list->is_array() && static_cast<std::size_t>(*baseline) >= list->size()) {
    issues.add("input.out_of_range", "baseline",
               "must index scenarios (0 to " + std::to_string(list->size() - 1) + ")",
               std::to_string(*baseline));
  }
  if (!issues.empty()) return json_text(error_response(issues));

  std::vector<Entry> entries = read_and_estimate(*list, issues);
  if (!issues.empty()) return json_text(error_response(issues));
  for (Entry& e : entries) e.co2e_kg = e.result["total"]["co2e_kg"][metric].get<double>();

  // Ranked ascending; ties keep the request's order, so the ranking is reproducible.
  std::vector<std::size_t> ranking(entries.size());
  std::iota(ranking.begin(), ranking.end(), 0);
  std::stable_sort(ranking.begin(), ranking.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].co2e_kg < entries[b].co2e_kg;
  });
  const std::size_t best = ranking.front();
  const std::size_t worst = ranking.back();
  const std::size_t base = baseline ? static_cast<std::size_t>(*baseline) : 0;
  const double best_kg = entries[best].co2e_kg;
  const double worst_kg = entries[worst].co2e_kg;
  const double base_kg = entries[base].co2e_kg;

  json scenarios = json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const auto rank = static_cast<std::size_t>(
        std::find(ranking.begin(), ranking.end(), i) - ranking.begin());
    json item = {{"name", e.name},
                 {"rank", rank + 1},
                 {"co2e_kg", e.co2e_kg},
                 {"delta_vs_best_kg", e.co2e_kg - best_kg},
                 {"delta_vs_baseline_kg", e.co2e_kg - base_kg},
                 // null when the reference emits nothing: a ratio to zero says nothing.
                 {"ratio_to_best", best_kg > 0 ? json(e.co2e_kg / best_kg) : json(nullptr)},
                 {"ratio_to_baseline", base_kg > 0 ? json(e.co2e_kg / base_kg) : json(nullptr)},
                 {"result", e.result}};
    item["result"].erase("ok");
    scenarios.push_back(std::move(item));
  }

  std::string verdict;
  if (worst_kg == best_kg) {
    verdict = "All " + std::to_string(entries.size()) + " scenarios emit the same " + metric +
              " CO2e (" + text::mass(best_kg) + ").";
  } else {
    verdict = "\"" + entries[best].name + "\" has the lowest " + metric + " CO2e: " +
              text::mass(best_kg) + ", " + text::percent(1.0 - best_kg / worst_kg) +
              " less than the highest (\"" + entries[worst].name + "\", " + text::mass(worst_kg) +
              ").";
  }
  json ranking_json = json::array();
  for (std::size_t i : ranking) ranking_json.push_back(i);
  return json_text(json{{"ok", true},
                        {"schema_version", kSchemaVersion},
                        {"data_version", entries[best].result["data_version"]},
                        {"metric", metric},
                        {"baseline", base},
                        {"best", {{"index", best}, {"name", entries[best].name}, {"co2e_kg", best_kg}}},
                        {"ranking", ranking_json},
                        {"saving_vs_worst_kg", worst_kg - best_kg},
                        {"verdict", verdict},
                        {"scenarios", scenarios}});
}

}  // namespace

std::string compare(const std::string& request_json) {
  return parse_and_run(request_json, run_compare);
}

}  // namespace greenfront::api
