#include "greenfront/accounting.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "greenfront/hourly.h"
#include "greenfront/random.h"

namespace greenfront {

using nlohmann::json;

namespace {

constexpr double kHoursPerYear = 8760.0;

}  // namespace

Totals& Totals::operator+=(const Totals& o) {
  energy_it_kwh += o.energy_it_kwh;
  energy_static_kwh += o.energy_static_kwh;
  energy_facility_kwh += o.energy_facility_kwh;
  operational_location_kg += o.operational_location_kg;
  operational_market_kg += o.operational_market_kg;
  embodied_kg += o.embodied_kg;
  device_hours += o.device_hours;
  return *this;
}

Totals Totals::scaled(double f) const {
  Totals t = *this;
  t.energy_it_kwh *= f;
  t.energy_static_kwh *= f;
  t.energy_facility_kwh *= f;
  t.operational_location_kg *= f;
  t.operational_market_kg *= f;
  t.embodied_kg *= f;
  t.device_hours *= f;
  return t;
}

namespace {

/// What a phase tells the compute-block model beyond the block itself.
struct BlockInputs {
  std::optional<double> it_kwh;  ///< IT energy from a phase formula (E·D·I·θ, I·e, ...)
  std::optional<double> hours;   ///< wall-clock hours when the block has none
  bool devices = true;           ///< false: no reserved fleet, so no static or embodied
  double extra_it_kwh = 0.0;     ///< energy without devices (storage)
};

class Evaluator {
 public:
  Evaluator(const Scenario& sc, Draw& draw) : sc_(sc), d_(draw) {}

  Evaluation run();

 private:
  PhaseResult block(const ComputeBlock& b, const BlockInputs& in);
  /// `count` repetitions of one unit of work (experimentation trials, retraining runs): a
  /// fraction of the training phase when given and training exists, else the phase's block.
  PhaseResult repeated(const ComputeBlock& b, const std::optional<Quantity>& fraction_of_training,
                       const char* fraction_key, const std::optional<PhaseResult>& training,
                       double count);
  double embodied_rate_kg_per_device_hour(const Hardware& hw);
  double average_power_w(const ComputeBlock& b);

