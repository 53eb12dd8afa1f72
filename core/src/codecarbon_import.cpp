// emissions.csv -> runs (codecarbon_import.h).
#include "codecarbon_import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "csv_reader.h"
#include "greenfront/json_reader.h"
#include "work_limits.h"

namespace greenfront::codecarbon {

namespace {

// --- Columns ------------------------------------------------------------------------------

/// The columns the import reads; the others (os, python_version, longitude, …) are ignored.
enum Col {
  kTimestamp,
  kProjectName,
  kRunId,
  kExperimentId,
  kTaskName,
  kDuration,
  kEmissions,
  kEnergy,
  kCpuEnergy,
  kGpuEnergy,
  kRamEnergy,
  kCountryName,
  kCountryIso,
  kRegion,
  kOnCloud,
  kCloudProvider,
  kCloudRegion,
  kGpuCount,
  kGpuModel,
  kCpuModel,
  kPue,
  kColCount
};
constexpr const char* kColNames[kColCount] = {"timestamp",        "project_name",    "run_id",
                                              "experiment_id",    "task_name",       "duration",
                                              "emissions",        "energy_consumed", "cpu_energy",
                                              "gpu_energy",       "ram_energy",      "country_name",
                                              "country_iso_code", "region",          "on_cloud",
                                              "cloud_provider",   "cloud_region",    "gpu_count",
                                              "gpu_model",        "cpu_model",       "pue"};

/// Where each read column sits in a record, or -1.
using Layout = std::array<int, kColCount>;

Layout layout_of(const std::vector<std::string>& names) {
  Layout layout;
  layout.fill(-1);
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (int c = 0; c < kColCount; ++c) {
      if (layout[c] < 0 && names[i] == kColNames[c]) layout[c] = static_cast<int>(i);
    }
  }
  return layout;
}

/// One CodeCarbon release range and the columns its EmissionsData writes, in declaration order.
struct Version {
  std::string label;
  std::vector<std::string> columns;
};

std::vector<std::string> inserted_after(std::vector<std::string> columns, const std::string& after,
                                        const std::vector<std::string>& added) {
  auto at = std::find(columns.begin(), columns.end(), after);
  if (at != columns.end()) ++at;
  columns.insert(at, added.begin(), added.end());
  return columns;
}

/// The column sets of CodeCarbon's EmissionsData by version (mlco2/codecarbon,
/// codecarbon/output_methods/emissions_data.py, MIT): each release range adds columns to
/// the one before it, which is how they are built here.
const std::vector<Version>& versions() {
  static const std::vector<Version> kVersions = [] {
    const std::vector<std::string> v1 = {"timestamp",    "experiment_id",    "project_name",
                                         "duration",     "emissions",        "energy_consumed",
                                         "country_name", "country_iso_code", "region",
                                         "on_cloud",     "cloud_provider",   "cloud_region"};
    const std::vector<std::string> v2_0 = {
        "timestamp",      "project_name",   "run_id",          "duration",     "emissions",
        "emissions_rate", "cpu_power",      "gpu_power",       "ram_power",    "cpu_energy",
        "gpu_energy",     "ram_energy",     "energy_consumed", "country_name", "country_iso_code",
        "region",         "cloud_provider", "cloud_region",    "os",           "python_version",
        "cpu_count",      "cpu_model",      "gpu_count",       "gpu_model",    "longitude",
        "latitude",       "ram_total_size", "tracking_mode",   "on_cloud"};
    const auto v2_2_0 = inserted_after(v2_0, "python_version", {"codecarbon_version"});
    auto v2_2_3 = v2_2_0;
    v2_2_3.push_back("pue");
    const auto v2_7 = inserted_after(v2_2_3, "run_id", {"experiment_id"});
    const auto v3_0_8 =
        inserted_after(inserted_after(v2_7, "energy_consumed", {"water_consumed"}), "pue", {"wue"});
    const auto v3_2_1 = inserted_after(v3_0_8, "tracking_mode",
                                       {"cpu_utilization_percent", "gpu_utilization_percent",
                                        "ram_utilization_percent", "ram_used_gb"});
    return std::vector<Version>{{"v1.0 – v1.2", v1},         {"v2.0 – v2.1", v2_0},
                                {"v2.2.0 – v2.2.2", v2_2_0}, {"v2.2.3 – v2.6", v2_2_3},
                                {"v2.7 – v3.0.7", v2_7},     {"v3.0.8 – v3.1", v3_0_8},
                                {"v3.2.1 – v3.3", v3_2_1}};
  }();
  return kVersions;
}

// --- Values -------------------------------------------------------------------------------

using csv::parse_number;
using csv::trimmed;

/// At most `max_bytes` of `s`, cut before a UTF-8 continuation byte so no character breaks.
std::string clipped(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

std::string lowered(std::string s) {
  for (auto& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}


/// Days since 1970-01-01 of a proleptic Gregorian date (no time zone: CodeCarbon writes
/// local wall-clock time, and only differences between rows of one file are used).
double days_from_civil(int year, int month, int day) {
  static const int kBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int y = year - 1;  // leap days of the whole years before `year`
  const long leaps_before = y / 4 - y / 100 + y / 400;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const long days =
      365L * year + leaps_before + kBefore[month - 1] + (leap && month > 2 ? 1 : 0) + (day - 1);
  return static_cast<double>(days);
}

/// Seconds of "YYYY-MM-DDTHH:MM:SS" (a space for T, fractions and a zone allowed and
/// ignored), the form of CodeCarbon's timestamp column; nothing for any other text.
std::optional<double> seconds_of(const std::string& ts) {
  if (ts.size() < 19) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) -> int {
    int v = 0;
    for (std::size_t k = at; k < at + len; ++k) {
      if (ts[k] < '0' || ts[k] > '9') return -1;
      v = v * 10 + (ts[k] - '0');
    }
    return v;
  };
  if (ts[4] != '-' || ts[7] != '-' || (ts[10] != 'T' && ts[10] != ' ') || ts[13] != ':' ||
      ts[16] != ':') {
    return std::nullopt;
  }
  const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  const int hour = num(11, 2), minute = num(14, 2), second = num(17, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  return days_from_civil(year, month, day) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

// Bounds that match the scenario schema's (docs/schema.md): a row beyond them is not a
// measurement, and the scenario built from it would be refused anyway.
constexpr double kMaxEnergyKwh = 1e13;
constexpr double kMaxDurationS = 1e7 * 3600.0;
// Cumulative rows of one run are written as it goes: between two of them the clock moves by
// as much as the duration grows. A new run's row moves the clock by its whole duration at
// least. A minute of slack covers the time CodeCarbon spends between measuring and writing.
constexpr double kClockSlackS = 60.0;

/// Reads the records of a file into rows and runs.
class FileReader {
 public:
  FileReader(const std::string& text, Issues& issues) : reader_(text), issues_(issues) {}

  std::optional<FileContents> read() {
    if (!read_header()) return std::nullopt;
    std::vector<std::string> fields;
    while (true) {
      const auto status = reader_.next(fields);
      if (status == csv::Reader::Status::kEnd) break;
      if (status == csv::Reader::Status::kError) {
        reader_error();
        return std::nullopt;
      }
      if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;  // a line of spaces
      if (++out_.rows_read > limits::kMaxCsvRows) {
        issues_.add("import.too_many_rows", "csv",
                    "must have at most " + std::to_string(limits::kMaxCsvRows) + " data rows",
                    "more");
        return std::nullopt;
      }
      if (!read_row(fields)) return std::nullopt;
    }
    if (used_rows_ == 0) {
      std::string got = std::to_string(out_.rows_read) + " data rows";
      if (!out_.skipped.empty()) {
        got += ", all skipped (row " + std::to_string(out_.skipped.front().line) + ": " +
               out_.skipped.front().reason + ")";
      }
      issues_.add("import.no_rows", "csv",
                  "must have at least one data row with a duration and an energy_consumed", got);
      return std::nullopt;
    }
    finish_warnings();
    return std::move(out_);
  }

 private:
  static std::string row_path(std::size_t line) { return "csv.row[" + std::to_string(line) + "]"; }

  /// The CSV reader stopped: a quote never closed, or a record with too many fields.
  void reader_error() {
    const bool fields = reader_.error().find("fields") != std::string::npos;
    issues_.add(fields ? "import.too_many_fields" : "import.unterminated_quote",
                row_path(reader_.line()), reader_.error(), "");
  }

  bool read_header() {
    std::vector<std::string> fields;
    const auto status = reader_.next(fields);
    if (status == csv::Reader::Status::kEnd) {
      issues_.add("import.no_header", "csv",
                  "must start with CodeCarbon's header line (timestamp,project_name,run_id,…)",
                  "an empty file");
      return false;
    }
    if (status == csv::Reader::Status::kError) {
      reader_error();
      return false;
    }
    for (auto& f : fields) names_.push_back(lowered(trimmed(f)));
    layout_ = layout_of(names_);
    if (std::all_of(layout_.begin(), layout_.end(), [](int i) { return i < 0; })) {
      std::string first;
      for (const auto& f : fields) first += (first.empty() ? "" : ",") + f;
      issues_.add("import.no_header", "csv",
                  "must start with CodeCarbon's header line (timestamp,project_name,run_id,…)",
                  "\"" + clipped(first, 60) + "\"");
      return false;
    }
    bool complete = true;
    for (const Col c : {kDuration, kEnergy}) {
      if (layout_[c] < 0) {
        issues_.add("import.missing_column", "csv.header",
                    std::string("must name the column \"") + kColNames[c] + "\"",
                    std::to_string(names_.size()) + " columns");
        complete = false;
      }
    }
    if (!complete) return false;
    out_.task_file = layout_[kTaskName] >= 0;
    out_.columns_version = version_of_columns(names_);
    if (out_.task_file) {
      out_.columns_version = "task output (TaskEmissionsData)";
    } else if (out_.columns_version.empty()) {
      out_.columns_version = "unrecognized (" + std::to_string(names_.size()) + " columns)";
    }
    for (const auto& v : versions()) {
      if (v.label == out_.columns_version) out_.columns_in_codecarbon_order = v.columns == names_;
    }
    return true;
  }

  void skip(std::size_t line, const std::string& reason) {
    ++out_.skipped_count;
    if (out_.skipped.size() < limits::kMaxListedSkippedRows) out_.skipped.push_back({line, reason});
  }

  /// The layout a record of `count` fields is read with: the header's, or, for rows another
  /// CodeCarbon version appended under an older header, that version's own column order.
  const Layout* layout_for(std::size_t count) {
    if (count == names_.size()) return &layout_;
    if (out_.task_file) return nullptr;  // task columns are not known by version
    for (const auto& v : versions()) {
      if (v.columns.size() != count) continue;
      auto [it, added] = other_layouts_.emplace(v.label, Layout{});
      if (added) {
        it->second = layout_of(v.columns);
        out_.other_row_versions.push_back(v.label);
      }
      return &it->second;
    }
    return nullptr;
  }

  /// Reads a number column of a record: absent, or the value, or a reason to skip the row.
  struct Number {
    std::optional<double> value;
    std::string problem;  ///< "is empty", "is not a number: \"x\"", "is negative: -1"
  };
  Number number(const std::vector<std::string>& fields, const Layout& l, Col c) const {
    Number out;
    const std::string text = l[c] >= 0 ? trimmed(fields[static_cast<std::size_t>(l[c])]) : "";
    if (text.empty()) {
      out.problem = "is empty";
    } else if (auto v = parse_number(text)) {
      if (*v < 0) {
        out.problem = "is negative: " + clipped(text, 40);
      } else {
        out.value = *v;
      }
    } else {
      out.problem = "is not a number: \"" + clipped(text, 40) + "\"";
    }
    return out;
  }

  static std::string text(const std::vector<std::string>& fields, const Layout& l, Col c) {
    return l[c] >= 0 ? trimmed(fields[static_cast<std::size_t>(l[c])]) : "";
  }

  /// Reads one data record; false only when the whole import must stop.
  bool read_row(const std::vector<std::string>& fields) {
    const std::size_t line = reader_.line();
    const Layout* l = layout_for(fields.size());
    if (!l) {
      skip(line, "has " + std::to_string(fields.size()) + " fields where the header has " +
                     std::to_string(names_.size()) + " (and no CodeCarbon version writes " +
                     std::to_string(fields.size()) + " columns)");
      return true;
    }
    if (std::all_of(fields.begin(), fields.end(),
                    [](const std::string& f) { return trimmed(f).empty(); })) {
      skip(line, "has no values");
      return true;
    }
    const Number duration = number(fields, *l, kDuration);
    const Number energy = number(fields, *l, kEnergy);
    if (!duration.value || !energy.value) {
      skip(line,
           !duration.value ? "duration " + duration.problem : "energy_consumed " + energy.problem);
      return true;
    }
    bool in_range = true;
    if (*energy.value > kMaxEnergyKwh) {
      issues_.add("import.out_of_range", row_path(line) + ".energy_consumed",
                  "must be at most 1e13 kWh", format_number(*energy.value));
      in_range = false;
    }
    if (*duration.value > kMaxDurationS) {
      issues_.add("import.out_of_range", row_path(line) + ".duration",
                  "must be at most 3.6e10 s (10 million hours)", format_number(*duration.value));
      in_range = false;
    }
    if (!in_range) return false;

    Row row;
    row.line = line;
    row.duration_s = *duration.value;
    row.energy_kwh = *energy.value;
    row.emissions_kg = number(fields, *l, kEmissions).value;
    // CodeCarbon's PUE multiplies every energy it reports; below 1 it is no PUE at all.
    const Number pue = number(fields, *l, kPue);
    if (pue.value && *pue.value >= 1.0 && *pue.value <= 5.0) {
      row.pue = pue.value;
    } else if ((*l)[kPue] >= 0 && pue.problem != "is empty") {
      odd_pue_lines_.push_back(line);
    }
    row.gpu_count = number(fields, *l, kGpuCount).value;
    for (const Col c : {kCpuEnergy, kGpuEnergy, kRamEnergy}) {
      if (number(fields, *l, c).problem.rfind("is negative", 0) == 0) {
        negative_component_lines_.push_back(line);
        break;
      }
    }
    // v1 files have no run_id: their experiment_id was a new id per tracker, i.e. per run.
    row.run_id = (*l)[kRunId] >= 0 ? text(fields, *l, kRunId) : text(fields, *l, kExperimentId);
    row.project_name = text(fields, *l, kProjectName);
    row.time_s = seconds_of(text(fields, *l, kTimestamp));
    row.country_name = text(fields, *l, kCountryName);
    row.country_iso_code = text(fields, *l, kCountryIso);
    row.region = text(fields, *l, kRegion);
    row.on_cloud = text(fields, *l, kOnCloud);
    row.cloud_provider = text(fields, *l, kCloudProvider);
    row.cloud_region = text(fields, *l, kCloudRegion);
    row.gpu_model = text(fields, *l, kGpuModel);
    row.cpu_model = text(fields, *l, kCpuModel);
    ++used_rows_;
    add_to_run(std::move(row));
    return true;
  }

  /// What a run's latest row says about how the run goes on (a full Row per run would
  /// double the memory of a file of one-row runs).
  struct Latest {
    double duration_s = 0, energy_kwh = 0;
    std::optional<double> time_s;
  };

  /// True when `row` continues the anonymous cumulative run (of the same project) whose
  /// latest row is `prev`.
  static bool continues(const Latest& prev, const Row& row) {
    if (row.duration_s < prev.duration_s || row.energy_kwh < prev.energy_kwh) return false;
    if (!prev.time_s || !row.time_s) return true;
    return std::fabs((*row.time_s - *prev.time_s) - (row.duration_s - prev.duration_s)) <=
           kClockSlackS;
  }

  void add_to_run(Row row) {
    std::size_t index = 0;
    if (!row.run_id.empty()) {
      auto [it, added] = by_id_.emplace(row.run_id, out_.runs.size());
      index = it->second;
      if (added) start_run(row.run_id, true, row);
    } else {
      ++anonymous_rows_;
      auto open = open_anonymous_.find(row.project_name);
      const bool join = open != open_anonymous_.end() &&
                        (out_.task_file || continues(latest_[open->second], row));
      if (join) {
        index = open->second;
      } else {
        index = out_.runs.size();
        open_anonymous_[row.project_name] = index;
        start_run("(no run_id) row " + std::to_string(row.line), false, row);
      }
    }
    Run& run = out_.runs[index];
    latest_[index] = Latest{row.duration_s, row.energy_kwh, row.time_s};
    if (run.rows > 0) combine(run, std::move(row));
    ++run.rows;
  }

  void start_run(const std::string& id, bool has_run_id, const Row& first) {
    Run run;
    run.id = id;
    run.has_run_id = has_run_id;
    run.total = first;
    run.total_line = first.line;
    out_.runs.push_back(std::move(run));
    latest_.push_back(Latest{first.duration_s, first.energy_kwh, first.time_s});
  }

  /// Adds a later row to `run`.
  void combine(Run& run, Row row) {
    if (row.country_iso_code != run.total.country_iso_code || row.region != run.total.region) {
      country_changes_.insert(run.id);
    }
    if (out_.task_file) {
      // Task rows are segments of the run: they add up.
      Row& t = run.total;
      const double duration = t.duration_s + row.duration_s, energy = t.energy_kwh + row.energy_kwh;
      const auto emissions = t.emissions_kg && row.emissions_kg
                                 ? std::optional<double>(*t.emissions_kg + *row.emissions_kg)
                                 : std::nullopt;
      run.total_line = row.line;
      t = std::move(row);
      t.duration_s = duration;
      t.energy_kwh = energy;
      t.emissions_kg = emissions;
      return;
    }
    // Cumulative rows: the longest is the run's total (ties: the later row, written last).
    if (row.duration_s >= run.total.duration_s) {
      if (row.energy_kwh < run.total.energy_kwh) shrinking_runs_.insert(run.id);
      run.total_line = row.line;
      run.total = std::move(row);
    } else if (row.energy_kwh > run.total.energy_kwh) {
      shrinking_runs_.insert(run.id);
    }
  }

  /// "row 4" or "rows 4, 9 and 3 more".
  static std::string lines_text(const std::vector<std::size_t>& lines) {
    std::string out = lines.size() == 1 ? "row " : "rows ";
    for (std::size_t i = 0; i < lines.size() && i < 5; ++i) {
      out += (i ? ", " : "") + std::to_string(lines[i]);
    }
    if (lines.size() > 5) out += " and " + std::to_string(lines.size() - 5) + " more";
    return out;
  }

  /// "run a" or "runs a, b, c and 2 more".
  static std::string ids_text(const std::set<std::string>& ids) {
    std::string out = ids.size() == 1 ? "run " : "runs ";
    std::size_t i = 0;
    for (const auto& id : ids) {
      if (i == 3) return out + " and " + std::to_string(ids.size() - 3) + " more";
      out += (i++ ? ", " : "") + id;
    }
    return out;
  }

  void finish_warnings() {
    auto& w = out_.warnings;
    if (!out_.other_row_versions.empty()) {
      std::string list;
      for (const auto& v : out_.other_row_versions) list += (list.empty() ? "" : ", ") + v;
      w.push_back(
          "some rows have another field count than the header: they were appended by "
          "another CodeCarbon version and are read in that version's column order (" +
          list + ")");
    }
    if (!negative_component_lines_.empty()) {
      w.push_back(lines_text(negative_component_lines_) +
                  ": a negative cpu_energy, gpu_energy or ram_energy (a CodeCarbon measuring "
                  "glitch); energy_consumed is used as CodeCarbon wrote it");
    }
    if (!odd_pue_lines_.empty()) {
      w.push_back(lines_text(odd_pue_lines_) + ": pue is not a number in [1, 5] and is ignored");
    }
    if (anonymous_rows_ > 0 && !out_.task_file) {
      w.push_back(std::to_string(anonymous_rows_) +
                  " rows have an empty run_id: consecutive rows of one project whose duration, "
                  "energy and timestamp grow together were taken as one cumulative run, any "
                  "other row starts a new run");
    }
    if (!shrinking_runs_.empty()) {
      w.push_back(ids_text(shrinking_runs_) +
                  ": a row with a longer duration has less energy than an earlier one; the "
                  "longest-duration row is used as the run's total");
    }
    if (!country_changes_.empty()) {
      w.push_back(ids_text(country_changes_) +
                  ": the country or region changes between rows; the total row's is used");
    }
  }

  csv::Reader reader_;
  Issues& issues_;
  FileContents out_;
  std::vector<std::string> names_;
  Layout layout_{};
  std::map<std::string, Layout> other_layouts_;
  std::map<std::string, std::size_t> by_id_;
  std::map<std::string, std::size_t> open_anonymous_;  ///< project -> its open anonymous run
  std::vector<Latest> latest_;                         ///< per run: its latest row
  std::size_t used_rows_ = 0, anonymous_rows_ = 0;
  std::vector<std::size_t> negative_component_lines_, odd_pue_lines_;
  std::set<std::string> shrinking_runs_, country_changes_;
};

}  // namespace

std::string version_of_columns(const std::vector<std::string>& names) {
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& v : versions()) {
    std::vector<std::string> known = v.columns;
    std::sort(known.begin(), known.end());
    if (known == sorted) return v.label;
  }
  return "";
}

std::optional<FileContents> read_file(const std::string& text, Issues& issues) {
  return FileReader(text, issues).read();
}

}  // namespace greenfront::codecarbon
