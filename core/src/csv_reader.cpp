// CSV records and text decoding (csv_reader.h).
#include "csv_reader.h"

#include <cmath>
#include <cstdlib>

#include "greenfront/issues.h"
#include "work_limits.h"

namespace greenfront::csv {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

bool starts_with_bom(const std::string& bytes) { return bytes.compare(0, 3, kBom) == 0; }

}  // namespace

bool has_utf16_bom(const std::string& bytes) {
  if (bytes.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  const auto b1 = static_cast<unsigned char>(bytes[1]);
  return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
}

DecodedText decode(const std::string& bytes) {
  DecodedText out;
  const bool bom = starts_with_bom(bytes);
  const std::size_t from = bom ? 3 : 0;
  if (first_invalid_utf8(bytes, from) == std::string::npos) {
    out.text = bytes.substr(from);
    out.encoding = bom ? "utf-8 with BOM" : "utf-8";
    return out;
  }
  // Latin-1: bytes below 0x80 are ASCII, the others U+0080..U+00FF in two UTF-8 bytes. The
  // BOM check above cannot apply (a BOM announces UTF-8), so every byte is converted.
  out.encoding = "latin-1";
  out.text.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.text += c;
    } else {
      out.text += static_cast<char>(0xC0 | (b >> 6));
      out.text += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

Reader::Status Reader::next(std::vector<std::string>& fields) {
  fields.clear();
  const std::size_t n = text_.size();
  // Skip blank lines: they carry no record, and files often end with several.
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++current_line_;
  }
  if (pos_ >= n || !error_.empty()) return Status::kEnd;
  record_line_ = current_line_;

  std::string field;
  bool quoted = false;         // inside a quoted field
  bool field_started = false;  // a character of this field was read (a quote opens only first)
  std::size_t quote_line = 0;
  auto push_field = [&]() -> bool {
    if (fields.size() >= limits::kMaxCsvFields) {
      error_ = "must have at most " + std::to_string(limits::kMaxCsvFields) + " fields";
      pos_ = n;
      return false;
    }
    fields.push_back(std::move(field));
    field.clear();
    field_started = false;
    return true;
  };

  while (pos_ < n) {
    const char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < n && text_[pos_ + 1] == '"') {  // RFC 4180: "" is one quote
          field += '"';
          pos_ += 2;
        } else {
          quoted = false;  // what follows up to the next comma is kept as text
          ++pos_;
        }
        continue;
      }
      if (c == '\n' || (c == '\r' && !(pos_ + 1 < n && text_[pos_ + 1] == '\n'))) {
        ++current_line_;
      }
      field += c;
      ++pos_;
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = current_line_;
      ++pos_;
      continue;
    }
    if (c == ',') {
      ++pos_;
      if (!push_field()) return Status::kError;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++current_line_;
      return push_field() ? Status::kRecord : Status::kError;
    }
    field += c;
    field_started = true;
    ++pos_;
  }
  if (quoted) {
    error_ = "a quoted field opened on line " + std::to_string(quote_line) + " is never closed";
    return Status::kError;
  }
  return push_field() ? Status::kRecord : Status::kError;
}

std::string trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

/// A decimal number as Python and pandas write it ("12", "-0.5", "1.2e-05"), or nothing.
/// The syntax is checked here so strtod never sees "nan", "inf", hex or a locale's comma.
std::optional<double> parse_number(const std::string& s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto digits = [&] {
    const std::size_t from = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < n && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return std::nullopt;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  const double v = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;  // 1e999 overflows to inf
  return v;
}

}  // namespace greenfront::csv
