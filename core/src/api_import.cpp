// api::import_codecarbon: a CodeCarbon emissions.csv -> a scenario whose phase holds the
// measured energy and hours, and an account of what the importer read and did
// (docs/schema.md, "Import: CodeCarbon").
//
// The file is read by codecarbon::read_file (columns, rows, runs) and mapped to the catalogs
// by codecarbon_match.h; this file picks the runs, adds them up, builds the scenario and
// checks it with the scenario parser, so an import never hands out a scenario that
// api::estimate would refuse.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api_common.h"
#include "codecarbon_import.h"
#include "codecarbon_match.h"
#include "csv_reader.h"
#include "greenfront/api.h"
#include "greenfront/catalog.h"
#include "greenfront/scenario_parser.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api {

using nlohmann::json;
using namespace detail;
using codecarbon::Run;

namespace {

/// The lifecycle phases whose compute block can hold a measured energy.
const std::vector<std::string>& import_phases() {
  static const std::vector<std::string> kPhases = {"training", "experimentation", "inference",
                                                   "retraining", "data"};
  return kPhases;
}

struct Options {
  std::string phase = "training";
  const HardwareEntry* hardware = nullptr;  ///< override of the file's hardware
  const RegionEntry* region = nullptr;      ///< override of the file's region
  std::optional<std::string> run;           ///< one run_id instead of all runs
};

void unknown_id(Issues& issues, const std::string& path, const std::string& what,
                const std::string& id, const std::vector<std::string>& ids) {
  const std::string hint = did_you_mean(id, ids);
  issues.add(
      "input.unknown_id", path,
      "must be " + what + (hint.empty() ? std::string() : " (did you mean \"" + hint + "\"?)"),
      "\"" + id + "\"");
}

/// The request's fields other than "csv".
Options read_options(const ObjectReader& r, const Catalog& catalog) {
  Options o;
  if (auto phase = r.choice("phase", import_phases())) o.phase = *phase;
  if (auto id = r.string("hardware")) {
    o.hardware = catalog.hardware(*id);
    if (!o.hardware) {
      unknown_id(r.issues(), "hardware", "a hardware id from the catalog", *id,
                 catalog.hardware_ids());
    }
  }
  if (auto id = r.string("region")) {
    o.region = catalog.region(*id);
    if (!o.region) {
      unknown_id(r.issues(), "region", "a region id from the catalog", *id, catalog.region_ids());
    }
  }
  o.run = r.string("run");
  return o;
}

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json number_or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

/// A count as a JSON integer when it is one (2, not 2.0), else as it is.
json count_json(double v) {
  return v == std::floor(v) && v >= 0 && v < 1e15 ? json(static_cast<std::int64_t>(v)) : json(v);
}

/// What one run maps to in the catalogs.
struct Mapping {
  const HardwareEntry* hardware = nullptr;
  bool gpu_run = false;                ///< CodeCarbon tracked at least one GPU
  bool hardware_named = false;         ///< the file names a GPU or CPU model
  std::optional<double> devices;       ///< tracked GPUs (or the machine's, as a fallback)
  std::optional<double> machine_gpus;  ///< "8 x …" in gpu_model
  const CloudRegionEntry* cloud = nullptr;
  std::string unknown_cloud;  ///< "gcp:mars-north1": on a cloud the catalog does not know
  const RegionEntry* region = nullptr;
  std::string place;  ///< "cloud:gcp:us-central1", "region:US-IA" or ""
};

/// Maps runs to the catalogs, caching by the names involved: a file of one row per run
/// would otherwise match the same model name thousands of times.
class Mapper {
 public:
  explicit Mapper(const Catalog& catalog) : catalog_(catalog) {}

  Mapping map(const Run& run) {
    const codecarbon::Row& t = run.total;
    Mapping m;
    const codecarbon::GpuModel gpu = codecarbon::parse_gpu_model(t.gpu_model);
    m.machine_gpus = gpu.machine_count;
    m.gpu_run = t.gpu_count ? *t.gpu_count > 0 : !t.gpu_model.empty();
    m.hardware_named = !t.gpu_model.empty() || !t.cpu_model.empty();
    if (m.gpu_run) {
      m.devices = t.gpu_count && *t.gpu_count > 0 ? t.gpu_count : gpu.machine_count;
      if (!gpu.mixed) m.hardware = cached(gpu_, gpu.name, codecarbon::match_gpu);
    } else if (m.hardware_named) {
      m.hardware = cached(cpu_, t.cpu_model, codecarbon::match_cpu);
    }
    m.cloud = codecarbon::match_cloud_region(t, catalog_);
    if (!m.cloud) m.unknown_cloud = codecarbon::cloud_region_id(t);
    const std::string key = t.country_iso_code + '\n' + t.country_name + '\n' + t.region;
    auto it = regions_.find(key);
    if (it == regions_.end())
      it = regions_.emplace(key, codecarbon::match_region(t, catalog_)).first;
    m.region = it->second;
    m.place = m.cloud ? "cloud_region:" + m.cloud->id : m.region ? "region:" + m.region->id : "";
    return m;
  }

