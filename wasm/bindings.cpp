// Embind binding of greenfront::api for the browser and Node.
//
// Design note: what crosses the JS <-> wasm boundary, and why.
// - JSON text for every request. Each function takes JSON text (or plain strings) and
//   returns JSON text; the ES module (wasm/greenfront.js) does JSON.parse/stringify. The
//   request is parsed by the same C++ code the CLI and the native tests use, so the browser
//   shows exactly the numbers the native tests vouch for, and the boundary has one shape.
// - Bulk numbers go as typed arrays, not JSON: paretoFrontF64/paretoRanksF64/
//   hypervolumeF64 take a Float64Array of row-major points (10^5–10^6 points would cost
//   more as text than the front itself) and copy it into wasm memory in one typed-array
//   set; results are copied out with .slice(), never handed over as views of wasm memory
//   (a view dangles when memory grows).
// - Progress: optimize and suggest take an optional JS function progress(stage, done,
//   total) the core calls between evaluations; returning false cancels the run, which then
//   answers with what it has (stop_reason "cancelled"). optimize also takes snapshot(json),
//   called with the evaluations so far and the current front a few times a second (JSON
//   text like every other answer), so a page can draw the front while it grows. The Web
//   Worker wrapper (wasm/greenfront-worker.js) uses both for progress events and cancellation.
// - No C++ objects, handles or pointers are handed to JS: Embind class instances must be
//   freed with .delete() and leak otherwise.
// - No exception crosses the boundary, because there are none: the wasm build has no
//   exception support (CMakeLists.txt; native wasm exceptions cost 50 KB gzip). api::*
//   answer every expected problem (bad text, bad values, a failed model evaluation) as an
//   error response. A throw is a defect or memory exhaustion and aborts the instance;
//   greenfront.js turns that into GreenfrontError "internal.aborted" and starts a fresh
//   instance. A JS progress callback must not throw either (an exception unwinding through
//   wasm frames would skip their destructors): greenfront.js calls the user's callback
//   inside its own try and stops the run instead.
#include <emscripten/bind.h>

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/api_bulk.h"

using emscripten::val;

