#include "trials_csv.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "csv_reader.h"
#include "work_limits.h"

namespace greenfront::api::detail {

using nlohmann::json;

namespace {

constexpr double kMaxExactInteger = 1e15;  // the integer variables' bound (pareto/space.cpp)

/// One column of the table: its cells as read, and as numbers where they all are numbers.
struct Column {
  std::string name;
  std::vector<std::string> cells;
  std::vector<std::size_t> lines;
  bool numeric = true;
  std::vector<double> numbers;
};

std::string shown(const std::string& s) {
  return "\"" + (s.size() > 60 ? s.substr(0, 60) + "…" : s) + "\"";
}

std::string row_path(std::size_t line, const std::string& column) {
  return "trials_csv.row[" + std::to_string(line) + "]." + column;
}

/// A cell as a number: decimal syntax, finite, and not subnormal (which no measurement
/// is, and which the JSON reader rejects too).
std::optional<double> cell_number(const std::string& cell) {
  const auto v = csv::parse_number(cell);
  if (!v || (*v != 0.0 && std::fabs(*v) < DBL_MIN)) return std::nullopt;
  return v;
}

/// The variable a column's data describe, or null when it holds a single value.
json inferred_variable(const Column& c) {
  if (c.numeric) {
    double lo = c.numbers.front(), hi = lo;
    bool integral = true;
    for (double v : c.numbers) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      integral = integral && v == std::floor(v) && std::fabs(v) <= kMaxExactInteger;
    }
    if (!(hi > lo)) return nullptr;
    json v = {{"name", c.name}, {"type", integral ? "integer" : "continuous"}, {"min", lo}, {"max", hi}};
    // Learning rates and model sizes are searched on a log scale once they span two decades.
    if (lo > 0 && hi / lo >= 100) v["log"] = true;
    return v;
  }
  std::vector<std::string> choices;
  std::set<std::string> seen;
  for (const auto& s : c.cells) {
    if (seen.insert(s).second) choices.push_back(s);
  }
  if (choices.size() < 2) return nullptr;
  return {{"name", c.name}, {"type", "categorical"}, {"choices", choices}};
}

}  // namespace

