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
