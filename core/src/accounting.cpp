#include "greenfront/accounting.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "greenfront/hourly.h"
#include "greenfront/random.h"

// The wasm build is optimized for size (-Oz), which calls even one-line helpers out of
// line; the few on the Monte-Carlo's per-sample path are forced inline there.
#if defined(__EMSCRIPTEN__)
#define GREENFRONT_HOT_INLINE __attribute__((always_inline))
#else
#define GREENFRONT_HOT_INLINE
#endif

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
/// Flags and values rather than std::optional, and a constructor forced inline: at -Oz
/// optional's constructor and accessors, and this struct's own constructor, were calls
/// of their own in every Monte-Carlo draw.
struct BlockInputs {
  GREENFRONT_HOT_INLINE BlockInputs() {}
  GREENFRONT_HOT_INLINE void set_it_kwh(double v) {
    it_kwh = v;
    has_it_kwh = true;
  }
  double it_kwh = 0.0;  ///< IT energy from a phase formula (E·D·I·θ, I·e, ...)
  bool has_it_kwh = false;
  double hours = 0.0;  ///< wall-clock hours when the block has none
  bool has_hours = false;
  bool devices = true;        ///< false: no reserved fleet, so no static or embodied
  double extra_it_kwh = 0.0;  ///< energy without devices (storage)
};

/// The numbers of one phase; its name and details travel separately, so a Monte-Carlo
/// draw never builds a PhaseResult (a string and a JSON value per phase and sample).
/// Each phase is computed in place in the caller's array, field by field: at -Oz a
/// struct copy or a zeroing constructor is a memcpy/memset call.
struct PhaseCore {
  Totals totals;
  double intensity_g_per_kwh = 0.0;
  double pue = 1.0;
};

/// std::min/std::max with their exact semantics (min: b < a ? b : a; max: a < b ? b : a),
/// written out because -Oz calls std::min, std::max and their comparator out of line
/// (2.5% of the wasm Monte-Carlo estimate).
GREENFRONT_HOT_INLINE double min_of(double a, double b) { return b < a ? b : a; }
GREENFRONT_HOT_INLINE double max_of(double a, double b) { return a < b ? b : a; }

/// At most data, experimentation, training, inference, retraining, federated.
constexpr std::size_t kMaxPhases = 6;

/// `to = from × f`, field by field (Totals::scaled without the copies).
void scale_into(const Totals& from, double f, Totals& to) {
  to.energy_it_kwh = from.energy_it_kwh * f;
  to.energy_static_kwh = from.energy_static_kwh * f;
  to.energy_facility_kwh = from.energy_facility_kwh * f;
  to.operational_location_kg = from.operational_location_kg * f;
  to.operational_market_kg = from.operational_market_kg * f;
  to.embodied_kg = from.embodied_kg * f;
  to.device_hours = from.device_hours * f;
}

/// `to = from`, field by field (a struct assignment is a memcpy call at -Oz).
void copy_into(const PhaseCore& from, PhaseCore& to) {
  Totals& t = to.totals;
  const Totals& f = from.totals;
  t.energy_it_kwh = f.energy_it_kwh;
  t.energy_static_kwh = f.energy_static_kwh;
  t.energy_facility_kwh = f.energy_facility_kwh;
  t.operational_location_kg = f.operational_location_kg;
  t.operational_market_kg = f.operational_market_kg;
  t.embodied_kg = f.embodied_kg;
  t.device_hours = f.device_hours;
  to.intensity_g_per_kwh = from.intensity_g_per_kwh;
  to.pue = from.pue;
}

/// One Evaluator serves a whole Monte-Carlo run: what depends only on the scenario is
/// worked out once here, and each draw writes its phases into a fixed array.
/// A nominal draw also builds the PhaseResults with their details and the schedule.
class Evaluator {
 public:
  Evaluator(const Scenario& sc, Draw& draw)
      : sc_(sc),
        draw_(draw),
        no_embodied_(sc.embodied.attribution == "none"),
        utilization_adjusted_(sc.embodied.attribution == "utilization_adjusted") {}

  /// One evaluation with the draw's current numbers: the phases in life order into
  /// `phases` (and their names into `names`), the count returned; `out`, when given,
  /// also gets the PhaseResults and the total (and, from a nominal draw, the details and
  /// the schedule).
  std::size_t run(PhaseCore* phases, const char** names, Evaluation* out);

