// Plumbing shared by the request handlers of api.cpp and api_pareto.cpp: bounded parsing
// of request text, the error envelope, and the guard that keeps exceptions inside the core.
// Internal to core/src (not a public header).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

#include "greenfront/issues.h"
#include "greenfront/json_reader.h"
#include "json_text.h"

namespace greenfront::api::detail {

/// {"ok": false, "schema_version": 1, "errors": [{code, path, message}, ...]}.
nlohmann::json error_response(const Issues& issues);

/// The error response of one internal.error with `what` in its message.
std::string internal_error(const std::string& what);

/// Parses request text within the size and nesting limits, or reports why not.
std::optional<nlohmann::json> parse_text(const std::string& text, Issues& issues);
/// The same with another byte limit (an import request carries a whole CSV file).
std::optional<nlohmann::json> parse_text(const std::string& text, Issues& issues,
                                         std::size_t max_bytes);
/// Reports input.too_large: `size` bytes where at most `max_bytes` are allowed.
void report_too_large(std::size_t size, std::size_t max_bytes, Issues& issues);

/// True when every floating-point number under `node` is finite.
bool all_finite(const nlohmann::json& node);

/// Runs `body`, turning any exception into an internal.error response: nothing thrown in
/// the core may reach a front end (a wasm caller would see a bare number).
template <typename Body>
std::string guarded(Body body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

/// The body of every JSON entry point: parse `text` within the limits (or answer with why
/// not), then answer `run(document)`, all inside guarded().
template <typename Run>
std::string parse_and_run(const std::string& text, Run run) {
  return guarded([&] {
    Issues issues;
    auto doc = parse_text(text, issues);
    if (!doc) return json_text(error_response(issues));
    return run(*doc);
  });
}

/// The estimate response of one scenario document (api::estimate's body), or nothing with
/// every problem in `issues`. Defined in api.cpp; compare runs it once per scenario.
std::optional<nlohmann::json> estimate_document(const nlohmann::json& doc, Issues& issues);

/// Reports a schema_version other than `expected` (absent is accepted).
void check_schema_version(const ObjectReader& r, int expected);

}  // namespace greenfront::api::detail
