// Objective models: scenario carbon through bindings, the Chinchilla scaling law, the
// carbon-optimal model for a target loss, and the JSON that declares them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "greenfront/api.h"
#include "greenfront/pareto/objective_models.h"
#include "greenfront/random.h"

using nlohmann::json;
using namespace greenfront;
using namespace greenfront::pareto;

namespace {

// Built field by field: the Variable factories live in space.cpp, which this file does not
// need to exercise.
Variable continuous(const std::string& name, double lower, double upper) {
  Variable v;
  v.name = name;
  v.kind = Variable::Kind::continuous;
  v.lower = lower;
  v.upper = upper;
  return v;
}

Variable integer(const std::string& name, double lower, double upper) {
  Variable v = continuous(name, lower, upper);
  v.kind = Variable::Kind::integer;
  return v;
}

Variable categorical(const std::string& name, std::vector<std::string> choices) {
  Variable v;
  v.name = name;
  v.kind = Variable::Kind::categorical;
  v.choices = std::move(choices);
  return v;
}

bool has_issue(const Issues& issues, const std::string& code, const std::string& path,
               const std::string& text = "") {
  for (const Issue& i : issues.list()) {
    if (i.code == code && i.path == path && i.message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string all_messages(const Issues& issues) {
  std::string out;
  for (const Issue& i : issues.list()) out += i.message + "\n";
  return out;
}

const json kTemplate = json::parse(R"({
  "schema_version": 1,
  "name": "bound",
  "training": {"hardware": "nvidia-a100-sxm4-40gb", "device_count": 8, "hours": 100},
  "inference": {"hardware": "nvidia-t4", "device_count": 2, "queries_per_second": 20,
                "energy_per_inference_wh": 0.01, "deployment_days": 200}
})");

const std::vector<Variable> kVariables = {categorical("region", {"FR", "DE", "US"}),
                                          integer("gpus", 1, 64), continuous("hours", 1, 500)};

const std::vector<Binding> kBindings = {{"region", "/defaults/region"},
                                        {"gpus", "/training/device_count"},
                                        {"hours", "/training/hours"}};

// 1024 A100s in one region, serving on the same hardware: every device-hour of either phase
// costs the same carbon, so total carbon ∝ 6·N·D/mfu_train + 2·N·T/mfu_inf.
ScalingLawStudy a100_study(double inference_tokens) {
  ScalingLawStudy s;
  s.peak_tflops = 312;  // A100 BF16 dense (NVIDIA A100 datasheet)
  s.training_mfu = 0.4;
  s.inference_mfu = 0.2;
  s.inference_tokens = inference_tokens;
  s.scenario = json::parse(R"({"schema_version": 1, "name": "llm",
      "defaults": {"hardware": "nvidia-a100-sxm4-40gb", "region": "US", "device_count": 1024}})");
  return s;
}

// The Chinchilla point: L(70e9, 1.4e12) (first test case).
constexpr double kChinchillaLoss = 1.9366454705587173;

}  // namespace

TEST_CASE("the scaling law matches a hand calculation", "[pareto][objectives]") {
  const ScalingLawCoefficients c;  // Hoffmann et al. 2022, Approach 3
  // N = 7e10: ln N = 24.9717611, × 0.34 = 8.4903988, e^ = 4867.8068, 406.4 / 4867.8068 =
  // 0.0834873. D = 1.4e12: ln D = 27.9674934, × 0.28 = 7.8308981, e^ = 2517.1891,
  // 410.7 / 2517.1891 = 0.1631582. L = 1.69 + 0.0834873 + 0.1631582 = 1.9366455.
  CHECK(scaling_law_loss(c, 70e9, 1.4e12) == Approx(1.9366454705587173).epsilon(1e-13));
  // N = 1e9: 1e9^0.34 = 1148.1536, 406.4 / that = 0.3539596; D = 2e10: 2e10^0.28 = 766.1052,
  // 410.7 / that = 0.5360883; L = 1.69 + 0.3539596 + 0.5360883 = 2.5800479.
  CHECK(scaling_law_loss(c, 1e9, 2e10) == Approx(2.5800478722379934).epsilon(1e-13));
  // The inverse in D recovers the tokens.
  CHECK(tokens_for_loss(c, 70e9, kChinchillaLoss).value() == Approx(1.4e12).epsilon(1e-10));
  // A 70B model alone already leaves 0.0834873 above E: a lower loss is out of its reach.
  CHECK_FALSE(tokens_for_loss(c, 70e9, 1.69 + 0.08));
  CHECK_FALSE(tokens_for_loss(c, 0.0, 2.0));
  CHECK(std::isnan(scaling_law_loss(c, -1.0, 1e9)));
  CHECK(std::isnan(scaling_law_loss(c, 1e9, std::nan(""))));
  // User coefficients: E = 1, A = B = 1, α = β = 0.5 at N = D = 4: 1 + 1/2 + 1/2 = 2.
  CHECK(scaling_law_loss({1.0, 1.0, 1.0, 0.5, 0.5}, 4.0, 4.0) == Approx(2.0).epsilon(1e-14));
}

TEST_CASE("FLOPs and device-hours follow 6ND and 2N per token", "[pareto][objectives]") {
  CHECK(training_flops(70e9, 1.4e12) == Approx(5.88e23).epsilon(1e-15));  // 6 × 7e10 × 1.4e12
  CHECK(inference_flops(70e9, 1e12) == Approx(1.4e23).epsilon(1e-15));    // 2 × 7e10 × 1e12
  // 5.88e23 / (312e12 × 0.4 = 1.248e14 FLOP/s) = 4.7115385e9 s = 1308760.68 h.
  CHECK(device_hours(5.88e23, 312, 0.4) == Approx(1308760.6837606838).epsilon(1e-14));
}

TEST_CASE("the compute-optimal split is Hoffmann eq 4", "[pareto][objectives]") {
  const ScalingLawCoefficients c;
  // αA = 138.176, βB = 114.996, ratio 1.2015722; G = ratio^(1/0.62) = 1.3447106;
  // a = 0.28/0.62 = 0.4516129, b = 0.5483871. C = 5.88e23: C/6 = 9.8e22,
  // N = 1.3447106 × 9.8e22^0.4516129 = 3.2491e10, D = 9.8e22^0.5483871 / 1.3447106 = 3.0162e12.
  const Allocation x = compute_optimal(c, 5.88e23);
  CHECK(x.parameters == Approx(32491009032.78351).epsilon(1e-12));
  CHECK(x.tokens == Approx(3016219037738.0234).epsilon(1e-12));
  CHECK(6.0 * x.parameters * x.tokens == Approx(5.88e23).epsilon(1e-13));
}

TEST_CASE("the carbon objective equals the estimate of the filled scenario",
          "[pareto][objectives]") {
  Issues issues;
  auto model = ScenarioModel::create(kTemplate, kBindings, kVariables, "model", issues);
  REQUIRE(model);
  REQUIRE(issues.empty());
  for (const Config& config :
       {Config{0, 8, 100}, Config{1, 1, 1}, Config{2, 64, 500}, Config{2, 17, 33.25}}) {
    auto doc = model->fill(config, issues);
    REQUIRE(doc);
    const json estimate = json::parse(api::estimate(doc->dump()));
    REQUIRE(estimate["ok"] == true);
    const json& co2 = estimate["total"]["co2e_kg"];
    auto e = model->evaluate(config, issues);
    REQUIRE(e);
    // Same parse, same evaluation, numbers through JSON round-trip exactly.
    CHECK(model->objective(config, CarbonMetric::total_location_kg, issues).value() ==
          co2["total_location"].get<double>());
    CHECK(metric_value(e->total, CarbonMetric::total_market_kg) ==
          co2["total_market"].get<double>());
    CHECK(metric_value(e->total, CarbonMetric::operational_location_kg) ==
          co2["operational_location"].get<double>());
    CHECK(metric_value(e->total, CarbonMetric::embodied_kg) == co2["embodied"].get<double>());
    CHECK(metric_value(e->total, CarbonMetric::energy_facility_kwh) ==
          estimate["total"]["energy_kwh"]["facility"].get<double>());
  }
  // The region is written as its id and the count as a JSON integer.
  const json doc = model->fill({1, 17, 2.5}, issues).value();
  CHECK(doc["defaults"]["region"] == "DE");
  CHECK(doc["training"]["device_count"].is_number_integer());
  CHECK(doc["training"]["hours"] == 2.5);
  // Training IT energy is linear in device-hours: 16 × 50 h vs 8 × 50 h, same region, doubles
  // the training phase (inference unchanged), so the difference of totals equals the first.
  const auto t8 = model->evaluate({0, 8, 50}, issues).value();
  const auto t16 = model->evaluate({0, 16, 50}, issues).value();
  CHECK(t16.phases[0].totals.total_location_kg() ==
        Approx(2 * t8.phases[0].totals.total_location_kg()).epsilon(1e-14));
  CHECK(issues.empty());
}

TEST_CASE("binding errors name the variable and the scenario path", "[pareto][objectives]") {
  SECTION("a choice the catalog does not know is found when the model is created") {
    Issues issues;
    std::vector<Variable> vars = kVariables;
    vars[0].choices = {"FR", "XX"};
    CHECK_FALSE(ScenarioModel::create(kTemplate, kBindings, vars, "model", issues));
    INFO(all_messages(issues));
    CHECK(has_issue(issues, "input.unknown_id", "model.scenario.defaults.region",
                    "from variable \"region\" = \"XX\""));
  }
  SECTION("a bound beyond the field's range is found when the model is created") {
    Issues issues;
    std::vector<Variable> vars = kVariables;
    vars[2].upper = 2e7;  // hours <= 1e7 (docs/schema.md)
    CHECK_FALSE(ScenarioModel::create(kTemplate, kBindings, vars, "model", issues));
    INFO(all_messages(issues));
    CHECK(has_issue(issues, "input.out_of_range", "model.scenario.training.hours",
                    "from variable \"hours\" = 20000000"));
  }
  SECTION("a value the scenario rejects at evaluation names the variable") {
    Issues issues;
    auto model = ScenarioModel::create(kTemplate, kBindings, kVariables, "model", issues);
    REQUIRE(model);
    CHECK_FALSE(model->objective({0, 8, -5}, CarbonMetric::total_location_kg, issues));
    INFO(all_messages(issues));
    CHECK(has_issue(issues, "input.out_of_range", "model.scenario.training.hours",
                    "from variable \"hours\" = -5: must be in [0, 10000000], got -5"));
  }
  SECTION("bindings to unknown variables and malformed or repeated pointers") {
    Issues issues;
    const std::vector<Binding> bad = {{"hour", "/training/hours"},
                                      {"gpus", "training/device_count"},
                                      {"region", ""},
                                      {"hours", "/training/hours"},
                                      {"gpus", "/training/hours"}};
    CHECK_FALSE(ScenarioModel::create(kTemplate, bad, kVariables, "model", issues));
    CHECK(has_issue(issues, "input.unknown_id", "model.bindings[0].variable",
                    "did you mean \"hours\""));
    CHECK(has_issue(issues, "input.invalid_value", "model.bindings[1].pointer", "RFC 6901"));
    CHECK(has_issue(issues, "input.invalid_value", "model.bindings[2].pointer", "whole scenario"));
    CHECK(has_issue(issues, "input.conflict", "model.bindings[4].pointer"));
  }
  SECTION("a pointer with a bad escape, and array indices RFC 6901 does not allow") {
    Issues issues;
    CHECK_FALSE(ScenarioModel::create(kTemplate, {{"hours", "/training/ho~2urs"}}, kVariables,
                                      "model", issues));
    CHECK(has_issue(issues, "input.invalid_value", "model.bindings[0].pointer", "RFC 6901"));
    CHECK_FALSE(ScenarioModel::create(kTemplate, {{"hours", "/training/hours~"}}, kVariables,
                                      "model", issues));
    CHECK(has_issue(issues, "input.invalid_value", "model.bindings[0].pointer", "RFC 6901"));
    // An array in the template: index 2 is past its end (two values), 01 has a leading zero,
    // "x" is no index; each is refused where it would be written.
    json tpl = kTemplate;
    tpl["training"]["notes"] = json::array({"a", "b"});
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"/training/notes/3", "model.scenario.training.notes[3]"},
        {"/training/notes/01", "model.scenario.training.notes[01]"},
        {"/training/notes/x", "model.scenario.training.notes.x"}};
    for (const auto& [pointer, path] : refused) {
      Issues found;
      CHECK_FALSE(ScenarioModel::create(tpl, {{"hours", pointer}}, kVariables, "model", found));
      INFO(pointer << ": " << all_messages(found));
      CHECK(has_issue(found, "input.invalid_value", path, "an array index is past its end"));
    }
    // Index 2 appends, as "-" would: the write succeeds and the parser then names the field.
    Issues appended;
    CHECK_FALSE(ScenarioModel::create(tpl, {{"hours", "/training/notes/2"}}, kVariables, "model",
                                      appended));
    INFO(all_messages(appended));
    CHECK_FALSE(has_issue(appended, "input.invalid_value", "model.scenario.training.notes[2]"));
  }
  SECTION("a pointer through a string field") {
    Issues issues;
    const std::vector<Binding> through = {{"hours", "/training/hardware/tdp_w"}};
    CHECK_FALSE(ScenarioModel::create(kTemplate, through, kVariables, "model", issues));
    CHECK(has_issue(issues, "input.invalid_value", "model.scenario.training.hardware.tdp_w",
                    "variable \"hours\""));
  }
  SECTION("configurations of the wrong shape") {
    Issues issues;
    auto model = ScenarioModel::create(kTemplate, kBindings, kVariables, "model", issues);
    REQUIRE(model);
    CHECK_FALSE(model->evaluate({0, 8}, issues));
    CHECK(has_issue(issues, "input.invalid_value", "config", "one value per variable (3)"));
    CHECK_FALSE(model->evaluate({3, 8, 10}, issues));
    CHECK(has_issue(issues, "input.out_of_range", "config.region", "[0, 3)"));
    CHECK_FALSE(model->evaluate({0.5, 8, 10}, issues));
    CHECK_FALSE(model->evaluate({0, 8, std::nan("")}, issues));
    CHECK(has_issue(issues, "input.not_finite", "config.hours"));
  }
  SECTION("a template problem is reported at its path without a variable") {
    Issues issues;
    json tpl = kTemplate;
    tpl["training"]["pue"] = 0.5;
    CHECK_FALSE(ScenarioModel::create(tpl, kBindings, kVariables, "model", issues));
    CHECK(has_issue(issues, "input.out_of_range", "model.scenario.training.pue",
                    "must be in [1, 5]"));
    CHECK_FALSE(ScenarioModel::create(json::array(), {}, {}, "model", issues));
    CHECK(has_issue(issues, "input.wrong_type", "model.scenario"));
  }
}

