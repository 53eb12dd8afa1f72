// The CSV reader (RFC 4180, read leniently) and the decoding of file bytes.
#include "../../core/src/csv_reader.h"  // private to the core

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using greenfront::csv::Reader;
using Fields = std::vector<std::string>;

namespace {

/// Every record of `text`, or the error text as the last element.
std::vector<Fields> records(const std::string& text, std::vector<std::size_t>* lines = nullptr) {
  Reader reader(text);
  std::vector<Fields> out;
  Fields fields;
  while (true) {
    const auto status = reader.next(fields);
    if (status == Reader::Status::kEnd) break;
    if (status == Reader::Status::kError) {
      out.push_back({"ERROR: " + reader.error()});
      break;
    }
    out.push_back(fields);
    if (lines) lines->push_back(reader.line());
  }
  return out;
}

}  // namespace

TEST_CASE("quoted fields keep commas line breaks and doubled quotes", "[csv]") {
  std::vector<std::size_t> lines;
  const auto r = records("a,\"b, \"\"c\"\"\",d\n\"two\nlines\",,\"\"\nlast", &lines);
  REQUIRE(r.size() == 3);
  CHECK(r[0] == Fields{"a", "b, \"c\"", "d"});
  CHECK(r[1] == Fields{"two\nlines", "", ""});
  CHECK(r[2] == Fields{"last"});  // no line end after the last record
  // Each record's first line: the quoted line break makes the third record start on line 4.
  CHECK(lines == std::vector<std::size_t>{1, 2, 4});
}

TEST_CASE("LF CRLF and CR end records and blank lines are skipped", "[csv]") {
  std::vector<std::size_t> lines;
  const auto r = records("a,b\r\n\r\nc,d\re,f\n\n\n", &lines);
  REQUIRE(r.size() == 3);
  CHECK(r[0] == Fields{"a", "b"});
  CHECK(r[1] == Fields{"c", "d"});
  CHECK(r[2] == Fields{"e", "f"});
  CHECK(lines == std::vector<std::size_t>{1, 3, 4});
  CHECK(records("").empty());
  CHECK(records("\n\r\n").empty());
}

TEST_CASE("stray quotes are kept as text and an open quote is an error", "[csv]") {
  CHECK(records("a\"b,\"c\"d\n")[0] == Fields{"a\"b", "cd"});
  const auto r = records("x\n\"open,y\nz\n");
  REQUIRE(r.size() == 2);
  CHECK(r[1] == Fields{"ERROR: a quoted field opened on line 2 is never closed"});
}

TEST_CASE("a record may hold at most 256 fields", "[csv]") {
  const std::string at(255, ',');    // 256 empty fields
  const std::string past(256, ',');  // 257
  CHECK(records(at)[0].size() == 256);
  CHECK(records(past)[0] == Fields{"ERROR: must have at most 256 fields"});
}

TEST_CASE("bytes are read as UTF-8 when they are and as Latin-1 otherwise", "[csv]") {
  using greenfront::csv::decode;
  CHECK(decode("caf\xC3\xA9").text == "caf\xC3\xA9");
  CHECK(decode("caf\xC3\xA9").encoding == "utf-8");
  CHECK(decode("\xEF\xBB\xBFx").text == "x");
  CHECK(decode("\xEF\xBB\xBFx").encoding == "utf-8 with BOM");
  // 0xEE (î) and 0xE9 (é) alone are not UTF-8: each becomes its two-byte UTF-8 form.
  const auto latin = decode("\xEEle, \xE9t\xE9");
  CHECK(latin.encoding == "latin-1");
  CHECK(latin.text == "\xC3\xAEle, \xC3\xA9t\xC3\xA9");
  CHECK(greenfront::csv::has_utf16_bom("\xFF\xFEt\0"));
  CHECK_FALSE(greenfront::csv::has_utf16_bom("ti"));
}
