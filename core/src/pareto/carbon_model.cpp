#include "greenfront/pareto/carbon_model.h"

#include <cmath>
#include <exception>
#include <set>

#include "greenfront/json_reader.h"
#include "greenfront/scenario_parser.h"

namespace greenfront::pareto {

using nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

namespace {

/// Probing every choice of every variable at creation is worth it for a handful of regions
/// or accelerators; past this many parses it would delay the first result noticeably.
constexpr std::size_t kMaxProbes = 256;
/// A parsed scenario is a few kB; 512 of them cover the discrete spaces a browser study
/// enumerates while bounding memory.
constexpr std::size_t kMaxCached = 512;

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The wasm module has no exception support (CMakeLists.txt), so a binding's pointer is
// checked and written here without json_pointer's throwing paths.

/// RFC 6901 §3 syntax, as json_pointer's constructor checks it: empty, or "/"-separated
/// tokens in which "~" is always followed by "0" or "1".
bool is_json_pointer(const std::string& text) {
  if (text.empty()) return true;
  if (text.front() != '/') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~' && (i + 1 == text.size() || (text[i + 1] != '0' && text[i + 1] != '1'))) {
      return false;
    }
  }
  return true;
}

/// The unescaped reference tokens of `pointer`, first to last.
std::vector<std::string> tokens_of(Pointer pointer) {
  std::vector<std::string> tokens;
  while (!pointer.empty()) {
    tokens.push_back(pointer.back());
    pointer.pop_back();
  }
  return {tokens.rbegin(), tokens.rend()};
}

/// The value `tokens` address in `doc`, created on the way as json_pointer's non-const
/// access would (null becomes an array for a numeric token, an object otherwise; "-" or
/// the size of an array appends), or nullptr when a token meets a non-container or is not an
/// index of its array: RFC 6901 §4 digits without a leading zero, at most one past the end
/// (json_pointer would fill a longer gap with nulls; a hostile "/phases/4000000000" would
/// then allocate gigabytes).
json* slot_at(json& doc, const std::vector<std::string>& tokens) {
  json* at = &doc;
  for (const std::string& token : tokens) {
    if (at->is_null()) *at = (all_digits(token) || token == "-") ? json::array() : json::object();
    if (at->is_object()) {
      at = &(*at)[token];
    } else if (at->is_array()) {
      const std::size_t size = at->size();
      std::size_t index = size;
      if (token != "-") {
        const bool digits = all_digits(token) && !(token.size() > 1 && token[0] == '0');
        if (!digits || token.size() > 9) return nullptr;
        index = 0;
        for (char c : token) index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index > size) return nullptr;
      }
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

/// Whether an issue at `issue_path` is about the field at `slot_path` or inside it.
bool concerns(const std::string& issue_path, const std::string& slot_path) {
  if (slot_path.empty() || issue_path.size() < slot_path.size()) return false;
  if (issue_path.compare(0, slot_path.size(), slot_path) != 0) return false;
  if (issue_path.size() == slot_path.size()) return true;
  const char next = issue_path[slot_path.size()];
  return next == '.' || next == '[';
}

/// The JSON a variable's configuration value is written as (the value must be valid).
json variable_value(const Variable& v, double x) {
  switch (v.kind) {
    case Variable::Kind::categorical:
      return v.choices[static_cast<std::size_t>(x)];
    case Variable::Kind::integer: {
      const double r = std::floor(x + 0.5);
      if (std::fabs(r) <= 9.0e15) return json(static_cast<std::int64_t>(r));
      return json(r);
    }
    case Variable::Kind::continuous:
      break;
  }
  return json(x);
}

}  // namespace

const std::vector<std::string>& carbon_metric_names() {
  static const std::vector<std::string> names = {"total_location_kg", "total_market_kg",
                                                 "operational_location_kg", "embodied_kg",
                                                 "energy_facility_kwh"};
  return names;
}

const std::string& carbon_metric_name(CarbonMetric metric) {
  return carbon_metric_names()[static_cast<std::size_t>(metric)];
}

std::optional<CarbonMetric> carbon_metric_from_name(const std::string& name) {
  const auto& names = carbon_metric_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<CarbonMetric>(i);
  }
  return std::nullopt;
}

double metric_value(const Totals& totals, CarbonMetric metric) {
  switch (metric) {
    case CarbonMetric::total_location_kg:
      return totals.total_location_kg();
    case CarbonMetric::total_market_kg:
      return totals.total_market_kg();
    case CarbonMetric::operational_location_kg:
      return totals.operational_location_kg;
    case CarbonMetric::embodied_kg:
      return totals.embodied_kg;
    case CarbonMetric::energy_facility_kwh:
      return totals.energy_facility_kwh;
  }
  return totals.total_location_kg();
}

