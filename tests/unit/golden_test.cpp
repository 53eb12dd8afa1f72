// Golden cases: published figures reproduced through the public entry point.
//
// Every tests/golden/*.json holds one reference case (tests/golden/README is the case
// list in /work/shared/cases/README.md): one scenario ("scenario") or several named ones
// ("scenarios"), and expectations on paths of the result, each against a PUBLISHED figure
// (or, for "shape"/"formula" cases, the hand-computed value written in the case's notes)
// with the tolerance the source allows. The same JSON files are meant to drive the wasm
// and browser tests, so this file holds no numbers of its own.
//
// Path syntax of an expectation (`path`, `divide_by`):
//   [scenario:]key.key[3].key[field=value].key
// - `scenario:` names one of "scenarios" (omitted for single-scenario cases);
// - `.key` an object member, `[i]` an array index, `[field=value]` the first element of
//   an array of objects whose `field` equals `value` (strings compared as text, numbers
//   by value), e.g. `phases[phase=training].co2e_kg.embodied`.
// With `divide_by` the checked figure is path / divide_by (a ratio). The tolerance is
// `abs_tol` when given, else `rel_tol` × |value|.
//
// Every expectation prints one line to stdout (case, path, got, expected, deviation %),
// failing or not: that table is the closing note's evidence.
#include <catch2/catch.hpp>

#include <greenfront/api.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifndef GREENFRONT_SOURCE_DIR
#error "GREENFRONT_SOURCE_DIR (the repository root, a string literal) must be defined"
#endif

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<fs::path> golden_files() {
  const fs::path dir = fs::path(GREENFRONT_SOURCE_DIR) / "tests" / "golden";
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

json read_json_file(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

/// Walks `path` (without the scenario prefix) in `root`; an error text on failure.
std::optional<double> resolve(const json& root, const std::string& path, std::string& error) {
  const json* node = &root;
  std::size_t i = 0;
  const std::size_t n = path.size();
  while (i < n) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) {
        error = "unclosed '[' in path";
        return std::nullopt;
      }
      const std::string inner = path.substr(i + 1, close - i - 1);
      i = close + 1;
      if (!node->is_array()) {
        error = "'[" + inner + "]' applied to a non-array";
        return std::nullopt;
      }
      const std::size_t eq = inner.find('=');
      if (eq == std::string::npos) {
        std::size_t index = 0;
        try {
          index = static_cast<std::size_t>(std::stoul(inner));
        } catch (...) {
          error = "bad index '" + inner + "'";
          return std::nullopt;
        }
        if (index >= node->size()) {
          error = "index " + inner + " out of range (size " + std::to_string(node->size()) + ")";
          return std::nullopt;
        }
        node = &(*node)[index];
      } else {
        const std::string key = inner.substr(0, eq);
        const std::string want = inner.substr(eq + 1);
        const json* found = nullptr;
        for (const auto& element : *node) {
          if (!element.is_object() || !element.contains(key)) continue;
          const json& v = element.at(key);
          bool match = false;
          if (v.is_string()) {
            match = v.get<std::string>() == want;
          } else if (v.is_number()) {
            try {
              match = v.get<double>() == std::stod(want);
            } catch (...) {
              match = false;
            }
          } else {
            match = v.dump() == want;
          }
          if (match) {
            found = &element;
            break;
          }
        }
        if (!found) {
          error = "no element with " + key + "=" + want;
          return std::nullopt;
        }
        node = found;
      }
      continue;
    }
    std::size_t end = i;
    while (end < n && path[end] != '.' && path[end] != '[') ++end;
    const std::string key = path.substr(i, end - i);
    i = end;
    if (!node->is_object() || !node->contains(key)) {
      error = "no member '" + key + "'";
      return std::nullopt;
    }
    node = &node->at(key);
  }
  if (!node->is_number()) {
    error = "not a number: " + node->dump();
    return std::nullopt;
  }
  return node->get<double>();
}

/// Splits "scenario:path" when the prefix names one of the case's scenarios.
std::pair<std::string, std::string> split_scenario(const std::string& full,
                                                   const std::map<std::string, json>& scenarios) {
  const std::size_t colon = full.find(':');
  if (colon != std::string::npos && colon < full.find('[')) {
    const std::string name = full.substr(0, colon);
    if (scenarios.count(name)) return {name, full.substr(colon + 1)};
  }
  return {"", full};
}

std::string fmt(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

struct Row {
  std::string id, path, got, expected, deviation, status;
};

void print_table(const std::vector<Row>& rows) {
  std::cout << "\n[golden] case | path | obtained | published/expected | deviation | status\n";
  for (const auto& r : rows) {
    std::cout << "[golden] " << r.id << " | " << r.path << " | " << r.got << " | " << r.expected
              << " | " << r.deviation << " | " << r.status << "\n";
  }
  std::cout << std::flush;
}

}  // namespace

