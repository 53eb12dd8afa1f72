// Every documented limit, at the boundary (accepted) and one step past it (a clear error
// naming the field), so hostile or mistaken requests end in an answer instead of a hang or
// an out-of-memory (issue 8). The limits are listed in docs/schema.md and docs/pareto.md.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/api_bulk.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

std::string first_code(const std::string& response) {
  const json r = json::parse(response);
  return r["ok"] == true ? "ok" : r["errors"][0]["code"].get<std::string>();
}

std::string first_path(const std::string& response) {
  const json r = json::parse(response);
  return r["ok"] == true ? "" : r["errors"][0]["path"].get<std::string>();
}

const char* kScenario = R"({"schema_version": 1, "training": {"energy_kwh": 1}})";

}  // namespace

TEST_CASE("the request size limit is 4 MiB", "[limits]") {
  const std::size_t limit = 4 * 1024 * 1024;
  std::string at(kScenario);
  at += std::string(limit - at.size(), ' ');  // trailing whitespace is valid JSON
  REQUIRE(at.size() == limit);
  CHECK(first_code(api::estimate(at)) == "ok");
  CHECK(first_code(api::estimate(at + " ")) == "input.too_large");
}

TEST_CASE("the nesting limit is 64 levels", "[limits]") {
  // {"name": [[...[1]...]]}: the object is level 1, so 63 brackets make 64 levels.
  const auto nested = [](int brackets) {
    return R"({"schema_version": 1, "training": {"energy_kwh": 1}, "name": )" +
           std::string(brackets, '[') + "1" + std::string(brackets, ']') + "}";
  };
  CHECK(first_code(api::validate(nested(63))) != "input.too_deep");  // name must be a string
  CHECK(first_path(api::validate(nested(63))) == "name");
  CHECK(first_code(api::validate(nested(64))) == "input.too_deep");
}

TEST_CASE("Monte-Carlo samples are limited to 200000", "[limits]") {
  const auto with_samples = [](long long n) {
    return R"({"schema_version": 1, "uncertainty": {"samples": )" + std::to_string(n) +
           R"(}, "training": {"energy_kwh": {"min": 1, "max": 2}}})";
  };
  CHECK(first_code(api::validate(with_samples(200000))) == "ok");
  CHECK(first_code(api::validate(with_samples(200001))) == "input.out_of_range");
  CHECK(first_path(api::validate(with_samples(200001))) == "uncertainty.samples");
}

TEST_CASE("Pareto requests refuse more objectives than their algorithms handle", "[limits]") {
  const auto points = [](int m) {
    json p = json::array({json::array(), json::array()});
    json ref = json::array();
    for (int k = 0; k < m; ++k) {
      p[0].push_back(k);
      p[1].push_back(m - k);
      ref.push_back(m + 1);
    }
    return json{{"points", p}, {"reference_point", ref}};
  };
  // 32 objectives for fronts, 8 for exact hypervolume.
  const auto front_only = [&](int m) {
    json r = points(m);
    r.erase("reference_point");
    return r.dump();
  };
  CHECK(first_code(api::pareto(front_only(32))) == "ok");
  CHECK(first_code(api::pareto(front_only(33))) == "input.too_many");
  CHECK(first_path(api::pareto(points(9).dump())) == "reference_point");  // exact HV: 8
  CHECK(first_code(api::hypervolume(points(8).dump())) == "ok");
  CHECK(first_code(api::hypervolume(points(9).dump())) == "input.too_many");
  json mc = points(9);
  mc["exact"] = false;
  mc["monte_carlo"] = {{"samples", 1000}};
  CHECK(first_code(api::hypervolume(mc.dump())) == "ok");
  mc["monte_carlo"]["samples"] = 10000001;
  CHECK(first_path(api::hypervolume(mc.dump())) == "monte_carlo.samples");
}

TEST_CASE("suggest limits its batch and its Monte-Carlo draws", "[limits]") {
  json request = {{"variables", json::array({{{"name", "x"}, {"type", "continuous"}, {"min", 0}, {"max", 1}}})},
                  {"objectives", {"a", "b"}},
                  {"batch_size", 16},
                  {"mc_samples", 1024}};
  CHECK(first_code(api::suggest(request.dump())) == "ok");  // initial design: 16 points
  request["batch_size"] = 17;
  CHECK(first_path(api::suggest(request.dump())) == "batch_size");
  request["batch_size"] = 1;
  request["mc_samples"] = 1025;
  CHECK(first_path(api::suggest(request.dump())) == "mc_samples");
}