TEST_CASE("cached discrete combinations give the estimate of their scenario",
          "[pareto][objectives]") {
  Issues issues;
  const std::vector<Binding> discrete = {kBindings[0], kBindings[1]};
  auto model = ScenarioModel::create(kTemplate, discrete, kVariables, "model", issues);
  REQUIRE(model);
  // Revisit combinations in a different order than they were first seen; 4.4 is written
  // (and cached) as the integer 4.
  for (const Config& config :
       {Config{0, 4, 0}, Config{2, 9, 0}, Config{0, 4.4, 0}, Config{1, 9, 0}, Config{2, 9, 0}}) {
    const json estimate = json::parse(api::estimate(model->fill(config, issues).value().dump()));
    CHECK(model->objective(config, CarbonMetric::total_location_kg, issues).value() ==
          estimate["total"]["co2e_kg"]["total_location"].get<double>());
  }
  CHECK(issues.empty());
}

TEST_CASE("a scenario without bindings is parsed once", "[pareto][objectives]") {
  Issues issues;
  auto model = ScenarioModel::create(kTemplate, {}, {}, "m", issues);
  REQUIRE(model);
  const json estimate = json::parse(api::estimate(kTemplate.dump()));
  CHECK(model->objective({}, CarbonMetric::total_location_kg, issues).value() ==
        estimate["total"]["co2e_kg"]["total_location"].get<double>());
}

