// The single entry point: one JSON request in, one JSON response out.
//
// The CLI, the wasm binding and the tests all call these, so every front end shows the
// numbers the native tests vouch for. Nothing here throws: every failure, including an
// internal one, comes back as {"ok": false, "errors": [{code, path, message}]}.
#pragma once

#include <string>

namespace greenfront::api {

/// Estimates a scenario (docs/schema.md). Returns the result or the full list of errors.
std::string estimate(const std::string& scenario_json);

/// Validates a scenario without estimating: {"ok": true, "defaults_used": [...]} or errors.
std::string validate(const std::string& scenario_json);

/// Lists a catalog: `kind` is "hardware", "regions", "cloud-regions", "datacenters",
/// "profiles" or "equivalences"; `search` filters by case-insensitive substring of id, name or alias.
std::string catalog(const std::string& kind, const std::string& search);

/// A request envelope for bindings: {"request": "estimate"|"validate"|"catalog", ...}
/// with "scenario" for estimate/validate and "kind"/"search" for catalog.
std::string handle(const std::string& request_json);

}  // namespace greenfront::api