TEST_CASE("optimize budgets stop at their limits and in time", "[limits]") {
  // The largest evaluation budget is accepted and a short time budget ends it early with
  // what was found (stop_reason "time"); one evaluation more is refused.
  json request = {{"problem", {{"name", "zdt1"}}}, {"algorithm", "nsga2"},
                  {"budget", {{"evaluations", 1000000}, {"seconds", 0.05}}}};
  const json r = json::parse(api::optimize(request.dump()));
  REQUIRE(r["ok"] == true);
  CHECK(r["stop_reason"] == "time");
  CHECK(r["stopped_early"] == true);
  CHECK(r["evaluations"].get<std::size_t>() < 1000000);
  CHECK(r["front"].size() >= 1);
  request["budget"]["evaluations"] = 1000001;
  CHECK(first_path(api::optimize(request.dump())) == "budget.evaluations");
  // MOBO refits GPs at every step: at most 1000 evaluations.
  request["algorithm"] = "mobo";
  request["budget"]["evaluations"] = 1001;
  CHECK(first_path(api::optimize(request.dump())) == "budget.evaluations");
  // Without "seconds" a run is bounded anyway (docs/pareto.md: 60 s by default).
  request["algorithm"] = "random";
  request["budget"] = {{"evaluations", 10}};
  CHECK(json::parse(api::optimize(request.dump()))["budget_seconds"] == 60.0);
  // MOBO without an evaluation budget gets 100, not the 1000 of cheap objectives (a
  // budget-less mobo request once ran for minutes under the fuzzer).
  request = {{"problem", {{"name", "branin_currin"}}}, {"algorithm", "mobo"},
             {"budget", {{"seconds", 0.001}}}};
  const json m = json::parse(api::optimize(request.dump()));
  REQUIRE(m["ok"] == true);
  CHECK(m["budget_evaluations"] == 100);
  CHECK(m["stop_reason"] == "time");
}

TEST_CASE("a response lists at most 100 errors and counts the rest", "[limits]") {
  // The scenario itself is valid; each extra key k000, k001, ... is one unknown field.
  const auto with_unknown_keys = [](int n) {
    json doc = json::parse(kScenario);
    for (int i = 0; i < n; ++i) {
      std::string key = std::to_string(i);
      doc["k" + std::string(3 - key.size(), '0') + key] = 1;
    }
    return json::parse(api::validate(doc.dump()));
  };
  const json at = with_unknown_keys(100);
  REQUIRE(at["errors"].size() == 100);
  CHECK(at["errors"][99]["path"] == "k099");
  const json past = with_unknown_keys(101);
  REQUIRE(past["errors"].size() == 101);
  CHECK(past["errors"][99]["path"] == "k099");
  CHECK(past["errors"][100]["code"] == "input.too_many_errors");
  CHECK(past["errors"][100]["path"] == "");
  CHECK(past["errors"][100]["message"] ==
        "[input.too_many_errors] (document): only the first 100 errors are listed; fix them and "
        "ask again, got 1 more");
  // 250 keys: 100 listed, 150 counted.
  CHECK(with_unknown_keys(250)["errors"][100]["message"].get<std::string>().find("got 150 more") !=
        std::string::npos);
}

TEST_CASE("a long key or id is refused without a quadratic search for a suggestion", "[limits]") {
  // A 1 MB key and a 1 MB hardware id: before the length bound in did_you_mean each one
  // filled an edit table of a million rows per candidate (a 200 KB id took 10 s natively).
  const std::string long_word(1 << 20, 'x');
  json doc = json::parse(kScenario);
  doc[long_word] = 1;
  const json r = json::parse(api::validate(doc.dump()));
  REQUIRE(r["errors"].size() == 1);
  CHECK(r["errors"][0]["code"] == "input.unknown_field");
  CHECK(r["errors"][0]["message"].get<std::string>().find("did you mean") == std::string::npos);
  doc = {{"schema_version", 1},
         {"training", {{"hardware", {{"id", long_word}}}, {"hours", 1}}}};
  const json id = json::parse(api::validate(doc.dump()));
  REQUIRE(id["ok"] == false);
  CHECK(id["errors"][0]["path"] == "training.hardware.id");
}