TEST_CASE("scaling-law device-hours feed the accounting core", "[pareto][objectives]") {
  Issues issues;
  auto model = ScalingLawModel::create(a100_study(1e12), "model", issues);
  REQUIRE(model);
  const auto o = model->objectives(70e9, 1.4e12, issues).value();
  CHECK(o.loss == Approx(kChinchillaLoss).epsilon(1e-13));
  CHECK(o.training_flops == Approx(5.88e23).epsilon(1e-15));
  CHECK(o.training_device_hours == Approx(1308760.6837606838).epsilon(1e-13));
  // 1.4e23 FLOPs / (312e12 × 0.2) / 3600 = 623219.37 h.
  CHECK(o.inference_device_hours == Approx(623219.3732193732).epsilon(1e-13));
  // The same (N, D) as a plain scenario through the public estimate.
  const json doc = model->filled_scenario(70e9, 1.4e12, 1e12, {}, issues).value();
  // 1308760.68 device-hours over 1024 devices = 1278.0866 h each.
  CHECK(doc["training"]["hours"].get<double>() == Approx(1278.086605234).epsilon(1e-9));
  const json estimate = json::parse(api::estimate(doc.dump()));
  REQUIRE(estimate["ok"] == true);
  CHECK(o.total_kg ==
        Approx(estimate["total"]["co2e_kg"]["total_location"].get<double>()).epsilon(1e-14));
  CHECK(o.training_kg ==
        Approx(estimate["phases"][0]["co2e_kg"]["total_location"].get<double>()).epsilon(1e-14));
  CHECK(o.inference_kg ==
        Approx(estimate["phases"][1]["co2e_kg"]["total_location"].get<double>()).epsilon(1e-14));
  // Same hardware and grid in both phases: carbon per device-hour is one constant.
  CHECK(o.training_kg / o.training_device_hours ==
        Approx(o.inference_kg / o.inference_device_hours).epsilon(1e-12));
  CHECK(o.total_kg == Approx(o.training_kg + o.inference_kg).epsilon(1e-14));
  CHECK(issues.empty());
}

