// Compact JSON text of a document, byte for byte what nlohmann's dump() writes for the
// valid UTF-8 documents the core builds, but written over raw character runs.
//
// Why not dump(): its serializer steps through every byte of every string with
// std::string accessors and a UTF-8 decoder; the wasm build (-Oz) calls each accessor out of
// line, and a 10,000-sample estimate spent 1 ms of its 4.4 ms fixed cost there (dump was a
// fifth of the per-request time at 100 samples; natively the whole request takes 0.75 ms).
// Internal to core/src.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace greenfront {

/// `value` as compact JSON text (no spaces; object keys in the order nlohmann keeps them);
/// numbers as dump() writes them (shortest round-trip doubles, non-finite as null). Strings
/// must be valid UTF-8, as every string the core puts in a response is (issues.h): this
/// writer does not check them.
std::string json_text(const nlohmann::json& value);

}  // namespace greenfront
