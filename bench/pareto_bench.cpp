// Benchmarks for the Pareto core's fronts and hypervolume (issue 5, "Measured goals").
//
// Every case times greenfront's code and an in-process baseline on the same point set and
// prints one table row: name, n, d, our time, the baseline's time and their ratio. Small
// cases take the best of 3 runs (steady_clock). The baselines are:
//   * non_dominated 2-D: a plain O(n log n) index sort + scan, and the naive O(n²)
//     pairwise filter on a 10^4 subset (ours timed on the same subset);
//   * non_dominated 3-D: the naive O(n²) pairwise filter on the same set;
//   * 3-D hypervolume: the textbook Beume et al. sweep with a std::map staircase, and the
//     general WFG code forced onto 3-D (sliced down to the 2-D sweep);
//   * 4-D and 5-D hypervolume: the same WFG recursing down to the 2-D sweep instead of the
//     4-D/3-D sweeps (moocore's `hv` on the --write files is the external baseline);
//   * contributions: n exact hypervolumes with one point left out.
// `--write DIR` also writes each point set as DIR/<name>.txt (one point per line, space
// separated) so moocore's `hv -r "..." FILE` can time the same data as an external check.
//
// Build: g++ -std=c++17 -O2 -ffp-contract=off -Icore/include bench/pareto_bench.cpp
//        core/src/pareto/dominance.cpp core/src/pareto/hypervolume.cpp core/src/random.cpp
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "greenfront/pareto/dominance.h"
#include "greenfront/pareto/hypervolume.h"
#include "greenfront/random.h"

using namespace greenfront;
using namespace greenfront::pareto;

namespace {

double time_ms(const std::function<void()>& run, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

/// Best of 3 when one run is short, else the single run already made.
double timed(const std::function<void()>& run) {
  const double first = time_ms(run, 1);
  return first < 2000.0 ? std::min(first, time_ms(run, 2)) : first;
}

Points uniform(std::size_t n, std::size_t d, std::uint64_t seed) {
  Rng rng(seed);
  Points p(d);
  p.values.resize(n * d);
  for (double& v : p.values) v = rng.uniform01();
  return p;
}

/// Points on the positive unit sphere (|normal| normalized): all mutually non-dominated.
Points sphere(std::size_t n, std::size_t d, std::uint64_t seed) {
  Rng rng(seed);
  Points p(d);
  std::vector<double> v(d);
  for (std::size_t i = 0; i < n; ++i) {
    double norm2 = 0.0;
    for (double& x : v) x = std::fabs(rng.normal()), norm2 += x * x;
    for (double& x : v) x /= std::sqrt(norm2);
    p.push_back(v);
  }
  return p;
}

// --- baselines ---------------------------------------------------------------------------

std::vector<std::size_t> naive_front(const Points& p) {
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < p.size() && !dominated; ++j)
      dominated = dominates(p.row(j), p.row(i), p.dims);
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::vector<std::size_t> sort_scan_front2(const Points& p) {
  std::vector<std::size_t> idx(p.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    if (p.at(a, 0) != p.at(b, 0)) return p.at(a, 0) < p.at(b, 0);
    return p.at(a, 1) < p.at(b, 1);
  });
  std::vector<std::size_t> front;
  double best = 1e300;
  for (std::size_t i : idx)
    if (p.at(i, 1) < best) best = p.at(i, 1), front.push_back(i);
  std::sort(front.begin(), front.end());
  return front;
}

/// Beume et al. 2009 as usually written: sort by z, std::map staircase of (x, y).
double map_sweep_hv3(const Points& p, const std::vector<double>& ref) {
  std::vector<std::size_t> idx(p.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(),
            [&](std::size_t a, std::size_t b) { return p.at(a, 2) < p.at(b, 2); });
  std::map<double, double> st;  // x -> y, x increasing, y decreasing
  st[-1e300] = ref[1];          // sentinels
  st[ref[0]] = -1e300;
  double area = 0.0, volume = 0.0, z_prev = idx.empty() ? 0.0 : p.at(idx[0], 2);
  for (std::size_t i : idx) {
    const double x = p.at(i, 0), y = p.at(i, 1), z = p.at(i, 2);
    volume += area * (z - z_prev);
    z_prev = z;
    auto right = st.upper_bound(x);
    auto left = std::prev(right);
    if (left->second <= y) continue;
    double height = left->second, from = x;
    while (right->second >= y) {
      area += (height - y) * (right->first - from);
      from = right->first;
      height = right->second;
      right = st.erase(right);
    }
    area += (height - y) * (right->first - from);
    st[x] = y;
  }
  return volume + area * (ref[2] - z_prev);
}

// --- table -------------------------------------------------------------------------------

std::string write_dir;

void write_points(const std::string& name, const Points& p) {
  if (write_dir.empty()) return;
  const std::string path = write_dir + "/" + name + ".txt";
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return;
  }
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t k = 0; k < p.dims; ++k)
      std::fprintf(f, "%.17g%c", p.at(i, k), k + 1 == p.dims ? '\n' : ' ');
  std::fclose(f);
}

