// A numeric input that may be fixed or uncertain (a range or a distribution).
//
// DESIGN.md "Uncertainty": any input may be a range or a distribution; deterministic
// results use the nominal value, the Monte-Carlo draws from the distribution.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace greenfront {

class Rng;

/// A fixed value or a distribution, with the bounds of the field it belongs to
/// (draws are truncated to [lower, upper] so a normal never makes a PUE below 1).
struct Quantity {
  enum class Kind { kFixed, kUniform, kTriangular, kNormal, kLogNormal };
  Kind kind = Kind::kFixed;
  /// kFixed: a = value. kUniform: a = min, b = max. kTriangular: a = min, b = mode, c = max.
  /// kNormal: a = mean, b = sd. kLogNormal: a = median, b = geometric sd (>= 1).
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
  double lower = -1e308;  ///< the field's own lower bound
  double upper = 1e308;   ///< the field's own upper bound
  /// Identity for Monte-Carlo: quantities with the same id (one JSON field inherited by
  /// several phases, e.g. `defaults.pue`) take the same value within one draw. -1: none.
  int id = -1;

  static Quantity fixed(double value) {
    Quantity q;
    q.a = value;
    return q;
  }
  bool uncertain() const { return kind != Kind::kFixed; }
  /// The value deterministic results use: the fixed value, the midpoint of a uniform,
  /// the mode of a triangular, the mean of a normal, the median of a log-normal.
  double nominal() const;
  /// One draw, truncated to [lower, upper] (resampled up to 64 times, then clamped).
  double sample(Rng& rng) const;
};

/// Resolves quantities to numbers: nominal values, or one Monte-Carlo draw.
/// Within one random draw a quantity with an id is sampled once and reused, so a field
/// shared by several phases is perfectly correlated across them, as it is in reality.
class Draw {
 public:
  /// A nominal draw: every quantity resolves to its nominal value.
  Draw() = default;
  /// A random draw using `rng` (not owned; must outlive the Draw).
  explicit Draw(Rng& rng) : rng_(&rng) {}
  double operator()(const Quantity& q) {
    if (q.kind == Quantity::Kind::kFixed) return q.a;  // = q.nominal(), without the call
    if (!rng_) return q.nominal();
    if (q.id < 0) return q.sample(*rng_);
    const auto id = static_cast<std::size_t>(q.id);
    if (id >= cache_.size()) {
      cache_.resize(id + 1);
      drawn_.resize(id + 1, 0);
    }
    // Raw pointers: the wasm build (-Oz) calls even vector::operator[] out of line.
    double* const cache = cache_.data();
    std::uint32_t* const drawn = drawn_.data();
    if (drawn[id] != epoch_) {
      cache[id] = q.sample(*rng_);
      drawn[id] = epoch_;
    }
    return cache[id];
  }
  bool random() const { return rng_ != nullptr; }
  /// Starts the next random draw: every quantity is sampled afresh, the storage is kept
  /// (Monte-Carlo reuses one Draw for all its samples instead of allocating per sample).
  void next() {
    // A new epoch marks every cached value stale without touching them; zero is never
    // an epoch, so the values of a fresh cache slot (zeros) count as not drawn.
    if (++epoch_ == 0) {
      std::fill(drawn_.begin(), drawn_.end(), 0);
      epoch_ = 1;
    }
  }

 private:
  Rng* rng_ = nullptr;
  std::vector<double> cache_;
  std::vector<std::uint32_t> drawn_;  // the epoch each value was drawn in (not vector<bool>:
                                      // its bit proxies cost a call each at -Oz)
  std::uint32_t epoch_ = 1;
};

}  // namespace greenfront
