// The hourly profiles of data/profiles/ compiled into the library as their JSON text: the
// catalog parses them at their first use (the other catalogs are compiled-in rows,
// core/src/catalog_rows.h).
//
// Generated at build time by cmake/embed_data.cmake so that the CLI and the wasm module
// carry identical bytes.
#pragma once

#include <map>
#include <string>

namespace greenfront {

/// File name relative to data/ (e.g. "profiles/eia930-2022-pjm.json") -> file contents.
const std::map<std::string, std::string>& embedded_data_files();

}  // namespace greenfront