 private:
  template <typename Match>
  const HardwareEntry* cached(std::map<std::string, const HardwareEntry*>& cache,
                              const std::string& name, Match match) {
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, match(name, catalog_)).first;
    return it->second;
  }

  const Catalog& catalog_;
  std::map<std::string, const HardwareEntry*> gpu_, cpu_;
  std::map<std::string, const RegionEntry*> regions_;
};

json run_json(const Run& run, const Mapping& m, bool used, bool task_file) {
  const codecarbon::Row& t = run.total;
  json j = {{"run_id", run.id},
            {"rows", run.rows},
            {"used", used},
            {"project_name", text_or_null(t.project_name)},
            {"energy_kwh", t.energy_kwh},
            {"duration_s", t.duration_s},
            {"emissions_kg", number_or_null(t.emissions_kg)},
            {"country_iso_code", text_or_null(t.country_iso_code)},
            {"country_name", text_or_null(t.country_name)},
            {"region", text_or_null(t.region)},
            {"cloud_provider", text_or_null(t.cloud_provider)},
            {"cloud_region", text_or_null(t.cloud_region)},
            {"gpu_model", text_or_null(t.gpu_model)},
            {"gpu_count", t.gpu_count ? count_json(*t.gpu_count) : json(nullptr)},
            {"cpu_model", text_or_null(t.cpu_model)},
            {"pue", number_or_null(t.pue)},
            {"hardware_id", m.hardware ? json(m.hardware->id) : json(nullptr)},
            {"region_id", m.region ? json(m.region->id) : json(nullptr)},
            {"cloud_region_id", m.cloud ? json(m.cloud->id) : json(nullptr)}};
  // A cumulative run's figures are one row's; a task run's are the sum of its rows.
  if (task_file) {
    j["combined"] = "sum of its rows (task segments)";
  } else {
    j["combined"] = "its longest-duration row";
    j["total_row"] = run.total_line;
  }
  return j;
}

/// The value every used run agrees on, or nothing ("" counts as a value: unmapped).
template <typename Get>
std::optional<std::string> common(const std::vector<std::size_t>& used, Get get) {
  std::optional<std::string> value;
  for (std::size_t i : used) {
    const std::string v = get(i);
    if (value && *value != v) return std::nullopt;
    value = v;
  }
  return value;
}

/// "a, b, c and 4 more": a file of many runs must not make a warning as long as itself.
std::string list_text(const std::set<std::string>& items) {
  std::string out;
  std::size_t i = 0;
  for (const auto& s : items) {
    if (i == 3) return out + " and " + std::to_string(items.size() - 3) + " more";
    out += (i++ ? ", " : "") + (s.empty() ? std::string("(unknown)") : s);
  }
  return out;
}

struct Imported {
  json scenario;
  json import;
  std::vector<std::string> warnings;
};

