#include "greenfront/catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "ascii.h"
#include "catalog_regions.h"
#include "catalog_rows.h"

namespace greenfront {

using nlohmann::json;

namespace {

// The data files are ours, checked by tests: a malformed one is a build defect, so it
// throws with the file and entry named instead of returning user-facing issues.
[[noreturn]] void fail(const std::string& file, const std::string& id, const std::string& what) {
  detail::catalog_error(file, id, what);
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

using ascii::equal_ci;

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

// A file's "sources" table: citations that several entries or values share, by key. An
// entry or value names one with "source_ref" instead of carrying "source" and "licence".
struct Citation {
  std::string source;
  std::string licence;
};
using SourceTable = std::map<std::string, Citation, std::less<>>;

SourceTable sources_of(const json& doc, const std::string& file) {
  SourceTable out;
  auto it = doc.find("sources");
  if (it == doc.end()) return out;
  if (!it->is_object()) fail(file, "", "\"sources\" must be an object");
  for (auto s = it->begin(); s != it->end(); ++s) {
    if (!s->is_object()) fail(file, "", "sources." + s.key() + " must be an object");
    out[s.key()] = Citation{str(*s, "source", file), str(*s, "licence", file)};
  }
  return out;
}

// The citation of `e` (an entry or a value of entry `entry_id`): its own source/licence, or
// the sources table's entry named by its source_ref (a dangling reference is an error).
void read_citation(const json& e, const SourceTable& sources, const std::string& file,
                   const std::string& entry_id, std::string& source, std::string& licence) {
  auto ref = e.find("source_ref");
  if (ref == e.end()) {
    source = str(e, "source", file);
    licence = str(e, "licence", file);
    return;
  }
  if (!ref->is_string()) fail(file, entry_id, "source_ref must be a string");
  const auto& key = ref->get_ref<const std::string&>();
  auto it = sources.find(key);
  if (it == sources.end()) fail(file, entry_id, "unknown source_ref \"" + key + "\"");
  source = it->second.source;
  licence = it->second.licence;
}

json parse_text(const std::string& name, const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    fail(name, "", e.what());
  }
}

json parse_file(const std::map<std::string, std::string>& files, const std::string& name) {
  auto it = files.find(name);
  if (it == files.end()) fail(name, "", "file missing");
  return parse_text(name, it->second);
}

// One hourly profile file ("profiles/<id>.json"), expanded to 8760 hourly values.
HourlyProfile read_profile(const std::string& name, const std::string& text) {
  const json doc = parse_text(name, text);
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
  return p;
}

}  // namespace

// The hourly profiles, parsed at the first call of profiles() or profile(): they are a
// quarter of the catalog's parse and only hourly scenarios and the profiles listing need them.
struct Catalog::LazyProfiles {
  std::map<std::string, std::string> texts;  // "profiles/<id>.json" -> JSON text
  std::once_flag parsed_once;
  std::vector<HourlyProfile> parsed;
};

const std::vector<HourlyProfile>& Catalog::profiles() const {
  static const std::vector<HourlyProfile> kNone;
  if (!profiles_) return kNone;  // a default-constructed catalog
  std::call_once(profiles_->parsed_once, [this] {
    std::vector<HourlyProfile> parsed;
    for (const auto& [name, text] : profiles_->texts) parsed.push_back(read_profile(name, text));
    profiles_->parsed = std::move(parsed);
  });
  return profiles_->parsed;
}

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

  // The region files are the largest: read without building a JSON document.
  const auto by_year = [](const IntensityValue& a, const IntensityValue& b) {
    return a.year < b.year;
  };
  const std::string region_file = "regions.json";
  const auto region_text = files.find(region_file);
  if (region_text == files.end()) fail(region_file, "", "file missing");
  c.regions_ =
      detail::read_regions_file(region_file, region_text->second, detail::RegionsFormat::kRegions);
  for (auto& r : c.regions_) std::stable_sort(r.values.begin(), r.values.end(), by_year);

  // regions-*.json add values to existing regions, kept in their own files because their
  // licence differs (e.g. ODbL share-alike data).
  for (const auto& [name, text] : files) {
    if (name.rfind("regions-", 0) != 0) continue;
    for (auto& e : detail::read_regions_file(name, text, detail::RegionsFormat::kExtra)) {
      auto target = std::find_if(c.regions_.begin(), c.regions_.end(),
                                 [&](const RegionEntry& r) { return r.id == e.id; });
      if (target == c.regions_.end()) fail(name, e.id, "adds values to an unknown region");
      for (auto& v : e.values) target->values.push_back(std::move(v));
      std::stable_sort(target->values.begin(), target->values.end(), by_year);
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
    const SourceTable cloud_sources = sources_of(cloud_doc, cloud_file);
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
      read_citation(e, cloud_sources, cloud_file, r.id, r.source, r.licence);
      c.cloud_regions_.push_back(std::move(r));
    }
  }

  c.keep_profile_texts(files);
  return c;
}