 private:
  void block(const ComputeBlock& b, const BlockInputs& in, PhaseCore& r);
  /// `count` repetitions of one unit of work (experimentation trials, retraining runs): a
  /// fraction of the training phase when given and training exists, else the phase's block.
  void repeated(const ComputeBlock& b, const std::optional<Quantity>& fraction_of_training,
                const char* fraction_key, const PhaseCore* training, double count, PhaseCore& r);
  double embodied_rate_kg_per_device_hour(const Hardware& hw);
  double average_power_w(const ComputeBlock& b);
  /// The next free slot of the phase array, where the next phase is computed.
  GREENFRONT_HOT_INLINE PhaseCore& slot() { return phases_[count_]; }
  /// Takes the phase in slot() under `name`.
  void emit(const char* name);

  /// A quantity's value in this draw. Most inputs are fixed: their value is read here,
  /// without the call into Draw that -Oz would not inline.
  GREENFRONT_HOT_INLINE double d_(const Quantity& q) {
    return q.kind == Quantity::Kind::kFixed ? q.a : draw_(q);
  }

  const Scenario& sc_;
  Draw& draw_;
  const bool no_embodied_;
  const bool utilization_adjusted_;
  GREENFRONT_HOT_INLINE bool nominal() const { return !draw_.random(); }
  // Per run: where the phases go.
  PhaseCore* phases_ = nullptr;
  const char** names_ = nullptr;
  std::size_t count_ = 0;
  Evaluation* out_ = nullptr;  // evaluate() only, not the Monte-Carlo
  json details_;               // the current phase's details (nominal only)
  json training_details_;      // training's, kept for the phases that scale it (nominal only)
  json schedule_;              // an array once a nominal evaluation schedules a phase
  PhaseCore training_;         // computed first, emitted third
};

double Evaluator::average_power_w(const ComputeBlock& b) {
  if (b.average_power_w) return d_(*b.average_power_w);
  if (b.measured_power && b.hardware.measured_avg_power_w) return *b.hardware.measured_avg_power_w;
  const double tdp = d_(b.hardware.tdp_w);
  const double idle = min_of(d_(b.hardware.idle_w), tdp);
  // Linear power model between idle and TDP (seed 003 §3; DESIGN.md "Operational").
  return idle + (tdp - idle) * d_(b.utilization);
}

double Evaluator::embodied_rate_kg_per_device_hour(const Hardware& hw) {
  if (no_embodied_) return 0.0;
  const double per_device =
      d_(hw.embodied_kg) + d_(hw.host_embodied_kg) / max_of(1.0, hw.devices_per_host);
  double lifetime_hours = d_(hw.lifetime_years) * kHoursPerYear;
  if (utilization_adjusted_) {
    // Seed 001 §III-A: hardware used 30–60 % of its life carries its idle life too.
    lifetime_hours *= d_(sc_.embodied.lifetime_utilization);
  }
  return lifetime_hours > 0 ? per_device / lifetime_hours : 0.0;
}

