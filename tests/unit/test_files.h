// Reading the test data of the source tree (tests/data/...) as bytes.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#ifndef GREENFRONT_SOURCE_DIR
#error "GREENFRONT_SOURCE_DIR (the repository root, a string literal) must be defined"
#endif

namespace greenfront::testing {

/// The bytes of tests/data/<relative>, exactly as stored (no newline translation); a
/// missing file fails the test that asked for it.
inline std::string test_data_bytes(const std::string& relative) {
  const auto file = std::filesystem::path(GREENFRONT_SOURCE_DIR) / "tests" / "data" / relative;
  std::ifstream in(file, std::ios::binary);
  INFO(file.string());
  REQUIRE(in.good());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace greenfront::testing