std::string pointer_to_path(const Pointer& pointer) {
  std::string path;
  for (const std::string& token : tokens_of(pointer)) {
    // The schema has no numeric keys, so a numeric token is an array index.
    if (all_digits(token) && !path.empty()) {
      path += "[" + token + "]";
    } else {
      path = join_path(path, token);
    }
  }
  return path;
}

std::optional<ScenarioModel> ScenarioModel::create(json scenario_template,
                                                   const std::vector<Binding>& bindings,
                                                   const std::vector<Variable>& variables,
                                                   const std::string& path, Issues& issues,
                                                   const std::vector<Assignment>& extra,
                                                   const Catalog& catalog) {
  const std::size_t before = issues.count();
  ScenarioModel m;
  m.template_ = std::move(scenario_template);
  m.variables_ = variables;
  m.path_ = path;
  m.catalog_ = &catalog;
  const std::string bindings_path = join_path(path, "bindings");
  if (!m.template_.is_object()) {
    issues.add("input.wrong_type", join_path(path, "scenario"), "must be an object",
               describe(m.template_));
    return std::nullopt;
  }
  std::set<std::string> pointers_seen;
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    const Binding& b = bindings[i];
    const std::string at = index_path(bindings_path, i);
    Slot slot;
    bool found = false;
    for (std::size_t v = 0; v < variables.size() && !found; ++v) {
      if (variables[v].name == b.variable) {
        slot.variable = v;
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> names;
      for (const auto& v : variables) names.push_back(v.name);
      const std::string suggestion = did_you_mean(b.variable, names);
      issues.add("input.unknown_id", join_path(at, "variable"),
                 suggestion.empty()
                     ? "is not a declared variable"
                     : "is not a declared variable (did you mean \"" + suggestion + "\"?)",
                 "\"" + b.variable + "\"");
    }
    if (!is_json_pointer(b.pointer)) {
      issues.add("input.invalid_value", join_path(at, "pointer"),
                 "must be a JSON pointer (RFC 6901) such as \"/training/hours\"",
                 "\"" + b.pointer + "\"");
      continue;
    }
    slot.pointer = Pointer(b.pointer);
    slot.tokens = tokens_of(slot.pointer);
    if (slot.pointer.empty()) {
      issues.add("input.invalid_value", join_path(at, "pointer"),
                 "must point to a field inside the scenario, not the whole scenario", "\"\"");
      continue;
    }
    slot.scenario_path = pointer_to_path(slot.pointer);
    if (!pointers_seen.insert(slot.pointer.to_string()).second) {
      issues.add("input.conflict", join_path(at, "pointer"), "is already bound to another variable",
                 "\"" + b.pointer + "\"");
    }
    if (found) m.slots_.push_back(std::move(slot));
  }
  for (const Assignment& a : extra) {
    Slot slot;
    slot.is_variable = false;
    slot.source = a.source;
    slot.value = a.value;
    slot.pointer = a.pointer;
    slot.tokens = tokens_of(a.pointer);
    slot.scenario_path = pointer_to_path(a.pointer);
    if (pointers_seen.count(a.pointer.to_string())) {
      issues.add("input.conflict", bindings_path,
                 "binds " + a.pointer.to_string() + ", which " + a.source + " sets", "");
    }
    m.slots_.push_back(std::move(slot));
  }
  if (issues.count() != before) return std::nullopt;

  // Probe: every variable at its lower bound (first choice), then one variable at a time
  // moved to its upper bound or to each other choice.
  Config base(variables.size(), 0.0);
  for (std::size_t v = 0; v < variables.size(); ++v) {
    if (variables[v].kind != Variable::Kind::categorical) base[v] = variables[v].lower;
  }
  bool any_variable = false;
  m.discrete_ = true;
  for (const Slot& s : m.slots_) {
    if (!s.is_variable) continue;
    any_variable = true;
    m.discrete_ = m.discrete_ && variables[s.variable].kind != Variable::Kind::continuous;
  }
  if (!m.check_config(base, issues)) return std::nullopt;
  auto parsed = m.scenario(base, issues);
  if (!parsed) return std::nullopt;
  if (!any_variable) {
    m.fixed_ = std::move(parsed);
    return m;
  }
  std::size_t probes = 1;
  std::set<std::string> reported;
  for (std::size_t v = 0; v < variables.size() && probes < kMaxProbes; ++v) {
    bool bound = false;
    for (const Slot& s : m.slots_) bound = bound || (s.is_variable && s.variable == v);
    if (!bound) continue;  // it changes nothing in the scenario
    std::vector<double> values;
    if (variables[v].kind == Variable::Kind::categorical) {
      for (std::size_t c = 1; c < variables[v].choices.size(); ++c) {
        values.push_back(static_cast<double>(c));
      }
    } else if (variables[v].upper != variables[v].lower) {
      values.push_back(variables[v].upper);
    }
    for (double value : values) {
      if (probes++ >= kMaxProbes) break;
      Config probe = base;
      probe[v] = value;
      Issues found;
      if (m.scenario(probe, found)) continue;
      for (const Issue& issue : found.list()) {
        if (reported.insert(issue.message).second) {
          issues.add(issue.code, issue.path, message_rule(issue), "");
        }
      }
    }
  }
  if (issues.count() != before) return std::nullopt;
  return m;
}

