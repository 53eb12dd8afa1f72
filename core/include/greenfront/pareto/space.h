// The decision-variable space of a multi-objective study: what the optimizers search over.
//
// A configuration is one double per variable: a continuous value, an integer value held
// as a double, or a categorical choice's index. The optimizers and the GP surrogate work
// in the unit cube [0,1]^D of `encode` (log scale where asked, one-hot for categories), and
// a user reads configurations through `to_json` (choices by name).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "greenfront/issues.h"
#include "greenfront/random.h"

namespace greenfront::pareto {

/// One value per variable of a Space, in the variables' order.
using Config = std::vector<double>;

/// One decision variable.
struct Variable {
  enum class Kind { continuous, integer, categorical };

  std::string name;
  Kind kind = Kind::continuous;
  double lower = 0.0;  ///< continuous/integer: smallest value (integers: a whole number)
  double upper = 1.0;  ///< continuous/integer: largest value, >= lower
  /// continuous/integer: search and encode log(value) (requires lower > 0), for
  /// parameters spanning orders of magnitude such as a learning rate or a batch size.
  bool log_scale = false;
  std::vector<std::string> choices;  ///< categorical: the options, at least one

  static Variable continuous(std::string name, double lower, double upper, bool log = false);
  static Variable integer(std::string name, double lower, double upper, bool log = false);
  static Variable categorical(std::string name, std::vector<std::string> choices);

  /// Number of values a discrete variable takes (integers in [lower, upper], or choices);
  /// 0 for a continuous one or for an integer range too wide to count in 64 bits.
  std::uint64_t discrete_size() const;
};

/// The limits parse_space enforces (and Space::check reports).
constexpr std::size_t kMaxVariables = 64;
constexpr std::size_t kMaxChoices = 1000;

/// An ordered set of variables with the mappings the optimizers need.
///
/// Every method is total: a configuration of the wrong size, NaN or out-of-range values
/// never crash; they are clamped (decode, to_unit) or reported (contains).
class Space {
 public:
  Space() = default;
  /// Takes the variables as given; call `check` first when they come from a user.
  explicit Space(std::vector<Variable> variables);

  /// Reports every rule the variables break (name, bounds, log scale, choices, limits) as
  /// issues under `path` ("variables[1].max" style), returning whether there were none.
  static bool check(const std::vector<Variable>& variables, const std::string& path,
                    Issues& issues);

  const std::vector<Variable>& variables() const { return variables_; }
  std::size_t size() const { return variables_.size(); }

  /// Width of the unit-cube encoding: 1 per continuous/integer variable, one per choice
  /// for a categorical one (one-hot).
  std::size_t encoded_dims() const { return encoded_dims_; }
  /// Offset of variable `v`'s first coordinate in the encoding.
  std::size_t encoded_offset(std::size_t v) const { return offsets_[v]; }

  /// A continuous/integer value mapped to [0, 1]: linear, or linear in log(value) when
  /// log_scale. Clamped to [0, 1]; a degenerate range (lower == upper) maps to 0.
  double to_unit(std::size_t v, double value) const;
  /// The inverse of to_unit, clamped to the bounds; integers are rounded to the nearest
  /// whole number (halves up), so from_unit(v, to_unit(v, k)) == k for every integer k.
  double from_unit(std::size_t v, double unit) const;

  /// The configuration in [0,1]^encoded_dims(). Categorical values become one-hot blocks.
  std::vector<double> encode(const Config& config) const;
  /// A point of the unit cube (encoded_dims() values) back to a configuration:
  /// clamped, integers rounded, categories the argmax of their block (ties: lowest index;
  /// NaN counts as 0 and never wins).
  Config decode(const double* unit) const;
  Config decode(const std::vector<double>& unit) const;

  /// A uniform random configuration: continuous uniform (log-uniform when log_scale),
  /// integers uniform over their whole numbers (log_scale: a log-uniform draw over
  /// [lower - 1/2, upper + 1/2] rounded, so each k weighs log((k+1/2)/(k-1/2))),
  /// categories uniform.
  Config sample(Rng& rng) const;

  /// The number of configurations when every variable is integer or categorical;
  /// empty when one is continuous or the product overflows 64 bits. An empty space has 1.
  std::optional<std::uint64_t> cardinality() const;
  /// The configuration at `index` of the lexicographic order over the discrete values:
  /// mixed radix with the FIRST variable the SLOWEST digit (like nested loops with the
  /// first variable outermost). `index` is taken modulo cardinality(); a space with a
  /// continuous variable gives its lower bound for that variable.
  Config enumerate(std::uint64_t index) const;

  /// Whether `config` has one finite value per variable inside its bounds, whole numbers
  /// for integers and valid choice indices for categories.
  bool contains(const Config& config) const;

  /// {"name": value, ...} with categorical values as their choice text and integers as
  /// JSON integers. Values beyond the configuration's size are left out.
  nlohmann::json to_json(const Config& config) const;
  /// "lr=0.001, layers=4, region=eu-north" for logs and progress lines.
  std::string describe(const Config& config) const;

  /// Reads a configuration written as {"name": value} (choices by text, numbers for the
  /// rest) at `path`, reporting missing, unknown, mistyped and out-of-range values.
  std::optional<Config> config_from_json(const nlohmann::json& object, const std::string& path,
                                         Issues& issues) const;

 private:
  std::vector<Variable> variables_;
  std::vector<std::size_t> offsets_;
  std::size_t encoded_dims_ = 0;
};

/// Parses a JSON array of variables
///   [{"name": "lr", "type": "continuous", "min": 1e-5, "max": 1e-1, "log": true},
///    {"name": "layers", "type": "integer", "min": 2, "max": 12},
///    {"name": "region", "type": "categorical", "choices": ["eu-north", "us-east"]}]
/// reporting every problem as `[code] path[i].field: rule, got value`. Empty when any
/// issue was added (issues already present before the call are not counted).
std::optional<Space> parse_space(const nlohmann::json& value, const std::string& path,
                                 Issues& issues);

}  // namespace greenfront::pareto
