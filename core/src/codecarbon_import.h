// Reading CodeCarbon's emissions.csv into runs (docs/schema.md, "Import: CodeCarbon").
//
// The facts it follows (docs/schema.md lists them with their sources: CodeCarbon's
// EmissionsData dataclass per version, mlco2/codecarbon, MIT, and files that public
// repositories committed): columns are matched by name; `duration` is in s, `energy_consumed` in
// kWh, `emissions` in kg; flush() and stop() append a run's *running total* under the same run_id,
// so a run's total is its longest-duration row and never the sum of its rows, except in task files
// (TaskEmissionsData, first column `task_name`), whose rows are segments that add up.
// Internal to core/src.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"

namespace greenfront::codecarbon {

/// The labels and numbers of one data row that the import uses. Numbers CodeCarbon left
/// empty are absent; the row is skipped before this if duration or energy is unusable.
struct Row {
  std::size_t line = 0;  ///< where the record starts in the file (1 = the header)
  std::string run_id;    ///< run_id, or experiment_id in v1 files (which have no run_id)
  std::string project_name;
  std::optional<double> time_s;  ///< the timestamp in seconds, when it reads as one
  double duration_s = 0.0;
  double energy_kwh = 0.0;  ///< energy_consumed: cpu + gpu + ram, times CodeCarbon's pue
  std::optional<double> emissions_kg, pue, gpu_count;
  std::string country_name, country_iso_code, region, on_cloud, cloud_provider, cloud_region;
  std::string gpu_model, cpu_model;
};

/// One run: its rows combined. For a cumulative file the labels and numbers are those of its
/// longest-duration row; for a task file the numbers are the sums of its rows.
struct Run {
  std::string id;          ///< run_id, or "(no run_id) row N" for rows without one
  bool has_run_id = true;  ///< false for runs grouped from rows with an empty run_id
  std::size_t rows = 0;
  std::size_t total_line = 0;  ///< the row taken as the total (cumulative files)
  Row total;                   ///< the total row, with summed numbers in a task file
};

/// A row the import did not use, and why.
struct SkippedRow {
  std::size_t line = 0;
  std::string reason;
};

/// Everything read from one file.
struct FileContents {
  std::string columns_version;  ///< "v2.7 – v3.0.7", "task output (…)", "unrecognized (…)"
  /// For a known version: false when its columns were reordered (e.g. alphabetically).
  std::optional<bool> columns_in_codecarbon_order;
  bool task_file = false;
  std::vector<std::string> other_row_versions;  ///< versions of rows read by their own order
  std::size_t rows_read = 0;                    ///< data rows, skipped ones included
  std::vector<Run> runs;                        ///< in order of first appearance
  std::vector<SkippedRow> skipped;              ///< the first few (limits.h), in file order
  std::size_t skipped_count = 0;
  std::vector<std::string> warnings;
};

/// Reads UTF-8 CSV text (decoded already, see csv::decode). Problems that stop the import
/// go to `issues` with paths "csv", "csv.header" or "csv.row[N]..." and stable codes
/// (import.no_header, import.missing_column, import.no_rows, import.unterminated_quote,
/// import.too_many_fields, import.too_many_rows, import.out_of_range).
std::optional<FileContents> read_file(const std::string& text, Issues& issues);

/// The CodeCarbon versions whose EmissionsData writes exactly these columns, or "".
std::string version_of_columns(const std::vector<std::string>& names);

}  // namespace greenfront::codecarbon
