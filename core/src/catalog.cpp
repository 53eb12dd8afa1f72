#include "greenfront/catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "greenfront/embedded_data.h"

namespace greenfront {

using nlohmann::json;

namespace {

// The data files are ours, checked by tests: a malformed one is a build defect, so it
// throws with the file and entry named instead of returning user-facing issues.
[[noreturn]] void fail(const std::string& file, const std::string& id, const std::string& what) {
  throw std::runtime_error("catalog " + file + (id.empty() ? "" : " entry " + id) + ": " + what);
}

const json& entries_of(const json& doc, const std::string& file) {
  if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
    fail(file, "", "expected an object with an \"entries\" array");
  }
  return doc["entries"];
}

std::string str(const json& e, const char* key, const std::string& file,
                bool required = true) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_string()) {
    if (required) fail(file, e.value("id", ""), std::string("missing string ") + key);
    return "";
  }
  return it->get<std::string>();
}

double num(const json& e, const char* key, const std::string& file) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_number()) {
    fail(file, e.value("id", ""), std::string("missing number ") + key);
  }
  return it->get<double>();
}

std::optional<double> opt_num(const json& e, const char* key) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::vector<std::string> aliases(const json& e) {
  std::vector<std::string> out;
  auto it = e.find("aliases");
  if (it != e.end() && it->is_array()) {
    for (const auto& a : *it) {
      if (a.is_string()) out.push_back(a.get<std::string>());
    }
  }
  return out;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ci(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

template <typename Entry>
const Entry* find_entry(const std::vector<Entry>& entries, const std::string& key) {
  for (const auto& e : entries) {
    if (e.id == key) return &e;
  }
  for (const auto& e : entries) {
    if (equal_ci(e.id, key)) return &e;
    for (const auto& a : e.aliases) {
      if (equal_ci(a, key)) return &e;
    }
  }
  return nullptr;
}

template <typename Entry>
std::vector<std::string> ids_of(const std::vector<Entry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

IntensityValue read_value(const json& v, const std::string& file) {
  IntensityValue iv;
  iv.year = static_cast<int>(num(v, "year", file));
  iv.intensity_g_per_kwh = num(v, "intensity_g_per_kwh", file);
  iv.basis = str(v, "basis", file, false);
  iv.renewable_share = opt_num(v, "renewable_share");
  iv.low_carbon_share = opt_num(v, "low_carbon_share");
  iv.source = str(v, "source", file);
  iv.licence = str(v, "licence", file);
  return iv;
}

json parse_file(const std::map<std::string, std::string>& files, const std::string& name) {
  auto it = files.find(name);
  if (it == files.end()) fail(name, "", "file missing");
  try {
    return json::parse(it->second);
  } catch (const json::exception& e) {
    fail(name, "", e.what());
  }
}

}  // namespace

Catalog Catalog::from_json_texts(const std::map<std::string, std::string>& files) {
  Catalog c;
  const json manifest = parse_file(files, "manifest.json");
  c.data_version_ = manifest.value("data_version", "unknown");

  const std::string hw_file = "hardware.json";
  // Keep the parsed document alive for the loop: entries_of returns a reference into it.
  const json hw_doc = parse_file(files, hw_file);
  for (const auto& e : entries_of(hw_doc, hw_file)) {
    HardwareEntry h;
    h.id = str(e, "id", hw_file);
    h.name = str(e, "name", hw_file);
    h.kind = str(e, "kind", hw_file);
    h.tdp_w = num(e, "tdp_w", hw_file);
    h.idle_w = opt_num(e, "idle_w");
    h.measured_avg_power_w = opt_num(e, "measured_avg_power_w");
    h.embodied_kg = opt_num(e, "embodied_kg");
    h.lifetime_years = opt_num(e, "lifetime_years").value_or(4.0);
    h.host_embodied_kg = opt_num(e, "host_embodied_kg");
    h.devices_per_host = opt_num(e, "devices_per_host");
    h.aliases = aliases(e);
    if (auto fs = e.find("field_sources"); fs != e.end() && fs->is_object()) {
      for (auto it = fs->begin(); it != fs->end(); ++it) {
        if (it->is_string()) h.field_sources[it.key()] = it->get<std::string>();
      }
    }
    h.source = str(e, "source", hw_file);
    h.licence = str(e, "licence", hw_file);
    c.hardware_.push_back(std::move(h));
  }

  const std::string region_file = "regions.json";
  // Keep the parsed document alive for the loop: entries_of returns a reference into it.
  const json region_doc = parse_file(files, region_file);
  for (const auto& e : entries_of(region_doc, region_file)) {
    RegionEntry r;
    r.id = str(e, "id", region_file);
    r.name = str(e, "name", region_file);
    r.kind = str(e, "kind", region_file);
    r.hourly_profile = str(e, "hourly_profile", region_file, false);
    r.aliases = aliases(e);
    if (!e.contains("values") || !e["values"].is_array() || e["values"].empty()) {
      fail(region_file, r.id, "needs a non-empty \"values\" array");
    }
    for (const auto& v : e["values"]) r.values.push_back(read_value(v, region_file));
    std::stable_sort(r.values.begin(), r.values.end(),
                     [](const IntensityValue& a, const IntensityValue& b) { return a.year < b.year; });
    c.regions_.push_back(std::move(r));
  }

  // regions-*.json add values to existing regions, kept in their own files because their
  // licence differs (e.g. ODbL share-alike data).
  for (const auto& [name, text] : files) {
    if (name.rfind("regions-", 0) != 0) continue;
    const json extra_doc = parse_file(files, name);
    for (const auto& e : entries_of(extra_doc, name)) {
      const std::string id = str(e, "id", name);
      auto target = std::find_if(c.regions_.begin(), c.regions_.end(),
                                 [&](const RegionEntry& r) { return r.id == id; });
      if (target == c.regions_.end()) fail(name, id, "adds values to an unknown region");
      if (!e.contains("values") || !e["values"].is_array()) fail(name, id, "needs \"values\"");
      for (const auto& v : e["values"]) target->values.push_back(read_value(v, name));
      std::stable_sort(target->values.begin(), target->values.end(),
                       [](const IntensityValue& a, const IntensityValue& b) { return a.year < b.year; });
    }
  }

  const std::string dc_file = "datacenters.json";
  // Keep the parsed document alive for the loop: entries_of returns a reference into it.
  const json dc_doc = parse_file(files, dc_file);
  for (const auto& e : entries_of(dc_doc, dc_file)) {
    DatacenterEntry d;
    d.id = str(e, "id", dc_file);
    d.name = str(e, "name", dc_file);
    d.pue = num(e, "pue", dc_file);
    d.source = str(e, "source", dc_file);
    d.licence = str(e, "licence", dc_file);
    c.datacenters_.push_back(std::move(d));
  }

  const std::string eq_file = "equivalences.json";
  // Keep the parsed document alive for the loop: entries_of returns a reference into it.
  const json eq_doc = parse_file(files, eq_file);
  for (const auto& e : entries_of(eq_doc, eq_file)) {
    EquivalenceEntry q;
    q.id = str(e, "id", eq_file);
    q.label = str(e, "label", eq_file);
    q.unit = str(e, "unit", eq_file);
    q.kg_per_unit = num(e, "kg_per_unit", eq_file);
    q.source = str(e, "source", eq_file);
    q.licence = str(e, "licence", eq_file);
    c.equivalences_.push_back(std::move(q));
  }

  // Optional: a catalog without cloud regions is still complete.
  const std::string cloud_file = "cloud-regions.json";
  if (files.count(cloud_file) != 0) {
    const json cloud_doc = parse_file(files, cloud_file);
    for (const auto& e : entries_of(cloud_doc, cloud_file)) {
      CloudRegionEntry r;
      r.id = str(e, "id", cloud_file);
      r.provider = str(e, "provider", cloud_file);
      r.name = str(e, "name", cloud_file);
      r.region = str(e, "region", cloud_file);
      r.pue = num(e, "pue", cloud_file);
      r.cfe_share = opt_num(e, "cfe_share");
      r.intensity_g_per_kwh = opt_num(e, "intensity_g_per_kwh");
      r.year = static_cast<int>(opt_num(e, "year").value_or(0));
      r.source = str(e, "source", cloud_file);
      r.licence = str(e, "licence", cloud_file);
      c.cloud_regions_.push_back(std::move(r));
    }
  }

  for (const auto& [name, text] : files) {
    if (name.rfind("profiles/", 0) != 0) continue;
    const json doc = parse_file(files, name);
    HourlyProfile p;
    p.id = str(doc, "id", name);
    p.zone = str(doc, "zone", name, false);
    p.year = static_cast<int>(num(doc, "year", name));
    p.source = str(doc, "source", name);
    p.licence = str(doc, "licence", name);
    if (!doc.contains("intensity_g_per_kwh") || !doc["intensity_g_per_kwh"].is_array()) {
      fail(name, p.id, "needs an intensity_g_per_kwh array");
    }
    std::vector<double> values;
    for (const auto& v : doc["intensity_g_per_kwh"]) values.push_back(v.get<double>());
    p.encoding = str(doc, "encoding", name, false);
    if (p.encoding.empty()) p.encoding = "hourly-year";
    if (p.encoding == "hourly-year") {
      if (values.size() != 8760) fail(name, p.id, "hourly-year needs 8760 values");
      p.intensity_g_per_kwh = std::move(values);
    } else if (p.encoding == "monthly-typical-day") {
      if (values.size() != 288) fail(name, p.id, "monthly-typical-day needs 12 x 24 values");
      static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      p.intensity_g_per_kwh.reserve(8760);
      for (int month = 0; month < 12; ++month) {
        for (int day = 0; day < kDays[month]; ++day) {
          for (int hour = 0; hour < 24; ++hour) {
            p.intensity_g_per_kwh.push_back(values[static_cast<std::size_t>(month * 24 + hour)]);
          }
        }
      }
    } else {
      fail(name, p.id, "unknown encoding " + p.encoding);
    }
    c.profiles_.push_back(std::move(p));
  }
  return c;
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = from_json_texts(embedded_data_files());
  return catalog;
}

const HardwareEntry* Catalog::hardware(const std::string& key) const {
  return find_entry(hardware_, key);
}
const RegionEntry* Catalog::region(const std::string& key) const {
  return find_entry(regions_, key);
}
const HourlyProfile* Catalog::profile(const std::string& id) const {
  for (const auto& p : profiles_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}
const DatacenterEntry* Catalog::datacenter(const std::string& id) const {
  for (const auto& d : datacenters_) {
    if (equal_ci(d.id, id)) return &d;
  }
  return nullptr;
}

const CloudRegionEntry* Catalog::cloud_region(const std::string& id) const {
  for (const auto& r : cloud_regions_) {
    if (equal_ci(r.id, id)) return &r;
  }
  return nullptr;
}

std::vector<std::string> Catalog::hardware_ids() const { return ids_of(hardware_); }
std::vector<std::string> Catalog::cloud_region_ids() const { return ids_of(cloud_regions_); }
std::vector<std::string> Catalog::region_ids() const { return ids_of(regions_); }
std::vector<std::string> Catalog::datacenter_ids() const { return ids_of(datacenters_); }

}  // namespace greenfront