bool ScenarioModel::check_config(const Config& config, Issues& issues) const {
  if (config.size() != variables_.size()) {
    issues.add("input.invalid_value", "config",
               "must have one value per variable (" + std::to_string(variables_.size()) + ")",
               std::to_string(config.size()) + " values");
    return false;
  }
  bool ok = true;
  for (const Slot& s : slots_) {
    if (!s.is_variable) continue;
    const Variable& v = variables_[s.variable];
    const double x = config[s.variable];
    const std::string at = join_path("config", v.name);
    if (!std::isfinite(x)) {
      issues.add("input.not_finite", at, "must be a finite number", format_number(x));
      ok = false;
    } else if (v.kind == Variable::Kind::categorical &&
               (x < 0 || x >= static_cast<double>(v.choices.size()) || std::floor(x) != x)) {
      issues.add("input.out_of_range", at,
                 "must be a choice index in [0, " + std::to_string(v.choices.size()) + ")",
                 format_number(x));
      ok = false;
    }
  }
  return ok;
}

std::optional<json> ScenarioModel::write(const Config& config, Issues& issues) const {
  json doc = template_;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    if (json* target = slot_at(doc, s.tokens)) {
      *target =
          s.is_variable ? variable_value(variables_[s.variable], config[s.variable]) : s.value;
    } else {
      issues.add("input.invalid_value", join_path(join_path(path_, "scenario"), s.scenario_path),
                 s.is_variable ? "cannot be set by variable \"" + variables_[s.variable].name +
                                     "\": a field on the way is not an object or array, or an "
                                     "array index is past its end"
                               : "cannot be set by " + s.source,
                 "");
      return std::nullopt;
    }
  }
  return doc;
}

std::optional<json> ScenarioModel::fill(const Config& config, Issues& issues) const {
  if (!check_config(config, issues)) return std::nullopt;
  return write(config, issues);
}

std::optional<Scenario> ScenarioModel::parse_filled(const json& doc, const Config& config,
                                                    Issues& issues) const {
  Issues found;
  auto parsed = parse_scenario(doc, *catalog_, found);
  if (parsed) return parsed;
  const std::string scenario_path = join_path(path_, "scenario");
  for (const Issue& issue : found.list()) {
    std::string from;
    for (const Slot& s : slots_) {
      if (!concerns(issue.path, s.scenario_path)) continue;
      from += from.empty() ? "from " : ", ";
      if (s.is_variable) {
        const Variable& v = variables_[s.variable];
        from += "variable \"" + v.name + "\" = " + describe(variable_value(v, config[s.variable]));
      } else {
        from += s.source;
      }
    }
    issues.add(issue.code,
               issue.path.empty() ? scenario_path : join_path(scenario_path, issue.path),
               (from.empty() ? "" : from + ": ") + message_rule(issue), "");
  }
  issues.add_unlisted(found.unlisted());
  if (found.empty()) issues.add("internal.error", scenario_path, "the scenario did not parse", "");
  return std::nullopt;
}

const Scenario* ScenarioModel::lookup(const Config& config, Issues& issues,
                                      std::optional<Scenario>& storage) const {
  if (fixed_) return &*fixed_;
  std::vector<double> key;
  if (discrete_) {
    for (const Slot& s : slots_) {
      if (!s.is_variable) continue;
      const double x = config[s.variable];
      // The value as written: integers rounded as variable_value() rounds them.
      key.push_back(variables_[s.variable].kind == Variable::Kind::integer ? std::floor(x + 0.5)
                                                                           : x);
    }
    auto hit = cache_.find(key);
    if (hit != cache_.end()) return &hit->second;
  }
  auto doc = write(config, issues);
  if (!doc) return nullptr;
  storage = parse_filled(*doc, config, issues);
  if (!storage) return nullptr;
  if (discrete_ && cache_.size() < kMaxCached) {
    return &cache_.emplace(std::move(key), std::move(*storage)).first->second;
  }
  return &*storage;
}

