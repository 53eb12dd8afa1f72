// The built-in catalog as compiled-in rows: plain data the compiler places in the binary,
// so the first request costs no JSON parse.
//
// Why: parsing the 390 KB of catalog JSON was 200 of the 240 ms the wasm module needed
// for its first answer in Node (V8 runs fresh code in its baseline tier, where nlohmann's
// per-character lexer calls are slow); natively it was 8 ms. The JSON files in data/ stay
// the source of truth: tools/catalog_codegen.cpp reads them with Catalog::from_json_texts
// and writes core/src/generated/builtin_catalog.cpp (script/update-catalog), and
// tests/unit/catalog_builtin_test.cpp checks that the rows equal the JSON field by field.
// The hourly profiles stay JSON (embedded_data.h): they are parsed only when used.
//
// Strings are indices into one table (each distinct text once: a source shared by 219
// values is stored once), lists are spans of a table of string indices, and an absent
// optional number is kAbsent (NaN: JSON has no NaN, so no catalog value is one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>

namespace greenfront::detail {

using StringIndex = std::uint32_t;
constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

/// `count` entries of CatalogRows::lists from `first`.
struct ListSpan {
  std::uint32_t first;
  std::uint32_t count;
};

struct HardwareRow {
  StringIndex id, name, kind;
  double tdp_w, idle_w, measured_avg_power_w, embodied_kg, lifetime_years, host_embodied_kg,
      devices_per_host;
  ListSpan aliases;
  StringIndex source, licence;
  ListSpan field_sources;  ///< pairs: field name, then its source
};

struct IntensityRow {
  int year;
  double intensity_g_per_kwh;
  StringIndex basis;
  double renewable_share, low_carbon_share;
  StringIndex source, licence;
};

struct RegionRow {
  StringIndex id, name, kind, hourly_profile;
  ListSpan aliases;
  std::uint32_t first_value, value_count;  ///< in CatalogRows::values, sorted by year
};

struct CloudRegionRow {
  StringIndex id, provider, name, region;
  double pue, cfe_share, intensity_g_per_kwh;
  int year;
  StringIndex source, licence;
};

struct DatacenterRow {
  StringIndex id, name;
  double pue;
  StringIndex source, licence;
};

struct EquivalenceRow {
  StringIndex id, label, unit;
  double kg_per_unit;
  StringIndex source, licence;
};

struct CatalogRows {
  const char* const* strings;
  const StringIndex* lists;
  StringIndex data_version;
  const HardwareRow* hardware;
  std::size_t hardware_count;
  const IntensityRow* values;
  const RegionRow* regions;
  std::size_t region_count;
  const CloudRegionRow* cloud_regions;
  std::size_t cloud_region_count;
  const DatacenterRow* datacenters;
  std::size_t datacenter_count;
  const EquivalenceRow* equivalences;
  std::size_t equivalence_count;
};

/// core/src/generated/builtin_catalog.cpp.
const CatalogRows& builtin_catalog_rows();

}  // namespace greenfront::detail