TEST_CASE("an error's path and message are cut at 512 and 2048 bytes", "[limits]") {
  // An unknown 100,000-letter key under training: the path "training.<key>" is cut to 512
  // bytes plus "…" (3 bytes), the message to 2048 plus "…".
  json doc = json::parse(kScenario);
  doc["training"][std::string(100000, 'k')] = 1;
  const json r = json::parse(api::validate(doc.dump()));
  REQUIRE(r["errors"].size() == 1);
  const std::string path = r["errors"][0]["path"];
  CHECK(path == "training." + std::string(512 - 9, 'k') + "…");
  CHECK(r["errors"][0]["message"].get<std::string>().size() <= 2048 + 3);
}

TEST_CASE("names echoed in every point are at most 256 bytes", "[limits]") {
  // Variable names, categorical choices, objective names and trials columns come back in
  // each point of a front or batch: a 1.9 MB variable name made a 1.3 GB optimize answer.
  const std::string at(256, 'n'), past(257, 'n');
  const auto suggest_with = [](const std::string& variable, const std::string& choice,
                               const std::string& objective) {
    const json request = {
        {"variables", {{{"name", variable}, {"type", "continuous"}, {"min", 0}, {"max", 1}},
                       {{"name", "c"}, {"type", "categorical"}, {"choices", {choice, "other"}}}}},
        {"objectives", {objective, "b"}},
        {"batch_size", 1}};
    return api::suggest(request.dump());
  };
  CHECK(first_code(suggest_with(at, at, at)) == "ok");
  CHECK(first_code(suggest_with(past, "x", "a")) == "input.too_long");
  CHECK(first_path(suggest_with(past, "x", "a")) == "variables[0].name");
  CHECK(first_path(suggest_with("x", past, "a")) == "variables[1].choices[0]");
  CHECK(first_path(suggest_with("x", "x", past)) == "objectives[0]");
  // A trials table's header: its columns become variable and objective names.
  const auto table_with = [](const std::string& column) {
    const json request = {{"trials_csv", column + ",a,b\n1,2,3\n2,3,1\n"}, {"objectives", {"a", "b"}}};
    return api::suggest(request.dump());
  };
  CHECK(first_code(table_with(at)) == "ok");
  CHECK(first_code(table_with(past)) == "input.too_long");
  CHECK(first_path(table_with(past)) == "trials_csv.header");
  // The path names the header only, so the rule says which column.
  const json refused = json::parse(table_with(past));
  CHECK(refused["errors"][0]["message"].get<std::string>().find("(column 1)") != std::string::npos);
}

TEST_CASE("suggest has a time budget of 30 s by default and at most a day", "[limits]") {
  // 40 trials of a 4-objective trade-off: past the initial design, so the GP fits and the
  // Monte-Carlo acquisition run (and can be cut).
  json observations = json::array();
  for (int i = 0; i < 40; ++i) {
    const double x = (i + 0.5) / 40.0, y = (i % 5) / 5.0;
    observations.push_back({{"config", {{"x", x}, {"y", y}}},
                            {"values", {x, 1 - x, y, (1 - x) * y + x}}});
  }
  json request = {{"variables", json::array({{{"name", "x"}, {"type", "continuous"}, {"min", 0}, {"max", 1}},
                                             {{"name", "y"}, {"type", "continuous"}, {"min", 0}, {"max", 1}}})},
                  {"objectives", {"a", "b", "c", "d"}},
                  {"observations", observations},
                  {"batch_size", 3},
                  {"mc_samples", 16}};
  const json complete = json::parse(api::suggest(request.dump()));
  REQUIRE(complete["ok"] == true);
  CHECK(complete["budget_seconds"] == 30.0);
  CHECK(complete["stopped_early"] == false);
  CHECK(complete["stop_reason"] == "completed");
  CHECK(complete["suggestions"].size() == 3);
  // A nanosecond is over before the first check: one suggestion, flagged, still valid.
  request["budget"] = {{"seconds", 1e-9}};
  const json cut = json::parse(api::suggest(request.dump()));
  REQUIRE(cut["ok"] == true);
  CHECK(cut["stop_reason"] == "time");
  CHECK(cut["stopped_early"] == true);
  REQUIRE(cut["suggestions"].size() == 1);
  CHECK(cut["suggestions"][0]["config"]["x"].get<double>() >= 0.0);
  CHECK(cut["suggestions"][0]["config"]["x"].get<double>() <= 1.0);
  CHECK(cut["hypervolume"] == complete["hypervolume"]);  // the observations' own figure
  // The bound: 86,400 s accepted, a step past it and 0 refused at budget.seconds.
  request["budget"]["seconds"] = 86400;
  CHECK(first_code(api::suggest(request.dump())) == "ok");
  request["budget"]["seconds"] = 86400.5;
  CHECK(first_path(api::suggest(request.dump())) == "budget.seconds");
  request["budget"]["seconds"] = 0;
  CHECK(first_code(api::suggest(request.dump())) == "input.out_of_range");
  request["budget"] = {{"evaluations", 3}};
  CHECK(first_path(api::suggest(request.dump())) == "budget.evaluations");
}

