// greenfront — the native command-line front end. Thin by design (DESIGN.md): read the
// input, call greenfront::api, print. Exit codes are documented in `greenfront --help`.
#include <cerrno>
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
  greenfront catalog hardware|regions|cloud-regions|datacenters|profiles|equivalences [--search TEXT]
                     [--format json|markdown]
  greenfront COMMAND --help
  greenfront --version

FILE may be '-' to read standard input. The scenario format is docs/schema.md.

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

const char* kCatalogHelp = R"(greenfront catalog KIND [--search TEXT] [--format json|markdown]

Lists a catalog with each entry's source and licence. KIND is one of hardware, regions,
cloud-regions, datacenters, profiles, equivalences. --search keeps entries whose id, name or alias
contains TEXT (case-insensitive).
)";

struct Options {
  std::string command;
  std::vector<std::string> positional;
  std::string format = "json";
  std::string search;
  bool help = false;
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
  if (format == "markdown" && render != nullptr) {
    if (ok) {
      std::cout << render(j);
    } else {
      std::cerr << greenfront::cli::errors_text(j);
    }
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
    } else if (arg == "--format" || arg == "--search") {
      if (i + 1 >= argc) return usage_error(arg + " needs a value");
      (arg == "--format" ? o.format : o.search) = argv[++i];
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return usage_error("unknown option '" + arg + "'");
    } else if (o.command.empty()) {
      o.command = arg;
    } else {
      o.positional.push_back(arg);
    }
  }
  if (o.format != "json" && o.format != "markdown") {
    return usage_error("--format must be json or markdown, got '" + o.format + "'");
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
    return print_response(greenfront::api::validate(text), "json", nullptr);
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
  return usage_error("unknown command '" + o.command + "'");
}
