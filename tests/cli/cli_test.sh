#!/usr/bin/env bash
# CLI contract tests: exit codes, stdin, formats, help. Run by ctest with the CLI's path:
#   cli_test.sh /path/to/greenfront /path/to/repo
set -uo pipefail
cli=$1
repo=$2
failures=0

# expect <exit code> <regex that stdout+stderr must match> -- <args...> [< stdin via $INPUT]
expect() {
  local code=$1 pattern=$2
  shift 3
  local out status
  if [ -n "${INPUT-}" ]; then
    out=$(printf '%s' "$INPUT" | "$cli" "$@" 2>&1)
  else
    out=$("$cli" "$@" 2>&1)
  fi
  status=$?
  if [ "$status" -ne "$code" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL: greenfront $* -> exit $status (want $code), output did not match /$pattern/:"
    echo "$out" | head -20
    failures=$((failures + 1))
  else
    echo "ok:   greenfront $* -> $code"
  fi
}

example="$repo/examples/lifecycle.json"
expect 0 '"phase": "inference"' -- estimate "$example"
expect 0 '\| \*\*total\*\* \|' -- estimate "$example" --format markdown
expect 0 'Uncertainty \(2000 Monte-Carlo samples, seed 42\)' -- estimate "$example" --format markdown
expect 0 '"ok": true' -- validate "$example"
INPUT='{"schema_version":1,"training":{"hours":10}}' expect 0 '"ok": true' -- estimate -
INPUT='{"schema_version":1,"training":{"hours":-1}}' \
  expect 1 '\[input.out_of_range\] training.hours: must be in \[0, 10000000\], got -1' -- estimate -
INPUT='{"schema_version":1,' expect 1 '\[json.parse_error\]' -- validate -
INPUT='{"schema_version":1}' expect 1 '\[input.empty_scenario\]' -- estimate - --format markdown
expect 3 "cannot read '/nonexistent.json'" -- estimate /nonexistent.json
expect 2 "unknown option '--frobnicate'" -- estimate "$example" --frobnicate
expect 2 'unknown command' -- fly
expect 2 'needs exactly one FILE' -- estimate
expect 2 '--format must be json, compact or markdown' -- estimate "$example" --format xml
expect 0 '^\{"catalog_entries_used":' -- estimate "$example" --format compact
expect 0 'has the lowest total_location CO2e' -- compare "$(dirname "$example")/compare/regions-and-hardware.json" --format markdown
expect 0 'nvidia-v100-sxm2' -- catalog hardware --search v100
expect 0 'CA-QC' -- catalog regions --search quebec --format markdown
expect 1 'input.invalid_value' -- catalog planets
expect 0 'Exit codes' -- --help
expect 0 'KIND is one of' -- catalog --help
expect 0 'schema_version 1' -- --version

if [ "$failures" -gt 0 ]; then
  echo "$failures CLI test(s) failed"
  exit 1
fi
echo "all CLI tests passed"
