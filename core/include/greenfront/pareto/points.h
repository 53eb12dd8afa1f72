// A set of objective vectors, the common currency of the Pareto module.
//
// Every algorithm in greenfront::pareto works on minimized objectives; a maximized one is
// negated once at the boundary (Sense, to_minimization), so no inner loop carries a sign.
// Points are stored row-major in one vector: cache-friendly for the sweeps and cheap to
// hand across the wasm boundary as one Float64Array.
#pragma once

#include <cstddef>
#include <vector>

namespace greenfront::pareto {

/// n points of `dims` objectives each, row-major, all minimized.
struct Points {
  std::size_t dims = 0;
  std::vector<double> values;

  Points() = default;
  explicit Points(std::size_t dimensions) : dims(dimensions) {}
  Points(std::size_t dimensions, std::vector<double> row_major)
      : dims(dimensions), values(std::move(row_major)) {}

  std::size_t size() const { return dims == 0 ? 0 : values.size() / dims; }
  bool empty() const { return size() == 0; }
  const double* row(std::size_t i) const { return values.data() + i * dims; }
  double* row(std::size_t i) { return values.data() + i * dims; }
  double at(std::size_t i, std::size_t k) const { return values[i * dims + k]; }
  void push_back(const double* point) { values.insert(values.end(), point, point + dims); }
  void push_back(const std::vector<double>& point) { push_back(point.data()); }
  /// The points at `indices`, in that order.
  Points subset(const std::vector<std::size_t>& indices) const {
    Points out(dims);
    out.values.reserve(indices.size() * dims);
    for (std::size_t i : indices) out.push_back(row(i));
    return out;
  }
};

/// Whether an objective is to be minimized or maximized.
enum class Sense { minimize, maximize };

/// Negates the maximized objectives (and nothing else), so the result is all-minimized.
inline Points to_minimization(const Points& points, const std::vector<Sense>& senses) {
  Points out = points;
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t k = 0; k < out.dims && k < senses.size(); ++k)
      if (senses[k] == Sense::maximize) out.row(i)[k] = -out.row(i)[k];
  return out;
}

}  // namespace greenfront::pareto