void Catalog::keep_profile_texts(const std::map<std::string, std::string>& files) {
  profiles_ = std::make_shared<LazyProfiles>();
  for (const auto& [name, text] : files) {
    if (name.rfind("profiles/", 0) == 0) profiles_->texts.emplace(name, text);
  }
}

namespace {

std::optional<double> present(double value) {
  if (std::isnan(value)) return std::nullopt;  // detail::kAbsent
  return value;
}

std::vector<std::string> list_of(const detail::CatalogRows& rows, detail::ListSpan span) {
  std::vector<std::string> out;
  out.reserve(span.count);
  for (std::uint32_t i = 0; i < span.count; ++i) out.emplace_back(rows.strings[rows.lists[span.first + i]]);
  return out;
}

}  // namespace

Catalog Catalog::from_rows(const detail::CatalogRows& rows,
                           const std::map<std::string, std::string>& profile_texts) {
  const auto text = [&rows](detail::StringIndex i) { return std::string(rows.strings[i]); };
  Catalog c;
  c.data_version_ = text(rows.data_version);
  c.hardware_.reserve(rows.hardware_count);
  for (std::size_t i = 0; i < rows.hardware_count; ++i) {
    const detail::HardwareRow& row = rows.hardware[i];
    HardwareEntry h;
    h.id = text(row.id);
    h.name = text(row.name);
    h.kind = text(row.kind);
    h.tdp_w = row.tdp_w;
    h.idle_w = present(row.idle_w);
    h.measured_avg_power_w = present(row.measured_avg_power_w);
    h.embodied_kg = present(row.embodied_kg);
    h.lifetime_years = row.lifetime_years;
    h.host_embodied_kg = present(row.host_embodied_kg);
    h.devices_per_host = present(row.devices_per_host);
    h.aliases = list_of(rows, row.aliases);
    h.source = text(row.source);
    h.licence = text(row.licence);
    // Pairs in the list table: a field name, then its source.
    const detail::StringIndex* pair = rows.lists + row.field_sources.first;
    for (std::uint32_t k = 0; k + 1 < row.field_sources.count; k += 2) {
      h.field_sources.emplace(rows.strings[pair[k]], rows.strings[pair[k + 1]]);
    }
    c.hardware_.push_back(std::move(h));
  }
  c.regions_.reserve(rows.region_count);
  for (std::size_t i = 0; i < rows.region_count; ++i) {
    const detail::RegionRow& row = rows.regions[i];
    RegionEntry r;
    r.id = text(row.id);
    r.name = text(row.name);
    r.kind = text(row.kind);
    r.hourly_profile = text(row.hourly_profile);
    r.aliases = list_of(rows, row.aliases);
    r.values.reserve(row.value_count);
    for (std::uint32_t k = 0; k < row.value_count; ++k) {
      const detail::IntensityRow& value = rows.values[row.first_value + k];
      IntensityValue v;
      v.year = value.year;
      v.intensity_g_per_kwh = value.intensity_g_per_kwh;
      v.basis = text(value.basis);
      v.renewable_share = present(value.renewable_share);
      v.low_carbon_share = present(value.low_carbon_share);
      v.source = text(value.source);
      v.licence = text(value.licence);
      r.values.push_back(std::move(v));
    }
    c.regions_.push_back(std::move(r));
  }
  for (std::size_t i = 0; i < rows.cloud_region_count; ++i) {
    const detail::CloudRegionRow& row = rows.cloud_regions[i];
    CloudRegionEntry r;
    r.id = text(row.id);
    r.provider = text(row.provider);
    r.name = text(row.name);
    r.region = text(row.region);
    r.pue = row.pue;
    r.cfe_share = present(row.cfe_share);
    r.intensity_g_per_kwh = present(row.intensity_g_per_kwh);
    r.year = row.year;
    r.source = text(row.source);
    r.licence = text(row.licence);
    c.cloud_regions_.push_back(std::move(r));
  }
  for (std::size_t i = 0; i < rows.datacenter_count; ++i) {
    const detail::DatacenterRow& row = rows.datacenters[i];
    c.datacenters_.push_back(
        DatacenterEntry{text(row.id), text(row.name), row.pue, text(row.source), text(row.licence)});
  }
  for (std::size_t i = 0; i < rows.equivalence_count; ++i) {
    const detail::EquivalenceRow& row = rows.equivalences[i];
    c.equivalences_.push_back(EquivalenceEntry{text(row.id), text(row.label), text(row.unit),
                                               row.kg_per_unit, text(row.source), text(row.licence)});
  }
  c.keep_profile_texts(profile_texts);
  return c;
}

const HardwareEntry* Catalog::hardware(const std::string& key) const {
  return find_entry(hardware_, key);
}
const RegionEntry* Catalog::region(const std::string& key) const {
  return find_entry(regions_, key);
}
const HourlyProfile* Catalog::profile(const std::string& id) const {
  for (const auto& p : profiles()) {
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
