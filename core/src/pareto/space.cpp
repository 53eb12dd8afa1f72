// Decision-variable spaces: the unit-cube encoding, sampling, enumeration and parsing.
//
// Every mapping here is a handful of + - * / with floor, sqrt and the portable exp/log,
// so native and wasm builds map and sample configurations to the same bits.
#include "greenfront/pareto/space.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

#include "greenfront/json_reader.h"

namespace greenfront::pareto {

using nlohmann::json;

namespace {

// Integer bounds stay below 2^50 so that k, k ± 1/2 and the log round trip are exact
// enough that rounding always recovers k.
constexpr double kMaxIntegerMagnitude = 1e15;

bool uses_log(const Variable& var) {
  return var.log_scale && var.kind != Variable::Kind::categorical && var.lower > 0.0 &&
         var.upper > var.lower;
}

double clamp(double x, double lo, double hi) {
  if (!(x >= lo)) return lo;  // also NaN
  return x > hi ? hi : x;
}

/// Index of a categorical value, or -1 when it is not a valid choice index.
std::int64_t choice_index(const Variable& var, double value) {
  if (!(value >= 0.0) || value != std::floor(value)) return -1;
  if (value >= static_cast<double>(var.choices.size())) return -1;
  return static_cast<std::int64_t>(value);
}

/// A uniform index in [0, n) from a uniform draw u in [0, 1); n > 0.
std::uint64_t uniform_index(double u, std::uint64_t n) {
  const auto k = static_cast<std::uint64_t>(u * static_cast<double>(n));
  return k < n ? k : n - 1;
}

const char* kind_name(Variable::Kind kind) {
  switch (kind) {
    case Variable::Kind::continuous:
      return "continuous";
    case Variable::Kind::integer:
      return "integer";
    default:
      return "categorical";
  }
}

/// The per-variable rules, reported under `item` ("variables[3]").
void check_variable(const Variable& var, const std::string& item, Issues& issues) {
  if (var.name.empty()) {
    issues.add("input.invalid_value", join_path(item, "name"), "must not be empty", "\"\"");
  }
  check_name_length(var.name, join_path(item, "name"), issues);
  if (var.kind == Variable::Kind::categorical) {
    const std::string path = join_path(item, "choices");
    if (var.choices.empty()) {
      issues.add("input.invalid_value", path, "must list at least one choice", "[]");
    } else if (var.choices.size() > kMaxChoices) {
      issues.add("input.too_many", path,
                 "must have at most " + std::to_string(kMaxChoices) + " choices",
                 std::to_string(var.choices.size()));
    }
    std::set<std::string> seen;
    for (std::size_t c = 0; c < var.choices.size() && c < kMaxChoices; ++c) {
      if (var.choices[c].empty()) {
        issues.add("input.invalid_value", index_path(path, c), "must not be empty", "\"\"");
      } else if (!check_name_length(var.choices[c], index_path(path, c), issues)) {
        continue;
      } else if (!seen.insert(var.choices[c]).second) {
        issues.add("input.duplicate", index_path(path, c), "choices must be unique",
                   "\"" + var.choices[c] + "\"");
      }
    }
    return;
  }
  const std::string min_path = join_path(item, "min"), max_path = join_path(item, "max");
  bool bounds_ok = true;
  const std::pair<double, std::string> bounds[] = {{var.lower, min_path}, {var.upper, max_path}};
  for (const auto& [value, path] : bounds) {
    if (!std::isfinite(value)) {
      issues.add("input.not_finite", path, "must be a finite number", format_number(value));
      bounds_ok = false;
    } else if (var.kind == Variable::Kind::integer && value != std::floor(value)) {
      issues.add("input.wrong_type", path, "must be an integer", format_number(value));
      bounds_ok = false;
    } else if (var.kind == Variable::Kind::integer && std::fabs(value) > kMaxIntegerMagnitude) {
      issues.add("input.out_of_range", path, "must be in [-1e15, 1e15] for an integer",
                 format_number(value));
      bounds_ok = false;
    }
  }
  if (!bounds_ok) return;
  if (!(var.upper > var.lower)) {
    issues.add("input.out_of_range", max_path, "must be > min (" + format_number(var.lower) + ")",
               format_number(var.upper));
  } else if (!std::isfinite(var.upper - var.lower)) {
    issues.add("input.out_of_range", max_path, "max - min must be a finite number",
               format_number(var.upper));
  }
  if (var.log_scale && !(var.lower > 0.0)) {
    issues.add("input.out_of_range", min_path, "must be > 0 when log is true",
               format_number(var.lower));
  }
}

}  // namespace

Variable Variable::continuous(std::string name, double lower, double upper, bool log) {
  Variable v;
  v.name = std::move(name);
  v.kind = Kind::continuous;
  v.lower = lower;
  v.upper = upper;
  v.log_scale = log;
  return v;
}

Variable Variable::integer(std::string name, double lower, double upper, bool log) {
  Variable v = continuous(std::move(name), lower, upper, log);
  v.kind = Kind::integer;
  return v;
}

Variable Variable::categorical(std::string name, std::vector<std::string> choices) {
  Variable v;
  v.name = std::move(name);
  v.kind = Kind::categorical;
  v.lower = 0.0;
  v.upper = choices.empty() ? 0.0 : static_cast<double>(choices.size() - 1);
  v.choices = std::move(choices);
  return v;
}

std::uint64_t Variable::discrete_size() const {
  if (kind == Kind::categorical) return choices.size();
  if (kind == Kind::continuous) return 0;
  const double lo = std::ceil(lower), hi = std::floor(upper);
  if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo) return 0;
  const double count = hi - lo + 1.0;
  return count < 0x1p63 ? static_cast<std::uint64_t>(count) : 0;
}