namespace {

std::string estimate(const std::string& scenario_json) {
  return greenfront::api::estimate(scenario_json);
}

std::string validate(const std::string& scenario_json) {
  return greenfront::api::validate(scenario_json);
}

std::string catalog(const std::string& kind, const std::string& search) {
  return greenfront::api::catalog(kind, search);
}

std::string pareto(const std::string& request_json) {
  return greenfront::api::pareto(request_json);
}

std::string hypervolume(const std::string& request_json) {
  return greenfront::api::hypervolume(request_json);
}

std::string compare(const std::string& request_json) {
  return greenfront::api::compare(request_json);
}

/// The core's progress callback for a JS function (or none for undefined/null). A value
/// the function returns other than `false` continues the run.
greenfront::api::Progress js_progress(const val& callback) {
  if (callback.isUndefined() || callback.isNull()) return {};
  return [callback](const std::string& stage, double done, double total) {
    const val answer = callback(stage, done, total);
    return !(answer.isFalse());
  };
}

/// The core's snapshot receiver for a JS function snapshot(json) (or none for
/// undefined/null); the core decides how often it is called (Snapshots' defaults: after the
/// first evaluation, then at most every 250 ms, and once at the end).
greenfront::api::Snapshots js_snapshots(const val& callback) {
  greenfront::api::Snapshots snapshots;
  if (callback.isUndefined() || callback.isNull()) return snapshots;
  snapshots.receive = [callback](const std::string& snapshot_json) { callback(snapshot_json); };
  return snapshots;
}

std::string optimize(const std::string& request_json, const val& progress, const val& snapshot) {
  return greenfront::api::optimize(request_json, js_progress(progress), js_snapshots(snapshot));
}

std::string suggest(const std::string& request_json, const val& progress) {
  return greenfront::api::suggest(request_json, js_progress(progress));
}

/// The row-major points of a Float64Array `values` with `dims` columns; `maximize` is a JS
/// array of booleans (or undefined: all minimized). Copies the numbers into `storage`.
greenfront::api::BulkPoints bulk_points(const val& values, unsigned dims, const val& maximize,
                                        std::vector<double>& storage) {
  storage = emscripten::convertJSArrayToNumberVector<double>(values);
  greenfront::api::BulkPoints points;
  points.values = storage.data();
  points.dims = dims;
  points.count = storage.size();
  if (!maximize.isUndefined() && !maximize.isNull()) {
    const auto n = maximize["length"].as<unsigned>();
    for (unsigned k = 0; k < n; ++k) points.maximize.push_back(maximize[k].as<bool>());
  }
  return points;
}

/// A Uint32Array copy of `indices`, or the error response text.
val indices_or_error(const std::optional<std::vector<std::size_t>>& indices,
                     const std::string& error_json) {
  if (!indices) return val(error_json);
  const std::vector<std::uint32_t> narrow(indices->begin(), indices->end());
  return val(emscripten::typed_memory_view(narrow.size(), narrow.data())).call<val>("slice");
}

/// The indices `entry` gives for the points (front, ranks) as a Uint32Array, or the error
/// response text.
template <typename Entry>
val indices_f64(const val& values, unsigned dims, const val& maximize, Entry entry) {
  std::vector<double> storage;
  std::string error;
  const auto indices = entry(bulk_points(values, dims, maximize, storage), error);
  return indices_or_error(indices, error);
}

val pareto_front_f64(const val& values, unsigned dims, const val& maximize) {
  return indices_f64(values, dims, maximize, greenfront::api::pareto_front_of);
}

val pareto_ranks_f64(const val& values, unsigned dims, const val& maximize) {
  return indices_f64(values, dims, maximize, greenfront::api::pareto_ranks_of);
}

/// The hypervolume as a number, or the error response text.
val hypervolume_f64(const val& values, unsigned dims, const val& reference, const val& maximize) {
  std::vector<double> storage;
  const auto points = bulk_points(values, dims, maximize, storage);
  const std::vector<double> ref = emscripten::convertJSArrayToNumberVector<double>(reference);
  std::string error;
  const auto volume = greenfront::api::hypervolume_of(points, ref, error);
  return volume ? val(*volume) : val(error);
}

std::string handle(const std::string& request_json) {
  return greenfront::api::handle(request_json);
}

std::string import_codecarbon(const std::string& request_json) {
  return greenfront::api::import_codecarbon(request_json);
}

/// The import from a file's bytes (a Uint8Array), which need not be UTF-8: a JS string
/// would already have replaced a Latin-1 file's bytes, so the bytes cross as they are (one
/// typed-array set into a std::string) and the core decides the encoding.
std::string import_codecarbon_bytes(const val& bytes, const std::string& options_json) {
  const auto size = bytes["length"].as<std::size_t>();
  std::string raw(size, '\0');
  if (size > 0) {
    val(emscripten::typed_memory_view(size, reinterpret_cast<unsigned char*>(raw.data())))
        .call<void>("set", bytes);
  }
  return greenfront::api::import_codecarbon_csv(raw, options_json);
}

std::string report(const std::string& request_json) {
  return greenfront::api::report(request_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(greenfront) {
  emscripten::function("estimate", &estimate);
  emscripten::function("validate", &validate);
  emscripten::function("compare", &compare);
  emscripten::function("catalog", &catalog);
  emscripten::function("pareto", &pareto);
  emscripten::function("hypervolume", &hypervolume);
  emscripten::function("optimize", &optimize);
  emscripten::function("suggest", &suggest);
  emscripten::function("handle", &handle);
  emscripten::function("importCodecarbon", &import_codecarbon);
  emscripten::function("importCodecarbonBytes", &import_codecarbon_bytes);
  emscripten::function("report", &report);
  emscripten::function("paretoFrontF64", &pareto_front_f64);
  emscripten::function("paretoRanksF64", &pareto_ranks_f64);
  emscripten::function("hypervolumeF64", &hypervolume_f64);
}
