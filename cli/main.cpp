// greenfront — the native command-line front end. Thin by design (DESIGN.md): read the
// input, call greenfront::api, print. Exit codes are documented in `greenfront --help`.
#include <cerrno>
#include <chrono>
#include <memory>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "greenfront/api.h"
#include "markdown.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;  // the input was read but is invalid
constexpr int kExitUsage = 2;     // bad command line
constexpr int kExitIo = 3;        // a file could not be read
constexpr int kExitInternal = 4;  // a defect in greenfront: please report

const char* kMainHelp = R"(greenfront — lifecycle carbon footprint of AI models

Usage:
  greenfront estimate FILE.json [--format json|markdown]
  greenfront validate FILE.json
  greenfront compare FILE.json [--format json|markdown]
  greenfront catalog hardware|regions|cloud-regions|datacenters|profiles|equivalences [--search TEXT]
                     [--format json|markdown]
  greenfront pareto FILE.json [--format json|markdown]
  greenfront hypervolume FILE.json
  greenfront optimize FILE.json [--quiet]
  greenfront suggest FILE.json [--quiet] [--format json|markdown]
  greenfront import-codecarbon FILE.csv [--phase P] [--hardware ID] [--region ID] [--run ID]
  greenfront report FILE.json [--format json|markdown|yaml|csv]
  greenfront COMMAND --help
  greenfront --version

FILE may be '-' to read standard input. --format compact prints the response on one line,
byte for byte as the core (and the wasm module) returns it. The scenario format is docs/schema.md
(with import-codecarbon and report); the Pareto requests (pareto, hypervolume, optimize, suggest)
are in docs/pareto.md.

Exit codes:
  0  success
  1  the input was rejected (every problem is listed: [code] path: rule, got value)
  2  usage error (unknown command or option)
  3  the input file could not be read
  4  internal error (a defect: please report it with the input)
)";

const char* kEstimateHelp = R"(greenfront estimate FILE.json [--format json|markdown]

Estimates the scenario in FILE (or '-' for stdin): energy and CO2e per lifecycle phase,
operational (location- and market-based) and embodied, with the uncertainty band when an
input is a range or a distribution, equivalences, and the defaults that were used.
  --format json       the full result as JSON on stdout (default)
  --format markdown   a per-phase table for people
)";

const char* kValidateHelp = R"(greenfront validate FILE.json

Checks FILE (or '-') against the scenario schema without estimating. Prints
{"ok": true, "defaults_used": [...]} or every problem found; exit code 0 or 1.
)";

const char* kCompareHelp = R"(greenfront compare FILE.json [--format json|markdown]

Estimates 2 to 16 scenarios side by side and ranks them on one CO2e figure:
{"schema_version": 1, "scenarios": [{"name": "...", "scenario": {...}}, ...],
 "metric": "total_location", "baseline": 0}. Each scenario's figures equal `estimate`'s.
  --format markdown   the ranking with differences and the verdict
Format: docs/schema.md, "Compare".
)";

const char* kCatalogHelp = R"(greenfront catalog KIND [--search TEXT] [--format json|markdown]

Lists a catalog with each entry's source and licence. KIND is one of hardware, regions,
cloud-regions, datacenters, profiles, equivalences. --search keeps entries whose id, name or alias
contains TEXT (case-insensitive).
)";

const char* kParetoHelp = R"(greenfront pareto FILE.json [--format json|markdown]

The non-dominated front of the points in FILE (or '-'), each objective minimized or
maximized: front members with crowding distances, the knee point, the ideal and nadir,
optionally non-dominated ranks ("ranks": true), an epsilon-filtered front ("epsilon") and the
hypervolume ("reference_point"). Format: docs/pareto.md.
)";

const char* kHypervolumeHelp = R"(greenfront hypervolume FILE.json

The exact hypervolume of the points in FILE against "reference_point" (2-D and 3-D in
O(n log n), WFG beyond), optionally each point's exclusive contribution
("contributions": true) and a Monte-Carlo estimate ("monte_carlo": {"samples", "seed"}).
)";