/// Adds up the used runs and builds the scenario; false with `issues` set when the sums
/// leave the scenario schema's bounds.
bool build(const codecarbon::FileContents& file, const std::vector<Mapping>& maps,
           const std::vector<std::size_t>& used, const Options& o, Imported& out, Issues& issues) {
  auto& warnings = out.warnings;
  double energy_kwh = 0, it_energy_kwh = 0, duration_s = 0;
  double emissions_kg = 0;
  bool emissions_known = true;  // a plain flag: GCC 12 misreads an optional<double> sum here
  bool codecarbon_pue = false;
  for (std::size_t i : used) {
    const codecarbon::Row& t = file.runs[i].total;
    energy_kwh += t.energy_kwh;
    // CodeCarbon multiplies every energy by its pue (1 unless configured): divide it out so
    // the scenario holds IT energy and its own pue gives back the file's figure.
    const double pue = t.pue.value_or(1.0);
    codecarbon_pue = codecarbon_pue || pue > 1.0;
    it_energy_kwh += t.energy_kwh / pue;
    duration_s += t.duration_s;
    if (emissions_known && t.emissions_kg) {
      emissions_kg += *t.emissions_kg;
    } else if (emissions_known) {
      emissions_known = false;
      warnings.push_back("run " + file.runs[i].id +
                         " has no emissions value: "
                         "codecarbon_emissions_kg is null");
    }
  }

  json block = json::object();
  // Hardware: the override, else the one model every used run maps to.
  const HardwareEntry* hardware = o.hardware;
  if (!hardware) {
    const auto id = common(used, [&](std::size_t i) {
      return maps[i].hardware ? maps[i].hardware->id : std::string();
    });
    if (id && !id->empty()) {
      hardware = Catalog::builtin().hardware(*id);
    } else {
      std::set<std::string> names;
      for (std::size_t i : used) {
        const codecarbon::Row& t = file.runs[i].total;
        names.insert(maps[i].hardware  ? maps[i].hardware->id
                     : maps[i].gpu_run ? t.gpu_model
                                       : t.cpu_model);
      }
      const bool cpu_only = std::all_of(used.begin(), used.end(), [&](std::size_t i) {
        return !maps[i].gpu_run && maps[i].hardware_named;
      });
      if (cpu_only && id) {
        // A CPU-only run is no GPU server: its embodied carbon is a CPU host's.
        hardware = Catalog::builtin().hardware("generic-cpu");
        warnings.push_back("cpu_model " + list_text(names) +
                           " is not in the hardware catalog: hardware is generic-cpu (pass "
                           "\"hardware\" to name it)");
      } else if (id) {
        warnings.push_back(
            names.size() == 1 && names.begin()->empty()
                ? "the file does not name the hardware: hardware is left out (the estimate's "
                  "default applies; pass \"hardware\" to name it)"
                : "hardware " + list_text(names) +
                      " is not in the hardware catalog: hardware is "
                      "left out (the estimate's default applies; pass \"hardware\" to name it)");
      } else {
        warnings.push_back("the runs used different hardware (" + list_text(names) +
                           "): hardware is left out (pass \"hardware\", or pick one \"run\")");
      }
    }
  }
  if (hardware) block["hardware"] = hardware->id;

  // Devices and hours: the tracked GPUs, whose energy CodeCarbon measured.
  double hours = duration_s / 3600.0;
  const bool accelerator = !hardware || hardware->kind != "cpu";
  if (accelerator) {
    const bool all_counted = std::all_of(
        used.begin(), used.end(), [&](std::size_t i) { return maps[i].devices.has_value(); });
    const auto count = common(used, [&](std::size_t i) {
      return maps[i].devices ? format_number(*maps[i].devices) : std::string();
    });
    if (all_counted && count) {
      block["device_count"] = count_json(*maps[used.front()].devices);
    } else if (all_counted) {
      double device_hours = 0;
      for (std::size_t i : used)
        device_hours += *maps[i].devices * file.runs[i].total.duration_s / 3600.0;
      hours = device_hours;
      block["device_count"] = 1;
      warnings.push_back(
          "the runs tracked different numbers of GPUs: device_count is 1 and hours "
          "are the device-hours (Σ gpu_count × duration)");
    }
    const bool gpus_named = o.hardware || std::any_of(used.begin(), used.end(), [&](std::size_t i) {
                              return maps[i].gpu_run;
                            });
    if (!all_counted && gpus_named) {
      warnings.push_back(
          "the file does not count the GPUs of every run: device_count is left "
          "out (1 device; set it in the scenario)");
    }
    for (std::size_t i : used) {
      const Mapping& m = maps[i];
      const codecarbon::Row& t = file.runs[i].total;
      if (m.machine_gpus && t.gpu_count && *t.gpu_count > 0 && *m.machine_gpus != *t.gpu_count) {
        warnings.push_back("run " + file.runs[i].id + ": gpu_model \"" + t.gpu_model +
                           "\" counts " + format_number(*m.machine_gpus) +
                           " GPUs in the machine, CodeCarbon "
                           "tracked " +
                           format_number(*t.gpu_count) +
                           " (gpu_count): device_count counts the tracked GPUs, whose energy "
                           "was measured");
        break;
      }
    }
  }

  // Place: the override, else the one cloud region or grid region every used run maps to.
  std::set<std::string> unknown_clouds;
  for (std::size_t i : used) {
    if (!maps[i].unknown_cloud.empty()) unknown_clouds.insert(maps[i].unknown_cloud);
  }
  if (!unknown_clouds.empty() && !o.region) {
    warnings.push_back("cloud region " + list_text(unknown_clouds) +
                       " is not in the cloud-regions catalog: the country's grid is used");
  }
  if (o.region) {
    block["region"] = o.region->id;
    if (std::any_of(used.begin(), used.end(), [&](std::size_t i) { return maps[i].cloud; })) {
      warnings.push_back("region is given: the file's cloud region (and its PUE) is not used");
    }
  } else {
    const auto place = common(used, [&](std::size_t i) { return maps[i].place; });
    if (place && !place->empty()) {
      const std::size_t colon = place->find(':');
      block[place->substr(0, colon)] = place->substr(colon + 1);
    } else {
      std::set<std::string> places;
      for (std::size_t i : used) {
        const codecarbon::Row& t = file.runs[i].total;
        places.insert(maps[i].place.empty()
                          ? t.country_iso_code + (t.region.empty() ? "" : "/" + t.region)
                          : maps[i].place.substr(maps[i].place.find(':') + 1));
      }
      if (!place) {
        warnings.push_back("the runs ran in different places (" + list_text(places) +
                           "): region is left out (pass \"region\", or pick one \"run\")");
      } else if (places.size() == 1 && places.begin()->empty()) {
        warnings.push_back(
            "the file does not say where it ran: region is left out (the "
            "estimate's default applies; pass \"region\")");
      } else {
        warnings.push_back("the file's place (" + list_text(places) +
                           ") is not in the regions "
                           "catalog: region is left out (the estimate's default applies; pass "
                           "\"region\")");
      }
    }
  }

  // Energy-weighted over the runs; each pue is in [1, 5], so is this but for rounding.
  if (codecarbon_pue && it_energy_kwh > 0) {
    block["pue"] = std::min(5.0, std::max(1.0, energy_kwh / it_energy_kwh));
  }
  if (it_energy_kwh > 1e13 || hours > 1e7) {
    issues.add("import.out_of_range", "csv",
               "the runs must add up to at most 1e13 kWh and 10 million hours",
               format_number(it_energy_kwh) + " kWh, " + format_number(hours) + " h");
    return false;
  }
  block["energy_kwh"] = it_energy_kwh;
  block["hours"] = hours;
  // Phases that count repeated units hold the measured total as one unit.
  if (o.phase == "experimentation") {
    block["search"] = "manual";
    block["trials"] = 1;
  } else if (o.phase == "retraining") {
    block["runs"] = 1;
  }

  std::set<std::string> projects;
  for (std::size_t i : used) projects.insert(file.runs[i].total.project_name);
  // "llm-finetune (CodeCarbon import, run 9b1c…)": the statement of a report names it.
  const std::string source = "CodeCarbon import" + (o.run ? ", run " + *o.run : std::string());
  const std::string name = projects.size() == 1 && !projects.begin()->empty()
                               ? *projects.begin() + " (" + source + ")"
                               : source;
  out.scenario = {{"schema_version", kSchemaVersion}, {"name", name}, {o.phase, block}};

  std::string selection = o.run ? "run " + *o.run
                          : used.size() == 1
                              ? "the file's only run"
                              : "all " + std::to_string(used.size()) + " runs added up, each once";
  selection += file.task_file ? ", each run the sum of its rows (a task file)"
                              : ", each run by its longest-duration row (rows are running totals)";
  if (!o.run && used.size() > 1) {
    warnings.push_back("the file holds " + std::to_string(used.size()) +
                       " runs: their totals are added up (pass \"run\" to import one)");
  }
  out.import["selection"] = selection;
  out.import["totals"] = {{"runs", used.size()},
                          {"energy_kwh", energy_kwh},
                          {"it_energy_kwh", it_energy_kwh},
                          {"codecarbon_pue", block.contains("pue") ? block["pue"] : json(nullptr)},
                          {"duration_s", duration_s},
                          {"hours", duration_s / 3600.0}};
  out.import["codecarbon_emissions_kg"] = emissions_known ? json(emissions_kg) : json(nullptr);
  return true;
}