void Evaluator::block(const ComputeBlock& b, const BlockInputs& in, PhaseCore& r) {
  Totals& t = r.totals;
  const double count = d_(b.device_count);
  const double power_w = average_power_w(b);
  const bool block_hours = b.hours.has_value();
  const bool has_hours = block_hours || in.has_hours;
  const double hours = block_hours ? d_(*b.hours) : in.hours;
  const double reduction = b.energy_reduction;

  double it_kwh = 0.0;
  if (in.has_it_kwh) {
    it_kwh = in.it_kwh;
  } else if (b.energy_kwh) {
    it_kwh = d_(*b.energy_kwh);
  } else if (has_hours) {
    it_kwh = count * hours * power_w / 1000.0;
  }
  it_kwh /= reduction;

  double busy_device_hours = 0.0;
  double reserved_device_hours = 0.0;
  if (in.devices) {
    if (has_hours) {
      busy_device_hours = count * hours / reduction;
    } else if (power_w > 0) {
      busy_device_hours = it_kwh * 1000.0 / power_w;
    }
    reserved_device_hours = b.reserved_hours ? count * d_(*b.reserved_hours) / reduction
                                             : busy_device_hours;
    reserved_device_hours = max_of(reserved_device_hours, busy_device_hours);
  }
  const double idle_w = min_of(d_(b.hardware.idle_w), d_(b.hardware.tdp_w));
  t.energy_it_kwh = it_kwh + in.extra_it_kwh;
  t.energy_static_kwh = (reserved_device_hours - busy_device_hours) * idle_w / 1000.0;
  if (b.static_energy_kwh) t.energy_static_kwh += d_(*b.static_energy_kwh);
  r.pue = d_(b.pue);
  t.energy_facility_kwh = (t.energy_it_kwh + t.energy_static_kwh) * r.pue;
  t.device_hours = reserved_device_hours;

  double intensity = d_(b.grid.intensity_g_per_kwh);
  if (b.grid.profile && b.start_hour_of_year) {
    double duration = has_hours ? hours : (count > 0 ? busy_device_hours / count : 0.0);
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
    json& details = details_;
    details["hardware"] = {{"id", b.hardware.id}, {"name", b.hardware.name}};
    details["device_count"] = count;
    details["average_power_w"] = power_w;
    if (has_hours) details["hours"] = hours;
    details["intensity_source"] = b.grid.profile && b.start_hour_of_year
                                      ? "hourly profile " + b.grid.profile->id
                                      : b.grid.source;
    if (!b.grid.region_id.empty()) details["region"] = b.grid.region_id;
    details["cfe_share"] = b.cfe_share.nominal();
    if (reduction != 1.0) {
      details["energy_reduction_factor"] = reduction;
      details["energy_reductions"] = b.reductions;
    }
  }
}

void Evaluator::repeated(const ComputeBlock& b,
                         const std::optional<Quantity>& fraction_of_training,
                         const char* fraction_key, const PhaseCore* training, double count,
                         PhaseCore& r) {
  if (fraction_of_training && training) {
    const double fraction = d_(*fraction_of_training);
    scale_into(training->totals, fraction * count, r.totals);
    r.intensity_g_per_kwh = training->intensity_g_per_kwh;
    r.pue = training->pue;
    if (nominal()) {
      details_ = training_details_;
      details_[fraction_key] = fraction;
    }
    return;
  }
  block(b, BlockInputs{}, r);
  scale_into(r.totals, count, r.totals);
}

void Evaluator::emit(const char* name) {
  names_[count_] = name;
  const PhaseCore& c = phases_[count_];
  ++count_;
  if (!out_) return;
  PhaseResult r;
  r.phase = name;
  r.totals = c.totals;
  r.intensity_g_per_kwh = c.intensity_g_per_kwh;
  r.pue = c.pue;
  r.details = std::move(details_);
  details_ = json();
  out_->phases.push_back(std::move(r));
}