namespace {

/// n mutually non-dominated points (i, n-1-i, 0, ...) in `dims` objectives, with a reference
/// point past them all: a front of n points on a line, which the exact algorithms measure in
/// a moment, so the limits can be tested at their bound without the slow fronts they guard.
json line_front(int n, int dims) {
  json points = json::array(), reference = json::array({n, n});
  for (int i = 0; i < n; ++i) {
    json p = {i, n - 1 - i};
    for (int k = 2; k < dims; ++k) p.push_back(0);
    points.push_back(p);
  }
  for (int k = 2; k < dims; ++k) reference.push_back(1);
  return {{"points", points}, {"reference_point", reference}};
}

}  // namespace

TEST_CASE("exact fronts of 4 or more objectives are bounded before the work starts", "[limits]") {
  // 20,000 points with 4+ objectives: one dominates the rest, so the skyline is quick.
  json many = {{"points", json::array({{0, 0, 0, 0}})}};
  for (int i = 1; i < 20000; ++i) many["points"].push_back({i, 1, 1, 1});
  CHECK(first_code(api::pareto(many.dump())) == "ok");
  many["points"].push_back({1, 2, 1, 1});
  CHECK(first_path(api::pareto(many.dump())) == "points");
  CHECK(first_code(api::pareto(many.dump())) == "input.too_many");
  many["reference_point"] = {30000, 3, 3, 3};
  CHECK(first_path(api::hypervolume(many.dump())) == "points");
  // 3 objectives have O(n log n) algorithms and no such bound.
  for (auto& p : many["points"]) p.erase(3);
  many.erase("reference_point");
  CHECK(first_code(api::pareto(many.dump())) == "ok");
}

TEST_CASE("exact hypervolume is bounded by the front inside the reference", "[limits]") {
  // 8 objectives: a front of 500 points; 6 objectives: 8,000 (work_limits.h).
  json at = line_front(500, 8);
  const json accepted = json::parse(api::hypervolume(at.dump()));
  REQUIRE(accepted["ok"] == true);
  // The line front's volume: ∑ over the staircase in (f1, f2) of its steps, times 1 in the
  // other six: ∑_{i} (n - i) · 1 for f1 = i, f2 = n-1-i against (n, n) is n(n+1)/2 = 125,250.
  CHECK(accepted["hypervolume"].get<double>() == Approx(125250.0));
  json past = line_front(501, 8);
  const json refused = json::parse(api::hypervolume(past.dump()));
  REQUIRE(refused["ok"] == false);
  CHECK(refused["errors"][0]["path"] == "points");
  CHECK(refused["errors"][0]["message"].get<std::string>().find("\"exact\": false") !=
        std::string::npos);
  CHECK(first_path(api::pareto(past.dump())) == "points");  // its reference_point asks for it
  // Points outside the reference or dominated do not count: 501 rows, a front of 500.
  past["points"][500] = {0, 1000, 0, 0, 0, 0, 0, 2};  // outside: 2 > the reference's 1
  CHECK(first_code(api::hypervolume(past.dump())) == "ok");
  past["points"][500] = {1, 500, 0, 0, 0, 0, 0, 0};  // dominated by (0, 500, 0, ...)
  CHECK(first_code(api::hypervolume(past.dump())) == "ok");
  // An estimate is what the error suggests, and it has no such bound.
  json estimate = line_front(501, 8);
  estimate["exact"] = false;
  estimate["monte_carlo"] = {{"samples", 1000}};
  CHECK(first_code(api::hypervolume(estimate.dump())) == "ok");
  CHECK(first_code(api::hypervolume(line_front(8000, 6).dump())) == "ok");
  CHECK(first_path(api::hypervolume(line_front(8001, 6).dump())) == "points");
}

