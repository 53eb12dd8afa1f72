// Scenario parsing: one pass over the document that resolves defaults (phase > defaults >
// catalog > built-in), records each default it used, and reports every problem found.
#include "greenfront/scenario_parser.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "greenfront/json_reader.h"
#include "work_limits.h"

namespace greenfront {

using nlohmann::json;

namespace {

const std::vector<std::string> kPhaseKeys = {"data",      "experimentation", "training",
                                             "inference", "retraining",      "federated"};

const std::vector<std::string> kComputeKeys = {
    "hardware",     "device_count", "hours",      "energy_kwh", "static_energy_kwh",
    "average_power_w", "utilization", "power_source", "reserved_hours",
    "region",       "grid_year",    "intensity_g_per_kwh", "cfe_share",
    "datacenter",   "pue",          "start_utc",  "schedule_window_hours", "cloud_region",
    "grid_basis",
    "energy_reduction_factors"};

const std::vector<std::string> kHardwareKeys = {"id",          "name",           "tdp_w",
                                                "idle_w",      "embodied_kg",    "lifetime_years",
                                                "host_embodied_kg", "devices_per_host"};

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// A field as written by the user, with the path it was written at.
template <typename T>
struct Given {
  std::optional<T> value;
  std::string path;
  bool written = false;  ///< present in the document, even if its value was rejected
  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

struct HardwareFields {
  std::string id;  ///< catalog id ("" for custom)
  std::string name;
  std::optional<Quantity> tdp_w, idle_w, embodied_kg, lifetime_years, host_embodied_kg;
  std::optional<double> devices_per_host;
};

/// The compute-block fields one object (a phase or `defaults`) sets.
struct ComputeFields {
  Given<HardwareFields> hardware;
  Given<Quantity> device_count, hours, energy_kwh, static_energy_kwh, average_power_w, utilization,
      reserved_hours, intensity, cfe_share, pue;

  /// Whether the work of the block is described (hours or energy), valid or not.
  bool work_written() const { return hours.written || energy_kwh.written; }
  Given<std::string> power_source, region, datacenter, start_utc, cloud_region, grid_basis;
  Given<double> start_hour;
  Given<std::int64_t> grid_year;
  Given<double> schedule_window_hours;
  Given<json> reductions;
  double reduction_product = 1.0;

  /// Fields of `over` win; the rest come from this (the defaults).
  ComputeFields merged_under(const ComputeFields& over) const {
    ComputeFields m = over;
    auto take = [](auto& field, const auto& fallback) {
      if (!field && !field.written) field = fallback;
    };
    take(m.hardware, hardware);
    take(m.device_count, device_count);
    take(m.hours, hours);
    take(m.energy_kwh, energy_kwh);
    take(m.static_energy_kwh, static_energy_kwh);
    take(m.average_power_w, average_power_w);
    take(m.utilization, utilization);
    take(m.reserved_hours, reserved_hours);
    take(m.intensity, intensity);
    take(m.cfe_share, cfe_share);
    take(m.pue, pue);
    take(m.power_source, power_source);
    take(m.region, region);
    take(m.datacenter, datacenter);
    take(m.cloud_region, cloud_region);
    take(m.grid_basis, grid_basis);
    take(m.start_utc, start_utc);
    take(m.start_hour, start_hour);
    take(m.grid_year, grid_year);
    take(m.schedule_window_hours, schedule_window_hours);
    if (!m.reductions) {
      m.reductions = reductions;
      m.reduction_product = reduction_product;
    }
    return m;
  }
};

class Parser {
 public:
  Parser(const Catalog& catalog, Issues& issues, Scenario& scenario)
      : catalog_(catalog), issues_(issues), sc_(scenario) {}

  void parse(const json& doc);

 private:
  // --- field readers that give each quantity its Monte-Carlo identity ---
  Given<Quantity> quantity(const ObjectReader& r, const std::string& key, const Bounds& b) {
    Given<Quantity> g;
    g.path = r.field_path(key);
    g.written = r.has(key);
    g.value = r.quantity(key, b);
    if (g.value) {
      g.value->id = next_id_++;
      if (g.value->uncertain()) sc_.uncertain = true;
    }
    return g;
  }
  template <typename T>
  Given<T> given(const ObjectReader& r, const std::string& key, std::optional<T> v) {
    Given<T> g;
    g.path = r.field_path(key);
    g.written = r.has(key);
    g.value = std::move(v);
    return g;
  }

  void note_default(const std::string& path, const json& value, const std::string& source) {
    sc_.defaults_used.push_back(DefaultUsed{path, value, source});
  }
  void note_catalog(const std::string& entry) {
    for (const auto& e : sc_.catalog_entries_used) {
      if (e == entry) return;
    }
    sc_.catalog_entries_used.push_back(entry);
  }
  Quantity builtin(double value, double lower = -1e308, double upper = 1e308) {
    Quantity q = Quantity::fixed(value);
    q.lower = lower;
    q.upper = upper;
    q.id = next_id_++;
    return q;
  }

