// Shared request plumbing (api_common.h).
#include "api_common.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "greenfront/scenario_parser.h"
#include "work_limits.h"
#include "json_text.h"

namespace greenfront::api::detail {

using nlohmann::json;

namespace {

// Requests come from files, URLs and pasted text: bound them before parsing so a hostile
// document cannot exhaust memory or the (recursive) parser's stack (the byte bound is
// limits::kMaxRequestBytes).
constexpr int kMaxNestingDepth = 64;

int nesting_depth(const std::string& text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  return max_depth;
}

// Builds the document like nlohmann's own DOM parser but never throws: a syntax error is
// kept (its byte offset and nlohmann's message) and parsing stops. The wasm module is built
// without exception support (CMakeLists.txt: 50 KB gzip of unwind tables and cleanups), so
// bad request text must be an answer, not an exception; the message is the one
// json::parse would have thrown, so native and wasm answers stay byte-identical.
class RecordingDomParser {
 public:
  explicit RecordingDomParser(json& result) : dom_(result, /*allow_exceptions=*/false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& text) {
    return dom_.number_float(v, text);
  }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return dom_.start_object(n); }
  bool key(json::string_t& v) { return dom_.key(v); }
  bool end_object() { return dom_.end_object(); }
  bool start_array(std::size_t n) { return dom_.start_array(n); }
  bool end_array() { return dom_.end_array(); }
  bool parse_error(std::size_t byte, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    failed_ = true;
    byte_ = byte;
    message_ = error.what();
    return false;
  }

  bool failed() const { return failed_; }
  std::size_t byte() const { return byte_; }
  const std::string& message() const { return message_; }

 private:
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  bool failed_ = false;
  std::size_t byte_ = 0;
  std::string message_;
};

}  // namespace

json error_response(const Issues& issues) {
  json errors = json::array();
  for (const auto& i : issues.list()) {
    errors.push_back({{"code", i.code}, {"path", i.path}, {"message", i.message}});
  }
  if (issues.unlisted() > 0) {
    Issues more;  // a fresh collection: the summary must not be capped away itself
    more.add("input.too_many_errors", "",
             "only the first " + std::to_string(Issues::kMaxListedIssues) +
                 " errors are listed; fix them and ask again",
             std::to_string(issues.unlisted()) + " more");
    const Issue& i = more.list().front();
    errors.push_back({{"code", i.code}, {"path", i.path}, {"message", i.message}});
  }
  return {{"ok", false}, {"schema_version", kSchemaVersion}, {"errors", errors}};
}

std::string internal_error(const std::string& what) {
  Issues issues;
  issues.add("internal.error", "", "an internal error occurred: " + what +
                                       " (please report it with the input)", "");
  return json_text(error_response(issues));
}

void report_too_large(std::size_t size, std::size_t max_bytes, Issues& issues) {
  issues.add("input.too_large", "", "must be at most " + std::to_string(max_bytes) + " bytes",
             std::to_string(size) + " bytes");
}

std::optional<json> parse_text(const std::string& text, Issues& issues) {
  return parse_text(text, issues, limits::kMaxRequestBytes);
}

std::optional<json> parse_text(const std::string& text, Issues& issues, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    report_too_large(text.size(), max_bytes, issues);
    return std::nullopt;
  }
  if (nesting_depth(text) > kMaxNestingDepth) {
    issues.add("input.too_deep", "", "must nest at most " + std::to_string(kMaxNestingDepth) +
                                         " levels", "");
    return std::nullopt;
  }
  // Responses echo names and values of the request; text that is not UTF-8 could not be
  // written back as JSON, so it is refused here with its position.
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    issues.add("input.invalid_utf8", "", "must be UTF-8 text (byte " + std::to_string(bad) + ")",
               "byte 0x" + std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[bad]) >> 4]) +
                   std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(text[bad]) & 0xF]));
    return std::nullopt;
  }
  json document;
  RecordingDomParser parser(document);
  json::sax_parse(text, &parser);
  if (!parser.failed()) return document;
  issues.add("json.parse_error", "",
             "must be valid JSON (byte " + std::to_string(parser.byte()) + ")", parser.message());
  return std::nullopt;
}


void check_schema_version(const ObjectReader& r, int expected) {
  if (auto version = r.integer("schema_version", Bounds::between(-1e15, 1e15))) {
    if (*version != expected) {
      r.issues().add("input.unsupported_version", "schema_version",
                     "must be " + std::to_string(expected), std::to_string(*version));
    }
  }
}

bool all_finite(const json& node) {
  if (node.is_number_float()) return std::isfinite(node.get<double>());
  if (node.is_object() || node.is_array()) {
    for (const auto& child : node) {
      if (!all_finite(child)) return false;
    }
  }
  return true;
}

}  // namespace greenfront::api::detail