std::optional<TrialsTable> read_trials_csv(const std::string& text,
                                           const std::vector<std::string>& objective_names,
                                           const std::vector<std::string>& ignore,
                                           const json* given_variables, Issues& issues) {
  if (text.size() > limits::kMaxCsvBytes) {
    issues.add("input.too_large", "trials_csv",
               "must be at most " + std::to_string(limits::kMaxCsvBytes) + " bytes",
               std::to_string(text.size()) + " bytes");
    return std::nullopt;
  }
  const csv::DecodedText decoded = csv::decode(text);
  csv::Reader reader(decoded.text);
  std::vector<std::string> fields;
  auto status = reader.next(fields);
  if (status != csv::Reader::Status::kRecord) {
    issues.add("input.invalid_value", "trials_csv",
               status == csv::Reader::Status::kEnd ? "must start with a header row naming the columns"
                                                  : reader.error(),
               status == csv::Reader::Status::kEnd ? "an empty table" : "");
    return std::nullopt;
  }
  std::vector<Column> columns;
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    Column c;
    c.name = csv::trimmed(fields[i]);
    if (c.name.empty()) {
      issues.add("input.invalid_value", "trials_csv.header",
                 "must name every column (column " + std::to_string(i + 1) + " is empty)", "\"\"");
    } else if (check_name_length(c.name, "trials_csv.header", issues,
                                 "column " + std::to_string(i + 1)) &&
               !by_name.emplace(c.name, i).second) {
      issues.add("input.duplicate", "trials_csv.header", "column names must be unique", shown(c.name));
    }
    columns.push_back(std::move(c));
  }
  for (std::size_t k = 0; k < objective_names.size(); ++k) {
    if (by_name.count(objective_names[k]) == 0) {
      std::string names;
      for (const auto& c : columns) names += (names.empty() ? "" : ", ") + c.name;
      issues.add("input.invalid_value", "objectives[" + std::to_string(k) + "].name",
                 "must be a column of trials_csv (" + names + ")", shown(objective_names[k]));
    }
  }
  const std::set<std::string> ignored(ignore.begin(), ignore.end());
  for (std::size_t k = 0; k < ignore.size(); ++k) {
    const std::string path = "ignore_columns[" + std::to_string(k) + "]";
    if (by_name.count(ignore[k]) == 0) {
      issues.add("input.invalid_value", path, "must be a column of trials_csv", shown(ignore[k]));
    } else if (std::find(objective_names.begin(), objective_names.end(), ignore[k]) != objective_names.end()) {
      issues.add("input.conflict", path, "is an objective", shown(ignore[k]));
    }
  }
  if (!issues.empty()) return std::nullopt;

  std::size_t rows = 0;
  while ((status = reader.next(fields)) == csv::Reader::Status::kRecord) {
    if (fields.size() == 1 && csv::trimmed(fields[0]).empty()) continue;  // a line of spaces
    if (++rows > limits::kMaxObservations) {
      issues.add("input.too_many", "trials_csv",
                 "must have at most " + std::to_string(limits::kMaxObservations) + " data rows",
                 "more");
      return std::nullopt;
    }
    if (fields.size() != columns.size()) {
      issues.add("input.wrong_length", "trials_csv.row[" + std::to_string(reader.line()) + "]",
                 "must have one cell per column (" + std::to_string(columns.size()) + ")",
                 std::to_string(fields.size()) + " cells");
      if (issues.count() >= 20) return std::nullopt;
      continue;
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      Column& c = columns[i];
      c.cells.push_back(csv::trimmed(fields[i]));
      c.lines.push_back(reader.line());
      if (!c.numeric) continue;
      if (auto v = cell_number(c.cells.back())) {
        c.numbers.push_back(*v);
      } else {
        c.numeric = false;
      }
    }
  }
  if (status == csv::Reader::Status::kError) {
    issues.add("input.invalid_value", "trials_csv.row[" + std::to_string(reader.line()) + "]",
               reader.error(), "");
    return std::nullopt;
  }
  if (!issues.empty()) return std::nullopt;
  if (rows == 0) {
    issues.add("input.invalid_value", "trials_csv", "must have at least one data row below the header",
               "a header only");
    return std::nullopt;
  }

  // Measured values must be numbers in every row: name the first cell that is not.
  const std::set<std::string> objectives(objective_names.begin(), objective_names.end());
  auto require_numbers = [&](const Column& c) {
    if (c.numeric) return;
    for (std::size_t r = 0; r < c.cells.size(); ++r) {
      if (!cell_number(c.cells[r])) {
        issues.add("input.wrong_type", row_path(c.lines[r], c.name),
                   c.cells[r].empty() ? "must be a number (the cell is empty)"
                                      : "must be a finite decimal number",
                   shown(c.cells[r]));
        return;
      }
    }
  };
  for (const auto& c : columns) {
    if (ignored.count(c.name) == 0 && (objectives.count(c.name) || c.name == "trial_kg")) require_numbers(c);
  }
  if (!issues.empty()) return std::nullopt;

  TrialsTable table;
  std::vector<const Column*> variable_columns;
  if (given_variables != nullptr) {
    table.variables = *given_variables;
    std::set<std::string> wanted;
    if (given_variables->is_array()) {
      for (const auto& v : *given_variables) {
        if (v.is_object() && v.contains("name") && v["name"].is_string()) wanted.insert(v["name"].get<std::string>());
      }
    }
    for (const auto& name : wanted) {
      if (by_name.count(name) == 0) {
        issues.add("input.invalid_value", "trials_csv.header",
                   "must have a column for every variable", "no column " + shown(name));
      }
    }
    for (const auto& c : columns) {
      if (objectives.count(c.name) || c.name == "trial_kg") continue;
      if (ignored.count(c.name)) {
        table.ignored_columns.push_back(c.name + " (ignore_columns)");
      } else if (wanted.count(c.name)) {
        variable_columns.push_back(&c);
      } else {
        table.ignored_columns.push_back(c.name + " (not one of the variables)");
      }
    }
  } else {
    table.variables = json::array();
    for (const auto& c : columns) {
      if (objectives.count(c.name) || c.name == "trial_kg") continue;
      if (ignored.count(c.name)) {
        table.ignored_columns.push_back(c.name + " (ignore_columns)");
        continue;
      }
      json v = inferred_variable(c);
      if (v.is_null()) {
        table.ignored_columns.push_back(c.name + " (one value in every row)");
        continue;
      }
      table.variables.push_back(std::move(v));
      variable_columns.push_back(&c);
    }
    if (variable_columns.empty()) {
      issues.add("input.invalid_value", "trials_csv",
                 "must have at least one column besides the objectives and trial_kg that varies "
                 "between trials (a decision variable)",
                 std::to_string(columns.size()) + " columns");
    }
  }
  if (!issues.empty()) return std::nullopt;

  table.observations = json::array();
  for (std::size_t r = 0; r < rows; ++r) {
    json config = json::object(), values = json::object();
    for (const Column* c : variable_columns) {
      if (!c->numeric) {
        config[c->name] = c->cells[r];
      } else if (const double v = c->numbers[r]; v == std::floor(v) && std::fabs(v) <= kMaxExactInteger) {
        config[c->name] = static_cast<std::int64_t>(v);  // "30", not "30.0", for epochs
      } else {
        config[c->name] = v;
      }
    }
    json o = {{"config", std::move(config)}};
    for (const auto& name : objective_names) values[name] = columns[by_name[name]].numbers[r];
    o["values"] = std::move(values);
    if (by_name.count("trial_kg") && ignored.count("trial_kg") == 0) {
      o["trial_kg"] = columns[by_name["trial_kg"]].numbers[r];
    }
    table.observations.push_back(std::move(o));
  }
  return table;
}

}  // namespace greenfront::api::detail