const char* kOptimizeHelp = R"(greenfront optimize FILE.json [--quiet]

Runs an optimizer ("algorithm": exhaustive, random, nsga2 or mobo) on a built-in objective
model (carbon from a scenario, loss from a scaling law) or a standard test problem, within
"budget": {"evaluations", "seconds"}. Prints the evaluated points, the front and its
hypervolume; progress goes to stderr unless --quiet.
)";

const char* kSuggestHelp = R"(greenfront suggest FILE.json [--quiet] [--format json|markdown]

One step of multi-objective Bayesian optimization over measured trials: fits a Gaussian
process per objective and proposes "batch_size" configurations maximizing the expected
hypervolume improvement (exact for 2 objectives, qNEHVI when "noisy"). With
"experimentation" it also answers seed 000 eq. (2): the carbon spent on trials so far, the
deployment carbon one more trial is expected to save, and whether to continue. A step has a
wall-clock bound, "budget": {"seconds": s} (30 s by default): past it, it answers with what it
found and "stop_reason": "time".
)";

const char* kImportHelp = R"(greenfront import-codecarbon FILE.csv [--phase P] [--hardware ID]
                             [--region ID] [--run ID]

Reads a CodeCarbon emissions.csv (any CodeCarbon version; UTF-8 or Latin-1; '-' for stdin)
and prints a scenario whose phase holds the measured energy_kwh and hours, with the hardware,
device count and region where the catalogs know them, and what was read: rows, runs, skipped
rows and the totals used. A run's rows are running totals, so each run counts once, by its
longest row (a task file's rows add up); several runs are added up unless --run picks one.
  --phase P       training (default), experimentation, inference, retraining or data
  --hardware ID   a hardware catalog id instead of the file's GPU or CPU model
  --region ID     a grid region id instead of the file's country, region or cloud region
  --run ID        import this run_id only
The output can go straight to report: greenfront import-codecarbon F.csv | greenfront report -
Format: docs/schema.md, "Import: CodeCarbon".
)";

const char* kReportHelp = R"(greenfront report FILE.json [--format json|markdown|yaml|csv]

A carbon impact statement (seed 001 §V-A) for {"scenario": {...}, "model_name": "...",
"training_type": "pre-training"|"fine-tuning", "source": "..."}. FILE may also be a bare
scenario, or the output of import-codecarbon (its "scenario" is used).
  --format json       the estimate, statement, model card and CSV as JSON (default)
  --format markdown   the statement: operational and embodied CO2e, hardware, devices,
                      runtime, region, PUE, a per-phase table and the defaults used
  --format yaml       Hugging Face model-card front matter (co2_eq_emissions, in grams)
  --format csv        one row per phase and the total, units in the column names
Format: docs/schema.md, "Report".
)";

struct Options {
  std::string command;
  std::vector<std::string> positional;
  std::string format = "json";
  std::string search;
  nlohmann::json import_options = nlohmann::json::object();  ///< --phase, --hardware, …
  bool help = false;
  bool quiet = false;
};

int usage_error(const std::string& message) {
  std::cerr << "greenfront: " << message << "\nRun 'greenfront --help' for usage.\n";
  return kExitUsage;
}

bool read_input(const std::string& path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  text = buffer.str();
  return true;
}

/// Prints an api response in the chosen format and maps it to an exit code.
int print_response(const std::string& response, const std::string& format,
                   std::string (*render)(const nlohmann::json&)) {
  const auto j = nlohmann::json::parse(response, nullptr, false);
  if (j.is_discarded()) {
    std::cerr << "greenfront: internal error: unreadable response\n";
    return kExitInternal;
  }
  const bool ok = j.value("ok", false);
  const bool text_format = format == "markdown" || format == "yaml" || format == "csv";
  if (text_format && render != nullptr) {
    if (ok) {
      std::cout << render(j);
    } else {
      std::cerr << greenfront::cli::errors_text(j);
    }
  } else if (format == "compact") {
    std::cout << response << "\n";  // the core's text as it is: what the wasm module returns
    if (!ok) std::cerr << greenfront::cli::errors_text(j);
  } else {
    std::cout << j.dump(2) << "\n";
    if (!ok) std::cerr << greenfront::cli::errors_text(j);
  }
  if (ok) return kExitOk;
  for (const auto& e : j.at("errors")) {
    if (e.value("code", "") == "internal.error") return kExitInternal;
  }
  return kExitRejected;
}