TEST_CASE("golden cases reproduce the published figures", "[golden]") {
  const auto files = golden_files();
  REQUIRE(!files.empty());
  std::vector<Row> rows;

  for (const auto& file : files) {
    json spec;
    try {
      spec = read_json_file(file);
    } catch (const std::exception& e) {
      FAIL_CHECK(file.filename().string() << ": not valid JSON: " << e.what());
      continue;
    }
    const std::string id = spec.value("id", file.stem().string());
    {
      INFO("golden case " << id << " (" << file.filename().string() << ")");

      // Run every scenario of the case once.
      std::map<std::string, json> scenarios;
      if (spec.contains("scenario")) scenarios[""] = spec.at("scenario");
      if (spec.contains("scenarios")) {
        for (auto it = spec.at("scenarios").begin(); it != spec.at("scenarios").end(); ++it) {
          scenarios[it.key()] = it.value();
        }
      }
      if (scenarios.empty()) {
        FAIL_CHECK(id << ": neither \"scenario\" nor \"scenarios\"");
        continue;
      }
      std::map<std::string, json> results;
      for (const auto& [name, scenario] : scenarios) {
        const std::string response = greenfront::api::estimate(scenario.dump());
        json result;
        try {
          result = json::parse(response);
        } catch (const std::exception& e) {
          FAIL_CHECK(id << (name.empty() ? "" : ":" + name)
                        << ": api::estimate returned invalid JSON: " << e.what());
          continue;
        }
        const bool ok = result.value("ok", false);
        if (!ok) {
          FAIL_CHECK(id << (name.empty() ? "" : ":" + name)
                        << ": api::estimate rejected the scenario: "
                        << result.value("errors", json::array()).dump());
          rows.push_back({id, name.empty() ? "(scenario)" : name + ":(scenario)", "ok:false",
                          "ok:true", "-", "FAIL"});
          continue;
        }
        results[name] = std::move(result);
      }
      if (!spec.contains("expect") || !spec.at("expect").is_array()) {
        FAIL_CHECK(id << ": no \"expect\" array");
        continue;
      }
      for (const auto& e : spec.at("expect")) {
        const std::string path = e.at("path").get<std::string>();
        const double expected = e.at("value").get<double>();
        const std::string label =
            e.contains("divide_by") ? path + " / " + e.at("divide_by").get<std::string>() : path;

        auto lookup = [&](const std::string& full, std::string& error) -> std::optional<double> {
          auto [name, rest] = split_scenario(full, scenarios);
          auto it = results.find(name);
          if (it == results.end()) {
            error = scenarios.count(name) ? "scenario '" + name + "' was rejected"
                                          : "no scenario '" + name + "'";
            return std::nullopt;
          }
          return resolve(it->second, rest, error);
        };

        std::string error;
        std::optional<double> got = lookup(path, error);
        if (got && e.contains("divide_by")) {
          std::optional<double> denominator = lookup(e.at("divide_by").get<std::string>(), error);
          if (!denominator) {
            got.reset();
          } else if (*denominator == 0.0) {
            error = "divide_by is zero";
            got.reset();
          } else {
            got = *got / *denominator;
          }
        }
        if (!got) {
          rows.push_back({id, label, "n/a (" + error + ")", fmt(expected), "-", "FAIL"});
          FAIL_CHECK(id << " " << label << ": cannot read the result: " << error);
          continue;
        }
        const double tolerance = e.contains("abs_tol")
                                     ? e.at("abs_tol").get<double>()
                                     : e.value("rel_tol", 1e-9) * std::fabs(expected);
        const double deviation = *got - expected;
        const double deviation_pct = expected != 0.0 ? 100.0 * deviation / std::fabs(expected) : 0.0;
        const bool within = std::fabs(deviation) <= tolerance;
        char pct[32];
        std::snprintf(pct, sizeof pct, "%+.3f %%", deviation_pct);
        const std::string tol_text =
            e.contains("abs_tol") ? "abs_tol " + fmt(e.at("abs_tol").get<double>())
                                  : "rel_tol " + fmt(e.value("rel_tol", 1e-9));
        rows.push_back({id, label, fmt(*got), fmt(expected) + " (" + tol_text + ")", pct,
                        within ? "ok" : "FAIL"});
        if (within) {
          SUCCEED();
        } else {
          FAIL_CHECK(id << " " << label << ": got " << fmt(*got) << ", expected " << fmt(expected)
                        << " (" << tol_text << "), deviation " << pct
                        << (e.contains("note") ? " — " + e.at("note").get<std::string>() : ""));
        }
      }
    }
  }
  print_table(rows);
}
