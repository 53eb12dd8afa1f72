// catalog_codegen DATA_DIR OUTPUT.cpp: writes the built-in catalog rows (core/src/catalog_rows.h)
// from the JSON files in DATA_DIR. Run by script/update-catalog after a change to data/.
//
// It reads the files with the library's own loader (Catalog::from_json_texts: the same
// checks, the regions-*.json merge and the sort by year), then prints what it loaded, so the
// rows hold exactly what the JSON path would and no second reader of the format exists.
// Numbers are printed with 17 significant digits, which read back as the same double.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "catalog_files.h"
#include "greenfront/catalog.h"

namespace {

using greenfront::Catalog;


/// A C++ string literal of `text` (UTF-8 bytes kept as they are).
std::string literal(const std::string& text) {
  std::string out = "\"";
  char previous = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '?' && previous == '?') {
      out += "\\?";  // never a trigraph
    } else if (byte < 0x20 || byte == 0x7f) {
      char octal[8];
      std::snprintf(octal, sizeof octal, "\\%03o", byte);
      out += octal;
    } else {
      out += c;
    }
    previous = c;
  }
  return out + "\"";
}

std::string number(double value) {
  if (std::isnan(value)) return "kAbsent";
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  std::string out = text;
  if (out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

std::string number(const std::optional<double>& value) {
  return value ? number(*value) : "kAbsent";
}

class Writer {
 public:
  /// The index of `text` in the string table, adding it once.
  std::uint32_t text(const std::string& value) {
    auto [it, added] = string_index_.emplace(value, static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(value);
    return it->second;
  }

  /// "{first, count}" of `values` appended to the list table.
  std::string list(const std::vector<std::string>& values) {
    const auto first = lists_.size();
    for (const auto& v : values) lists_.push_back(text(v));
    return "{" + std::to_string(first) + ", " + std::to_string(values.size()) + "}";
  }

  std::string s(const std::string& value) { return std::to_string(text(value)); }

  std::string write(const Catalog& catalog) {
    std::ostringstream hardware, values, regions, cloud, datacenters, equivalences;
    for (const auto& h : catalog.hardware_entries()) {
      std::vector<std::string> field_sources;
      for (const auto& [field, source] : h.field_sources) {
        field_sources.push_back(field);
        field_sources.push_back(source);
      }
      hardware << "    {" << s(h.id) << ", " << s(h.name) << ", " << s(h.kind) << ", "
               << number(h.tdp_w) << ", " << number(h.idle_w) << ", "
               << number(h.measured_avg_power_w) << ", " << number(h.embodied_kg) << ", "
               << number(h.lifetime_years) << ", " << number(h.host_embodied_kg) << ", "
               << number(h.devices_per_host) << ", " << list(h.aliases) << ", " << s(h.source)
               << ", " << s(h.licence) << ", " << list(field_sources) << "},\n";
    }
    std::size_t value_count = 0;
    for (const auto& r : catalog.region_entries()) {
      regions << "    {" << s(r.id) << ", " << s(r.name) << ", " << s(r.kind) << ", "
              << s(r.hourly_profile) << ", " << list(r.aliases) << ", " << value_count << ", "
              << r.values.size() << "},\n";
      for (const auto& v : r.values) {
        values << "    {" << v.year << ", " << number(v.intensity_g_per_kwh) << ", " << s(v.basis)
               << ", " << number(v.renewable_share) << ", " << number(v.low_carbon_share) << ", "
               << s(v.source) << ", " << s(v.licence) << "},\n";
      }
      value_count += r.values.size();
    }
    for (const auto& c : catalog.cloud_regions()) {
      cloud << "    {" << s(c.id) << ", " << s(c.provider) << ", " << s(c.name) << ", "
            << s(c.region) << ", " << number(c.pue) << ", " << number(c.cfe_share) << ", "
            << number(c.intensity_g_per_kwh) << ", " << c.year << ", " << s(c.source) << ", "
            << s(c.licence) << "},\n";
    }
    for (const auto& d : catalog.datacenters()) {
      datacenters << "    {" << s(d.id) << ", " << s(d.name) << ", " << number(d.pue) << ", "
                  << s(d.source) << ", " << s(d.licence) << "},\n";
    }
    for (const auto& q : catalog.equivalences()) {
      equivalences << "    {" << s(q.id) << ", " << s(q.label) << ", " << s(q.unit) << ", "
                   << number(q.kg_per_unit) << ", " << s(q.source) << ", " << s(q.licence) << "},\n";
    }
    const std::string data_version = s(catalog.data_version());

    std::ostringstream out;
    out << "// GENERATED by tools/catalog_codegen.cpp (script/update-catalog) from data/*.json -- do not\n"
           "// edit. tests/unit/catalog_builtin_test.cpp checks it against the JSON files.\n"
           "#include \"../catalog_rows.h\"\n\n"
           "namespace greenfront::detail {\n\nnamespace {\n\n"
           "// clang-format off\n"
           "const char* const kStrings[] = {\n";
    for (const auto& value : strings_) out << "    " << literal(value) << ",\n";
    out << "};\n\nconst StringIndex kLists[] = {\n";
    for (std::size_t i = 0; i < lists_.size(); ++i) {
      out << (i % 16 == 0 ? "    " : " ") << lists_[i] << ",";
      if (i % 16 == 15 || i + 1 == lists_.size()) out << "\n";
    }
    out << "};\n\nconst HardwareRow kHardware[] = {\n" << hardware.str()
        << "};\n\nconst IntensityRow kValues[] = {\n" << values.str()
        << "};\n\nconst RegionRow kRegions[] = {\n" << regions.str()
        << "};\n\nconst CloudRegionRow kCloudRegions[] = {\n" << cloud.str()
        << "};\n\nconst DatacenterRow kDatacenters[] = {\n" << datacenters.str()
        << "};\n\nconst EquivalenceRow kEquivalences[] = {\n" << equivalences.str()
        << "};\n// clang-format on\n\n}  // namespace\n\n"
           "const CatalogRows& builtin_catalog_rows() {\n"
           "  static const CatalogRows rows{kStrings, kLists, " << data_version << ",\n"
           "                                kHardware, std::size(kHardware),\n"
           "                                kValues,\n"
           "                                kRegions, std::size(kRegions),\n"
           "                                kCloudRegions, std::size(kCloudRegions),\n"
           "                                kDatacenters, std::size(kDatacenters),\n"
           "                                kEquivalences, std::size(kEquivalences)};\n"
           "  return rows;\n"
           "}\n\n}  // namespace greenfront::detail\n";
    return out.str();
  }

 private:
  std::vector<std::string> strings_;
  std::map<std::string, std::uint32_t> string_index_;
  std::vector<std::uint32_t> lists_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: catalog_codegen DATA_DIR OUTPUT.cpp\n");
    return 2;
  }
  try {
    const Catalog catalog = Catalog::from_json_texts(greenfront::tools::read_catalog_files(argv[1]));
    const std::string code = Writer().write(catalog);
    std::ofstream out(argv[2], std::ios::binary);
    out << code;
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "catalog_codegen: %s\n", e.what());
    return 1;
  }
  return 0;
}