Space::Space(std::vector<Variable> variables) : variables_(std::move(variables)) {
  offsets_.reserve(variables_.size());
  for (const Variable& var : variables_) {
    offsets_.push_back(encoded_dims_);
    encoded_dims_ += var.kind == Variable::Kind::categorical ? var.choices.size() : 1;
  }
}

bool Space::check(const std::vector<Variable>& variables, const std::string& path, Issues& issues) {
  const std::size_t before = issues.count();
  if (variables.empty()) {
    issues.add("input.invalid_value", path, "must list at least one variable", "[]");
  } else if (variables.size() > kMaxVariables) {
    issues.add("input.too_many", path,
               "must have at most " + std::to_string(kMaxVariables) + " variables",
               std::to_string(variables.size()));
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < variables.size() && i < kMaxVariables; ++i) {
    const std::string item = index_path(path, i);
    check_variable(variables[i], item, issues);
    if (!variables[i].name.empty() && !names.insert(variables[i].name).second) {
      issues.add("input.duplicate", join_path(item, "name"), "variable names must be unique",
                 "\"" + variables[i].name + "\"");
    }
  }
  return issues.count() == before;
}

double Space::to_unit(std::size_t v, double value) const {
  if (v >= variables_.size()) return 0.0;
  const Variable& var = variables_[v];
  if (var.kind == Variable::Kind::categorical || !(var.upper > var.lower)) return 0.0;
  if (value != value) return 0.0;
  double u;
  if (uses_log(var)) {
    const double a = portable::log(var.lower), b = portable::log(var.upper);
    u = value <= var.lower ? 0.0 : (portable::log(value) - a) / (b - a);
  } else {
    u = (value - var.lower) / (var.upper - var.lower);
  }
  return clamp(u, 0.0, 1.0);
}

double Space::from_unit(std::size_t v, double unit) const {
  if (v >= variables_.size()) return 0.0;
  const Variable& var = variables_[v];
  if (var.kind == Variable::Kind::categorical) return 0.0;
  const double u = clamp(unit, 0.0, 1.0);
  double x;
  // The ends map exactly onto the bounds, which lower + 1 * (upper - lower) may miss.
  if (u == 0.0) {
    x = var.lower;
  } else if (u == 1.0) {
    x = var.upper;
  } else if (uses_log(var)) {
    const double a = portable::log(var.lower), b = portable::log(var.upper);
    x = portable::exp(a + u * (b - a));
  } else {
    x = var.lower + u * (var.upper - var.lower);
  }
  if (var.kind == Variable::Kind::integer) x = std::floor(x + 0.5);
  return clamp(x, var.lower, var.upper);
}

std::vector<double> Space::encode(const Config& config) const {
  std::vector<double> unit(encoded_dims_, 0.0);
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const double value = v < config.size() ? config[v] : 0.0;
    if (variables_[v].kind == Variable::Kind::categorical) {
      const std::int64_t c = choice_index(variables_[v], value);
      if (c >= 0) unit[offsets_[v] + static_cast<std::size_t>(c)] = 1.0;
    } else {
      unit[offsets_[v]] = to_unit(v, value);
    }
  }
  return unit;
}

Config Space::decode(const double* unit) const {
  Config config(variables_.size(), 0.0);
  if (unit == nullptr) return config;
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const Variable& var = variables_[v];
    const double* block = unit + offsets_[v];
    if (var.kind != Variable::Kind::categorical) {
      config[v] = from_unit(v, block[0]);
      continue;
    }
    std::size_t best = 0;
    bool found = false;
    for (std::size_t c = 0; c < var.choices.size(); ++c) {
      if (block[c] != block[c]) continue;  // NaN never wins
      if (!found || block[c] > block[best]) {
        best = c;
        found = true;
      }
    }
    config[v] = static_cast<double>(best);
  }
  return config;
}

