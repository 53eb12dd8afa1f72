#include "greenfront/json_reader.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace greenfront {

using nlohmann::json;

bool Bounds::contains(double v) const {
  const bool above_lower = lower_inclusive ? v >= lower : v > lower;
  const bool below_upper = upper_inclusive ? v <= upper : v < upper;
  return above_lower && below_upper;
}

std::string Bounds::rule() const {
  const bool has_upper = upper < 1e307;
  if (!has_upper) {
    return std::string("must be ") + (lower_inclusive ? ">= " : "> ") + format_number(lower);
  }
  return std::string("must be in ") + (lower_inclusive ? "[" : "(") + format_number(lower) +
         ", " + format_number(upper) + (upper_inclusive ? "]" : ")");
}

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

std::string describe(const json& value) {
  std::string text;
  if (value.is_number_float()) {
    text = format_number(value.get<double>());
  } else {
    text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (text.size() > 60) {
    // Cut on a character boundary: half a UTF-8 sequence would make the message (and the
    // JSON response carrying it) invalid. Continuation bytes are 10xxxxxx.
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

namespace {

const char* type_name(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "an array";
  return "an object";
}

}  // namespace

std::optional<double> read_number(const json& value, const std::string& path,
                                  const Bounds& bounds, Issues& issues) {
  if (!value.is_number()) {
    issues.add("input.wrong_type", path, std::string("must be a number"),
               describe(value) + " (" + type_name(value) + ")");
    return std::nullopt;
  }
  const double v = value.get<double>();
  if (!std::isfinite(v)) {
    issues.add("input.not_finite", path, "must be a finite number", format_number(v));
    return std::nullopt;
  }
  if (v != 0.0 && std::fabs(v) < std::numeric_limits<double>::min()) {
    // Subnormals lose precision and turn divisions into infinities; no real input is one.
    issues.add("input.out_of_range", path, "must be 0 or at least 2.2e-308 in magnitude",
               format_number(v));
    return std::nullopt;
  }
  if (!bounds.contains(v)) {
    issues.add("input.out_of_range", path, bounds.rule(), format_number(v));
    return std::nullopt;
  }
  return v;
}

std::optional<Quantity> read_quantity(const json& value, const std::string& path,
                                      const Bounds& bounds, Issues& issues) {
  if (value.is_number()) {
    auto v = read_number(value, path, bounds, issues);
    if (!v) return std::nullopt;
    Quantity q = Quantity::fixed(*v);
    q.lower = bounds.lower;
    q.upper = bounds.upper;
    return q;
  }
  if (!value.is_object()) {
    issues.add("input.wrong_type", path, "must be a number or a distribution object",
               describe(value) + " (" + type_name(value) + ")");
    return std::nullopt;
  }
  ObjectReader r(value, path, issues);
  std::string dist = "uniform";
  if (r.has("dist")) {
    auto d = r.choice("dist", {"uniform", "triangular", "normal", "lognormal"});
    if (!d) return std::nullopt;
    dist = *d;
  }
  const std::size_t before = issues.count();
  Quantity q;
  q.lower = bounds.lower;
  q.upper = bounds.upper;
  auto require = [&](const std::string& key, const Bounds& b) -> std::optional<double> {
    if (!r.has(key)) {
      issues.add("input.missing_field", r.field_path(key),
                 "is required for a " + dist + " distribution", "");
      return std::nullopt;
    }
    return r.number(key, b);
  };
  if (dist == "uniform") {
    r.reject_unknown({"dist", "min", "max"});
    auto lo = require("min", bounds), hi = require("max", bounds);
    if (lo && hi && *lo > *hi) {
      issues.add("input.out_of_range", r.field_path("max"), "must be >= min (" +
                 format_number(*lo) + ")", format_number(*hi));
    }
    q.kind = Quantity::Kind::kUniform;
    q.a = lo.value_or(0);
    q.b = hi.value_or(0);
  } else if (dist == "triangular") {
    r.reject_unknown({"dist", "min", "mode", "max"});
    auto lo = require("min", bounds), mode = require("mode", bounds), hi = require("max", bounds);
    if (lo && mode && hi && !(*lo <= *mode && *mode <= *hi)) {
      issues.add("input.out_of_range", r.field_path("mode"), "must satisfy min <= mode <= max",
                 format_number(*lo) + " <= " + format_number(*mode) + " <= " +
                     format_number(*hi));
    }
    q.kind = Quantity::Kind::kTriangular;
    q.a = lo.value_or(0);
    q.b = mode.value_or(0);
    q.c = hi.value_or(0);
  } else if (dist == "normal") {
    r.reject_unknown({"dist", "mean", "sd"});
    auto mean = require("mean", bounds), sd = require("sd", Bounds::at_least(0));
    q.kind = Quantity::Kind::kNormal;
    q.a = mean.value_or(0);
    q.b = sd.value_or(0);
  } else {
    r.reject_unknown({"dist", "median", "gsd"});
    Bounds positive = bounds;
    if (positive.lower <= 0) positive = Bounds{0, false, bounds.upper, bounds.upper_inclusive};
    auto median = require("median", positive), gsd = require("gsd", Bounds::at_least(1));
    q.kind = Quantity::Kind::kLogNormal;
    q.a = median.value_or(1);
    q.b = gsd.value_or(1);
  }
  if (issues.count() != before) return std::nullopt;
  return q;
}

ObjectReader::ObjectReader(const json& object, std::string path, Issues& issues)
    : path_(std::move(path)), issues_(&issues) {
  if (object.is_object()) {
    object_ = &object;
  } else {
    issues.add("input.wrong_type", path_, "must be an object",
               describe(object) + " (" + type_name(object) + ")");
  }
}

bool ObjectReader::has(const std::string& key) const {
  return object_ && object_->find(key) != object_->end();
}

const json* ObjectReader::get(const std::string& key) const {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

void ObjectReader::reject_unknown(const std::vector<std::string>& allowed) const {
  if (!object_) return;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == it.key();
    if (known) continue;
    // Past the listed errors only the count is kept: no suggestion is needed.
    const std::string suggestion = issues_->full() ? std::string() : did_you_mean(it.key(), allowed);
    issues_->add("input.unknown_field", field_path(it.key()),
                 suggestion.empty() ? "is not a known field"
                                    : "is not a known field (did you mean \"" + suggestion +
                                          "\"?)",
                 "");
  }
}

std::optional<double> ObjectReader::number(const std::string& key, const Bounds& bounds) const {
  const json* v = get(key);
  if (!v) return std::nullopt;
  return read_number(*v, field_path(key), bounds, *issues_);
}

std::optional<std::int64_t> ObjectReader::integer(const std::string& key,
                                                  const Bounds& bounds) const {
  const json* v = get(key);
  if (!v) return std::nullopt;
  auto n = read_number(*v, field_path(key), bounds, *issues_);
  if (!n) return std::nullopt;
  if (std::floor(*n) != *n || std::fabs(*n) > 9.0e15) {
    issues_->add("input.wrong_type", field_path(key), "must be an integer", describe(*v));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*n);
}

std::optional<std::string> ObjectReader::string(const std::string& key) const {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    issues_->add("input.wrong_type", field_path(key), "must be a string",
                 describe(*v) + " (" + type_name(*v) + ")");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(const std::string& key) const {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    issues_->add("input.wrong_type", field_path(key), "must be true or false",
                 describe(*v) + " (" + type_name(*v) + ")");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> ObjectReader::choice(const std::string& key,
                                                const std::vector<std::string>& allowed) const {
  auto s = string(key);
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (a == *s) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
  issues_->add("input.invalid_value", field_path(key), "must be one of " + list,
               "\"" + *s + "\"");
  return std::nullopt;
}

std::optional<Quantity> ObjectReader::quantity(const std::string& key,
                                               const Bounds& bounds) const {
  const json* v = get(key);
  if (!v) return std::nullopt;
  return read_quantity(*v, field_path(key), bounds, *issues_);
}

}  // namespace greenfront