TEST_CASE("with no inference the carbon-optimal model is Chinchilla compute-optimal",
          "[pareto][objectives]") {
  Issues issues;
  auto model = ScalingLawModel::create(a100_study(0), "model", issues);
  REQUIRE(model);
  auto best = optimal_for_loss(*model, kChinchillaLoss, "target_loss", issues);
  REQUIRE(best);
  INFO(all_messages(issues));
  // Carbon ∝ N·D here. On the curve N = (A/(r·u))^(1/α), D = (B/(r·(1−u)))^(1/β) with
  // r = L − E = 0.2466455, log(N·D) = const − log(u)/α − log(1−u)/β is least at
  // u = β/(α+β) = 0.4516129: N = (406.4 / (0.2466455 × 0.4516129))^(1/0.34) = 2.99783e10,
  // D = (410.7 / (0.2466455 × 0.5483871))^(1/0.28) = 2.73537e12, C = 6·N·D = 4.92009e23.
  // The carbon is flat at its minimum (a relative change δ² for a step δ), so double
  // rounding of the totals limits the located N and D to about 1e-7 relative.
  CHECK(best->parameters == Approx(29978266004.713966).epsilon(1e-7));
  CHECK(best->tokens == Approx(2735366145265.3184).epsilon(1e-7));
  // Hoffmann eq. (4) at that compute gives the same split.
  const Allocation chinchilla =
      compute_optimal(model->study().coefficients, 6.0 * best->parameters * best->tokens);
  CHECK(best->parameters == Approx(chinchilla.parameters).epsilon(1e-7));
  CHECK(best->tokens == Approx(chinchilla.tokens).epsilon(1e-7));
  CHECK(best->objectives.loss == Approx(kChinchillaLoss).epsilon(1e-12));
  CHECK(best->objectives.inference_kg == 0.0);
  CHECK(best->evaluations < 150);
  // Any other point on the curve costs more: the 70B / 1.4T Chinchilla model itself.
  CHECK(model->objectives(70e9, 1.4e12, issues).value().total_kg > best->objectives.total_kg);
}