  /// Reports input.unknown_id for `id` at `path`, suggesting the closest of `ids`.
  void report_unknown_id(const std::string& path, const std::string& what, const std::string& id,
                         const std::vector<std::string>& ids) {
    const std::string hint = did_you_mean(id, ids);
    issues_.add("input.unknown_id", path,
                "must be " + what + " from the catalog" +
                    (hint.empty() ? std::string() : " (did you mean \"" + hint + "\"?)"),
                "\"" + id + "\"");
  }
  /// The `region` field as a canonical region id, or empty with the problem reported.
  Given<std::string> read_region(const ObjectReader& r) {
    Given<std::string> g = given(r, "region", r.string("region"));
    if (!g) return g;
    if (const RegionEntry* e = catalog_.region(*g)) {
      g.value = e->id;
    } else {
      report_unknown_id(g.path, "a region id", *g, catalog_.region_ids());
      g.value.reset();
    }
    return g;
  }
  ComputeFields read_compute_fields(const ObjectReader& r);
  std::optional<HardwareFields> read_hardware(const ObjectReader& r, const std::string& key);
  std::optional<Hardware> resolve_hardware(const Given<HardwareFields>& fields,
                                           const std::string& phase, const std::string& fallback_id);
  Grid resolve_grid(const ComputeFields& f, const std::string& phase);
  ComputeBlock resolve_block(const ComputeFields& f, const std::string& phase,
                             const std::string& default_hardware);
  /// The block of one repeated unit of work (a trial, a retraining run), checked to be
  /// described one way only: as `fraction_key` of training, or by its own hours/energy.
  ComputeBlock resolve_unit_block(const ObjectReader& r, const ComputeFields& own,
                                  const std::string& phase, const std::string& fraction_key,
                                  bool has_fraction, const std::string& unit);
  /// resolve_block, but when `unused` (the phase is costed as a fraction of training) the
  /// defaults it fills are not reported: the result would list values that play no part.
  ComputeBlock resolve_block_quietly(const ComputeFields& f, const std::string& phase,
                                     const std::string& default_hardware, bool unused) {
    const std::size_t defaults = sc_.defaults_used.size();
    const std::size_t entries = sc_.catalog_entries_used.size();
    ComputeBlock b = resolve_block(f, phase, default_hardware);
    if (unused) {
      sc_.defaults_used.resize(defaults);
      sc_.catalog_entries_used.resize(entries);
    }
    return b;
  }
  void check_power_fields(const ComputeFields& f);

  void parse_training(const json& v);
  void parse_experimentation(const json& v);
  void parse_inference(const json& v);
  void parse_retraining(const json& v);
  void parse_federated(const json& v);
  void parse_data(const json& v);
  void parse_embodied(const json& v);
  void parse_uncertainty(const json& v);