/// A progress line on stderr, rewritten in place, at most every 0.2 s.
greenfront::api::Progress stderr_progress() {
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [last](const std::string& stage, double done, double total) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - *last < std::chrono::milliseconds(200)) return true;
    *last = now;
    std::cerr << "\r" << stage << ": " << static_cast<long long>(done) << " / "
              << static_cast<long long>(total) << "   " << (done >= total ? "\n" : "")
              << std::flush;
    return true;
  };
}

/// The commands that take one request FILE: compare and the Pareto requests.
int run_request_command(const Options& o) {
  if (o.help) {
    std::cout << (o.command == "compare"       ? kCompareHelp
                  : o.command == "pareto"      ? kParetoHelp
                  : o.command == "hypervolume" ? kHypervolumeHelp
                  : o.command == "optimize"    ? kOptimizeHelp
                                               : kSuggestHelp);
    return kExitOk;
  }
  if (o.positional.size() != 1) return usage_error(o.command + " needs exactly one FILE (or '-')");
  std::string text;
  if (!read_input(o.positional[0], text)) {
    std::cerr << "greenfront: cannot read '" << o.positional[0] << "': " << std::strerror(errno)
              << "\n";
    return kExitIo;
  }
  const greenfront::api::Progress progress =
      o.quiet ? greenfront::api::Progress{} : stderr_progress();
  if (o.command == "compare") {
    return print_response(greenfront::api::compare(text), o.format,
                          &greenfront::cli::compare_markdown);
  }
  if (o.command == "pareto") {
    return print_response(greenfront::api::pareto(text), o.format,
                          &greenfront::cli::pareto_markdown);
  }
  if (o.command == "hypervolume") {
    return print_response(greenfront::api::hypervolume(text), o.format, nullptr);
  }
  if (o.command == "optimize") {
    return print_response(greenfront::api::optimize(text, progress), o.format, nullptr);
  }
  return print_response(greenfront::api::suggest(text, progress), o.format,
                        &greenfront::cli::suggest_markdown);
}

std::string report_statement(const nlohmann::json& r) { return r.at("statement_markdown"); }
std::string report_yaml(const nlohmann::json& r) { return r.at("model_card_yaml"); }
std::string report_csv(const nlohmann::json& r) { return r.at("csv"); }

bool read_or_report(const std::string& path, std::string& text) {
  if (read_input(path, text)) return true;
  std::cerr << "greenfront: cannot read '" << path << "': " << std::strerror(errno) << "\n";
  return false;
}

/// import-codecarbon: the file's bytes go to the core as they are (it decides the encoding).
int run_import(const Options& o) {
  if (o.help) {
    std::cout << kImportHelp;
    return kExitOk;
  }
  if (o.positional.size() != 1) {
    return usage_error("import-codecarbon needs exactly one FILE (or '-')");
  }
  std::string bytes;
  if (!read_or_report(o.positional[0], bytes)) return kExitIo;
  // Option values echo argv, which need not be UTF-8: the core reports them, so the dump
  // must not throw on them.
  const std::string options = o.import_options.dump(-1, ' ', false,
                                                    nlohmann::json::error_handler_t::replace);
  return print_response(greenfront::api::import_codecarbon_csv(bytes, options), o.format, nullptr);
}

