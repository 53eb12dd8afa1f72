// Compact JSON writing (json_text.h).
#include "json_text.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace greenfront {

namespace {

using nlohmann::json;

void write_string(const std::string& text, std::string& out) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  // Raw pointers and whole runs appended at once: the point of this file (json_text.h).
  const char* run = text.data();
  const char* const end = run + text.size();
  for (const char* p = run; p != end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(run, static_cast<std::size_t>(p - run));
    run = p + 1;
    // The escapes nlohmann's serializer uses (ensure_ascii off): the short forms, else
    // \u00xx in lower-case hex; everything from 0x20 up but '"' and '\' passes unchanged.
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out += '"';
}

void write_unsigned(std::uint64_t v, std::string& out) {
  char digits[20];
  char* p = digits + sizeof digits;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out.append(p, static_cast<std::size_t>(digits + sizeof digits - p));
}

void write_value(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        write_string(key, out);
        out += ':';
        write_value(member, out);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& element : value.get_ref<const json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        write_value(element, out);
      }
      out += ']';
      return;
    }
    case json::value_t::string:
      write_string(value.get_ref<const std::string&>(), out);
      return;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_integer: {
      const auto v = value.get<std::int64_t>();
      if (v < 0) out += '-';
      // Negated in unsigned arithmetic: INT64_MIN has no positive int64 counterpart.
      write_unsigned(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v), out);
      return;
    }
    case json::value_t::number_unsigned:
      write_unsigned(value.get<std::uint64_t>(), out);
      return;
    case json::value_t::number_float: {
      const double v = value.get<double>();
      if (!std::isfinite(v)) {
        out += "null";
        return;
      }
      // nlohmann's own shortest round-trip formatting (its serializer calls the same).
      std::array<char, 64> buffer;
      const char* const end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
      out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
      return;
    }
    case json::value_t::null:
      out += "null";
      return;
    case json::value_t::binary:
    case json::value_t::discarded:
    default:
      out += value.dump();  // never built by the core; nlohmann's text for completeness
      return;
  }
}

}  // namespace

std::string json_text(const nlohmann::json& value) {
  std::string out;
  write_value(value, out);
  return out;
}

}  // namespace greenfront
