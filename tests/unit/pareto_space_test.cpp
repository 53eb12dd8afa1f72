#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "greenfront/pareto/space.h"

using namespace greenfront;
using namespace greenfront::pareto;
using nlohmann::json;

namespace {

/// One of each kind: x in [-2, 3], lr log in [1e-5, 1e-1], layers in [-3, 7],
/// batch log-integer in [1, 1024], region in {a, b, c}.
Space mixed_space() {
  return Space({Variable::continuous("x", -2.0, 3.0), Variable::continuous("lr", 1e-5, 1e-1, true),
                Variable::integer("layers", -3, 7), Variable::integer("batch", 1, 1024, true),
                Variable::categorical("region", {"a", "b", "c"})});
}

}  // namespace

TEST_CASE("encoding maps each kind onto the unit cube", "[pareto][space]") {
  const Space space = mixed_space();
  // 1 each for x, lr, layers, batch; 3 one-hot slots for region.
  REQUIRE(space.encoded_dims() == 7);
  CHECK(space.encoded_offset(4) == 4);
  // x = 0.5 is the midpoint of [-2, 3]; lr = 1e-3 the log midpoint of [1e-5, 1e-1];
  // layers = 2 the midpoint of [-3, 7]; batch = 32 = 2^5 the log midpoint of [1, 2^10].
  const std::vector<double> unit = space.encode({0.5, 1e-3, 2, 32, 1});
  CHECK(unit[0] == Approx(0.5).margin(1e-15));
  CHECK(unit[1] == Approx(0.5).margin(1e-14));
  CHECK(unit[2] == Approx(0.5).margin(1e-15));
  CHECK(unit[3] == Approx(0.5).margin(1e-14));
  CHECK(unit[4] == 0.0);
  CHECK(unit[5] == 1.0);
  CHECK(unit[6] == 0.0);
  // The bounds map exactly to 0 and 1, and back.
  const std::vector<double> ends = space.encode({-2.0, 1e-1, -3, 1024, 2});
  CHECK(ends[0] == 0.0);
  CHECK(ends[1] == 1.0);
  CHECK(ends[2] == 0.0);
  CHECK(ends[3] == 1.0);
  CHECK(space.decode(ends) == Config{-2.0, 1e-1, -3, 1024, 2});
}

TEST_CASE("decode of encode returns every integer and choice exactly", "[pareto][space]") {
  const Space space = mixed_space();
  for (int k = -3; k <= 7; ++k) CHECK(space.from_unit(2, space.to_unit(2, k)) == k);
  for (int k = 1; k <= 1024; ++k) {
    if (space.from_unit(3, space.to_unit(3, k)) != k) FAIL("batch " << k);
  }
  Rng rng(7);
  for (int i = 0; i < 500; ++i) {
    const Config c = space.sample(rng);
    const Config back = space.decode(space.encode(c));
    REQUIRE(back.size() == c.size());
    // Continuous values pass through a division and a product (or log/exp): a few ulps.
    CHECK(back[0] == Approx(c[0]).epsilon(1e-14).margin(1e-15));
    CHECK(back[1] == Approx(c[1]).epsilon(1e-13));
    CHECK(back[2] == c[2]);
    CHECK(back[3] == c[3]);
    CHECK(back[4] == c[4]);
  }
}

TEST_CASE("decode clamps rounds and breaks one-hot ties by the lowest index", "[pareto][space]") {
  const Space space = mixed_space();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Out-of-range and NaN units clamp to the bounds (NaN to the lower one).
  Config c = space.decode(std::vector<double>{-1.0, 2.0, nan, 7.0, 0.5, 0.5, 0.2});
  CHECK(c[0] == -2.0);
  CHECK(c[1] == 1e-1);
  CHECK(c[2] == -3.0);
  CHECK(c[3] == 1024.0);
  CHECK(c[4] == 0.0);  // tie between a and b: a
  // layers: -3 + 0.55 * 10 = 2.5 rounds half up to 3; 0.54 -> 2.4 -> 2.
  c = space.decode(std::vector<double>{0, 0, 0.55, 0, nan, 0.1, 0.3});
  CHECK(c[2] == 3.0);
  CHECK(c[4] == 2.0);  // NaN never wins: c (0.3) beats b (0.1)
  CHECK(space.decode(std::vector<double>{0, 0, 0.54, 0, 0, 0, 0})[2] == 2.0);
  // A short vector is padded with zeros rather than read past its end.
  CHECK(space.decode(std::vector<double>{1.0}) == Config{3.0, 1e-5, -3, 1, 0});
}