  const Scenario& sc_;
  Draw& d_;
  bool nominal() const { return !d_.random(); }
  json schedule_;  // an array once a nominal evaluation schedules a phase
};

double Evaluator::average_power_w(const ComputeBlock& b) {
  if (b.average_power_w) return d_(*b.average_power_w);
  if (b.measured_power && b.hardware.measured_avg_power_w) return *b.hardware.measured_avg_power_w;
  const double tdp = d_(b.hardware.tdp_w);
  const double idle = std::min(d_(b.hardware.idle_w), tdp);
  // Linear power model between idle and TDP (seed 003 §3; DESIGN.md "Operational").
  return idle + (tdp - idle) * d_(b.utilization);
}

double Evaluator::embodied_rate_kg_per_device_hour(const Hardware& hw) {
  if (sc_.embodied.attribution == "none") return 0.0;
  const double per_device =
      d_(hw.embodied_kg) + d_(hw.host_embodied_kg) / std::max(1.0, hw.devices_per_host);
  double lifetime_hours = d_(hw.lifetime_years) * kHoursPerYear;
  if (sc_.embodied.attribution == "utilization_adjusted") {
    // Seed 001 §III-A: hardware used 30–60 % of its life carries its idle life too.
    lifetime_hours *= d_(sc_.embodied.lifetime_utilization);
  }
  return lifetime_hours > 0 ? per_device / lifetime_hours : 0.0;
}

PhaseResult Evaluator::block(const ComputeBlock& b, const BlockInputs& in) {
  PhaseResult r;
  r.phase = b.path;
  Totals& t = r.totals;
  const double count = d_(b.device_count);
  const double power_w = average_power_w(b);
  std::optional<double> hours = b.hours ? std::optional<double>(d_(*b.hours)) : in.hours;
  const double reduction = b.energy_reduction;

  double it_kwh = 0.0;
  if (in.it_kwh) {
    it_kwh = *in.it_kwh;
  } else if (b.energy_kwh) {
    it_kwh = d_(*b.energy_kwh);
  } else if (hours) {
    it_kwh = count * *hours * power_w / 1000.0;
  }
  it_kwh /= reduction;

  double busy_device_hours = 0.0;
  double reserved_device_hours = 0.0;
  if (in.devices) {
    if (hours) {
      busy_device_hours = count * *hours / reduction;
    } else if (power_w > 0) {
      busy_device_hours = it_kwh * 1000.0 / power_w;
    }
    reserved_device_hours = b.reserved_hours ? count * d_(*b.reserved_hours) / reduction
                                             : busy_device_hours;
    reserved_device_hours = std::max(reserved_device_hours, busy_device_hours);
  }
  const double idle_w = std::min(d_(b.hardware.idle_w), d_(b.hardware.tdp_w));
  t.energy_it_kwh = it_kwh + in.extra_it_kwh;
  t.energy_static_kwh = (reserved_device_hours - busy_device_hours) * idle_w / 1000.0;
  if (b.static_energy_kwh) t.energy_static_kwh += d_(*b.static_energy_kwh);
  r.pue = d_(b.pue);
  t.energy_facility_kwh = (t.energy_it_kwh + t.energy_static_kwh) * r.pue;
  t.device_hours = reserved_device_hours;

  double intensity = d_(b.grid.intensity_g_per_kwh);
  if (b.grid.profile && b.start_hour_of_year) {
    double duration = hours ? *hours : (count > 0 ? busy_device_hours / count : 0.0);
    intensity = mean_intensity(*b.grid.profile, *b.start_hour_of_year, duration);
    if (nominal() && b.schedule_window_hours > 0) {
      const BestStart best = best_start(*b.grid.profile, *b.start_hour_of_year, duration,
                                        b.schedule_window_hours);
      const int year = std::stoi(b.start_utc.substr(0, 4));
      const double facility = t.energy_facility_kwh;
      schedule_.push_back({{"phase", b.path},
                           {"start_utc", b.start_utc},
                           {"duration_hours", duration},
                           {"window_hours", b.schedule_window_hours},
                           {"best_start_utc", format_hour_of_year(year, best.start_hour)},
                           {"intensity_g_per_kwh_at_start", intensity},
                           {"intensity_g_per_kwh_at_best", best.mean_intensity_g_per_kwh},
                           {"operational_location_kg_at_start", facility * intensity / 1000.0},
                           {"operational_location_kg_at_best",
                            facility * best.mean_intensity_g_per_kwh / 1000.0},
                           {"profile", b.grid.profile->id}});
    }
  }
  r.intensity_g_per_kwh = intensity;
  t.operational_location_kg = t.energy_facility_kwh * intensity / 1000.0;
  t.operational_market_kg = t.operational_location_kg * (1.0 - d_(b.cfe_share));
  t.embodied_kg = reserved_device_hours * embodied_rate_kg_per_device_hour(b.hardware);

  if (nominal()) {
    r.details["hardware"] = {{"id", b.hardware.id}, {"name", b.hardware.name}};
    r.details["device_count"] = count;
    r.details["average_power_w"] = power_w;
    if (hours) r.details["hours"] = *hours;
    r.details["intensity_source"] = b.grid.profile && b.start_hour_of_year
                                        ? "hourly profile " + b.grid.profile->id
                                        : b.grid.source;
    if (!b.grid.region_id.empty()) r.details["region"] = b.grid.region_id;
    r.details["cfe_share"] = b.cfe_share.nominal();
    if (reduction != 1.0) {
      r.details["energy_reduction_factor"] = reduction;
      r.details["energy_reductions"] = b.reductions;
    }
  }
  return r;
}

PhaseResult Evaluator::repeated(const ComputeBlock& b,
                                const std::optional<Quantity>& fraction_of_training,
                                const char* fraction_key,
                                const std::optional<PhaseResult>& training, double count) {
  if (fraction_of_training && training) {
    const double fraction = d_(*fraction_of_training);
    PhaseResult r = *training;
    r.totals = training->totals.scaled(fraction * count);
    if (nominal()) r.details[fraction_key] = fraction;
    return r;
  }
  PhaseResult r = block(b, BlockInputs{});
  r.totals = r.totals.scaled(count);
  return r;
}

Evaluation Evaluator::run() {
  Evaluation e;
  e.phases.reserve(6);  // at most data, experimentation, training, inference, retraining, federated
  std::optional<PhaseResult> training;
  if (sc_.training) {
    const TrainingPhase& p = *sc_.training;
    BlockInputs in;
    if (p.epochs && p.samples && p.energy_per_sample_kwh && p.overhead_factor) {
      // Seed 003 §3.2: T ∝ E·D·I·θ.
      const double epochs = d_(*p.epochs), samples = d_(*p.samples);
      const double per_sample = d_(*p.energy_per_sample_kwh), theta = d_(*p.overhead_factor);
      in.it_kwh = epochs * samples * per_sample * theta;
      training = block(p.block, in);
      if (nominal()) {
        training->details["form"] = "per-sample: E·D·I·θ (seed 003 §3.2)";
        training->details["epochs"] = epochs;
        training->details["samples"] = samples;
        training->details["energy_per_sample_kwh"] = per_sample;
        training->details["overhead_factor"] = theta;
      }
    } else {
      training = block(p.block, in);
      if (nominal()) {
        training->details["form"] = p.block.energy_kwh ? "measured energy" : "devices × hours × power";
      }
    }
  }

  if (sc_.data) {
    const DataPhase& p = *sc_.data;
    BlockInputs in;
    const double storage_kwh = d_(p.storage_tb) * d_(p.replication_factor) * d_(p.storage_days) *
                               24.0 * p.storage_wh_per_tb_hour / 1000.0;
    in.extra_it_kwh = storage_kwh;
    if (!p.has_compute) {
      in.devices = false;
      in.it_kwh = 0.0;
    }
    PhaseResult r = block(p.block, in);
    r.phase = "data";
    if (nominal()) {
      r.details["storage_kwh"] = storage_kwh;
      r.details["storage_medium"] = p.storage_medium;
    }
    e.phases.push_back(std::move(r));
  }

  if (sc_.experimentation) {
    const ExperimentationPhase& p = *sc_.experimentation;
    const double trials = p.trials ? d_(*p.trials) : 0.0;
    PhaseResult r = repeated(p.block, p.trial_fraction_of_training, "trial_fraction_of_training",
                             training, trials);
    r.phase = "experimentation";
    if (nominal()) {
      r.details["form"] = "CT = Σ_h T_h over H trials (seed 003 §3.3)";
      r.details["search"] = p.search;
      r.details["trials"] = trials;
    }
    e.phases.push_back(std::move(r));
  }

  if (training) e.phases.push_back(*training);

  if (sc_.inference) {
    const InferencePhase& p = *sc_.inference;
    const double days = d_(p.deployment_days);
    BlockInputs in;
    in.hours = days * 24.0;
    double inferences = 0.0;
    if (p.energy_per_inference_wh) {
      inferences = p.inferences ? d_(*p.inferences)
                                : d_(*p.queries_per_second) * 86400.0 * days;
      in.it_kwh = d_(*p.energy_per_inference_wh) * inferences / 1000.0;  // seed 003: I·e
      in.devices = p.device_count_given;
    }
    PhaseResult r = block(p.block, in);
    if (nominal()) {
      r.details["deployment_days"] = days;
      if (p.energy_per_inference_wh) {
        r.details["form"] = "I·e (seed 003 §3.4)";
        r.details["inferences"] = inferences;
        r.details["energy_per_inference_wh"] = p.energy_per_inference_wh->nominal();
      } else {
        r.details["form"] = "serving fleet: devices × hours × power";
      }
    }
    e.phases.push_back(std::move(r));
  }

  if (sc_.retraining) {
    const RetrainingPhase& p = *sc_.retraining;
    // Expected number of runs over the deployment; a cadence need not divide it evenly.
    const double runs = p.runs ? d_(*p.runs) : d_(p.deployment_days) / d_(*p.every_days);
    PhaseResult r = repeated(p.block, p.fraction_of_training, "fraction_of_training", training, runs);
    r.phase = "retraining";
    if (nominal()) {
      r.details["form"] = "runs × cost per run";
      r.details["runs"] = runs;
    }
    e.phases.push_back(std::move(r));
  }

  if (sc_.federated) {
    const FederatedPhase& p = *sc_.federated;
    PhaseResult r;
    r.phase = "federated";
    const double client_rounds = d_(p.clients) * d_(p.rounds);
    const double compute_h = d_(p.compute_hours_per_round);
    const double comm_h = d_(p.communication_hours_per_round);
    // Seed 001 App. B: compute time × device power + upload/download time × router power.
    const double wh_per_client_round = compute_h * d_(p.device_power_w) + comm_h * d_(p.router_power_w);
    Totals& t = r.totals;
    t.energy_it_kwh = client_rounds * wh_per_client_round / 1000.0;
    t.energy_facility_kwh = t.energy_it_kwh;  // no data centre: PUE 1
    r.intensity_g_per_kwh = d_(p.grid.intensity_g_per_kwh);
    t.operational_location_kg = t.energy_facility_kwh * r.intensity_g_per_kwh / 1000.0;
    t.operational_market_kg = t.operational_location_kg * (1.0 - d_(p.cfe_share));
    t.device_hours = client_rounds * compute_h;
    t.embodied_kg = t.device_hours * embodied_rate_kg_per_device_hour(p.device);
    if (nominal()) {
      r.details["form"] = "clients × rounds × (compute h × device W + comm h × router W) (seed 001 App. B)";
      r.details["client_rounds"] = client_rounds;
      r.details["wh_per_client_round"] = wh_per_client_round;
      r.details["device"] = {{"id", p.device.id}, {"name", p.device.name}};
      r.details["intensity_source"] = p.grid.source;
    }
    e.phases.push_back(std::move(r));
  }

  for (const auto& phase : e.phases) e.total += phase.totals;
  e.schedule = schedule_;
  return e;
}

}  // namespace

Evaluation evaluate(const Scenario& scenario, Draw& draw) {
  return Evaluator(scenario, draw).run();
}

namespace {

struct Series {
  std::vector<double> total_location, total_market, operational_location, embodied, facility;
  void reserve(std::size_t n) {
    for (auto* v : {&total_location, &total_market, &operational_location, &embodied, &facility}) {
      v->reserve(n);
    }
  }
  void add(const Totals& t) {
    total_location.push_back(t.total_location_kg());
    total_market.push_back(t.total_market_kg());
    operational_location.push_back(t.operational_location_kg);
    embodied.push_back(t.embodied_kg);
    facility.push_back(t.energy_facility_kwh);
  }
  json to_json() const {
    auto one = [](const std::vector<double>& v) {
      const Summary s = summarize(v);
      return json{{"p5", s.p5}, {"p50", s.p50}, {"p95", s.p95}, {"mean", s.mean}};
    };
    return {{"co2e_kg",
             {{"total_location", one(total_location)},
              {"total_market", one(total_market)},
              {"operational_location", one(operational_location)},
              {"embodied", one(embodied)}}},
            {"energy_kwh", {{"facility", one(facility)}}}};
  }
};

}  // namespace

json monte_carlo(const Scenario& scenario) {
  Rng rng(scenario.seed);
  const auto samples = static_cast<std::size_t>(scenario.samples);
  Series total;
  total.reserve(samples);
  std::vector<std::string> names;
  std::vector<Series> phases;
  Draw draw(rng);
  for (int i = 0; i < scenario.samples; ++i) {
    draw.next();
    const Evaluation e = evaluate(scenario, draw);
    if (phases.empty()) {
      phases.resize(e.phases.size());
      for (auto& series : phases) series.reserve(samples);
      for (const auto& p : e.phases) names.push_back(p.phase);
    }
    for (std::size_t k = 0; k < e.phases.size(); ++k) phases[k].add(e.phases[k].totals);
    total.add(e.total);
  }
  json by_phase = json::object();
  for (std::size_t k = 0; k < phases.size(); ++k) by_phase[names[k]] = phases[k].to_json();
  return {{"samples", scenario.samples},
          {"seed", scenario.seed},
          {"method", "Monte-Carlo, xoshiro256** seeded; percentiles by linear interpolation"},
          {"total", total.to_json()},
          {"phases", by_phase}};
}

}  // namespace greenfront