TEST_CASE("hypervolume contributions are bounded by the points inside the reference", "[limits]") {
  // 8 objectives: 200 points inside the reference, dominated ones included.
  json at = line_front(200, 8);
  at["contributions"] = true;
  const json accepted = json::parse(api::hypervolume(at.dump()));
  REQUIRE(accepted["ok"] == true);
  // Each point of the line owns one unit step of the staircase: contribution 1 (the ends too:
  // (0, n-1) owns [0, 1) × [n-1, n)).
  CHECK(accepted["contributions"][0].get<double>() == Approx(1.0));
  CHECK(accepted["contributions"][199].get<double>() == Approx(1.0));
  at["points"].push_back({300, 300, 0, 0, 0, 0, 0, 0});  // dominated, but it counts here
  at["reference_point"][0] = 400;
  at["reference_point"][1] = 400;
  CHECK(first_path(api::hypervolume(at.dump())) == "points");
}

TEST_CASE("a Monte-Carlo hypervolume is bounded by samples × front × objectives", "[limits]") {
  // A front of 2,000 2-D points: at most 10¹⁰ / (2,000 · 2) = 2,500,000 samples. The front
  // is a tiny staircase near the origin, listed from its ends, so a sample usually stops at
  // the first or second point and the accepted run is quick.
  json points = json::array();
  points.push_back({0, 1999});
  points.push_back({1999, 0});
  for (int i = 1; i < 1999; ++i) points.push_back({i, 1999 - i});
  json request = {{"points", points}, {"reference_point", {1e6, 1e6}}, {"exact", false},
                  {"monte_carlo", {{"samples", 2500000}}}};
  CHECK(first_code(api::hypervolume(request.dump())) == "ok");
  request["monte_carlo"]["samples"] = 2500001;
  const json refused = json::parse(api::hypervolume(request.dump()));
  REQUIRE(refused["ok"] == false);
  CHECK(refused["errors"][0]["path"] == "monte_carlo.samples");
  CHECK(refused["errors"][0]["message"].get<std::string>().find("at most 2500000") !=
        std::string::npos);
}

TEST_CASE("the bulk front and hypervolume share the bounds of the JSON requests", "[limits]") {
  std::vector<double> values;
  values.insert(values.end(), {0, 0, 0, 0});
  for (int i = 1; i < 20000; ++i) values.insert(values.end(), {double(i), 1, 1, 1});
  std::string error;
  const auto front = api::pareto_front_of({values.data(), values.size(), 4, {}}, error);
  REQUIRE(front);
  CHECK(front->size() == 1);
  values.insert(values.end(), {1, 2, 1, 1});
  CHECK_FALSE(api::pareto_front_of({values.data(), values.size(), 4, {}}, error));
  CHECK(first_path(error) == "points");
  CHECK_FALSE(api::pareto_ranks_of({values.data(), values.size(), 4, {}}, error));
  // 501 points of an 8-D line front: past the exact hypervolume bound.
  const json line = line_front(501, 8);
  std::vector<double> flat;
  for (const auto& p : line["points"])
    for (const auto& v : p) flat.push_back(v.get<double>());
  const auto reference = line["reference_point"].get<std::vector<double>>();
  CHECK_FALSE(api::hypervolume_of({flat.data(), flat.size(), 8, {}}, reference, error));
  CHECK(first_path(error) == "points");
  // Its first 500 points against (501, 501): steps of height i + 1 for f1 in [i, i + 1),
  // i < 499, then (499, 1) alone over [499, 501): 124,750 + 2 · 500 = 125,750.
  flat.resize(500 * 8);
  const auto volume = api::hypervolume_of({flat.data(), flat.size(), 8, {}}, reference, error);
  REQUIRE(volume);
  CHECK(*volume == Approx(125750.0));
}
