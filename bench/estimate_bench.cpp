// estimate_bench FILE [--repeat N]: times api::estimate on the scenario in FILE, the native
// half of bench/wasm_bench.mjs (which runs the same file through the wasm module and prints
// the ratio). One warm-up run, then N timed runs (default 15); prints one JSON line:
// {"runs": N, "median_ms": ..., "min_ms": ..., "result_bytes": ...}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "greenfront/api.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: estimate_bench FILE [--repeat N]\n");
    return 2;
  }
  int repeat = 15;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "estimate_bench: cannot read %s\n", argv[1]);
    return 3;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string result = greenfront::api::estimate(text);  // warm-up: catalogs parsed once
  if (result.find("\"ok\":true") == std::string::npos) {
    std::fprintf(stderr, "estimate_bench: the scenario was rejected: %s\n", result.c_str());
    return 1;
  }
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    result = greenfront::api::estimate(text);
    const auto stop = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("{\"runs\": %d, \"median_ms\": %.3f, \"min_ms\": %.3f, \"result_bytes\": %zu}\n", repeat,
              ms[ms.size() / 2], ms.front(), result.size());
  return 0;
}