std::size_t Evaluator::run(PhaseCore* phases, const char** names, Evaluation* out) {
  phases_ = phases;
  names_ = names;
  count_ = 0;
  out_ = out;
  if (out_) out_->phases.reserve(kMaxPhases);
  PhaseCore& training = training_;
  const bool has_training = sc_.training.has_value();
  if (has_training) {
    const TrainingPhase& p = *sc_.training;
    BlockInputs in;
    if (p.epochs && p.samples && p.energy_per_sample_kwh && p.overhead_factor) {
      // Seed 003 §3.2: T ∝ E·D·I·θ.
      const double epochs = d_(*p.epochs), samples = d_(*p.samples);
      const double per_sample = d_(*p.energy_per_sample_kwh), theta = d_(*p.overhead_factor);
      in.set_it_kwh(epochs * samples * per_sample * theta);
      block(p.block, in, training);
      if (nominal()) {
        details_["form"] = "per-sample: E·D·I·θ (seed 003 §3.2)";
        details_["epochs"] = epochs;
        details_["samples"] = samples;
        details_["energy_per_sample_kwh"] = per_sample;
        details_["overhead_factor"] = theta;
      }
    } else {
      block(p.block, in, training);
      if (nominal()) {
        details_["form"] = p.block.energy_kwh ? "measured energy" : "devices × hours × power";
      }
    }
    if (nominal()) {
      training_details_ = std::move(details_);
      details_ = json();
    }
  }
  const PhaseCore* trained = has_training ? &training : nullptr;

  if (sc_.data) {
    const DataPhase& p = *sc_.data;
    BlockInputs in;
    const double storage_kwh = d_(p.storage_tb) * d_(p.replication_factor) * d_(p.storage_days) *
                               24.0 * p.storage_wh_per_tb_hour / 1000.0;
    in.extra_it_kwh = storage_kwh;
    if (!p.has_compute) {
      in.devices = false;
      in.set_it_kwh(0.0);
    }
    block(p.block, in, slot());
    if (nominal()) {
      details_["storage_kwh"] = storage_kwh;
      details_["storage_medium"] = p.storage_medium;
    }
    emit("data");
  }

  if (sc_.experimentation) {
    const ExperimentationPhase& p = *sc_.experimentation;
    const double trials = p.trials ? d_(*p.trials) : 0.0;
    repeated(p.block, p.trial_fraction_of_training, "trial_fraction_of_training", trained, trials,
             slot());
    if (nominal()) {
      details_["form"] = "CT = Σ_h T_h over H trials (seed 003 §3.3)";
      details_["search"] = p.search;
      details_["trials"] = trials;
    }
    emit("experimentation");
  }

  if (has_training) {
    if (nominal()) details_ = training_details_;
    copy_into(training, slot());
    emit(sc_.training->block.path.c_str());
  }

  if (sc_.inference) {
    const InferencePhase& p = *sc_.inference;
    const double days = d_(p.deployment_days);
    BlockInputs in;
    in.hours = days * 24.0;
    in.has_hours = true;
    double inferences = 0.0;
    if (p.energy_per_inference_wh) {
      inferences = p.inferences ? d_(*p.inferences)
                                : d_(*p.queries_per_second) * 86400.0 * days;
      in.set_it_kwh(d_(*p.energy_per_inference_wh) * inferences / 1000.0);  // seed 003: I·e
      in.devices = p.device_count_given;
    }
    block(p.block, in, slot());
    if (nominal()) {
      details_["deployment_days"] = days;
      if (p.energy_per_inference_wh) {
        details_["form"] = "I·e (seed 003 §3.4)";
        details_["inferences"] = inferences;
        details_["energy_per_inference_wh"] = p.energy_per_inference_wh->nominal();
      } else {
        details_["form"] = "serving fleet: devices × hours × power";
      }
    }
    emit(p.block.path.c_str());
  }

  if (sc_.retraining) {
    const RetrainingPhase& p = *sc_.retraining;
    // Expected number of runs over the deployment; a cadence need not divide it evenly.
    const double runs = p.runs ? d_(*p.runs) : d_(p.deployment_days) / d_(*p.every_days);
    repeated(p.block, p.fraction_of_training, "fraction_of_training", trained, runs, slot());
    if (nominal()) {
      details_["form"] = "runs × cost per run";
      details_["runs"] = runs;
    }
    emit("retraining");
  }

  if (sc_.federated) {
    const FederatedPhase& p = *sc_.federated;
    PhaseCore& r = slot();
    const double client_rounds = d_(p.clients) * d_(p.rounds);
    const double compute_h = d_(p.compute_hours_per_round);
    const double comm_h = d_(p.communication_hours_per_round);
    // Seed 001 App. B: compute time × device power + upload/download time × router power.
    const double wh_per_client_round = compute_h * d_(p.device_power_w) + comm_h * d_(p.router_power_w);
    Totals& t = r.totals;
    t.energy_it_kwh = client_rounds * wh_per_client_round / 1000.0;
    t.energy_static_kwh = 0.0;
    t.energy_facility_kwh = t.energy_it_kwh;  // no data centre: PUE 1
    r.pue = 1.0;
    r.intensity_g_per_kwh = d_(p.grid.intensity_g_per_kwh);
    t.operational_location_kg = t.energy_facility_kwh * r.intensity_g_per_kwh / 1000.0;
    t.operational_market_kg = t.operational_location_kg * (1.0 - d_(p.cfe_share));
    t.device_hours = client_rounds * compute_h;
    t.embodied_kg = t.device_hours * embodied_rate_kg_per_device_hour(p.device);
    if (nominal()) {
      details_["form"] = "clients × rounds × (compute h × device W + comm h × router W) (seed 001 App. B)";
      details_["client_rounds"] = client_rounds;
      details_["wh_per_client_round"] = wh_per_client_round;
      details_["device"] = {{"id", p.device.id}, {"name", p.device.name}};
      details_["intensity_source"] = p.grid.source;
    }
    emit("federated");
  }

  if (out_) {
    for (std::size_t k = 0; k < count_; ++k) out_->total += phases_[k].totals;
    out_->schedule = std::move(schedule_);
    schedule_ = json();
  }
  return count_;
}

}  // namespace

