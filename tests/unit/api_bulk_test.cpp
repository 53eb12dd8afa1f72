// The bulk (flat array) front and hypervolume: same answers as the JSON requests, and the
// same kind of errors with the array cell in the path.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/api_bulk.h"

using nlohmann::json;
namespace api = greenfront::api;

namespace {

json first_error(const std::string& error_json) {
  const json r = json::parse(error_json);
  REQUIRE(r["ok"] == false);
  return r["errors"][0];
}

}  // namespace

TEST_CASE("bulk front and hypervolume equal the JSON requests", "[api][bulk]") {
  // min loss, max accuracy: (1,5) (2,3) (3,4) (4,1) (1,5) -> front {0, 4}; against (5, 0)
  // one box (5 − 1) × (5 − 0) = 20 (the example of api_pareto_test.cpp).
  const std::vector<double> values = {1, 5, 2, 3, 3, 4, 4, 1, 1, 5};
  const api::BulkPoints points{values.data(), 10, 2, {false, true}};
  std::string error;
  const auto front = api::pareto_front_of(points, error);
  REQUIRE(front);
  CHECK(*front == std::vector<std::size_t>{0, 4});
  const std::vector<double> reference = {5, 0};
  const auto hv = api::hypervolume_of(points, reference, error);
  REQUIRE(hv);
  CHECK(*hv == 20.0);
  const auto ranks = api::pareto_ranks_of(points, error);
  REQUIRE(ranks);
  // After {0, 4}: (2,3) and (3,4) trade loss for accuracy (second front); (4,1) is worse
  // than (2,3) in both (third).
  CHECK(*ranks == std::vector<std::size_t>{0, 1, 1, 2, 0});
  const json via_json = json::parse(api::hypervolume(R"({"schema_version": 1,
      "objectives": [{"name": "loss"}, {"name": "acc", "sense": "maximize"}],
      "points": [[1, 5], [2, 3], [3, 4], [4, 1], [1, 5]], "reference_point": [5, 0]})"));
  CHECK(via_json["hypervolume"].get<double>() == *hv);
}

TEST_CASE("bulk inputs are checked with the cell in the path", "[api][bulk]") {
  std::string error;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> bad = {1, 2, 3, nan};
  auto e = first_error((api::pareto_front_of({bad.data(), 4, 2, {}}, error), error));
  CHECK(e["code"] == "input.not_finite");
  CHECK(e["path"] == "points[1][1]");
  const std::vector<double> ok = {1, 2, 3, 4};
  e = first_error((api::pareto_front_of({ok.data(), 4, 0, {}}, error), error));
  CHECK(e["path"] == "dimensions");
  e = first_error((api::pareto_front_of({ok.data(), 4, 4, {true}}, error), error));
  CHECK(e["code"] == "input.wrong_length");
  CHECK(e["path"] == "senses");
  e = first_error((api::pareto_front_of({ok.data(), 3, 2, {}}, error), error));
  CHECK(e["code"] == "input.wrong_length");  // 3 values are not whole rows of 2
  CHECK(e["path"] == "points");
  const std::vector<double> inf_ref = {5, std::numeric_limits<double>::infinity()};
  e = first_error((api::hypervolume_of({ok.data(), 4, 2, {}}, inf_ref, error), error));
  CHECK(e["path"] == "reference_point[1]");
  e = first_error((api::hypervolume_of({ok.data(), 4, 2, {}}, {5}, error), error));
  CHECK(e["code"] == "input.wrong_length");
  CHECK(e["path"] == "reference_point");
  const std::vector<double> nine(9, 1.0);
  const std::vector<double> ref9(9, 2.0);
  e = first_error((api::hypervolume_of({nine.data(), 9, 9, {}}, ref9, error), error));
  CHECK(e["path"] == "dimensions");  // exact hypervolume stops at 8 objectives
  CHECK(api::pareto_front_of({nine.data(), 9, 9, {}}, error));  // the front does not
  // No rows: an empty front and a zero volume, not an error.
  CHECK(api::pareto_front_of({nullptr, 0, 3, {}}, error)->empty());
  CHECK(*api::hypervolume_of({nullptr, 0, 3, {}}, {1, 1, 1}, error) == 0.0);
}
