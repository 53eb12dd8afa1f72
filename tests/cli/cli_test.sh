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

# import-codecarbon: the file's bytes in, a scenario and the import's account out.
cc="$repo/tests/data/codecarbon"
expect 0 '"energy_kwh": 1.75' -- import-codecarbon "$cc/v2_7.csv"
expect 0 '"cloud_region": "gcp:us-central1"' -- import-codecarbon "$cc/v2_7.csv" --phase inference
expect 0 '"energy_kwh": 0.75' -- import-codecarbon "$cc/v2_7.csv" --run run-b
expect 0 '"region": "FR"' -- import-codecarbon "$cc/v2_7.csv" --region FR --hardware a100
expect 0 '"encoding": "latin-1"' -- import-codecarbon "$cc/latin1.csv"
INPUT="$(cat "$cc/v2_0.csv")" expect 0 '"energy_kwh": 0.3' -- import-codecarbon -
expect 1 '\[import.no_header\] csv: ' -- import-codecarbon "$cc/bad/empty.csv"
expect 1 '\[import.unterminated_quote\] csv.row\[3\]: ' -- import-codecarbon "$cc/bad/unterminated_quote.csv"
expect 1 '\[input.unknown_id\] run: ' -- import-codecarbon "$cc/v2_7.csv" --run run-z
expect 1 '\[input.invalid_value\] phase: ' -- import-codecarbon "$cc/v2_7.csv" --phase federated
expect 2 'only applies to import-codecarbon' -- estimate "$example" --phase training
expect 2 '--run needs a value' -- import-codecarbon "$cc/v2_7.csv" --run
expect 2 'needs exactly one FILE' -- import-codecarbon
expect 3 "cannot read '/nonexistent.csv'" -- import-codecarbon /nonexistent.csv
expect 0 'import-codecarbon FILE.csv' -- import-codecarbon --help

# report: a request, a bare scenario, or import-codecarbon's output; four formats.
expect 0 '"model_card_yaml"' -- report "$example"
expect 0 '^## Carbon impact statement' -- report "$example" --format markdown
expect 0 '^  emissions: [0-9]+(\.[0-9]+)?$' -- report "$example" --format yaml
expect 0 '^phase,hardware_id,hardware,device_count,' -- report "$example" --format csv
INPUT="$("$cli" import-codecarbon "$cc/v2_7.csv")" \
  expect 0 'hardware_used: "2 x NVIDIA H100 SXM5 80 GB"' -- report - --format yaml
INPUT='{"scenario": {"schema_version": 1, "training": {}}, "model_name": "x"}' \
  expect 1 '\[input.missing_field\] scenario.training.hours' -- report - --format markdown
expect 2 '--format must be json, compact, markdown, yaml or csv' -- report "$example" --format xml
expect 2 '--format must be json, compact or markdown' -- estimate "$example" --format yaml
expect 0 'model-card front matter' -- report --help

if [ "$failures" -gt 0 ]; then
  echo "$failures CLI test(s) failed"
  exit 1
fi
echo "all CLI tests passed"