TEST_CASE("a high inference volume favours a smaller model trained longer",
          "[pareto][objectives]") {
  // Independent oracle: with carbon ∝ 6ND/m_t + 2NT/m_i (one carbon per device-hour), the
  // stationarity condition along the curve is 3·D(u)·(αu − β(1−u)) = β·T'·(1−u) with
  // T' = T·m_t/m_i = 2T, solved here by bisection on u from β/(α+β) (T = 0) towards 1.
  const ScalingLawCoefficients c;
  const double r = kChinchillaLoss - c.e;
  auto oracle = [&](double served) {
    auto tokens = [&](double u) {
      return portable::exp(portable::log(c.b / (r * (1 - u))) / c.beta);
    };
    double lo = c.beta / (c.alpha + c.beta), hi = 1 - 1e-12;
    for (int i = 0; i < 200; ++i) {
      const double u = 0.5 * (lo + hi);
      const double h =
          3 * tokens(u) * (c.alpha * u - c.beta * (1 - u)) - c.beta * 2 * served * (1 - u);
      (h < 0 ? lo : hi) = u;
    }
    const double u = 0.5 * (lo + hi);
    return Allocation{portable::exp(portable::log(c.a / (r * u)) / c.alpha), tokens(u)};
  };
  // Expected (N, D): T = 0: (2.998e10, 2.735e12); 1e11: (2.888e10, 2.840e12);
  // 1e12: (2.309e10, 3.635e12); 1e13: (1.314e10, 8.280e12).
  const double expected_n[] = {29978266004.7, 28882884978.8, 23085742311.6, 13137605449.3};
  double last_n = 1e300, last_d = 0;
  int k = 0;
  for (double served : {0.0, 1e11, 1e12, 1e13}) {
    Issues issues;
    auto model = ScalingLawModel::create(a100_study(served), "model", issues);
    REQUIRE(model);
    auto best = optimal_for_loss(*model, kChinchillaLoss, "target_loss", issues);
    REQUIRE(best);
    const Allocation want = oracle(served);
    CHECK(best->parameters == Approx(want.parameters).epsilon(1e-7));
    CHECK(best->tokens == Approx(want.tokens).epsilon(1e-7));
    CHECK(best->parameters == Approx(expected_n[k++]).epsilon(1e-7));
    CHECK(best->parameters < last_n);
    CHECK(best->tokens > last_d);
    CHECK(best->objectives.loss == Approx(kChinchillaLoss).epsilon(1e-12));
    if (served > 0) {
      // Serving the compute-optimal model instead costs more.
      const auto chinchilla = model->objectives(29978266004.713966, 2735366145265.3184, issues);
      CHECK(chinchilla.value().total_kg > best->objectives.total_kg);
    }
    last_n = best->parameters;
    last_d = best->tokens;
  }
}