Config Space::decode(const std::vector<double>& unit) const {
  if (unit.size() >= encoded_dims_) return decode(unit.data());
  std::vector<double> padded = unit;
  padded.resize(encoded_dims_, 0.0);
  return decode(padded.data());
}

Config Space::sample(Rng& rng) const {
  Config config(variables_.size(), 0.0);
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const Variable& var = variables_[v];
    const double u = rng.uniform01();
    if (var.kind == Variable::Kind::categorical) {
      const std::uint64_t n = var.choices.size();
      config[v] = n == 0 ? 0.0 : static_cast<double>(uniform_index(u, n));
    } else if (var.kind == Variable::Kind::continuous) {
      double x = var.lower + u * (var.upper - var.lower);
      if (uses_log(var)) {
        const double a = portable::log(var.lower), b = portable::log(var.upper);
        x = portable::exp(a + u * (b - a));
      }
      config[v] = clamp(x, var.lower, var.upper);
    } else if (uses_log(var)) {
      const double a = portable::log(var.lower - 0.5), b = portable::log(var.upper + 0.5);
      config[v] = clamp(std::floor(portable::exp(a + u * (b - a)) + 0.5), var.lower, var.upper);
    } else {
      const double n = std::floor(var.upper) - std::ceil(var.lower) + 1.0;
      const double k = std::floor(u * (n > 0 ? n : 0.0));
      config[v] = clamp(std::ceil(var.lower) + k, var.lower, var.upper);
    }
  }
  return config;
}

std::optional<std::uint64_t> Space::cardinality() const {
  std::uint64_t total = 1;
  for (const Variable& var : variables_) {
    const std::uint64_t n = var.discrete_size();
    if (n == 0) return std::nullopt;
    if (total > UINT64_MAX / n) return std::nullopt;
    total *= n;
  }
  return total;
}

Config Space::enumerate(std::uint64_t index) const {
  if (const auto total = cardinality()) index %= *total;
  Config config(variables_.size(), 0.0);
  for (std::size_t v = variables_.size(); v-- > 0;) {
    const Variable& var = variables_[v];
    const std::uint64_t n = var.discrete_size();
    if (n == 0) {
      config[v] = var.kind == Variable::Kind::categorical ? 0.0 : var.lower;
      continue;
    }
    const std::uint64_t digit = index % n;
    index /= n;
    config[v] = var.kind == Variable::Kind::categorical
                    ? static_cast<double>(digit)
                    : std::ceil(var.lower) + static_cast<double>(digit);
  }
  return config;
}

bool Space::contains(const Config& config) const {
  if (config.size() != variables_.size()) return false;
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const Variable& var = variables_[v];
    const double x = config[v];
    if (!std::isfinite(x)) return false;
    if (var.kind == Variable::Kind::categorical) {
      if (choice_index(var, x) < 0) return false;
      continue;
    }
    if (x < var.lower || x > var.upper) return false;
    if (var.kind == Variable::Kind::integer && x != std::floor(x)) return false;
  }
  return true;
}

json Space::to_json(const Config& config) const {
  json out = json::object();
  for (std::size_t v = 0; v < variables_.size() && v < config.size(); ++v) {
    const Variable& var = variables_[v];
    const double x = config[v];
    const std::int64_t c =
        var.kind == Variable::Kind::categorical ? choice_index(var, x) : std::int64_t{-1};
    if (c >= 0) {
      out[var.name] = var.choices[static_cast<std::size_t>(c)];
    } else if (var.kind == Variable::Kind::integer && x == std::floor(x) && std::fabs(x) <= 9e15) {
      out[var.name] = static_cast<std::int64_t>(x);
    } else {
      out[var.name] = x;
    }
  }
  return out;
}

std::string Space::describe(const Config& config) const {
  std::string text;
  for (std::size_t v = 0; v < variables_.size() && v < config.size(); ++v) {
    const Variable& var = variables_[v];
    const std::int64_t c =
        var.kind == Variable::Kind::categorical ? choice_index(var, config[v]) : std::int64_t{-1};
    text += (v == 0 ? "" : ", ") + var.name + "=" +
            (c >= 0 ? var.choices[static_cast<std::size_t>(c)] : format_number(config[v]));
  }
  return text;
}

