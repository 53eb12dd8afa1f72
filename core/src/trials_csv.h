// Measured trials from a CSV table (docs/pareto.md, "Trials from a CSV"): the header names
// the columns; the objectives' columns are the measured values, a `trial_kg` column is each
// trial's carbon, and every other column is a decision variable — given by the request, or
// inferred from the data. Internal to core/src.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"

namespace greenfront::api::detail {

/// What the CSV holds, in the shape of a suggest request.
struct TrialsTable {
  nlohmann::json variables;      ///< the request's, or inferred from the columns
  nlohmann::json observations;   ///< [{config, values, trial_kg?}], data row i = observation i
  std::vector<std::string> ignored_columns;  ///< with the reason, e.g. "notes (given variables do not use it)"
};

/// Reads `text` (UTF-8 CSV with a header row) for the objectives named `objective_names`.
/// `given_variables` is the request's "variables" (then only those columns are read) or
/// null (then each remaining column is inferred: numbers become an integer or continuous
/// variable over the data's range, log-scaled when min > 0 and max/min >= 100; text becomes
/// a categorical variable of the values seen; a column with one value is left out).
/// Problems are reported at "trials_csv", "trials_csv.header" or
/// "trials_csv.row[LINE].COLUMN" (LINE as a spreadsheet counts, the header being line 1).
/// `ignore` names columns to leave out (run ids, notes, timestamps).
std::optional<TrialsTable> read_trials_csv(const std::string& text,
                                           const std::vector<std::string>& objective_names,
                                           const std::vector<std::string>& ignore,
                                           const nlohmann::json* given_variables, Issues& issues);

}  // namespace greenfront::api::detail
