// Typed, path-aware reading of JSON objects that records every problem in Issues.
//
// Parsers read a field, get an optional value, and carry on after a problem so that one
// pass reports all of them. Every message names the field path, the rule and the value.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/quantity.h"

namespace greenfront {

/// The allowed interval of a numeric field, with the rule text used in messages.
struct Bounds {
  double lower = -1e308;
  bool lower_inclusive = true;
  double upper = 1e308;
  bool upper_inclusive = true;

  static Bounds at_least(double v) { return {v, true, 1e308, true}; }
  static Bounds above(double v) { return {v, false, 1e308, true}; }
  static Bounds between(double lo, double hi) { return {lo, true, hi, true}; }
  static Bounds above_up_to(double lo, double hi) { return {lo, false, hi, true}; }

  bool contains(double v) const;
  /// "must be >= 0", "must be > 0", "must be in [0, 1]", "must be in (0, 1]".
  std::string rule() const;
};

/// Compact text of a JSON value for messages, shortened past 60 characters.
std::string describe(const nlohmann::json& value);
/// A number as text without trailing noise: 0.5, 1e-07, 300.
std::string format_number(double v);

/// Reads the fields of one JSON object at `path`.
class ObjectReader {
 public:
  /// `object` must outlive the reader. If it is not an object, the reader reports
  /// input.wrong_type once and behaves as an empty object.
  ObjectReader(const nlohmann::json& object, std::string path, Issues& issues);

  bool is_object() const { return object_ != nullptr; }
  bool has(const std::string& key) const;
  const nlohmann::json* get(const std::string& key) const;
  const std::string& path() const { return path_; }
  std::string field_path(const std::string& key) const { return join_path(path_, key); }
  Issues& issues() const { return *issues_; }

  /// Reports every key that is not in `allowed` as input.unknown_field (with did-you-mean).
  void reject_unknown(const std::vector<std::string>& allowed) const;

  std::optional<double> number(const std::string& key, const Bounds& bounds) const;
  std::optional<std::int64_t> integer(const std::string& key, const Bounds& bounds) const;
  std::optional<std::string> string(const std::string& key) const;
  std::optional<bool> boolean(const std::string& key) const;
  /// A string that must be one of `allowed` (input.invalid_value otherwise).
  std::optional<std::string> choice(const std::string& key,
                                    const std::vector<std::string>& allowed) const;
  /// A number, a {min,max} range or a distribution object (docs/schema.md).
  std::optional<Quantity> quantity(const std::string& key, const Bounds& bounds) const;

 private:
  const nlohmann::json* object_ = nullptr;
  std::string path_;
  Issues* issues_;
};

/// Reads a number at `path` from a JSON value (not a field), checking type, finiteness and
/// bounds. Used for array elements.
std::optional<double> read_number(const nlohmann::json& value, const std::string& path,
                                  const Bounds& bounds, Issues& issues);
/// Reads a Quantity from a JSON value at `path`.
std::optional<Quantity> read_quantity(const nlohmann::json& value, const std::string& path,
                                      const Bounds& bounds, Issues& issues);

}  // namespace greenfront