std::optional<Scenario> ScenarioModel::scenario(const Config& config, Issues& issues) const {
  if (!check_config(config, issues)) return std::nullopt;
  std::optional<Scenario> storage;
  const Scenario* sc = lookup(config, issues, storage);
  if (!sc) return std::nullopt;
  return *sc;
}

std::optional<Evaluation> ScenarioModel::evaluate(const Config& config, Issues& issues) const {
  if (!check_config(config, issues)) return std::nullopt;
  std::optional<Scenario> storage;
  const Scenario* sc = lookup(config, issues, storage);
  if (!sc) return std::nullopt;
  Draw nominal;
  return greenfront::evaluate(*sc, nominal);
}

std::optional<double> ScenarioModel::objective(const Config& config, CarbonMetric metric,
                                               Issues& issues) const {
  auto e = evaluate(config, issues);
  if (!e) return std::nullopt;
  const double value = metric_value(e->total, metric);
  if (!std::isfinite(value)) {
    issues.add("input.overflow", join_path(path_, "scenario"),
               "the inputs multiply to a result too large for a double", "");
    return std::nullopt;
  }
  return value;
}

void append_issues(const Issues& from, Issues& to) {
  for (const Issue& issue : from.list()) to.add(issue.code, issue.path, message_rule(issue), "");
  to.add_unlisted(from.unlisted());
}

std::optional<std::vector<Binding>> parse_bindings(const json& value, const std::string& path,
                                                   Issues& issues) {
  if (!value.is_array()) {
    issues.add("input.wrong_type", path, "must be an array of {\"variable\", \"pointer\"}",
               describe(value));
    return std::nullopt;
  }
  const std::size_t before = issues.count();
  std::vector<Binding> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], index_path(path, i), issues);
    r.reject_unknown({"variable", "pointer"});
    auto variable = r.string("variable");
    auto pointer = r.string("pointer");
    for (const char* key : {"variable", "pointer"}) {
      if (r.is_object() && !r.has(key)) {
        issues.add("input.missing_field", r.field_path(key), "is required", "");
      }
    }
    if (variable && pointer) out.push_back(Binding{*variable, *pointer});
  }
  if (issues.count() != before) return std::nullopt;
  return out;
}

std::optional<std::vector<CarbonMetric>> parse_metrics(const json& value, const std::string& path,
                                                       Issues& issues) {
  std::string list;
  for (const auto& n : carbon_metric_names())
    list += (list.empty() ? "" : ", ") + ("\"" + n + "\"");
  auto one = [&](const json& v, const std::string& at) -> std::optional<CarbonMetric> {
    if (!v.is_string()) {
      issues.add("input.wrong_type", at, "must be a metric name", describe(v));
      return std::nullopt;
    }
    auto m = carbon_metric_from_name(v.get<std::string>());
    if (!m) issues.add("input.invalid_value", at, "must be one of " + list, describe(v));
    return m;
  };
  if (!value.is_array()) {
    auto m = one(value, path);
    if (!m) return std::nullopt;
    return std::vector<CarbonMetric>{*m};
  }
  if (value.empty()) {
    issues.add("input.out_of_range", path, "must name at least one metric", "[]");
    return std::nullopt;
  }
  const std::size_t before = issues.count();
  std::vector<CarbonMetric> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto m = one(value[i], index_path(path, i));
    if (!m) continue;
    for (CarbonMetric seen : out) {
      if (seen == *m) {
        issues.add("input.conflict", index_path(path, i), "repeats a metric", describe(value[i]));
      }
    }
    out.push_back(*m);
  }
  if (issues.count() != before) return std::nullopt;
  return out;
}

std::optional<ScenarioModel> parse_scenario_model(const json& doc, const std::string& path,
                                                  const std::vector<Variable>& variables,
                                                  std::vector<CarbonMetric>& metrics,
                                                  Issues& issues) {
  ObjectReader r(doc, path, issues);
  if (!r.is_object()) return std::nullopt;
  const std::size_t before = issues.count();
  r.reject_unknown({"model", "scenario", "bindings", "metric"});
  std::vector<Binding> bindings;
  if (const json* b = r.get("bindings")) {
    auto parsed = parse_bindings(*b, r.field_path("bindings"), issues);
    if (parsed) bindings = std::move(*parsed);
  }
  metrics = {CarbonMetric::total_location_kg};
  if (const json* m = r.get("metric")) {
    auto parsed = parse_metrics(*m, r.field_path("metric"), issues);
    if (parsed) metrics = std::move(*parsed);
  }
  const json* scenario = r.get("scenario");
  if (!scenario) issues.add("input.missing_field", r.field_path("scenario"), "is required", "");
  if (issues.count() != before || !scenario) return std::nullopt;
  return ScenarioModel::create(*scenario, bindings, variables, path, issues);
}

}  // namespace greenfront::pareto