TEST_CASE("enumerate lists every configuration of a mixed discrete space once", "[pareto][space]") {
  const Space space({Variable::integer("a", 0, 2), Variable::categorical("b", {"x", "y"}),
                     Variable::integer("c", 5, 6)});
  REQUIRE(space.cardinality() == std::optional<std::uint64_t>(12));  // 3 * 2 * 2
  std::set<Config> seen;
  for (std::uint64_t i = 0; i < 12; ++i) {
    const Config c = space.enumerate(i);
    CHECK(space.contains(c));
    seen.insert(c);
  }
  CHECK(seen.size() == 12);
  // First variable slowest: lexicographic order.
  CHECK(space.enumerate(0) == Config{0, 0, 5});
  CHECK(space.enumerate(1) == Config{0, 0, 6});
  CHECK(space.enumerate(2) == Config{0, 1, 5});
  CHECK(space.enumerate(11) == Config{2, 1, 6});
  CHECK(space.enumerate(12) == space.enumerate(0));  // taken modulo the cardinality
}

TEST_CASE("cardinality is empty with a continuous variable or on overflow", "[pareto][space]") {
  CHECK_FALSE(mixed_space().cardinality());
  CHECK(Space(std::vector<Variable>{}).cardinality() == std::optional<std::uint64_t>(1));
  CHECK(Space({Variable::integer("n", 0, 1e15)}).cardinality() ==
        std::optional<std::uint64_t>(1000000000000001ULL));
  // 7 variables of 1000 choices: 1e21 > 2^64 ~ 1.8e19.
  std::vector<std::string> choices;
  for (int i = 0; i < 1000; ++i) choices.push_back("c" + std::to_string(i));
  std::vector<Variable> many;
  for (int v = 0; v < 7; ++v)
    many.push_back(Variable::categorical("v" + std::to_string(v), choices));
  CHECK_FALSE(Space(many).cardinality());
  many.resize(6);  // 1e18 fits
  CHECK(Space(many).cardinality() == std::optional<std::uint64_t>(1000000000000000000ULL));
}

TEST_CASE("samples stay in bounds and spread as documented", "[pareto][space]") {
  const Space space = mixed_space();
  Rng rng(3);
  const int n = 3000;
  std::set<double> layers;
  int region_a = 0, lr_below_midpoint = 0;
  for (int i = 0; i < n; ++i) {
    const Config c = space.sample(rng);
    REQUIRE(space.contains(c));
    layers.insert(c[2]);
    region_a += c[4] == 0.0;
    lr_below_midpoint += c[1] < 1e-3;
  }
  CHECK(layers.size() == 11);  // every whole number in [-3, 7]
  // Binomial(3000, 1/3): sd 0.0086, so +-0.04 is over 4 sd. Log-uniform lr: half below
  // the log midpoint 1e-3 (sd 0.0091).
  CHECK(region_a / double(n) == Approx(1.0 / 3.0).margin(0.04));
  CHECK(lr_below_midpoint / double(n) == Approx(0.5).margin(0.04));
}

TEST_CASE("contains rejects wrong sizes non-integers bad choices and NaN", "[pareto][space]") {
  const Space space = mixed_space();
  CHECK(space.contains({0.0, 1e-3, 2, 32, 2}));
  CHECK_FALSE(space.contains({0.0, 1e-3, 2, 32}));
  CHECK_FALSE(space.contains({3.5, 1e-3, 2, 32, 2}));
  CHECK_FALSE(space.contains({0.0, 1e-3, 2.5, 32, 2}));
  CHECK_FALSE(space.contains({0.0, 1e-3, 2, 32, 3}));
  CHECK_FALSE(space.contains({0.0, 1e-3, 2, 32, -1}));
  CHECK_FALSE(space.contains({std::nan(""), 1e-3, 2, 32, 0}));
}