void row(const char* name, std::size_t n, std::size_t d, double ours_ms, double base_ms,
         const char* baseline, const std::string& result) {
  if (base_ms > 0)
    std::printf("| %-26s | %8zu | %d | %10.3f | %11.3f | %8.1f | %-34s | %s |\n", name, n,
                static_cast<int>(d), ours_ms, base_ms, base_ms / ours_ms, baseline, result.c_str());
  else
    std::printf("| %-26s | %8zu | %d | %10.3f | %11s | %8s | %-34s | %s |\n", name, n,
                static_cast<int>(d), ours_ms, "-", "-", baseline, result.c_str());
  std::fflush(stdout);
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  for (int a = 1; a < argc; ++a) {
    if (std::strcmp(argv[a], "--write") == 0 && a + 1 < argc) {
      write_dir = argv[++a];
    } else {
      std::fprintf(stderr, "usage: %s [--write DIR]\n", argv[0]);
      return 2;
    }
  }
  std::printf("| %-26s | %8s | d | %10s | %11s | %8s | %-34s | %s |\n", "case", "n", "ours ms",
              "baseline ms", "ratio", "baseline", "result");
  std::printf("|%s|%s|---|%s|%s|%s|%s|---|\n", std::string(28, '-').c_str(),
              std::string(10, '-').c_str(), std::string(12, '-').c_str(),
              std::string(13, '-').c_str(), std::string(10, '-').c_str(),
              std::string(36, '-').c_str());

  {  // 2-D front of 10^6 uniform points.
    const Points p = uniform(1000000, 2, 1);
    write_points("nd2_1e6", p);
    std::vector<std::size_t> ours, base;
    const double t = timed([&] { ours = non_dominated(p); });
    const double b = timed([&] { base = sort_scan_front2(p); });
    row("non_dominated", p.size(), 2, t, b, "index sort + scan, O(n log n)",
        "front " + std::to_string(ours.size()) + (ours == base ? " (same)" : " (DIFFERS)"));
    const Points s = p.subset([] {
      std::vector<std::size_t> first(10000);
      for (std::size_t i = 0; i < first.size(); ++i) first[i] = i;
      return first;
    }());
    const double ts = timed([&] { ours = non_dominated(s); });
    const double bs = timed([&] { base = naive_front(s); });
    row("non_dominated", s.size(), 2, ts, bs, "naive pairwise O(n^2)",
        "front " + std::to_string(ours.size()) + (ours == base ? " (same)" : " (DIFFERS)"));
  }
  {  // 3-D front of 10^5 uniform points.
    const Points p = uniform(100000, 3, 2);
    write_points("nd3_1e5", p);
    std::vector<std::size_t> ours, base;
    const double t = timed([&] { ours = non_dominated(p); });
    const double b = timed([&] { base = naive_front(p); });
    row("non_dominated", p.size(), 3, t, b, "naive pairwise O(n^2)",
        "front " + std::to_string(ours.size()) + (ours == base ? " (same)" : " (DIFFERS)"));
    std::vector<std::size_t> ranks;
    const double tr = timed([&] { ranks = non_dominated_ranks(p); });
    row("non_dominated_ranks", p.size(), 3, tr, 0, "-",
        "fronts " + std::to_string(*std::max_element(ranks.begin(), ranks.end()) + 1));
  }
  {  // 3-D hypervolume of non-dominated points on the sphere.
    const std::vector<double> ref(3, 1.1);
    for (std::size_t n : {10000u, 100000u}) {
      const Points p = sphere(n, 3, 3);
      write_points("hv3_sphere_" + std::string(n == 10000 ? "1e4" : "1e5"), p);
      double ours = 0, base = 0;
      const double t = timed([&] { ours = hypervolume(p, ref); });
      const double b = timed([&] { base = map_sweep_hv3(p, ref); });
      row("hypervolume", n, 3, t, b, "same sweep, std::map staircase",
          fmt("%.15g", ours) + fmt(" (rel. diff %.1e)", std::fabs(ours - base) / ours));
      if (n == 10000) {
        const double w = timed([&] { base = detail::hypervolume_wfg(p, ref, 2); });
        row("hypervolume", n, 3, t, w, "WFG forced on 3-D (2-D base)",
            fmt("%.15g", ours) + fmt(" (rel. diff %.1e)", std::fabs(ours - base) / ours));
      }
    }
  }
  {  // 4-D and 5-D hypervolume of 10^3 sphere points.
    for (std::size_t d : {4u, 5u}) {
      const std::vector<double> ref(d, 1.1);
      const Points p = sphere(1000, d, d);
      write_points("hv" + std::to_string(d) + "_sphere_1e3", p);
      double ours = 0, base = 0;
      const double t = timed([&] { ours = hypervolume(p, ref); });
      const double w = timed([&] { base = detail::hypervolume_wfg(p, ref, 2); });
      row("hypervolume", p.size(), d, t, w, "WFG down to the 2-D sweep",
          fmt("%.15g", ours) + fmt(" (rel. diff %.1e)", std::fabs(ours - base) / ours));
    }
  }
  {  // Contributions: local per point vs n hypervolumes with a point left out.
    for (std::size_t d : {3u, 4u}) {
      const std::vector<double> ref(d, 1.1);
      const Points p = sphere(1000, d, 6 + d);
      std::vector<double> ours, base(p.size());
      const double t = timed([&] { ours = hypervolume_contributions(p, ref); });
      const double b = timed([&] {
        const double all = hypervolume(p, ref);
        Points rest(d);
        for (std::size_t i = 0; i < p.size(); ++i) {
          rest.values.clear();
          for (std::size_t j = 0; j < p.size(); ++j)
            if (j != i) rest.push_back(p.row(j));
          base[i] = all - hypervolume(rest, ref);
        }
      });
      double worst = 0.0;
      for (std::size_t i = 0; i < p.size(); ++i)
        worst = std::max(worst, std::fabs(ours[i] - base[i]));
      row("hypervolume_contributions", p.size(), d, t, b, "n x hypervolume(all but i)",
          fmt("max abs diff %.1e", worst));
    }
    const Points big = sphere(100000, 3, 8);
    std::vector<double> ours;
    const double t = timed([&] { ours = hypervolume_contributions(big, {1.1, 1.1, 1.1}); });
    row("hypervolume_contributions", big.size(), 3, t, 0, "-", "");
  }
  if (!write_dir.empty())
    std::printf(
        "\nwrote the point sets to %s; reference point 1.1 in every objective for "
        "the hv* files\n",
        write_dir.c_str());
  return 0;
}