std::optional<Config> Space::config_from_json(const json& object, const std::string& path,
                                              Issues& issues) const {
  const std::size_t before = issues.count();
  ObjectReader r(object, path, issues);
  if (!r.is_object()) return std::nullopt;
  std::vector<std::string> names;
  for (const Variable& var : variables_) names.push_back(var.name);
  r.reject_unknown(names);
  Config config(variables_.size(), 0.0);
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const Variable& var = variables_[v];
    if (!r.has(var.name)) {
      issues.add("input.missing_field", r.field_path(var.name), "is required", "");
      continue;
    }
    if (var.kind == Variable::Kind::categorical) {
      if (auto text = r.choice(var.name, var.choices)) {
        for (std::size_t c = 0; c < var.choices.size(); ++c) {
          if (var.choices[c] == *text) config[v] = static_cast<double>(c);
        }
      }
      continue;
    }
    auto x = r.number(var.name, Bounds::between(var.lower, var.upper));
    if (!x) continue;
    if (var.kind == Variable::Kind::integer && *x != std::floor(*x)) {
      issues.add("input.wrong_type", r.field_path(var.name), "must be an integer",
                 format_number(*x));
      continue;
    }
    config[v] = *x;
  }
  if (issues.count() != before) return std::nullopt;
  return config;
}

std::optional<Space> parse_space(const json& value, const std::string& path, Issues& issues) {
  const std::size_t before = issues.count();
  if (!value.is_array()) {
    issues.add("input.wrong_type", path, "must be an array of variables", describe(value));
    return std::nullopt;
  }
  if (value.size() > kMaxVariables) {
    issues.add("input.too_many", path,
               "must have at most " + std::to_string(kMaxVariables) + " variables",
               std::to_string(value.size()));
    return std::nullopt;
  }
  if (value.empty()) {
    issues.add("input.invalid_value", path, "must list at least one variable", "[]");
    return std::nullopt;
  }
  const std::vector<std::string> all_keys = {"name", "type", "min", "max", "log", "choices"};
  std::vector<Variable> variables;
  std::set<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item = index_path(path, i);
    const std::size_t item_before = issues.count();
    ObjectReader r(value[i], item, issues);
    if (!r.is_object()) continue;
    r.reject_unknown(all_keys);
    Variable var;
    if (auto name = r.string("name")) {
      var.name = *name;
    } else if (!r.has("name")) {
      issues.add("input.missing_field", r.field_path("name"), "is required", "");
    }
    auto type = r.choice("type", {"continuous", "integer", "categorical"});
    if (!r.has("type")) {
      issues.add("input.missing_field", r.field_path("type"),
                 "is required (\"continuous\", \"integer\" or \"categorical\")", "");
    }
    if (!type) continue;
    var.kind = *type == "continuous" ? Variable::Kind::continuous
               : *type == "integer"  ? Variable::Kind::integer
                                     : Variable::Kind::categorical;
    const std::vector<std::string> foreign = var.kind == Variable::Kind::categorical
                                                 ? std::vector<std::string>{"min", "max", "log"}
                                                 : std::vector<std::string>{"choices"};
    for (const std::string& key : foreign) {
      if (r.has(key)) {
        issues.add("input.unknown_field", r.field_path(key),
                   std::string("does not apply to a ") + kind_name(var.kind) + " variable", "");
      }
    }
    if (var.kind == Variable::Kind::categorical) {
      const json* list = r.get("choices");
      if (list == nullptr) {
        issues.add("input.missing_field", r.field_path("choices"), "is required", "");
      } else if (!list->is_array()) {
        issues.add("input.wrong_type", r.field_path("choices"), "must be an array of strings",
                   describe(*list));
      } else if (list->size() > kMaxChoices) {
        issues.add("input.too_many", r.field_path("choices"),
                   "must have at most " + std::to_string(kMaxChoices) + " choices",
                   std::to_string(list->size()));
      } else {
        for (std::size_t c = 0; c < list->size(); ++c) {
          if ((*list)[c].is_string()) {
            var.choices.push_back((*list)[c].get<std::string>());
          } else {
            issues.add("input.wrong_type", index_path(r.field_path("choices"), c),
                       "must be a string", describe((*list)[c]));
          }
        }
      }
    } else {
      for (const char* key : {"min", "max"}) {
        if (!r.has(key)) issues.add("input.missing_field", r.field_path(key), "is required", "");
      }
      const auto lo = r.number("min", Bounds{}), hi = r.number("max", Bounds{});
      var.lower = lo.value_or(0.0);
      var.upper = hi.value_or(0.0);
      if (const json* log = r.get("log")) {
        if (log->is_boolean()) {
          var.log_scale = log->get<bool>();
        } else {
          issues.add("input.wrong_type", r.field_path("log"), "must be true or false",
                     describe(*log));
        }
      }
    }
    // The semantic rules only make sense once the fields themselves could be read.
    if (issues.count() != item_before) continue;
    check_variable(var, item, issues);
    if (!var.name.empty() && !names.insert(var.name).second) {
      issues.add("input.duplicate", r.field_path("name"), "variable names must be unique",
                 "\"" + var.name + "\"");
    }
    variables.push_back(std::move(var));
  }
  if (issues.count() != before) return std::nullopt;
  return Space(std::move(variables));
}

}  // namespace greenfront::pareto
