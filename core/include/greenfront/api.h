// The single entry point: one JSON request in, one JSON response out.
//
// The CLI, the wasm binding and the tests all call these, so every front end shows the
// numbers the native tests vouch for. Nothing here throws: every failure, including an
// internal one, comes back as {"ok": false, "errors": [{code, path, message}]}.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace greenfront::api {

/// Estimates a scenario (docs/schema.md). Returns the result or the full list of errors.
std::string estimate(const std::string& scenario_json);

/// Validates a scenario without estimating: {"ok": true, "defaults_used": [...]} or errors.
std::string validate(const std::string& scenario_json);

/// Estimates 2–16 scenarios side by side (docs/schema.md, "Compare"): each one's full
/// estimate, its rank on one CO2e metric, its difference from the best and from a
/// baseline, and a one-sentence verdict naming the best choice.
std::string compare(const std::string& request_json);

/// Lists a catalog: `kind` is "hardware", "regions", "cloud-regions", "datacenters",
/// "profiles" or "equivalences"; `search` filters by case-insensitive substring of id, name or alias.
std::string catalog(const std::string& kind, const std::string& search);

/// Reports the progress of a long request (optimize, suggest): `done` of `total` units of
/// `stage`. Returning false cancels the request, which then answers with what it has.
using Progress = std::function<bool(const std::string& stage, double done, double total)>;

/// The Pareto front of a set of points (docs/pareto.md): front, ranks, crowding distance,
/// knee point, ε-filtered front and, given a reference point, the hypervolume.
std::string pareto(const std::string& request_json);

/// The exact hypervolume of a set of points against a reference point, optionally each
/// point's exclusive contribution and a Monte-Carlo estimate (docs/pareto.md).
std::string hypervolume(const std::string& request_json);

/// Live snapshots of an optimize run (docs/pareto.md, "Live snapshots"): `receive` gets JSON
/// text {evaluations, budget_evaluations, objectives, senses, points, front, points_truncated?}
/// after the first evaluation, then at most every `min_interval_seconds`, and once at the end;
/// `points` holds the evaluations since the previous snapshot (at most `max_points` over the
/// whole run) and `front` the current non-dominated evaluations, each {index, config, values}.
struct Snapshots {
  std::function<void(const std::string& snapshot_json)> receive;
  double min_interval_seconds = 0.25;
  std::size_t max_points = 20000;
};

/// Runs an optimizer (exhaustive, random, NSGA-II, MOBO) on a built-in objective model or a
/// standard test problem within a budget of evaluations and seconds (docs/pareto.md).
std::string optimize(const std::string& request_json, const Progress& progress = {},
                     const Snapshots& snapshots = {});

/// One ask step of multi-objective Bayesian optimization over measured trials: the next
/// configurations to try, and the experimentation-vs-deployment report of seed 000 eq. 2.
std::string suggest(const std::string& request_json, const Progress& progress = {});

/// Imports a CodeCarbon emissions.csv (docs/schema.md, "Import: CodeCarbon"): the request
/// {"csv": "<the file's text>", "phase"?, "hardware"?, "region"?, "run"?} gives a scenario
/// whose phase (default "training") holds the measured energy_kwh and hours, with the
/// hardware, device count and region the file names where the catalogs know them, and an
/// account of the rows, runs and totals read. The request may be up to 16 MiB (the CSV up to
/// 8 MiB) instead of the usual 4 MiB.
std::string import_codecarbon(const std::string& request_json);

/// The same import from the file's raw bytes, which need not be UTF-8: valid UTF-8 (with or
/// without a BOM) is read as it is, anything else as Latin-1. `options_json` holds the
/// request's other fields ({"phase", "hardware", "region", "run"}; "{}" for the defaults).
std::string import_codecarbon_csv(const std::string& csv_bytes,
                                  const std::string& options_json = "{}");

/// A carbon impact statement for a scenario (docs/schema.md, "Report"): request
/// {"scenario": {...}, "model_name"?, "training_type"?, "source"?} gives the estimate, a
/// Markdown statement (seed 001 §V-A), Hugging Face `co2_eq_emissions` metadata as JSON and
/// as YAML front matter, and a per-phase CSV, all from the same figures.
std::string report(const std::string& request_json);

/// A request envelope for bindings: {"request": "estimate"|"validate"|"compare"|"catalog"|"pareto"|
/// "hypervolume"|"optimize"|"suggest"|"import_codecarbon"|"report", ...} with "scenario" for
/// estimate/validate, "kind"/"search" for catalog, and the request's own fields for the
/// others.
std::string handle(const std::string& request_json);

}  // namespace greenfront::api
