// Reader of the region catalogs (data/regions.json and data/regions-*.json), the largest
// embedded files: parsed with nlohmann's SAX interface straight into RegionEntry values,
// without building a JSON document first (that halves the cold-start parse in wasm).
#pragma once

#include <string>
#include <vector>

#include "greenfront/catalog.h"

namespace greenfront::detail {

enum class RegionsFormat {
  kRegions,  ///< regions.json: id, name, kind, aliases, hourly_profile, non-empty values
  kExtra,    ///< regions-*.json: id and values to merge into an existing region
};

/// The entries of one region catalog file, values in file order with their citations
/// resolved ("source_ref" → the file's "sources" table). Throws std::runtime_error naming
/// the file (and entry, and key) if the text is not JSON, a required field is missing or a
/// source_ref names no source.
std::vector<RegionEntry> read_regions_file(const std::string& file, const std::string& text,
                                           RegionsFormat format);

/// Throws std::runtime_error("catalog <file>[ entry <id>]: <what>"), the loader's error form.
[[noreturn]] void catalog_error(const std::string& file, const std::string& id,
                                const std::string& what);

}  // namespace greenfront::detail