  const Catalog& catalog_;
  Issues& issues_;
  Scenario& sc_;
  ComputeFields defaults_;
  int next_id_ = 0;
};

std::optional<HardwareFields> Parser::read_hardware(const ObjectReader& r, const std::string& key) {
  const json* v = r.get(key);
  if (!v) return std::nullopt;
  const std::string path = r.field_path(key);
  HardwareFields h;
  if (v->is_string()) {
    const std::string id = v->get<std::string>();
    const HardwareEntry* e = catalog_.hardware(id);
    if (!e) {
      report_unknown_id(path, "a hardware id", id, catalog_.hardware_ids());
      return std::nullopt;
    }
    h.id = e->id;
    return h;
  }
  if (!v->is_object()) {
    issues_.add("input.wrong_type", path, "must be a hardware id or an object", describe(*v));
    return std::nullopt;
  }
  ObjectReader hr(*v, path, issues_);
  hr.reject_unknown(kHardwareKeys);
  const std::size_t before = issues_.count();
  if (auto id = hr.string("id")) {
    const HardwareEntry* e = catalog_.hardware(*id);
    if (!e) {
      report_unknown_id(hr.field_path("id"), "a hardware id", *id, catalog_.hardware_ids());
    } else {
      h.id = e->id;
    }
  }
  h.name = hr.string("name").value_or("");
  h.tdp_w = quantity(hr, "tdp_w", Bounds::above_up_to(0, 100000)).value;
  h.idle_w = quantity(hr, "idle_w", Bounds::between(0, 100000)).value;
  h.embodied_kg = quantity(hr, "embodied_kg", Bounds::between(0, 1e7)).value;
  h.lifetime_years = quantity(hr, "lifetime_years", Bounds::between(0.01, 30)).value;
  h.host_embodied_kg = quantity(hr, "host_embodied_kg", Bounds::between(0, 1e7)).value;
  h.devices_per_host = hr.number("devices_per_host", Bounds::between(1, 1e6));
  if (!hr.has("id") && !hr.has("tdp_w") && hr.is_object()) {
    issues_.add("input.missing_field", hr.field_path("tdp_w"),
                "is required for custom hardware (or give a catalog \"id\")", "");
  }
  if (h.tdp_w && h.idle_w && h.idle_w->nominal() > h.tdp_w->nominal()) {
    issues_.add("input.out_of_range", hr.field_path("idle_w"),
                "must be <= tdp_w (" + format_number(h.tdp_w->nominal()) + ")",
                format_number(h.idle_w->nominal()));
  }
  if (issues_.count() != before) return std::nullopt;
  return h;
}

ComputeFields Parser::read_compute_fields(const ObjectReader& r) {
  ComputeFields f;
  f.hardware = given(r, "hardware", read_hardware(r, "hardware"));
  f.device_count = quantity(r, "device_count", Bounds::above_up_to(0, 1e8));
  f.hours = quantity(r, "hours", Bounds::between(0, 1e7));
  f.energy_kwh = quantity(r, "energy_kwh", Bounds::between(0, 1e13));
  f.static_energy_kwh = quantity(r, "static_energy_kwh", Bounds::between(0, 1e13));
  f.average_power_w = quantity(r, "average_power_w", Bounds::between(0, 1e6));
  f.utilization = quantity(r, "utilization", Bounds::between(0, 1));
  f.reserved_hours = quantity(r, "reserved_hours", Bounds::between(0, 1e7));
  f.intensity = quantity(r, "intensity_g_per_kwh", Bounds::between(0, 2000));
  f.cfe_share = quantity(r, "cfe_share", Bounds::between(0, 1));
  f.pue = quantity(r, "pue", Bounds::between(1, 5));
  f.power_source = given(r, "power_source", r.choice("power_source", {"tdp", "measured"}));
  f.grid_year = given(r, "grid_year", r.integer("grid_year", Bounds::between(1990, 2100)));
  f.grid_basis = given(r, "grid_basis", r.choice("grid_basis", {"lifecycle", "direct"}));
  f.schedule_window_hours =
      given(r, "schedule_window_hours", r.number("schedule_window_hours", Bounds::between(0, 8760)));

  f.region = read_region(r);
  if (auto dc = r.string("datacenter")) {
    const DatacenterEntry* e = catalog_.datacenter(*dc);
    if (!e) {
      report_unknown_id(r.field_path("datacenter"), "a datacenter id", *dc,
                        catalog_.datacenter_ids());
    } else {
      f.datacenter = given(r, "datacenter", std::optional<std::string>(e->id));
    }
  }
  if (auto cloud = r.string("cloud_region")) {
    const CloudRegionEntry* e = catalog_.cloud_region(*cloud);
    if (!e) {
      report_unknown_id(r.field_path("cloud_region"), "a cloud region id (e.g. \"gcp:us-central1\")",
                        *cloud, catalog_.cloud_region_ids());
    } else {
      f.cloud_region = given(r, "cloud_region", std::optional<std::string>(e->id));
    }
  }
  if (auto start = r.string("start_utc")) {
    auto hour = parse_start_utc(*start);
    if (!hour) {
      issues_.add("input.invalid_value", r.field_path("start_utc"),
                  "must be a UTC time \"YYYY-MM-DDTHH:MMZ\"", "\"" + *start + "\"");
    } else {
      f.start_utc = given(r, "start_utc", start);
      f.start_hour = given(r, "start_utc", hour);
    }
  }
  if (const json* list = r.get("energy_reduction_factors")) {
    const std::string path = r.field_path("energy_reduction_factors");
    if (!list->is_array()) {
      issues_.add("input.wrong_type", path, "must be an array of {\"name\", \"factor\"}",
                  describe(*list));
    } else {
      json kept = json::array();
      double product = 1.0;
      for (std::size_t i = 0; i < list->size(); ++i) {
        ObjectReader item((*list)[i], index_path(path, i), issues_);
        item.reject_unknown({"name", "factor"});
        auto name = item.string("name");
        auto factor = item.number("factor", Bounds::above_up_to(0, 1e9));
        if (item.is_object() && !item.has("factor")) {
          issues_.add("input.missing_field", item.field_path("factor"), "is required", "");
        }
        if (factor) {
          product *= *factor;
          kept.push_back({{"name", name.value_or("")}, {"factor", *factor}});
        }
      }
      f.reductions = given(r, "energy_reduction_factors", std::optional<json>(kept));
      f.reduction_product = product;
    }
  }
  return f;
}

void Parser::check_power_fields(const ComputeFields& f) {
  if (f.energy_kwh && f.average_power_w) {
    issues_.add("input.conflict", f.average_power_w.path,
                "cannot be given together with energy_kwh (" + f.energy_kwh.path + ")", "");
  }
  if (f.hours && f.reserved_hours && f.reserved_hours->nominal() < f.hours->nominal()) {
    issues_.add("input.out_of_range", f.reserved_hours.path,
                "must be >= hours (" + format_number(f.hours->nominal()) + ")",
                format_number(f.reserved_hours->nominal()));
  }
}

std::optional<Hardware> Parser::resolve_hardware(const Given<HardwareFields>& fields,
                                                 const std::string& phase,
                                                 const std::string& fallback_id) {
  HardwareFields f;
  if (fields) {
    f = *fields;
  } else {
    f.id = fallback_id;
    note_default(join_path(phase, "hardware"), fallback_id, "built-in default hardware");
  }
  Hardware h;
  const HardwareEntry* e = f.id.empty() ? nullptr : catalog_.hardware(f.id);
  const std::string hw_path = join_path(phase, "hardware");
  if (e) {
    note_catalog("hardware:" + e->id);
    h.id = e->id;
    h.name = f.name.empty() ? e->name : f.name;
    h.kind = e->kind;
    h.measured_avg_power_w = e->measured_avg_power_w;
  } else {
    h.name = f.name.empty() ? "custom hardware" : f.name;
    h.kind = "custom";
  }
  auto pick = [&](const std::optional<Quantity>& user, std::optional<double> from_catalog,
                  double fallback, const char* key, const std::string& fallback_source,
                  double lower, double upper) {
    if (user) return *user;
    const std::string path = join_path(hw_path, key);
    if (from_catalog) {
      note_default(path, *from_catalog, "catalog hardware:" + e->id + " (" + e->source_of(key) + ")");
      return builtin(*from_catalog, lower, upper);
    }
    note_default(path, fallback, fallback_source);
    return builtin(fallback, lower, upper);
  };
  const double tdp = e ? e->tdp_w : (f.tdp_w ? f.tdp_w->nominal() : 200.0);
  if (f.tdp_w) {
    h.tdp_w = *f.tdp_w;
  } else {
    h.tdp_w = builtin(tdp, 0, 100000);
  }
  h.idle_w = pick(f.idle_w, e ? e->idle_w : std::nullopt, 0.1 * tdp, "idle_w",
                  "estimate: 10 % of TDP (no published idle power)", 0, 100000);
  const bool accelerator = h.kind == "gpu" || h.kind == "tpu" || h.kind == "accelerator" ||
                           h.kind == "custom";
  const bool client = h.kind == "client";
  h.embodied_kg = pick(f.embodied_kg, e ? e->embodied_kg : std::nullopt,
                       accelerator ? 150.0 : (client ? 50.0 : 30.0), "embodied_kg",
                       accelerator ? "estimate: 150 kgCO2e per accelerator (Luccioni et al. 2022, "
                                     "A100; uncertain by a factor of 2)"
                                   : "estimate: no published LCA for this device",
                       0, 1e7);
  h.lifetime_years = pick(f.lifetime_years, e ? std::optional<double>(e->lifetime_years)
                                              : std::nullopt,
                          4.0, "lifetime_years", "seed 001 §III-A: 3–5 year server lifetime", 0,
                          30);
  if (client) {
    h.host_embodied_kg = f.host_embodied_kg ? *f.host_embodied_kg : builtin(0.0, 0, 1e7);
  } else {
    h.host_embodied_kg =
        pick(f.host_embodied_kg, e ? e->host_embodied_kg : std::nullopt,
             h.kind == "cpu" ? 1000.0 : 2000.0, "host_embodied_kg",
             h.kind == "cpu" ? "seed 001 §III-A: CPU-only server ≈ half of 2000 kgCO2e"
                             : "seed 001 §III-A: GPU training server ≈ 2000 kgCO2e",
             0, 1e7);
  }
  if (f.devices_per_host) {
    h.devices_per_host = *f.devices_per_host;
  } else if (e && e->devices_per_host) {
    h.devices_per_host = *e->devices_per_host;
  } else {
    h.devices_per_host = client ? 1.0 : (h.kind == "cpu" ? 2.0 : 8.0);
  }
  return h;
}

Grid Parser::resolve_grid(const ComputeFields& f, const std::string& phase) {
  Grid g;
  if (f.intensity) {
    g.intensity_g_per_kwh = *f.intensity;
    g.source = "user input (" + f.intensity.path + ")";
    return g;
  }
  const CloudRegionEntry* cloud = f.cloud_region ? catalog_.cloud_region(*f.cloud_region) : nullptr;
  if (cloud) note_catalog("cloud-region:" + cloud->id);
  const RegionEntry* region = nullptr;
  if (f.region) {
    region = catalog_.region(*f.region);
  } else if (cloud) {
    region = catalog_.region(cloud->region);
  } else {
    region = catalog_.region("WORLD");
    note_default(join_path(phase, "region"), "WORLD", "built-in default region");
  }
  if (!region) {  // the catalog lacks WORLD: a data defect, reported rather than crashing
    issues_.add("input.unknown_id", join_path(phase, "region"), "no region in catalog", "WORLD");
    g.intensity_g_per_kwh = builtin(0.0);
    return g;
  }
  note_catalog("region:" + region->id);
  g.region_id = region->id;
  // The latest value of the requested basis (life-cycle unless grid_basis says otherwise)
  // and year; without an explicit basis, fall back to the latest value of any basis.
  const std::string basis = f.grid_basis ? *f.grid_basis : "lifecycle";
  auto year_ok = [&](const IntensityValue& v) { return !f.grid_year || v.year == *f.grid_year; };
  const IntensityValue* chosen = nullptr;
  for (const auto& v : region->values) {
    if (year_ok(v) && v.basis == basis) chosen = &v;  // values are sorted by year
  }
  if (!chosen && !f.grid_basis) {
    for (const auto& v : region->values) {
      if (year_ok(v)) chosen = &v;
    }
  }
  if (!chosen) {
    std::string available;
    for (const auto& v : region->values) {
      available += (available.empty() ? "" : ", ") + std::to_string(v.year) + " " + v.basis;
    }
    const auto& culprit = f.grid_basis ? f.grid_basis.path : f.grid_year.path;
    issues_.add("input.invalid_value", culprit,
                "region " + region->id + " has values for " + available,
                f.grid_year ? std::to_string(*f.grid_year) + (f.grid_basis ? " " + basis : "")
                            : basis);
    chosen = &region->values.back();
  }
  g.year = chosen->year;
  g.intensity_g_per_kwh = builtin(chosen->intensity_g_per_kwh, 0, 2000);
  g.source = region->id + " " + std::to_string(chosen->year) + " (" + chosen->basis + "): " +
             chosen->source;
  // A provider's own figure for its region is more specific than the zone's average, unless
  // the user picked the grid region or a year explicitly.
  if (cloud && cloud->intensity_g_per_kwh && !f.region && !f.grid_year && !f.grid_basis) {
    g.year = cloud->year;
    g.intensity_g_per_kwh = builtin(*cloud->intensity_g_per_kwh, 0, 2000);
    g.source = "cloud region " + cloud->id + " " + std::to_string(cloud->year) + ": " + cloud->source;
  }
  if (!f.intensity) {
    note_default(join_path(phase, "intensity_g_per_kwh"), g.intensity_g_per_kwh.nominal(), g.source);
  }
  if (f.start_hour) {
    if (!region->hourly_profile.empty()) g.profile = catalog_.profile(region->hourly_profile);
    if (g.profile) {
      note_catalog("profile:" + g.profile->id);
    } else {
      sc_.warnings.push_back(phase + ": region " + region->id +
                             " has no hourly profile; the annual average intensity is used");
    }
  }
  return g;
}

ComputeBlock Parser::resolve_block(const ComputeFields& own, const std::string& phase,
                                   const std::string& default_hardware) {
  ComputeFields f = defaults_.merged_under(own);
  ComputeBlock b;
  b.path = phase;
  if (auto hw = resolve_hardware(f.hardware, phase, default_hardware)) b.hardware = *hw;
  if (f.device_count) {
    b.device_count = *f.device_count;
  } else {
    b.device_count = builtin(1.0, 0, 1e8);
  }
  if (f.hours) b.hours = *f.hours;
  if (f.energy_kwh) b.energy_kwh = *f.energy_kwh;
  if (f.static_energy_kwh) b.static_energy_kwh = *f.static_energy_kwh;
  if (f.average_power_w) b.average_power_w = *f.average_power_w;
  if (f.reserved_hours) b.reserved_hours = *f.reserved_hours;
  b.measured_power = f.power_source && *f.power_source == "measured";
  if (b.measured_power && !b.hardware.measured_avg_power_w && !f.average_power_w) {
    issues_.add("input.invalid_value", f.power_source.path,
                "hardware " + b.hardware.id + " has no measured average power in the catalog",
                "\"measured\"");
  }
  const bool uses_utilization = !f.energy_kwh && !f.average_power_w && !b.measured_power;
  if (f.utilization) {
    b.utilization = *f.utilization;
  } else {
    b.utilization = builtin(0.5, 0, 1);
    if (uses_utilization) {
      note_default(join_path(phase, "utilization"), 0.5,
                   "estimate: seed 001 §III-D reports 30–60 % average accelerator utilization");
    }
  }
  b.grid = resolve_grid(f, phase);
  const CloudRegionEntry* cloud = f.cloud_region ? catalog_.cloud_region(*f.cloud_region) : nullptr;
  if (f.cfe_share) {
    b.cfe_share = *f.cfe_share;
  } else if (cloud && cloud->cfe_share) {
    b.cfe_share = builtin(*cloud->cfe_share, 0, 1);
    note_default(join_path(phase, "cfe_share"), *cloud->cfe_share,
                 "cloud region " + cloud->id + " " + std::to_string(cloud->year) +
                     " carbon-free energy share: " + cloud->source);
  } else {
    b.cfe_share = builtin(0.0, 0, 1);
  }
  if (f.pue) {
    b.pue = *f.pue;
  } else if (cloud && !f.datacenter) {
    b.pue = builtin(cloud->pue, 1, 5);
    note_default(join_path(phase, "pue"), cloud->pue,
                 "cloud region " + cloud->id + ": " + cloud->source);
  } else {
    const std::string dc_id = f.datacenter ? *f.datacenter : "typical";
    const DatacenterEntry* dc = catalog_.datacenter(dc_id);
    const double pue = dc ? dc->pue : 1.56;
    b.pue = builtin(pue, 1, 5);
    if (dc) note_catalog("datacenter:" + dc->id);
    note_default(join_path(phase, "pue"), pue,
                 dc ? "datacenter " + dc->id + ": " + dc->source : "built-in");
  }
  if (f.start_hour) {
    b.start_hour_of_year = *f.start_hour;
    b.start_utc = *f.start_utc;
  }
  if (f.schedule_window_hours) b.schedule_window_hours = *f.schedule_window_hours;
  b.energy_reduction = f.reduction_product;
  if (f.reductions) b.reductions = *f.reductions;
  check_power_fields(f);
  return b;
}

ComputeBlock Parser::resolve_unit_block(const ObjectReader& r, const ComputeFields& own,
                                        const std::string& phase,
                                        const std::string& fraction_key, bool has_fraction,
                                        const std::string& unit) {
  ComputeBlock b = resolve_block_quietly(own, phase, "generic-gpu",
                                         has_fraction && !own.work_written());
  if (has_fraction) {
    if (own.work_written()) {
      issues_.add("input.conflict", join_path(phase, fraction_key),
                  "cannot be given with per-" + unit + " hours or energy_kwh", "");
    }
  } else if (!defaults_.merged_under(own).work_written() && r.is_object()) {
    issues_.add("input.missing_field", join_path(phase, "hours"),
                "is required per " + unit + " (or energy_kwh, or " + fraction_key + ")", "");
  }
  return b;
}

void Parser::parse_training(const json& v) {
  ObjectReader r(v, "training", issues_);
  r.reject_unknown(concat(kComputeKeys, {"epochs", "samples", "energy_per_sample_kwh",
                                         "overhead_factor"}));
  TrainingPhase t;
  ComputeFields own = read_compute_fields(r);
  t.epochs = quantity(r, "epochs", Bounds::above_up_to(0, 1e9)).value;
  t.samples = quantity(r, "samples", Bounds::above_up_to(0, 1e15)).value;
  t.energy_per_sample_kwh = quantity(r, "energy_per_sample_kwh", Bounds::above_up_to(0, 1e6)).value;
  t.overhead_factor = quantity(r, "overhead_factor", Bounds::between(1, 1000)).value;
  const bool per_sample = r.has("epochs") || r.has("samples") || r.has("energy_per_sample_kwh") ||
                          r.has("overhead_factor");
  if (per_sample) {
    for (const char* key : {"epochs", "samples", "energy_per_sample_kwh"}) {
      if (!r.has(key)) {
        issues_.add("input.missing_field", r.field_path(key),
                    "is required with the per-sample form (epochs, samples, "
                    "energy_per_sample_kwh)",
                    "");
      }
    }
    if (own.energy_kwh) {
      issues_.add("input.conflict", own.energy_kwh.path,
                  "cannot be given together with the per-sample form", "");
    }
    if (!t.overhead_factor) {
      t.overhead_factor = builtin(5.0, 1, 1000);
      note_default("training.overhead_factor", 5.0,
                   "seed 003 §4.3: training overhead ≈ 80 % of training energy, θ ≈ 5");
    }
  }
  t.block = resolve_block(own, "training", "generic-gpu");
  if (!per_sample && !defaults_.merged_under(own).work_written() && r.is_object()) {
    issues_.add("input.missing_field", "training.hours",
                "is required (or energy_kwh, or epochs + samples + energy_per_sample_kwh)", "");
  }
  sc_.training = std::move(t);
}

void Parser::parse_experimentation(const json& v) {
  ObjectReader r(v, "experimentation", issues_);
  r.reject_unknown(concat(kComputeKeys, {"search", "grid_values", "trials",
                                         "trial_fraction_of_training"}));
  ExperimentationPhase x;
  ComputeFields own = read_compute_fields(r);
  x.search = r.has("search")
                 ? r.choice("search", {"grid", "random", "bayesian", "manual"}).value_or("random")
                 : "random";
  if (!r.has("search")) note_default("experimentation.search", "random", "built-in default");
  auto trials = quantity(r, "trials", Bounds::above_up_to(0, 1e9));
  if (x.search == "grid") {
    const json* grid = r.get("grid_values");
    if (!grid) {
      if (trials) {
        x.trials = trials.value;
      } else if (r.is_object()) {
        issues_.add("input.missing_field", "experimentation.grid_values",
                    "is required for a grid search (values per hyper-parameter)", "");
      }
    } else if (!grid->is_array() || grid->empty()) {
      issues_.add("input.wrong_type", "experimentation.grid_values",
                  "must be a non-empty array of counts", describe(*grid));
    } else {
      double h = 1.0;
      bool good = true;
      for (std::size_t i = 0; i < grid->size(); ++i) {
        auto n = read_number((*grid)[i], index_path("experimentation.grid_values", i),
                             Bounds::between(1, 1e6), issues_);
        if (n && std::floor(*n) != *n) {
          issues_.add("input.wrong_type", index_path("experimentation.grid_values", i),
                      "must be an integer", format_number(*n));
          n.reset();
        }
        good = good && n.has_value();
        if (n) h *= *n;
      }
      if (good) x.trials = builtin(h, 0, 1e18);
      if (good && trials) {
        issues_.add("input.conflict", trials.path, "cannot be given with grid_values", "");
      }
    }
  } else {
    if (r.has("grid_values")) {
      issues_.add("input.conflict", "experimentation.grid_values",
                  "only applies to search \"grid\"", "\"" + x.search + "\"");
    }
    if (trials) {
      x.trials = trials.value;
    } else if (r.is_object() && !r.has("trials")) {
      issues_.add("input.missing_field", "experimentation.trials",
                  "is required for a " + x.search + " search", "");
    }
  }
  x.trial_fraction_of_training =
      quantity(r, "trial_fraction_of_training", Bounds::above_up_to(0, 1000)).value;
  x.block = resolve_unit_block(r, own, "experimentation", "trial_fraction_of_training",
                               x.trial_fraction_of_training.has_value(), "trial");
  sc_.experimentation = std::move(x);
}

void Parser::parse_inference(const json& v) {
  ObjectReader r(v, "inference", issues_);
  r.reject_unknown(concat(kComputeKeys, {"energy_per_inference_wh", "queries_per_second",
                                         "inferences", "deployment_days"}));
  InferencePhase p;
  ComputeFields own = read_compute_fields(r);
  p.energy_per_inference_wh =
      quantity(r, "energy_per_inference_wh", Bounds::between(0, 1e9)).value;
  auto qps = quantity(r, "queries_per_second", Bounds::between(0, 1e12));
  auto count = quantity(r, "inferences", Bounds::between(0, 1e18));
  p.queries_per_second = qps.value;
  p.inferences = count.value;
  auto days = quantity(r, "deployment_days", Bounds::above_up_to(0, 36500));
  if (days) {
    p.deployment_days = *days;
  } else {
    p.deployment_days = builtin(365.0, 0, 36500);
    note_default("inference.deployment_days", 365.0, "built-in default: one year of serving");
  }
  p.device_count_given = own.device_count || defaults_.device_count;
  const bool per_query = r.has("energy_per_inference_wh");
  if (per_query) {
    if (!r.has("queries_per_second") && !r.has("inferences")) {
      issues_.add("input.missing_field", "inference.queries_per_second",
                  "is required with energy_per_inference_wh (or inferences)", "");
    }
    if (qps && count) {
      issues_.add("input.conflict", count.path, "cannot be given with queries_per_second", "");
    }
    if (own.energy_kwh) {
      issues_.add("input.conflict", own.energy_kwh.path,
                  "cannot be given with energy_per_inference_wh", "");
    }
  } else if (r.has("queries_per_second") || r.has("inferences")) {
    issues_.add("input.missing_field", "inference.energy_per_inference_wh",
                "is required with queries_per_second or inferences", "");
  }
  p.block = resolve_block(own, "inference", "generic-gpu");
  if (!p.block.hours && !p.block.energy_kwh && (!per_query || p.device_count_given)) {
    // The fleet serves (and is reserved) for the whole deployment unless told otherwise.
    note_default("inference.hours", p.deployment_days.nominal() * 24.0,
                 "deployment_days × 24: the fleet serves the whole deployment");
  }
  if (per_query && !p.device_count_given) {
    sc_.warnings.push_back(
        "inference: no device_count, so the serving fleet's embodied carbon is not counted");
  }
  sc_.inference = std::move(p);
}

void Parser::parse_retraining(const json& v) {
  ObjectReader r(v, "retraining", issues_);
  r.reject_unknown(concat(kComputeKeys, {"every_days", "runs", "deployment_days",
                                         "fraction_of_training"}));
  RetrainingPhase p;
  ComputeFields own = read_compute_fields(r);
  auto every = quantity(r, "every_days", Bounds::above_up_to(0, 36500));
  auto runs = quantity(r, "runs", Bounds::between(0, 1e9));
  p.every_days = every.value;
  p.runs = runs.value;
  p.fraction_of_training = quantity(r, "fraction_of_training", Bounds::above_up_to(0, 1000)).value;
  auto days = quantity(r, "deployment_days", Bounds::above_up_to(0, 36500));
  if (every && runs) {
    issues_.add("input.conflict", runs.path, "cannot be given with every_days", "");
  }
  if (!r.has("every_days") && !r.has("runs") && r.is_object()) {
    issues_.add("input.missing_field", "retraining.every_days",
                "is required (a cadence in days, or runs)", "");
  }
  if (days) {
    p.deployment_days = *days;
  } else {
    p.deployment_days = builtin(365.0, 0, 36500);
    if (every) {
      note_default("retraining.deployment_days", 365.0,
                   "the inference phase's deployment_days, else one year");
    }
  }
  p.block = resolve_unit_block(r, own, "retraining", "fraction_of_training",
                               p.fraction_of_training.has_value(), "run");
  sc_.retraining = std::move(p);
}

void Parser::parse_federated(const json& v) {
  ObjectReader r(v, "federated", issues_);
  r.reject_unknown({"clients", "rounds", "compute_hours_per_round",
                    "communication_hours_per_round", "device_power_w", "router_power_w", "device",
                    "region", "grid_year", "grid_basis", "intensity_g_per_kwh", "cfe_share"});
  FederatedPhase p;
  auto required = [&](const char* key, const Bounds& b) {
    auto g = quantity(r, key, b);
    if (!r.has(key) && r.is_object()) {
      issues_.add("input.missing_field", r.field_path(key), "is required", "");
    }
    return g.value.value_or(builtin(0.0));
  };
  p.clients = required("clients", Bounds::above_up_to(0, 1e12));
  p.compute_hours_per_round = required("compute_hours_per_round", Bounds::between(0, 1e6));
  auto with_default = [&](const char* key, const Bounds& b, double fallback,
                          const std::string& source) {
    auto g = quantity(r, key, b);
    if (g) return *g;
    note_default(r.field_path(key), fallback, source);
    return builtin(fallback, b.lower, b.upper);
  };
  p.rounds = with_default("rounds", Bounds::above_up_to(0, 1e9), 1.0, "built-in default");
  p.communication_hours_per_round = with_default("communication_hours_per_round",
                                                 Bounds::between(0, 1e6), 0.0, "built-in default");
  p.device_power_w = with_default("device_power_w", Bounds::between(0, 1e4), 3.0,
                                  "seed 001 App. B: device power 3 W");
  p.router_power_w = with_default("router_power_w", Bounds::between(0, 1e4), 7.5,
                                  "seed 001 App. B: router power 7.5 W");
  ComputeFields grid_fields;
  grid_fields.hardware = given(r, "device", read_hardware(r, "device"));
  grid_fields.intensity = quantity(r, "intensity_g_per_kwh", Bounds::between(0, 2000));
  grid_fields.cfe_share = quantity(r, "cfe_share", Bounds::between(0, 1));
  grid_fields.grid_year = given(r, "grid_year", r.integer("grid_year", Bounds::between(1990, 2100)));
  grid_fields.grid_basis = given(r, "grid_basis", r.choice("grid_basis", {"lifecycle", "direct"}));
  grid_fields.region = read_region(r);
  ComputeFields inherited;  // only the grid comes from `defaults`; hardware does not
  inherited.region = defaults_.region;
  inherited.intensity = defaults_.intensity;
  inherited.cfe_share = defaults_.cfe_share;
  inherited.grid_year = defaults_.grid_year;
  inherited.grid_basis = defaults_.grid_basis;
  ComputeFields f = inherited.merged_under(grid_fields);
  if (auto hw = resolve_hardware(f.hardware, "federated.device", "smartphone")) p.device = *hw;
  p.grid = resolve_grid(f, "federated");
  p.cfe_share = f.cfe_share ? *f.cfe_share : builtin(0.0, 0, 1);
  sc_.federated = std::move(p);
}

void Parser::parse_data(const json& v) {
  ObjectReader r(v, "data", issues_);
  r.reject_unknown(concat(kComputeKeys, {"storage_tb", "storage_days", "storage_medium",
                                         "replication_factor"}));
  DataPhase p;
  ComputeFields own = read_compute_fields(r);
  auto tb = quantity(r, "storage_tb", Bounds::between(0, 1e9));
  auto days = quantity(r, "storage_days", Bounds::between(0, 36500));
  auto replication = quantity(r, "replication_factor", Bounds::between(1, 100));
  p.storage_medium = r.has("storage_medium") ? r.choice("storage_medium", {"ssd", "hdd"}).value_or("ssd")
                                              : "ssd";
  // Cloud Carbon Footprint methodology: SSD 1.2 Wh/TB·h, HDD 0.65 Wh/TB·h (2020 figures).
  p.storage_wh_per_tb_hour = p.storage_medium == "hdd" ? 0.65 : 1.2;
  p.storage_tb = tb.value.value_or(builtin(0.0));
  p.storage_days = days.value.value_or(builtin(0.0));
  p.replication_factor = replication.value.value_or(builtin(1.0, 1, 100));
  if (tb && !days) {
    issues_.add("input.missing_field", "data.storage_days", "is required with storage_tb", "");
  }
  if (days && !tb) {
    issues_.add("input.missing_field", "data.storage_tb", "is required with storage_days", "");
  }
  if (tb) {
    note_default("data.storage_wh_per_tb_hour", p.storage_wh_per_tb_hour,
                 "Cloud Carbon Footprint methodology (" + p.storage_medium + ")");
  }
  p.has_compute = defaults_.merged_under(own).work_written();
  const std::size_t defaults_before = sc_.defaults_used.size();
  const std::size_t entries_before = sc_.catalog_entries_used.size();
  p.block = resolve_block(own, "data", "generic-cpu");
  if (!p.has_compute) {
    // Storage only: PUE and grid apply, the pre-processing hardware does not.
    auto hardware_default = [](const DefaultUsed& d) {
      return d.path.rfind("data.hardware", 0) == 0 || d.path == "data.utilization";
    };
    sc_.defaults_used.erase(std::remove_if(sc_.defaults_used.begin() + static_cast<long>(defaults_before),
                                           sc_.defaults_used.end(), hardware_default),
                            sc_.defaults_used.end());
    sc_.catalog_entries_used.erase(
        std::remove_if(sc_.catalog_entries_used.begin() + static_cast<long>(entries_before),
                       sc_.catalog_entries_used.end(),
                       [](const std::string& e) { return e.rfind("hardware:", 0) == 0; }),
        sc_.catalog_entries_used.end());
  }
  if (!tb && !days && !p.has_compute && r.is_object()) {
    issues_.add("input.missing_field", "data.storage_tb",
                "is required (storage), or pre-processing hours or energy_kwh", "");
  }
  sc_.data = std::move(p);
}

void Parser::parse_embodied(const json& v) {
  ObjectReader r(v, "embodied", issues_);
  r.reject_unknown({"attribution", "lifetime_utilization"});
  if (r.has("attribution")) {
    sc_.embodied.attribution =
        r.choice("attribution", {"runtime", "utilization_adjusted", "none"}).value_or("runtime");
  }
  auto u = quantity(r, "lifetime_utilization", Bounds::between(0.01, 1));
  if (u) {
    sc_.embodied.lifetime_utilization = *u;
  } else {
    sc_.embodied.lifetime_utilization = builtin(0.5, 0, 1);
    if (sc_.embodied.attribution == "utilization_adjusted") {
      note_default("embodied.lifetime_utilization", 0.5,
                   "seed 001 §III-A: 30–60 % average server utilization over its life");
    }
  }
}

void Parser::parse_uncertainty(const json& v) {
  ObjectReader r(v, "uncertainty", issues_);
  r.reject_unknown({"samples", "seed"});
  if (auto n = r.integer("samples", Bounds::between(limits::kMinUncertaintySamples, limits::kMaxUncertaintySamples))) sc_.samples = static_cast<int>(*n);
  if (auto s = r.integer("seed", Bounds::between(0, 9007199254740991.0))) {
    sc_.seed = static_cast<std::uint64_t>(*s);
  }
}

void Parser::parse(const json& doc) {
  ObjectReader top(doc, "", issues_);
  if (!top.is_object()) return;
  top.reject_unknown(concat({"schema_version", "name", "defaults", "embodied", "uncertainty"},
                            kPhaseKeys));
  if (!top.has("schema_version")) {
    issues_.add("input.missing_field", "schema_version", "is required (use 1)", "");
  } else if (auto version = top.integer("schema_version", Bounds::between(-1e15, 1e15))) {
    if (*version != kSchemaVersion) {
      issues_.add("input.unsupported_version", "schema_version",
                  "must be " + std::to_string(kSchemaVersion), std::to_string(*version));
    }
  }
  sc_.name = top.string("name").value_or("");
  if (const json* d = top.get("defaults")) {
    ObjectReader r(*d, "defaults", issues_);
    r.reject_unknown(kComputeKeys);
    defaults_ = read_compute_fields(r);
  }
  if (const json* e = top.get("embodied")) parse_embodied(*e);
  if (const json* u = top.get("uncertainty")) parse_uncertainty(*u);

  bool any_phase = false;
  for (const auto& key : kPhaseKeys) any_phase = any_phase || top.has(key);
  if (!any_phase) {
    issues_.add("input.empty_scenario", "",
                "must describe at least one phase (data, experimentation, training, inference, "
                "retraining, federated)",
                "");
    return;
  }
  // Training first: experimentation and retraining may be fractions of it.
  if (const json* v = top.get("training")) parse_training(*v);
  if (const json* v = top.get("data")) parse_data(*v);
  if (const json* v = top.get("experimentation")) parse_experimentation(*v);
  if (const json* v = top.get("inference")) parse_inference(*v);
  if (const json* v = top.get("retraining")) parse_retraining(*v);
  if (const json* v = top.get("federated")) parse_federated(*v);

  if (sc_.experimentation && sc_.experimentation->trial_fraction_of_training && !sc_.training) {
    issues_.add("input.missing_field", "training",
                "is required by experimentation.trial_fraction_of_training", "");
  }
  if (sc_.retraining && sc_.retraining->fraction_of_training && !sc_.training) {
    issues_.add("input.missing_field", "training",
                "is required by retraining.fraction_of_training", "");
  }
  if (sc_.retraining && sc_.inference && !top.get("retraining")->contains("deployment_days")) {
    sc_.retraining->deployment_days = sc_.inference->deployment_days;
  }
}

}  // namespace

std::optional<double> parse_start_utc(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail[4] = {0};
  int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%3s", &year, &month, &day, &hour,
                      &minute, &second, tail);
  if (n != 7) {
    second = 0;
    tail[0] = 0;
    n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%3s", &year, &month, &day, &hour, &minute,
                    tail);
    if (n != 6) return std::nullopt;
  }
  if (std::string(tail) != "Z") return std::nullopt;
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1970 || year > 2100 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const int month_days = kDays[month - 1] + ((month == 2 && leap) ? 1 : 0);
  if (day > month_days || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  if (month == 2 && day == 29) day = 28;  // profiles are non-leap years of 8760 hours
  int day_of_year = day - 1;
  for (int m = 0; m < month - 1; ++m) day_of_year += kDays[m];
  return day_of_year * 24.0 + hour + minute / 60.0 + second / 3600.0;
}

std::optional<Scenario> parse_scenario(const json& doc, const Catalog& catalog, Issues& issues) {
  Scenario scenario;
  const std::size_t before = issues.count();
  Parser(catalog, issues, scenario).parse(doc);
  if (issues.count() != before) return std::nullopt;
  return scenario;
}

}  // namespace greenfront
