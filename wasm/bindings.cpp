// Embind binding of greenfront::api for the browser and Node.
//
// Design note: what crosses the JS <-> wasm boundary, and why.
// - Strings only. Each function takes JSON text (or plain strings) and returns JSON text;
//   the JS module (wasm/greenfront.js) does JSON.parse/stringify. The request is parsed by
//   the same C++ code the CLI and the native tests use, so the browser shows exactly the
//   numbers the native tests vouch for, and the boundary has one shape to keep stable.
// - No C++ objects, handles or pointers are handed to JS: Embind class instances must be
//   freed with .delete() and leak otherwise; a string copy costs little next to an estimate.
// - No exception crosses the boundary. An escaping C++ exception reaches JS as a bare
//   number (a pointer) and can leave the module unusable. api::* promise not to throw; we
//   still catch everything here and answer {"ok": false, "errors": [{"code":
//   "internal.error", ...}]}, so bad input never aborts the module and it keeps working.
// - Bulk numbers (hourly series, Pareto fronts), when they come, will be copied out as
//   Float64Array slices of wasm memory, never views that dangle after memory growth.
#include <emscripten/bind.h>

#include <exception>
#include <string>

#include "greenfront/api.h"

namespace {

// JSON-escapes `text` for a string value (control characters, quotes, backslashes).
std::string json_escape(const std::string& text) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;  // UTF-8 passes through unchanged.
        }
    }
  }
  return out;
}

// The error response for an exception that escaped greenfront::api (a bug, or bad_alloc).
std::string internal_error(const std::string& function, const std::string& what) {
  const std::string message =
      "[internal.error] " + function + ": unexpected exception, got " + what;
  return "{\"ok\":false,\"errors\":[{\"code\":\"internal.error\",\"path\":\"\",\"message\":\"" +
         json_escape(message) + "\"}]}";
}

// Runs `call`, turning any exception into an internal.error response.
template <typename Call>
std::string guarded(const char* function, Call&& call) {
  try {
    try {
      return call();
    } catch (const std::exception& e) {
      return internal_error(function, e.what());
    } catch (...) {
      return internal_error(function, "unknown exception");
    }
  } catch (...) {  // building the error failed too (out of memory): a fixed answer
    return R"({"ok":false,"errors":[{"code":"internal.error","path":"",)"
           R"("message":"[internal.error] out of memory"}]})";
  }
}

std::string estimate(const std::string& scenario_json) {
  return guarded("estimate", [&] { return greenfront::api::estimate(scenario_json); });
}

std::string validate(const std::string& scenario_json) {
  return guarded("validate", [&] { return greenfront::api::validate(scenario_json); });
}

std::string catalog(const std::string& kind, const std::string& search) {
  return guarded("catalog", [&] { return greenfront::api::catalog(kind, search); });
}

std::string pareto(const std::string& request_json) {
  return guarded("pareto", [&] { return greenfront::api::pareto(request_json); });
}

std::string hypervolume(const std::string& request_json) {
  return guarded("hypervolume", [&] { return greenfront::api::hypervolume(request_json); });
}

// optimize and suggest run without a progress callback here; the Web Worker wrapper
// (issue 6) will add progress and cancel.
std::string optimize(const std::string& request_json) {
  return guarded("optimize", [&] { return greenfront::api::optimize(request_json); });
}

std::string suggest(const std::string& request_json) {
  return guarded("suggest", [&] { return greenfront::api::suggest(request_json); });
}

std::string handle(const std::string& request_json) {
  return guarded("handle", [&] { return greenfront::api::handle(request_json); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(greenfront) {
  emscripten::function("estimate", &estimate);
  emscripten::function("validate", &validate);
  emscripten::function("catalog", &catalog);
  emscripten::function("pareto", &pareto);
  emscripten::function("hypervolume", &hypervolume);
  emscripten::function("optimize", &optimize);
  emscripten::function("suggest", &suggest);
  emscripten::function("handle", &handle);
}
