// The catalog files of a data/ folder as Catalog::from_json_texts takes them: every *.json
// of data/ and data/profiles/, keyed by their name relative to data/ (the embedded files'
// names). Shared by tools/catalog_codegen.cpp, which writes the compiled-in rows from them,
// and tests/unit/catalog_builtin_test.cpp, which checks the rows against them.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace greenfront::tools {

inline std::string read_catalog_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline std::map<std::string, std::string> read_catalog_files(const std::filesystem::path& data_dir) {
  std::map<std::string, std::string> files;
  for (const char* folder : {"", "profiles"}) {
    const std::string prefix = *folder ? std::string(folder) + "/" : "";
    for (const auto& entry : std::filesystem::directory_iterator(data_dir / folder)) {
      if (entry.path().extension() == ".json") {
        files[prefix + entry.path().filename().string()] = read_catalog_file(entry.path());
      }
    }
  }
  return files;
}

}  // namespace greenfront::tools