/// The body shared by both entry points: `bytes` is the file, `options` the other fields.
std::string run_import(const std::string& bytes, const Options& o) {
  Issues issues;
  if (bytes.size() > limits::kMaxCsvBytes) {
    issues.add("import.too_large", "csv",
               "must be at most " + std::to_string(limits::kMaxCsvBytes) + " bytes",
               std::to_string(bytes.size()) + " bytes");
    return json_text(error_response(issues));
  }
  if (csv::has_utf16_bom(bytes)) {
    issues.add("import.unsupported_encoding", "csv",
               "must be UTF-8 or Latin-1 text (save the file as UTF-8)",
               "a UTF-16 byte-order mark");
    return json_text(error_response(issues));
  }
  const csv::DecodedText decoded = csv::decode(bytes);
  auto file = codecarbon::read_file(decoded.text, issues);
  if (!file) return json_text(error_response(issues));

  std::vector<std::size_t> used;
  for (std::size_t i = 0; i < file->runs.size(); ++i) {
    if (!o.run || file->runs[i].id == *o.run) used.push_back(i);
  }
  if (used.empty()) {
    std::vector<std::string> ids;
    for (const auto& r : file->runs) ids.push_back(r.id);
    unknown_id(issues, "run", "a run_id of the file (" + std::to_string(ids.size()) + " runs)",
               *o.run, ids);
    return json_text(error_response(issues));
  }

  const Catalog& catalog = Catalog::builtin();
  Imported out;
  out.warnings = file->warnings;
  Mapper mapper(catalog);
  std::vector<Mapping> maps;
  maps.reserve(file->runs.size());
  for (const Run& run : file->runs) maps.push_back(mapper.map(run));
  if (!build(*file, maps, used, o, out, issues)) return json_text(error_response(issues));

  // The scenario must be one api::estimate accepts: check it with the same parser.
  Issues check;
  if (!parse_scenario(out.scenario, catalog, check)) {
    add_under(issues, "scenario", check);
    return json_text(error_response(issues));
  }

  json runs = json::array();
  std::size_t next_used = 0;
  for (std::size_t i = 0; i < file->runs.size() && runs.size() < limits::kMaxListedRuns; ++i) {
    const bool is_used = next_used < used.size() && used[next_used] == i;
    if (is_used) ++next_used;
    runs.push_back(run_json(file->runs[i], maps[i], is_used, file->task_file));
  }
  json skipped = json::array();
  for (const auto& s : file->skipped) skipped.push_back({{"row", s.line}, {"reason", s.reason}});

  json import = {{"columns_version", file->columns_version},
                 {"columns_in_codecarbon_order", file->columns_in_codecarbon_order
                                                     ? json(*file->columns_in_codecarbon_order)
                                                     : json(nullptr)},
                 {"other_row_versions", file->other_row_versions},
                 {"task_file", file->task_file},
                 {"encoding", decoded.encoding},
                 {"rows_read", file->rows_read},
                 {"runs_count", file->runs.size()},
                 {"runs", runs},
                 {"rows_skipped", skipped},
                 {"rows_skipped_count", file->skipped_count}};
  import.update(out.import);
  return json{{"ok", true},
              {"schema_version", kSchemaVersion},
              {"data_version", catalog.data_version()},
              {"scenario", out.scenario},
              {"import", import},
              {"warnings", out.warnings}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Reads the options of `doc` (an object) besides the keys in `also_allowed`.
std::optional<Options> options_of(const ObjectReader& r, const std::vector<std::string>& allowed) {
  r.reject_unknown(allowed);
  check_schema_version(r, kSchemaVersion);
  Options o = read_options(r, Catalog::builtin());
  if (!r.issues().empty()) return std::nullopt;
  return o;
}

}  // namespace

std::string import_codecarbon(const std::string& request_json) {
  return guarded([&] {
    Issues issues;
    auto doc = parse_text(request_json, issues, limits::kMaxImportRequestBytes);
    if (!doc) return json_text(error_response(issues));
    ObjectReader r(*doc, "", issues);
    if (!r.is_object()) return json_text(error_response(issues));
    auto options =
        options_of(r, {"schema_version", "request", "csv", "phase", "hardware", "region", "run"});
    auto csv_text = r.string("csv");
    if (!r.has("csv"))
      issues.add("input.missing_field", "csv", "is required (the file's text)", "");
    if (!options || !csv_text || !issues.empty()) return json_text(error_response(issues));
    return run_import(*csv_text, *options);
  });
}

std::string import_codecarbon_csv(const std::string& csv_bytes, const std::string& options_json) {
  return guarded([&] {
    Issues issues;
    auto doc = parse_text(options_json, issues);
    if (!doc) return json_text(error_response(issues));
    ObjectReader r(*doc, "", issues);
    if (!r.is_object()) return json_text(error_response(issues));
    auto options =
        options_of(r, {"schema_version", "request", "phase", "hardware", "region", "run"});
    if (!options) return json_text(error_response(issues));
    return run_import(csv_bytes, *options);
  });
}

}  // namespace greenfront::api
