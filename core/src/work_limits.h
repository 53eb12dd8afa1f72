// How much work one request may ask for: the bounds on Monte-Carlo samples, optimization
// budgets and observation counts (docs/schema.md and docs/pareto.md, "Limits";
// tests/unit/limits_test.cpp checks each at its bound and one step past it).
//
// The fuzzing build (the fuzz target compiles the sources that read these bounds with
// GREENFRONT_FUZZING, in the spirit of libFuzzer's FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION;
// fuzz/CMakeLists.txt lists them, so a new reader of a kFuzzing bound goes there too) lowers
// the costly bounds. Under ASan one
// 96-evaluation MOBO run took 69 s, and a corpus holding a few such inputs fell to 16
// executions a second; with small bounds the same code paths run (a request past a bound
// is refused by the same check), only each run is short. Internal to core/src.
#pragma once

#include <cstddef>
#include <cstdint>

namespace greenfront::limits {

#ifdef GREENFRONT_FUZZING
constexpr bool kFuzzing = true;
#else
constexpr bool kFuzzing = false;
#endif

/// scenario.uncertainty.samples: Monte-Carlo draws of an estimate.
constexpr std::int64_t kMinUncertaintySamples = 100;
constexpr std::int64_t kMaxUncertaintySamples = kFuzzing ? 1000 : 200000;

/// optimize: evaluations of any optimizer, and of MOBO (each step refits its GPs, O(n³)).
constexpr std::size_t kMaxEvaluations = kFuzzing ? 2000 : 1000000;
constexpr std::size_t kMaxMoboEvaluations = kFuzzing ? 16 : 1000;
constexpr std::int64_t kDefaultEvaluations = kFuzzing ? 200 : 1000;
constexpr std::int64_t kDefaultMoboEvaluations = kFuzzing ? 8 : 100;
/// optimize: the wall-clock bound of a run that gives none, and the largest one it may give.
/// (Fuzzing: a run stopped by the clock takes the same path at 1 s as at 60 s, and the
/// corpus' MOBO inputs ran into the old 5-10 s bounds at every pass.)
constexpr double kDefaultSeconds = kFuzzing ? 1.0 : 60.0;
constexpr double kMaxSeconds = kFuzzing ? 2.0 : 86400.0;

/// suggest: the wall-clock bound of one ask that gives none (budget.seconds; the largest is
/// kMaxSeconds). An ask over 1000 trials took 8-17 s natively with 2-4 objectives and over
/// 300 s with 10; the page's worker gives up at 120 s.
constexpr double kDefaultSuggestSeconds = kFuzzing ? 1.0 : 30.0;

/// hypervolume: Monte-Carlo samples of the estimate.
constexpr std::size_t kMaxHypervolumeSamples = kFuzzing ? 100000 : 10000000;

/// The bulk (Float64Array) front and hypervolume: values in one array (8 bytes each).
constexpr std::size_t kMaxBulkValues = kFuzzing ? 100000 : 50000000;

// The exact Pareto algorithms of the pareto and hypervolume requests and the bulk entry
// points. Up to 3 objectives all are O(n log n) and the request size bounds them. From 4 on,
// their cost grows with the front, fastest on points that are all mutually non-dominated;
// the bounds below keep each at about 2 s natively on such fronts (random points of the
// positive unit sphere and of the simplex, the slower two of sphere, simplex and convex
// fronts; measured natively with the CLI). The fuzzing build takes a tenth.
constexpr std::size_t kFirstCostlyObjectiveCount = 4;
constexpr std::size_t fuzz_scaled(std::size_t n) { return kFuzzing ? n / 10 : n; }
/// A bound by objectives from a table for 4..8 (none below 4; 0, i.e. refused, past 8).
constexpr std::size_t by_costly_objectives(const std::size_t (&by_dims)[5], std::size_t dims) {
  return dims < kFirstCostlyObjectiveCount ? static_cast<std::size_t>(-1)
         : dims - kFirstCostlyObjectiveCount < 5 ? fuzz_scaled(by_dims[dims - kFirstCostlyObjectiveCount])
                                                 : 0;
}

/// Points whose front or ranks are found with 4 or more objectives: the front is a
/// sort-filter skyline, O(n·|front|·d), the ranks ENS-BS, O(d·n²). 71,153 mutually
/// non-dominated 4-D points (3.8 MB of JSON) took 17 s for the front and 38 s with ranks;
/// 20,000 take about 1.4 s and 3 s.
constexpr std::size_t kMaxFrontPoints = fuzz_scaled(20000);

/// Exact hypervolume (HV4D at 4 objectives, WFG above): the largest front, by objectives
/// 4..8. Measured: 4-D 40,000 points 1.8-1.9 s; 5-D 20,000 2.0-2.4 s; 6-D 8,000 1.9-2.2 s;
/// 7-D 1,500 1.3-1.45 s and 2,000 2.0-2.3 s; 8-D 500 1.5 s and 1,000 5 s.
constexpr std::size_t max_exact_hypervolume_front(std::size_t dims) {
  constexpr std::size_t kByDims[] = {20000, 20000, 8000, 1500, 500};
  return by_costly_objectives(kByDims, dims);
}

/// Hypervolume contributions: the most points inside the reference, by objectives 4..8.
/// Dominated points count here, since they enter each front point's neighbourhood: 200
/// front points of an 8-D sphere with 19,800 dominated points near them took 11 s, the 200
/// alone 1.4 s. Measured on fronts: 5-D 10,000 1.7-1.8 s; 6-D 2,500 about 2 s (3,000
/// 2.5-2.7 s); 7-D 600 about 1.9 s; 8-D 200 1.3-1.4 s.
constexpr std::size_t max_contribution_points(std::size_t dims) {
  constexpr std::size_t kByDims[] = {20000, 10000, 2500, 600, 200};
  return by_costly_objectives(kByDims, dims);
}

/// The Monte-Carlo hypervolume: samples × front points × objectives, each sample scanning
/// the front until a point dominates it. 2·10⁹ such steps took 0.7 s (2-D), 4·10⁹ 0.8 s
/// (8-D), 1.6·10⁹ 0.27 s (16-D); 10⁷ samples over a 20,000-point front would take minutes.
constexpr double kMaxMonteCarloWork = kFuzzing ? 1e8 : 1e10;

/// suggest: measured trials, batch size and qNEHVI draws. (Under ASan a suggest request of
/// 48 trials still took 27 s in the fuzzing build: its bounds there are smaller still.)
constexpr std::size_t kMaxObservations = kFuzzing ? 24 : 1000;
constexpr std::size_t kMaxBatch = kFuzzing ? 2 : 16;
constexpr std::int64_t kMinAcquisitionDraws = 8;
constexpr std::int64_t kMaxAcquisitionDraws = kFuzzing ? 32 : 1024;
constexpr std::int64_t kDefaultAcquisitionDraws = kFuzzing ? 32 : 128;

/// Request text of every JSON entry point (docs/schema.md, "Limits"): files, URLs and pasted
/// text are bounded before parsing so a hostile document cannot exhaust memory.
constexpr std::size_t kMaxRequestBytes = 4 * 1024 * 1024;

/// import_codecarbon: the emissions.csv bytes, its data rows and the fields of one row.
/// 8 MiB holds ~16,000 rows of CodeCarbon v2.7 (about 500 bytes each): a week of 40 s flushes.
/// The row bound matters for short rows; the field bound keeps a line of commas from turning
/// a few bytes into millions of strings (CodeCarbon writes at most 38 columns).
constexpr std::size_t kMaxCsvBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxCsvRows = 200000;
constexpr std::size_t kMaxCsvFields = 256;
/// The JSON request that carries such a CSV as a string: JSON escaping at most doubles a
/// CSV's quotes and line breaks, plus room for the other fields.
constexpr std::size_t kMaxImportRequestBytes = 2 * kMaxCsvBytes + 64 * 1024;
/// Skipped rows and runs listed one by one in an import response (all are counted): a file
/// of one row per run could otherwise answer with a response many times its own size.
constexpr std::size_t kMaxListedSkippedRows = 100;
constexpr std::size_t kMaxListedRuns = 1000;

}  // namespace greenfront::limits
