// Reading CSV text (RFC 4180) and decoding the bytes of a text file, for the importers.
//
// Written for files other programs wrote (CodeCarbon's emissions.csv through pandas, and
// whatever spreadsheets did to them afterwards), so it is lenient where RFC 4180 is strict
// and a reader could not do better anyway: LF, CRLF and lone CR all end a record, a quote
// inside an unquoted field is kept as text, text after a closing quote is appended to the
// field. It is strict only where guessing would change the data: a quoted field that never
// closes, and a record with more fields than limits::kMaxCsvFields. Internal to core/src.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace greenfront::csv {

/// The text of a file as UTF-8, and how its bytes were read.
struct DecodedText {
  std::string text;      ///< UTF-8, without a byte-order mark
  std::string encoding;  ///< "utf-8", "utf-8 with BOM" or "latin-1"
};

/// Decodes file bytes: a UTF-8 BOM is dropped; bytes that are valid UTF-8 stay as they are;
/// anything else is read as ISO-8859-1 (Latin-1: every byte is the code point of the same
/// value), which is how CodeCarbon v1 files written on Windows or by older pandas arrive
/// ("île-de-france" with é as the single byte 0xEE). A Latin-1 reading never fails, so no
/// byte is lost; the caller reports the encoding it used.
DecodedText decode(const std::string& bytes);

/// True when `bytes` start with a UTF-16 byte-order mark (FF FE or FE FF): such a file
/// would decode as Latin-1 to text full of NULs, so it is better refused with its reason.
bool has_utf16_bom(const std::string& bytes);

/// `s` without leading and trailing spaces and tabs.
std::string trimmed(const std::string& s);

/// A decimal number as Python and pandas write it ("12", "-0.5", "1.2e-05"), or nothing:
/// no "nan", "inf", hex, locale comma or overflow to infinity.
std::optional<double> parse_number(const std::string& s);

/// Reads records one at a time from UTF-8 text, which must outlive the reader. Fields are
/// not trimmed. Blank lines (nothing between two line ends) are skipped.
class Reader {
 public:
  enum class Status { kRecord, kEnd, kError };

  explicit Reader(const std::string& text) : text_(text) {}

  /// Reads the next record into `fields` (cleared first). kError leaves error() set and
  /// the reader at the end: nothing after a malformed record can be trusted.
  Status next(std::vector<std::string>& fields);

  /// The 1-based line on which the last record (or the error) starts; it equals the
  /// record's row number in a spreadsheet unless a quoted field spans lines.
  std::size_t line() const { return record_line_; }
  /// What went wrong, e.g. "a quoted field opened on line 3 is never closed".
  const std::string& error() const { return error_; }

 private:
  const std::string& text_;
  std::size_t pos_ = 0;
  std::size_t current_line_ = 1;
  std::size_t record_line_ = 0;
  std::string error_;
};

}  // namespace greenfront::csv
