// Renders api responses as Markdown for people (the JSON stays the machine format).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace greenfront::cli {

/// A per-phase table, totals, uncertainty band, schedule, equivalences and the defaults used.
std::string estimate_markdown(const nlohmann::json& result);
/// The scenarios of a `compare` response ranked, with differences and the verdict.
std::string compare_markdown(const nlohmann::json& result);
/// A table of catalog entries.
std::string catalog_markdown(const nlohmann::json& result);
/// The front of a `pareto` response as a table, with the knee marked.
std::string pareto_markdown(const nlohmann::json& result);
/// The suggestions of a `suggest` response and its experimentation-vs-deployment verdict.
std::string suggest_markdown(const nlohmann::json& result);
/// One line per error: "[code] path: rule, got value".
std::string errors_text(const nlohmann::json& response);

}  // namespace greenfront::cli
