// The catalogs of data/: hardware, grid regions, hourly profiles, datacenter PUE presets
// and equivalence factors, each entry with its source and licence.
//
// The catalogs are compiled into the library (catalog_rows.h, generated from the JSON;
// the hourly profiles as JSON, embedded_data.h), so the native CLI and the wasm module
// read the same data and need no file system.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace greenfront {

namespace detail {
struct CatalogRows;  // core/src/catalog_rows.h
}

/// A device: accelerator, CPU or client device.
struct HardwareEntry {
  std::string id;
  std::string name;
  std::string kind;  ///< "gpu", "tpu", "cpu", "accelerator", "client"
  double tdp_w = 0.0;
  std::optional<double> idle_w;                ///< published idle power, if any
  std::optional<double> measured_avg_power_w;  ///< measured average power per chip
  std::optional<double> embodied_kg;           ///< manufacturing CO2e per device
  double lifetime_years = 4.0;
  std::optional<double> host_embodied_kg;
  std::optional<double> devices_per_host;
  std::vector<std::string> aliases;
  std::string source;
  std::string licence;
  /// Per-field sources where a field's source differs from the entry's (e.g. "idle_w").
  std::map<std::string, std::string> field_sources;

  /// The source of one field: its own, or the entry's.
  const std::string& source_of(const std::string& field) const {
    auto it = field_sources.find(field);
    return it == field_sources.end() ? source : it->second;
  }
};

/// One year's grid intensity for a region.
struct IntensityValue {
  int year = 0;
  double intensity_g_per_kwh = 0.0;
  std::string basis;  ///< "direct" (combustion) or "lifecycle"
  std::optional<double> renewable_share;   ///< of generation, where the source gives it
  std::optional<double> low_carbon_share;  ///< renewables + nuclear
  std::string source;
  std::string licence;
};

/// A grid region: country, sub-national area or world.
struct RegionEntry {
  std::string id;  ///< "FR", "US-IA", "CA-QC", "WORLD"
  std::string name;
  std::string kind;  ///< "world", "country", "subnational"
  std::vector<IntensityValue> values;  ///< sorted by year
  std::string hourly_profile;          ///< id of an hourly profile, or ""
  std::vector<std::string> aliases;
};

/// An hourly carbon-intensity series for one zone, in UTC hours from Jan 1 00:00.
/// Stored either as 8760 hours or as a typical day per month (288 values, expanded here
/// with non-leap month lengths; data/README.md gives each profile's compression error).
struct HourlyProfile {
  std::string id;
  std::string zone;
  int year = 0;
  std::string encoding;                     ///< "hourly-year" or "monthly-typical-day"
  std::vector<double> intensity_g_per_kwh;  ///< always 8760 values once loaded
  std::string source;
  std::string licence;
};

/// A cloud provider's region: the grid zone it draws from, the provider's PUE and, where
/// published, its carbon-free-energy share and location-based grid intensity.
struct CloudRegionEntry {
  std::string id;        ///< "gcp:us-central1"
  std::string provider;  ///< "gcp", "aws", "azure"
  std::string name;
  std::string region;    ///< grid region id in the regions catalog
  double pue = 1.0;
  std::optional<double> cfe_share;
  std::optional<double> intensity_g_per_kwh;
  int year = 0;
  std::string source;
  std::string licence;
};

/// A datacenter preset: a PUE with its source.
struct DatacenterEntry {
  std::string id;
  std::string name;
  double pue = 1.0;
  std::string source;
  std::string licence;
};

/// An equivalence factor: how much CO2e one unit of something emits.
struct EquivalenceEntry {
  std::string id;       ///< "car_km"
  std::string label;    ///< "km driven by an average passenger car"
  std::string unit;     ///< "km"
  double kg_per_unit = 0.0;
  std::string source;
  std::string licence;
};

/// All catalogs, loaded once.
class Catalog {
 public:
  /// The catalog compiled into the library from data/*.json (as rows generated from the
  /// JSON: core/src/catalog_rows.h). Built on first use; its profiles parsed on theirs.
  static const Catalog& builtin();
  /// Builds a catalog from the JSON texts of the data files (throws std::runtime_error
  /// naming the file and entry on malformed data: that is a build defect, not user input).
  /// The hourly profiles ("profiles/*.json") are parsed at their first use (profiles(),
  /// profile()), which throws the same way for a malformed profile.
  static Catalog from_json_texts(const std::map<std::string, std::string>& files_by_name);

  const HardwareEntry* hardware(const std::string& id_or_alias) const;
  const RegionEntry* region(const std::string& id_or_alias) const;
  const HourlyProfile* profile(const std::string& id) const;
  const DatacenterEntry* datacenter(const std::string& id) const;
  const CloudRegionEntry* cloud_region(const std::string& id) const;

  const std::vector<HardwareEntry>& hardware_entries() const { return hardware_; }
  const std::vector<RegionEntry>& region_entries() const { return regions_; }
  const std::vector<HourlyProfile>& profiles() const;
  const std::vector<DatacenterEntry>& datacenters() const { return datacenters_; }
  const std::vector<CloudRegionEntry>& cloud_regions() const { return cloud_regions_; }
  const std::vector<EquivalenceEntry>& equivalences() const { return equivalences_; }
  const std::string& data_version() const { return data_version_; }

  /// Ids (not aliases) for did-you-mean suggestions.
  std::vector<std::string> hardware_ids() const;
  std::vector<std::string> region_ids() const;
  std::vector<std::string> datacenter_ids() const;
  std::vector<std::string> cloud_region_ids() const;

 private:
  /// The catalog of compiled-in rows, with the hourly profiles' JSON texts by file name.
  static Catalog from_rows(const detail::CatalogRows& rows,
                           const std::map<std::string, std::string>& profile_texts);
  void keep_profile_texts(const std::map<std::string, std::string>& files);

  std::vector<HardwareEntry> hardware_;
  std::vector<RegionEntry> regions_;
  struct LazyProfiles;  // only hourly scenarios and the profiles listing need them
  std::shared_ptr<LazyProfiles> profiles_;
  std::vector<DatacenterEntry> datacenters_;
  std::vector<CloudRegionEntry> cloud_regions_;
  std::vector<EquivalenceEntry> equivalences_;
  std::string data_version_;
};

}  // namespace greenfront