TEST_CASE("the scenario model request is read with path-aware errors", "[pareto][objectives]") {
  json request = {{"model", "scenario"},
                  {"scenario", kTemplate},
                  {"bindings",
                   {{{"variable", "region"}, {"pointer", "/defaults/region"}},
                    {{"variable", "gpus"}, {"pointer", "/training/device_count"}},
                    {{"variable", "hours"}, {"pointer", "/training/hours"}}}},
                  {"metric", {"total_location_kg", "energy_facility_kwh"}}};
  Issues issues;
  auto model = parse_objective_model(request, "model", kVariables, issues);
  REQUIRE(model);
  CHECK(model->kind() == ObjectiveModel::Kind::scenario);
  CHECK(model->objective_names() ==
        std::vector<std::string>{"total_location_kg", "energy_facility_kwh"});
  const auto values = model->evaluate({2, 4, 10}, issues).value();
  const json estimate =
      json::parse(api::estimate(model->filled_scenario({2, 4, 10}, issues)->dump()));
  CHECK(values[0] == estimate["total"]["co2e_kg"]["total_location"].get<double>());
  CHECK(values[1] == estimate["total"]["energy_kwh"]["facility"].get<double>());

  json bad = request;
  bad["metric"] = "total_kg";
  bad["bindings"][1] = {{"variable", "gpus"}};
  bad["extra"] = 1;
  Issues errors;
  CHECK_FALSE(parse_objective_model(bad, "model", kVariables, errors));
  CHECK(has_issue(errors, "input.invalid_value", "model.metric", "\"total_location_kg\""));
  CHECK(has_issue(errors, "input.missing_field", "model.bindings[1].pointer"));
  CHECK(has_issue(errors, "input.unknown_field", "model.extra"));
  Issues missing;
  CHECK_FALSE(parse_objective_model(json{{"model", "scenario"}}, "model", kVariables, missing));
  CHECK(has_issue(missing, "input.missing_field", "model.scenario"));
  Issues kind;
  CHECK_FALSE(parse_objective_model(json{{"model", "table"}}, "model", kVariables, kind));
  CHECK(has_issue(kind, "input.invalid_value", "model.model"));
  CHECK_FALSE(parse_objective_model(json::array(), "model", kVariables, kind));
  CHECK_FALSE(parse_objective_model(json::object(), "model", kVariables, kind));
  CHECK(has_issue(kind, "input.missing_field", "model.model"));
}

