// The data/ catalog files compiled into the library.
//
// Generated at build time by cmake/embed_data.cmake from data/*.json (and
// data/profiles/*.json) so that the CLI and the wasm module carry identical bytes.
#pragma once

#include <map>
#include <string>

namespace greenfront {

/// File name relative to data/ (e.g. "hardware.json", "profiles/eia930-2022.json")
/// -> file contents.
const std::map<std::string, std::string>& embedded_data_files();

}  // namespace greenfront