/// report: a report request, or a bare scenario, or import-codecarbon's output.
int run_report(const Options& o) {
  if (o.help) {
    std::cout << kReportHelp;
    return kExitOk;
  }
  if (o.positional.size() != 1) return usage_error("report needs exactly one FILE (or '-')");
  std::string text;
  if (!read_or_report(o.positional[0], text)) return kExitIo;
  // Wrapping is the CLI's convenience; a text that does not parse goes to the core as it is,
  // which names the problem.
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_object() && !doc.contains("scenario")) {
    text = nlohmann::json{{"scenario", doc}}.dump();
  } else if (doc.is_object() && doc.contains("import") && doc.contains("ok")) {
    text = nlohmann::json{{"scenario", doc["scenario"]}}.dump();
  }
  std::string (*render)(const nlohmann::json&) = o.format == "yaml"  ? &report_yaml
                                                 : o.format == "csv" ? &report_csv
                                                                     : &report_statement;
  return print_response(greenfront::api::report(text), o.format, render);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--version") {
      std::cout << "greenfront 0.1.0 (schema_version 1)\n";
      return kExitOk;
    } else if (arg == "--quiet" || arg == "-q") {
      o.quiet = true;
    } else if (arg == "--format" || arg == "--search") {
      if (i + 1 >= argc) return usage_error(arg + " needs a value");
      (arg == "--format" ? o.format : o.search) = argv[++i];
    } else if (arg == "--phase" || arg == "--hardware" || arg == "--region" || arg == "--run") {
      if (i + 1 >= argc) return usage_error(arg + " needs a value");
      o.import_options[arg.substr(2)] = argv[++i];
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return usage_error("unknown option '" + arg + "'");
    } else if (o.command.empty()) {
      o.command = arg;
    } else {
      o.positional.push_back(arg);
    }
  }
  if (o.command == "report") {
    if (o.format != "json" && o.format != "markdown" && o.format != "compact" &&
        o.format != "yaml" && o.format != "csv") {
      return usage_error("--format must be json, compact, markdown, yaml or csv, got '" +
                         o.format + "'");
    }
  } else if (o.format != "json" && o.format != "markdown" && o.format != "compact") {
    return usage_error("--format must be json, compact or markdown, got '" + o.format + "'");
  }
  if (!o.import_options.empty() && o.command != "import-codecarbon") {
    return usage_error("--" + o.import_options.begin().key() +
                       " only applies to import-codecarbon");
  }
  if (o.command.empty()) {
    std::cout << kMainHelp;
    return o.help ? kExitOk : kExitUsage;
  }
  if (o.command == "estimate" || o.command == "validate") {
    const bool estimate = o.command == "estimate";
    if (o.help) {
      std::cout << (estimate ? kEstimateHelp : kValidateHelp);
      return kExitOk;
    }
    if (o.positional.size() != 1)
      return usage_error(o.command + " needs exactly one FILE (or '-')");
    std::string text;
    if (!read_input(o.positional[0], text)) {
      std::cerr << "greenfront: cannot read '" << o.positional[0] << "': " << std::strerror(errno)
                << "\n";
      return kExitIo;
    }
    if (estimate) {
      return print_response(greenfront::api::estimate(text), o.format,
                            &greenfront::cli::estimate_markdown);
    }
    return print_response(greenfront::api::validate(text), o.format, nullptr);
  }
  if (o.command == "catalog") {
    if (o.help) {
      std::cout << kCatalogHelp;
      return kExitOk;
    }
    if (o.positional.size() != 1) return usage_error("catalog needs a KIND (e.g. hardware)");
    return print_response(greenfront::api::catalog(o.positional[0], o.search), o.format,
                          &greenfront::cli::catalog_markdown);
  }
  if (o.command == "import-codecarbon") return run_import(o);
  if (o.command == "report") return run_report(o);
  if (o.command == "compare" || o.command == "pareto" || o.command == "hypervolume" ||
      o.command == "optimize" || o.command == "suggest") {
    return run_request_command(o);
  }
  return usage_error("unknown command '" + o.command + "'");
}
