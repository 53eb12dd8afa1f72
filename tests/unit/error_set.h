// The {code, path} pairs of an error response, for tests that check exactly which problems
// a request reports.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>

using ErrorSet = std::set<std::pair<std::string, std::string>>;

inline ErrorSet error_set(const nlohmann::json& response) {
  ErrorSet out;
  for (const auto& e : response["errors"]) {
    out.insert({e["code"].get<std::string>(), e["path"].get<std::string>()});
  }
  return out;
}