Evaluation evaluate(const Scenario& scenario, Draw& draw) {
  Evaluation e;
  PhaseCore phases[kMaxPhases];
  const char* names[kMaxPhases];
  Evaluator(scenario, draw).run(phases, names, &e);
  return e;
}

namespace {

/// The five summarized series of one phase (or of the whole life), one column each of
/// `samples` values, written by index: no push_back per sample.
class Series {
 public:
  // Left uninitialized (`new double[]`, not vector(n)): every value is set before it is
  // read, and at -Oz vector's zero fill is a construct() call per element, 8% of the wasm
  // estimate's time.
  explicit Series(std::size_t samples)
      : n_(samples), values_(new double[kColumns * samples]) {}
  GREENFRONT_HOT_INLINE void set(std::size_t i, double operational_location_kg,
                                 double operational_market_kg, double embodied_kg,
                                 double energy_facility_kwh) {
    double* v = values_.get() + i;
    v[0] = operational_location_kg + embodied_kg;  // Totals::total_location_kg()
    v[n_] = operational_market_kg + embodied_kg;   // Totals::total_market_kg()
    v[2 * n_] = operational_location_kg;
    v[3 * n_] = embodied_kg;
    v[4 * n_] = energy_facility_kwh;
  }
  /// Sorts the columns in place (they are not needed afterwards) and summarizes them.
  json to_json(std::vector<std::uint64_t>& scratch) {
    double* v = values_.get();
    const auto one = [&](std::size_t column) {
      const Summary s = summarize_in_place(v + column * n_, n_, scratch);
      return json{{"p5", s.p5}, {"p50", s.p50}, {"p95", s.p95}, {"mean", s.mean}};
    };
    return {{"co2e_kg",
             {{"total_location", one(0)},
              {"total_market", one(1)},
              {"operational_location", one(2)},
              {"embodied", one(3)}}},
            {"energy_kwh", {{"facility", one(4)}}}};
  }

 private:
  static constexpr std::size_t kColumns = 5;
  std::size_t n_;
  std::unique_ptr<double[]> values_;
};

}  // namespace

json monte_carlo(const Scenario& scenario) {
  Rng rng(scenario.seed);
  const auto samples = static_cast<std::size_t>(scenario.samples);
  Draw draw(rng);
  Evaluator evaluator(scenario, draw);
  PhaseCore cores[kMaxPhases];
  const char* names[kMaxPhases];
  Series total(samples);
  std::vector<Series> phases;
  std::size_t count = 0;
  for (std::size_t i = 0; i < samples; ++i) {
    draw.next();
    count = evaluator.run(cores, names, nullptr);
    if (i == 0) {
      phases.reserve(count);
      for (std::size_t k = 0; k < count; ++k) phases.emplace_back(samples);
    }
    // The whole life's totals as Totals::operator+= sums them, from zero in phase order.
    double location = 0.0, market = 0.0, embodied = 0.0, facility = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
      const Totals& t = cores[k].totals;
      phases[k].set(i, t.operational_location_kg, t.operational_market_kg, t.embodied_kg,
                    t.energy_facility_kwh);
      location += t.operational_location_kg;
      market += t.operational_market_kg;
      embodied += t.embodied_kg;
      facility += t.energy_facility_kwh;
    }
    total.set(i, location, market, embodied, facility);
  }
  std::vector<std::uint64_t> scratch(samples);
  json by_phase = json::object();
  for (std::size_t k = 0; k < phases.size(); ++k) by_phase[names[k]] = phases[k].to_json(scratch);
  return {{"samples", scenario.samples},
          {"seed", scenario.seed},
          {"method", "Monte-Carlo, xoshiro256** seeded; percentiles by linear interpolation"},
          {"total", total.to_json(scratch)},
          {"phases", by_phase}};
}

}  // namespace greenfront
