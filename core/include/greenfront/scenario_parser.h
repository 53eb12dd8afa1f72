// Reads and validates a scenario JSON document (docs/schema.md).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

#include "greenfront/catalog.h"
#include "greenfront/issues.h"
#include "greenfront/scenario.h"

namespace greenfront {

/// Largest accepted schema_version.
constexpr int kSchemaVersion = 1;

/// Parses `doc` against `catalog`. Returns the scenario when `issues` stays empty;
/// otherwise every problem found is in `issues` and the return value is empty.
std::optional<Scenario> parse_scenario(const nlohmann::json& doc, const Catalog& catalog,
                                       Issues& issues);

/// Hours since Jan 1 00:00 UTC of a non-leap year for "YYYY-MM-DDTHH:MM[:SS]Z";
/// empty when the text is not such a date (Feb 29 maps onto Feb 28).
std::optional<double> parse_start_utc(const std::string& text);

}  // namespace greenfront
