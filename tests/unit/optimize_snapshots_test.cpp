// Live snapshots of optimize (docs/pareto.md, "Live snapshots"): together they stream every
// evaluation once, in order, and each one's front is the non-dominated set of everything
// evaluated so far, checked here against a brute-force pairwise oracle.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "greenfront/api.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

/// Every snapshot of one run, parsed.
struct Recorded {
  std::vector<json> snapshots;
  api::Snapshots receiver(double interval_seconds, std::size_t max_points = 20000) {
    api::Snapshots s;
    s.receive = [this](const std::string& text) { snapshots.push_back(json::parse(text)); };
    s.min_interval_seconds = interval_seconds;
    s.max_points = max_points;
    return s;
  }
};

/// a dominates b: no worse in every (minimized) objective and better in one.
bool dominates(const json& a, const json& b, const std::vector<std::string>& names) {
  bool better = false;
  for (const auto& n : names) {
    const double x = a["values"][n].get<double>(), y = b["values"][n].get<double>();
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/// The brute-force front of `points` as indices: O(n²) pairs, independent of the core's sweeps.
std::vector<std::size_t> oracle_front(const std::vector<json>& points,
                                      const std::vector<std::string>& names) {
  std::vector<std::size_t> front;
  for (const auto& p : points) {
    bool dominated = false;
    for (const auto& q : points) dominated = dominated || dominates(q, p, names);
    if (!dominated) front.push_back(p["index"].get<std::size_t>());
  }
  return front;
}

std::vector<std::size_t> indices(const json& list) {
  std::vector<std::size_t> out;
  for (const auto& e : list) out.push_back(e["index"].get<std::size_t>());
  return out;
}

}  // namespace

TEST_CASE("optimize snapshots stream every evaluation once and a correct front", "[api][pareto][snapshots]") {
  Recorded rec;
  const json r = json::parse(api::optimize(R"({"problem": {"name": "zdt1", "variables": 6},
      "algorithm": "nsga2", "budget": {"evaluations": 240}, "seed": 7, "return": "all"})",
                                           {}, rec.receiver(0.0)));
  REQUIRE(r["ok"] == true);
  REQUIRE(r["evaluations"] == 240);
  // An interval of 0 sends one snapshot per evaluation.
  REQUIRE(rec.snapshots.size() == 240);
  const std::vector<std::string> names = {"f1", "f2"};
  std::vector<json> seen;
  for (std::size_t s = 0; s < rec.snapshots.size(); ++s) {
    const json& snap = rec.snapshots[s];
    CHECK(snap["evaluations"] == s + 1);
    CHECK(snap["budget_evaluations"] == 240);
    CHECK(snap["objectives"] == json::array({"f1", "f2"}));
    CHECK_FALSE(snap.contains("points_truncated"));
    for (const auto& p : snap["points"]) seen.push_back(p);
    REQUIRE(seen.size() == s + 1);
    if (s % 20 == 19 || s == 0) CHECK(indices(snap["front"]) == oracle_front(seen, names));
  }
  // The stream is the run's record, in order and with the same configs and values.
  REQUIRE(seen.size() == r["evaluated"].size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i]["index"] == i);
    CHECK(seen[i]["config"] == r["evaluated"][i]["config"]);
    CHECK(seen[i]["values"] == r["evaluated"][i]["values"]);
  }
  CHECK(indices(rec.snapshots.back()["front"]) == indices(r["front"]));
}

TEST_CASE("optimize snapshots stop streaming points at the cap and keep the front", "[api][pareto][snapshots]") {
  Recorded rec;
  const json r = json::parse(api::optimize(R"({"problem": {"name": "zdt2", "variables": 4},
      "algorithm": "random", "budget": {"evaluations": 120}, "seed": 3})",
                                           {}, rec.receiver(0.0, 50)));
  REQUIRE(r["ok"] == true);
  std::size_t streamed = 0;
  for (const auto& snap : rec.snapshots) {
    streamed += snap["points"].size();
    // The flag appears with the first snapshot that left an evaluation out: the 51st.
    CHECK(snap.contains("points_truncated") == (snap["evaluations"].get<std::size_t>() > 50));
  }
  CHECK(streamed == 50);
  CHECK(rec.snapshots.back()["evaluations"] == 120);
  CHECK(indices(rec.snapshots.back()["front"]) == indices(r["front"]));
}

TEST_CASE("optimize snapshots: the first at once, then spaced, the last at the end", "[api][pareto][snapshots]") {
  Recorded rec;
  const json r = json::parse(api::optimize(R"({"problem": {"name": "zdt1", "variables": 4},
      "algorithm": "nsga2", "budget": {"evaluations": 200}, "seed": 1})",
                                           {}, rec.receiver(3600.0)));
  REQUIRE(r["ok"] == true);
  // An hour's interval: the first evaluation, then nothing until the flush at the end.
  REQUIRE(rec.snapshots.size() == 2);
  CHECK(rec.snapshots[0]["evaluations"] == 1);
  CHECK(rec.snapshots[0]["points"].size() == 1);
  CHECK(rec.snapshots[1]["evaluations"] == 200);
  CHECK(rec.snapshots[1]["points"].size() == 199);
}

TEST_CASE("optimize snapshots follow MOBO and a cancelled run", "[api][pareto][snapshots]") {
  Recorded mobo;
  const json m = json::parse(api::optimize(R"({"problem": {"name": "branin_currin"},
      "algorithm": "mobo", "budget": {"evaluations": 9}, "mobo": {"initial_points": 6}, "seed": 2})",
                                           {}, mobo.receiver(0.0)));
  REQUIRE(m["ok"] == true);
  REQUIRE(mobo.snapshots.size() == 9);
  CHECK(mobo.snapshots.back()["evaluations"] == 9);
  CHECK(indices(mobo.snapshots.back()["front"]) == indices(m["front"]));

  Recorded cancelled;
  const api::Progress stop_at_37 = [](const std::string&, double done, double) { return done < 37; };
  const json c = json::parse(api::optimize(R"({"problem": {"name": "zdt1", "variables": 4},
      "algorithm": "nsga2", "budget": {"evaluations": 400}, "seed": 1})",
                                           stop_at_37, cancelled.receiver(3600.0)));
  REQUIRE(c["ok"] == true);
  CHECK(c["stop_reason"] == "cancelled");
  // The flush at the end covers the evaluations up to the cancel.
  CHECK(cancelled.snapshots.back()["evaluations"] == 37);
  CHECK(indices(cancelled.snapshots.back()["front"]) == indices(c["front"]));
}