TEST_CASE("the scaling-law request is read with path-aware errors", "[pareto][objectives]") {
  const std::vector<Variable> vars = {continuous("n", 1e8, 1e11), continuous("d", 1e9, 1e13),
                                      categorical("region", {"US", "FR"})};
  json request = json::parse(R"({
    "model": "scaling_law", "coefficients": "chinchilla",
    "parameters": "n", "tokens": "d", "peak_tflops": 312, "training_mfu": 0.4,
    "inference_tokens": 1e12, "inference_mfu": 0.2,
    "scenario": {"schema_version": 1,
                 "defaults": {"hardware": "nvidia-a100-sxm4-40gb", "device_count": 1024}},
    "bindings": [{"variable": "region", "pointer": "/defaults/region"}],
    "objectives": ["loss", "total_kg", "training_flops"]})");
  Issues issues;
  auto model = parse_objective_model(request, "model", vars, issues);
  INFO(all_messages(issues));
  REQUIRE(model);
  CHECK(model->kind() == ObjectiveModel::Kind::scaling_law);
  const auto us = model->evaluate({70e9, 1.4e12, 0}, issues).value();
  CHECK(us[0] == Approx(kChinchillaLoss).epsilon(1e-13));
  CHECK(us[2] == Approx(5.88e23).epsilon(1e-15));
  // Region "US" (choice 0) reproduces the study built in C++ with region US.
  auto direct = ScalingLawModel::create(a100_study(1e12), "m", issues);
  CHECK(us[1] == Approx(direct->objectives(70e9, 1.4e12, issues).value().total_kg).epsilon(1e-14));
  // France's grid is cleaner than the US's: same device-hours, less carbon.
  const auto fr = model->evaluate({70e9, 1.4e12, 1}, issues).value();
  CHECK(fr[1] < us[1]);
  CHECK(fr[0] == us[0]);
  const json doc = model->filled_scenario({70e9, 1.4e12, 1}, issues).value();
  const json estimate = json::parse(api::estimate(doc.dump()));
  CHECK(fr[1] ==
        Approx(estimate["total"]["co2e_kg"]["total_location"].get<double>()).epsilon(1e-14));

  json bad = request;
  bad["training_mfu"] = 1.5;
  bad.erase("peak_tflops");
  bad["parameters"] = "region";
  bad["tokens"] = "dd";
  bad.erase("inference_mfu");
  bad["coefficients"] = {{"E", 1.69}, {"A", 406.4}, {"B", 410.7}, {"alpha", 0.34}};
  bad["objectives"] = {"loss", "carbon"};
  bad["mfu"] = 0.4;
  Issues errors;
  CHECK_FALSE(parse_objective_model(bad, "model", vars, errors));
  INFO(all_messages(errors));
  CHECK(has_issue(errors, "input.out_of_range", "model.training_mfu", "(0, 1]"));
  CHECK(has_issue(errors, "input.missing_field", "model.peak_tflops"));
  CHECK(has_issue(errors, "input.invalid_value", "model.parameters", "categorical"));
  CHECK(has_issue(errors, "input.unknown_id", "model.tokens", "did you mean \"d\""));
  CHECK(has_issue(errors, "input.missing_field", "model.inference_mfu"));
  CHECK(has_issue(errors, "input.missing_field", "model.coefficients.beta"));
  CHECK(has_issue(errors, "input.invalid_value", "model.objectives[1]"));
  CHECK(has_issue(errors, "input.unknown_field", "model.mfu"));

  json conflict = request;
  conflict["scenario"]["training"] = {{"hours", 10}};
  conflict["scenario"]["inference"] = {{"energy_per_inference_wh", 0.1}, {"inferences", 5}};
  Issues conflicts;
  CHECK_FALSE(parse_objective_model(conflict, "model", vars, conflicts));
  CHECK(has_issue(conflicts, "input.conflict", "model.scenario.training.hours"));
  CHECK(has_issue(conflicts, "input.conflict", "model.scenario.inference.energy_per_inference_wh"));
  CHECK(has_issue(conflicts, "input.conflict", "model.scenario.inference.inferences"));
}