TEST_CASE("configurations read and write as JSON by name", "[pareto][space]") {
  const Space space = mixed_space();
  const Config c{0.25, 0.001, -2, 64, 1};
  const json j = space.to_json(c);
  CHECK(j == json::parse(R"({"x":0.25,"lr":0.001,"layers":-2,"batch":64,"region":"b"})"));
  CHECK(j["layers"].is_number_integer());
  CHECK(space.describe(c) == "x=0.25, lr=0.001, layers=-2, batch=64, region=b");
  Issues issues;
  CHECK(space.config_from_json(j, "config", issues) == std::optional<Config>(c));
  CHECK(issues.empty());

  const json bad = json::parse(R"({"x":9,"lr":0.001,"layers":1.5,"region":"z","depth":1})");
  CHECK_FALSE(space.config_from_json(bad, "trials[0]", issues));
  std::set<std::string> found;
  for (const Issue& i : issues.list()) found.insert(i.code + " " + i.path);
  CHECK(found == std::set<std::string>{
                     "input.unknown_field trials[0].depth", "input.out_of_range trials[0].x",
                     "input.wrong_type trials[0].layers", "input.missing_field trials[0].batch",
                     "input.invalid_value trials[0].region"});
}

TEST_CASE("parse_space reads every kind of variable", "[pareto][space]") {
  const json doc = json::parse(R"([
    {"name": "lr", "type": "continuous", "min": 1e-5, "max": 0.1, "log": true},
    {"name": "layers", "type": "integer", "min": 2, "max": 12},
    {"name": "region", "type": "categorical", "choices": ["eu-north", "us-east"]}])");
  Issues issues;
  const std::optional<Space> space = parse_space(doc, "variables", issues);
  REQUIRE(space);
  CHECK(issues.empty());
  REQUIRE(space->size() == 3);
  const Variable& lr = space->variables()[0];
  CHECK(lr.kind == Variable::Kind::continuous);
  CHECK(lr.log_scale);
  CHECK(lr.lower == 1e-5);
  CHECK(lr.upper == 0.1);
  CHECK(space->variables()[1].kind == Variable::Kind::integer);
  CHECK(space->variables()[2].choices == std::vector<std::string>{"eu-north", "us-east"});
  CHECK(space->encoded_dims() == 4);
  CHECK(space->cardinality() == std::nullopt);
}

