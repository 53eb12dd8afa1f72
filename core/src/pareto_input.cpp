#include "pareto_input.h"

#include <set>

namespace greenfront::api::detail {

using nlohmann::json;
using pareto::Sense;

namespace {

double to_minimized(double v, Sense sense) { return sense == Sense::maximize ? -v : v; }

}  // namespace

std::optional<std::vector<double>> read_objective_vector(const json& value, const std::string& path,
                                               const std::vector<ObjectiveSpec>& objectives,
                                               Issues& issues) {
  const std::size_t m = objectives.size();
  std::vector<double> out(m, 0.0);
  bool ok = true;
  if (value.is_array()) {
    if (value.size() != m) {
      issues.add("input.wrong_length", path,
                 "must have one number per objective (" + std::to_string(m) + ")",
                 std::to_string(value.size()) + " numbers");
      return std::nullopt;
    }
    for (std::size_t k = 0; k < m; ++k) {
      auto v = read_number(value[k], index_path(path, k), Bounds{}, issues);
      if (!v) {
        ok = false;
        continue;
      }
      out[k] = to_minimized(*v, objectives[k].sense);
    }
  } else if (value.is_object()) {
    for (std::size_t k = 0; k < m; ++k) {
      const std::string field = join_path(path, objectives[k].name);
      auto it = value.find(objectives[k].name);
      if (it == value.end()) {
        issues.add("input.missing_field", field, "is required (one value per objective)", "");
        ok = false;
        continue;
      }
      auto v = read_number(*it, field, Bounds{}, issues);
      if (!v) {
        ok = false;
        continue;
      }
      out[k] = to_minimized(*v, objectives[k].sense);
    }
  } else {
    issues.add("input.wrong_type", path,
               "must be an array of numbers or an object with a number per objective",
               describe(value));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::vector<ObjectiveSpec> read_objectives(const ObjectReader& r, std::size_t default_count,
                                           const std::vector<std::string>& extra_keys) {
  std::vector<ObjectiveSpec> out;
  Issues& issues = r.issues();
  const json* list = r.get("objectives");
  if (list == nullptr) {
    if (default_count > kMaxObjectives) {
      issues.add("input.too_many", "points[0]",
                 "must have at most " + std::to_string(kMaxObjectives) + " objectives",
                 std::to_string(default_count));
      return out;
    }
    for (std::size_t k = 0; k < default_count; ++k) {
      out.push_back({"f" + std::to_string(k + 1), Sense::minimize});
    }
    return out;
  }
  const std::string path = r.field_path("objectives");
  if (!list->is_array() || list->empty()) {
    issues.add("input.wrong_type", path, "must be a non-empty array of objectives",
               describe(*list));
    return out;
  }
  if (list->size() > kMaxObjectives) {
    issues.add("input.too_many", path,
               "must have at most " + std::to_string(kMaxObjectives) + " objectives",
               std::to_string(list->size()));
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t k = 0; k < list->size(); ++k) {
    const std::string item_path = index_path(path, k);
    ObjectiveSpec spec;
    const json& item = (*list)[k];
    if (item.is_string()) {
      spec.name = item.get<std::string>();
    } else {
      ObjectReader o(item, item_path, issues);
      if (!o.is_object()) continue;
      std::vector<std::string> allowed = {"name", "sense", "unit"};
      allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
      o.reject_unknown(allowed);
      auto name = o.string("name");
      if (!name) {
        if (!o.has("name")) issues.add("input.missing_field", o.field_path("name"), "is required", "");
        continue;
      }
      spec.name = *name;
      auto sense = o.choice("sense", {"minimize", "maximize"});
      if (sense && *sense == "maximize") spec.sense = Sense::maximize;
    }
    if (spec.name.empty()) {
      issues.add("input.invalid_value", item_path, "must name the objective", "\"\"");
      continue;
    }
    if (!check_name_length(spec.name, item.is_string() ? item_path : join_path(item_path, "name"),
                           issues)) {
      continue;
    }
    if (!seen.insert(spec.name).second) {
      // Kept in the list so the points still line up and only this problem is reported.
      issues.add("input.duplicate", item_path, "objective names must be unique",
                 "\"" + spec.name + "\"");
    }
    out.push_back(spec);
  }
  return out;
}

std::size_t implied_objective_count(const json* points) {
  if (points == nullptr || !points->is_array() || points->empty()) return 0;
  const json& first = (*points)[0];
  if (first.is_array()) return first.size();
  return 0;
}

pareto::Points read_points(const ObjectReader& r, const std::string& key,
                           const std::vector<ObjectiveSpec>& objectives, bool required,
                           std::vector<std::string>* labels) {
  pareto::Points points(objectives.size());
  Issues& issues = r.issues();
  const json* list = r.get(key);
  const std::string path = r.field_path(key);
  if (list == nullptr) {
    if (required) issues.add("input.missing_field", path, "is required", "");
    return points;
  }
  if (!list->is_array()) {
    issues.add("input.wrong_type", path, "must be an array of points", describe(*list));
    return points;
  }
  if (list->size() > kMaxPoints) {
    issues.add("input.too_many", path, "must have at most " + std::to_string(kMaxPoints) + " points",
               std::to_string(list->size()));
    return points;
  }
  if (objectives.empty()) return points;
  points.values.reserve(list->size() * objectives.size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    // Stop collecting after a screenful of problems: one bad column would repeat per row.
    if (issues.count() >= 50) break;
    const json& item = (*list)[i];
    auto v = read_objective_vector(item, index_path(path, i), objectives, issues);
    if (v) points.push_back(*v);
    if (labels != nullptr) {
      const auto it = item.is_object() ? item.find("label") : item.end();
      labels->push_back(item.is_object() && it != item.end() && it->is_string()
                            ? it->get<std::string>()
                            : std::string());
    }
  }
  return points;
}

std::optional<std::vector<double>> read_reference_point(
    const ObjectReader& r, const std::string& key, const std::vector<ObjectiveSpec>& objectives) {
  const json* value = r.get(key);
  if (value == nullptr) return std::nullopt;
  return read_objective_vector(*value, r.field_path(key), objectives, r.issues());
}

std::vector<double> to_user_senses(const double* minimized,
                                   const std::vector<ObjectiveSpec>& objectives) {
  std::vector<double> out(objectives.size());
  for (std::size_t k = 0; k < objectives.size(); ++k) {
    out[k] = to_minimized(minimized[k], objectives[k].sense);
  }
  return out;
}

std::vector<pareto::Sense> senses_of(const std::vector<ObjectiveSpec>& objectives) {
  std::vector<pareto::Sense> out;
  for (const auto& o : objectives) out.push_back(o.sense);
  return out;
}

}  // namespace greenfront::api::detail