TEST_CASE("odd scaling-law inputs give errors not crashes", "[pareto][objectives]") {
  Issues issues;
  auto model = ScalingLawModel::create(a100_study(1e12), "model", issues);
  REQUIRE(model);
  Issues e1;
  CHECK_FALSE(model->objectives(0.0, 1e12, e1));
  CHECK(has_issue(e1, "input.out_of_range", "model.parameters"));
  Issues e2;
  CHECK_FALSE(model->objectives(1e9, std::nan(""), e2));
  CHECK(has_issue(e2, "input.not_finite", "model.tokens"));
  Issues e3;
  CHECK_FALSE(model->objectives({1.0}, e3));  // no variables declared
  CHECK(has_issue(e3, "input.invalid_value", "config"));
  Issues e4;
  CHECK_FALSE(optimal_for_loss(*model, 1.5, "target_loss", e4));  // below E = 1.69
  CHECK(has_issue(e4, "input.out_of_range", "target_loss", "irreducible"));
  CHECK_FALSE(optimal_for_loss(*model, std::nan(""), "target_loss", e4));

  ScalingLawStudy s = a100_study(1e12);
  s.inference_mfu = 0;
  s.peak_tflops = -1;
  s.coefficients.alpha = 0;
  s.scenario = "text";
  Issues e5;
  CHECK_FALSE(ScalingLawModel::create(s, "model", e5));
  CHECK(has_issue(e5, "input.out_of_range", "model.inference_mfu"));
  CHECK(has_issue(e5, "input.out_of_range", "model.peak_tflops"));
  CHECK(has_issue(e5, "input.out_of_range", "model.coefficients.alpha"));
  CHECK(has_issue(e5, "input.wrong_type", "model.scenario"));

  // No inference served and no inference phase: only training is charged.
  ScalingLawStudy none = a100_study(0);
  none.inference_mfu = 0;
  auto train_only = ScalingLawModel::create(none, "model", issues);
  REQUIRE(train_only);
  const auto o = train_only->objectives(1e9, 2e10, issues).value();
  CHECK(o.inference_kg == 0.0);
  CHECK(o.total_kg == o.training_kg);
  Issues e6;
  CHECK_FALSE(train_only->objectives(1e9, 2e10, 1e9, {}, e6));
  CHECK(has_issue(e6, "input.missing_field", "model.inference_mfu"));
  CHECK(has_issue(e6, "input.missing_field", "model.scenario.inference"));
}