TEST_CASE("parse_space reports each bad input with its code and path", "[pareto][space]") {
  struct Case {
    const char* json;
    const char* code;
    const char* path;
  };
  const std::string ok = R"({"name": "ok", "type": "integer", "min": 0, "max": 3})";
  const Case cases[] = {
      {R"({"name": "x"})", "input.wrong_type", "variables"},
      {R"([])", "input.invalid_value", "variables"},
      {R"([3])", "input.wrong_type", "variables[0]"},
      {R"([{"type": "continuous", "min": 0, "max": 1}])", "input.missing_field",
       "variables[0].name"},
      {R"([{"name": "", "type": "continuous", "min": 0, "max": 1}])", "input.invalid_value",
       "variables[0].name"},
      {R"([{"name": "x", "min": 0, "max": 1}])", "input.missing_field", "variables[0].type"},
      {R"([{"name": "x", "type": "real", "min": 0, "max": 1}])", "input.invalid_value",
       "variables[0].type"},
      {R"([{"name": "x", "type": "continuous", "min": 1, "max": 0}])", "input.out_of_range",
       "variables[0].max"},
      {R"([{"name": "x", "type": "continuous", "min": 1, "max": 1}])", "input.out_of_range",
       "variables[0].max"},
      {R"([{"name": "x", "type": "continuous", "min": "0", "max": 1}])", "input.wrong_type",
       "variables[0].min"},
      {R"([{"name": "x", "type": "continuous", "min": 0}])", "input.missing_field",
       "variables[0].max"},
      {R"([{"name": "x", "type": "integer", "min": 0.5, "max": 4}])", "input.wrong_type",
       "variables[0].min"},
      {R"([{"name": "x", "type": "integer", "min": 0, "max": 1e16}])", "input.out_of_range",
       "variables[0].max"},
      {R"([{"name": "x", "type": "continuous", "min": 0, "max": 1, "log": true}])",
       "input.out_of_range", "variables[0].min"},
      {R"([{"name": "x", "type": "continuous", "min": 1, "max": 2, "log": "yes"}])",
       "input.wrong_type", "variables[0].log"},
      {R"([{"name": "x", "type": "continuous", "min": 0, "maxx": 1, "max": 1}])",
       "input.unknown_field", "variables[0].maxx"},
      {R"([{"name": "x", "type": "continuous", "min": 0, "max": 1, "choices": ["a"]}])",
       "input.unknown_field", "variables[0].choices"},
      {R"([{"name": "x", "type": "categorical", "choices": ["a"], "log": false}])",
       "input.unknown_field", "variables[0].log"},
      {R"([{"name": "x", "type": "categorical"}])", "input.missing_field", "variables[0].choices"},
      {R"([{"name": "x", "type": "categorical", "choices": "a"}])", "input.wrong_type",
       "variables[0].choices"},
      {R"([{"name": "x", "type": "categorical", "choices": []}])", "input.invalid_value",
       "variables[0].choices"},
      {R"([{"name": "x", "type": "categorical", "choices": ["a", 1]}])", "input.wrong_type",
       "variables[0].choices[1]"},
      {R"([{"name": "x", "type": "categorical", "choices": ["a", "b", "a"]}])", "input.duplicate",
       "variables[0].choices[2]"},
      {R"([{"name": "x", "type": "categorical", "choices": ["a", ""]}])", "input.invalid_value",
       "variables[0].choices[1]"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    Issues issues;
    CHECK_FALSE(parse_space(json::parse(c.json), "variables", issues));
    REQUIRE(issues.list().size() == 1);
    CHECK(issues.list()[0].code == c.code);
    CHECK(issues.list()[0].path == c.path);
  }
  // The problem is reported at the item where it is, after a valid one.
  Issues issues;
  const json second_bad =
      json::parse("[" + ok + R"(, {"name": "y", "type": "continuous", "min": 1, "max": 0}])");
  CHECK_FALSE(parse_space(second_bad, "variables", issues));
  REQUIRE(issues.list().size() == 1);
  CHECK(issues.list()[0].message ==
        "[input.out_of_range] variables[1].max: must be > min (1), got 0");
  Issues dup;
  CHECK_FALSE(parse_space(json::parse("[" + ok + "," + ok + "]"), "variables", dup));
  REQUIRE(dup.list().size() == 1);
  CHECK(dup.list()[0].code == "input.duplicate");
  CHECK(dup.list()[0].path == "variables[1].name");
}

TEST_CASE("parse_space enforces the variable and choice limits", "[pareto][space]") {
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxVariables; ++i) {
    many.push_back(
        {{"name", "v" + std::to_string(i)}, {"type", "integer"}, {"min", 0}, {"max", 1}});
  }
  Issues issues;
  CHECK_FALSE(parse_space(many, "variables", issues));
  REQUIRE(issues.list().size() == 1);
  CHECK(issues.list()[0].code == "input.too_many");
  many.erase(many.size() - 1);  // exactly 64 is fine
  Issues none;
  CHECK(parse_space(many, "variables", none));
  CHECK(none.empty());

  json choices = json::array();
  for (std::size_t i = 0; i <= kMaxChoices; ++i) choices.push_back("c" + std::to_string(i));
  const json wide = json::array({{{"name", "w"}, {"type", "categorical"}, {"choices", choices}}});
  Issues too_wide;
  CHECK_FALSE(parse_space(wide, "variables", too_wide));
  REQUIRE(too_wide.list().size() == 1);
  CHECK(too_wide.list()[0].code == "input.too_many");
  CHECK(too_wide.list()[0].path == "variables[0].choices");
}

TEST_CASE("Space check applies the parser's rules to variables built in code", "[pareto][space]") {
  Issues issues;
  CHECK(Space::check({Variable::continuous("a", 0, 1)}, "space", issues));
  CHECK_FALSE(Space::check({Variable::continuous("a", 0, 1), Variable::integer("a", 0, 1),
                            Variable::continuous("b", 0, 1, true), Variable::categorical("c", {})},
                           "space", issues));
  std::set<std::string> found;
  for (const Issue& i : issues.list()) found.insert(i.code + " " + i.path);
  CHECK(found == std::set<std::string>{"input.duplicate space[1].name",
                                       "input.out_of_range space[2].min",
                                       "input.invalid_value space[3].choices"});
}
