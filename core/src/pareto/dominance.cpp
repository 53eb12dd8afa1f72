// Fronts, ranks and selection helpers (dominance.h has the algorithms and citations).
//
// Determinism: every sort has a total order (values, then row index), so libc++ and
// libstdc++ (wasm and native) visit the points in the same order and sum in the same order.
#include "greenfront/pareto/dominance.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>

#include "greenfront/random.h"

namespace greenfront::pareto {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool has_nan(const double* row, std::size_t dims) {
  for (std::size_t k = 0; k < dims; ++k)
    if (std::isnan(row[k])) return true;
  return false;
}

bool same_row(const double* a, const double* b, std::size_t dims) {
  return std::equal(a, a + dims, b);
}

/// Row indices without NaN, ascending.
std::vector<std::size_t> comparable_rows(const Points& points) {
  std::vector<std::size_t> rows;
  rows.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!has_nan(points.row(i), points.dims)) rows.push_back(i);
  return rows;
}


struct Row2 {
  double x, y;
  std::size_t index;
};

struct Row3 {
  double x, y, z;
  std::size_t index;
};

// A flat struct array sorts several times faster than an index array whose comparator
// chases rows through the point matrix (10^6 rows do not fit in cache).
std::vector<Row2> sorted_rows2(const Points& points, const std::vector<std::size_t>& rows) {
  std::vector<Row2> out(rows.size());
  for (std::size_t j = 0; j < rows.size(); ++j)
    out[j] = {points.at(rows[j], 0), points.at(rows[j], 1), rows[j]};
  std::sort(out.begin(), out.end(), [](const Row2& a, const Row2& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    return a.index < b.index;
  });
  return out;
}

std::vector<Row3> sorted_rows3(const Points& points, const std::vector<std::size_t>& rows) {
  std::vector<Row3> out(rows.size());
  for (std::size_t j = 0; j < rows.size(); ++j) {
    const double* r = points.row(rows[j]);
    out[j] = {r[0], r[1], r[2], rows[j]};
  }
  std::sort(out.begin(), out.end(), [](const Row3& a, const Row3& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.y != b.y) return a.y < b.y;
    if (a.z != b.z) return a.z < b.z;
    return a.index < b.index;
  });
  return out;
}

// --- first front -------------------------------------------------------------------------

// Every earlier row has x <= this x; the run leader (first of identical rows) is dominated
// exactly when some earlier row has y <= its y, i.e. when the best y so far is <= y.
std::vector<std::size_t> front2_sorted(const Points& points, const std::vector<std::size_t>& rows) {
  const std::vector<Row2> s = sorted_rows2(points, rows);
  std::vector<std::size_t> front;
  double best_y = kInf;
  bool have = false, kept = false;
  for (std::size_t j = 0; j < s.size(); ++j) {
    if (j == 0 || s[j].x != s[j - 1].x || s[j].y != s[j - 1].y) {
      kept = !have || s[j].y < best_y;
      if (kept) best_y = s[j].y, have = true;
    }
    if (kept) front.push_back(s[j].index);
  }
  return front;
}

/// The 2-D front with a pre-filter: the front of every k-th row (about 1000 rows) is a
/// staircase that usually dominates almost all rows, and a binary search per row drops
/// those it dominates before the O(n log n) sort. Exact (only truly dominated rows are
/// dropped, and every front row survives); O(n) expected on random data, never worse than
/// O(n log n).
std::vector<std::size_t> front2(const Points& points, const std::vector<std::size_t>& rows) {
  if (rows.size() < 4096) return front2_sorted(points, rows);
  const std::size_t stride = rows.size() / 1024;
  std::vector<std::size_t> sample;
  for (std::size_t j = 0; j < rows.size(); j += stride) sample.push_back(rows[j]);
  std::vector<Row2> stairs;  // x increasing, y decreasing
  for (const Row2& r : sorted_rows2(points, front2_sorted(points, sample)))
    if (stairs.empty() || r.y != stairs.back().y) stairs.push_back(r);
  std::vector<std::size_t> left;
  for (std::size_t i : rows) {
    const double x = points.at(i, 0), y = points.at(i, 1);
    auto it = std::upper_bound(stairs.begin(), stairs.end(), x,
                               [](double v, const Row2& r) { return v < r.x; });
    // The stair with the largest x <= this x has the smallest y among those; identical
    // rows do not dominate each other.
    if (it != stairs.begin()) {
      const Row2& st = *std::prev(it);
      if (st.y <= y && (st.x != x || st.y != y)) continue;
    }
    left.push_back(i);
  }
  return front2_sorted(points, left);
}

/// Staircase of (y, z) pairs: y strictly increasing, z strictly decreasing.
using Staircase = std::map<double, double>;

/// Whether some pair in the staircase is <= (y, z) in both coordinates.
bool staircase_covers(const Staircase& st, double y, double z) {
  auto it = st.upper_bound(y);
  if (it == st.begin()) return false;
  return std::prev(it)->second <= z;
}

/// Inserts (y, z), which the staircase does not cover, and drops the pairs it covers.
void staircase_insert(Staircase& st, double y, double z) {
  auto it = st.lower_bound(y);
  while (it != st.end() && it->second >= z) it = st.erase(it);
  st.emplace_hint(it, y, z);
}

std::vector<std::size_t> front3(const Points& points, std::vector<std::size_t> rows) {
  const std::vector<Row3> s = sorted_rows3(points, rows);
  std::vector<std::size_t> front;
  Staircase st;
  bool kept = false;
  for (std::size_t j = 0; j < s.size(); ++j) {
    const Row3& r = s[j];
    if (j == 0 || r.x != s[j - 1].x || r.y != s[j - 1].y || r.z != s[j - 1].z) {
      kept = !staircase_covers(st, r.y, r.z);
      if (kept) staircase_insert(st, r.y, r.z);
    }
    if (kept) front.push_back(r.index);
  }
  return front;
}

/// For d >= 3: drops the rows that a small sample front (of every k-th row) dominates.
/// On random data that is nearly all of them, so the exact algorithm then sorts a few
/// percent of the rows; when the sample front is large (an anti-chain-like set) checking
/// every row against it would cost more than it saves, and the rows pass unchanged.
std::vector<std::size_t> prefilter(const Points& points, std::vector<std::size_t> rows,
                                   std::vector<std::size_t> (*front)(const Points&,
                                                                     std::vector<std::size_t>)) {
  if (rows.size() < 4096) return rows;
  const std::size_t d = points.dims, stride = rows.size() / 1024;
  std::vector<std::size_t> sample;
  for (std::size_t j = 0; j < rows.size(); j += stride) sample.push_back(rows[j]);
  const std::vector<std::size_t> stairs = front(points, sample);
  if (stairs.size() > 64) return rows;
  std::vector<std::size_t> left;
  for (std::size_t i : rows) {
    bool dominated = false;
    for (std::size_t j = 0; j < stairs.size() && !dominated; ++j)
      dominated = dominates(points.row(stairs[j]), points.row(i), d);
    if (!dominated) left.push_back(i);
  }
  return left;
}

/// Presorted by sum (ties lexicographic, then index) so strong rows are checked first;
/// with infinities the sums may be NaN, and the lexicographic order alone is used.
std::vector<std::size_t> front_general(const Points& points, std::vector<std::size_t> rows) {
  const std::size_t d = points.dims;
  std::vector<double> sum(points.size(), 0.0);
  bool finite = true;
  for (std::size_t i : rows) {
    double s = 0.0;
    for (std::size_t k = 0; k < d; ++k) s += points.at(i, k);
    sum[i] = s;
    finite = finite && std::isfinite(s);
  }
  if (!finite) std::fill(sum.begin(), sum.end(), 0.0);
  std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    if (sum[a] != sum[b]) return sum[a] < sum[b];
    const double* ra = points.row(a);
    const double* rb = points.row(b);
    for (std::size_t k = 0; k < d; ++k)
      if (ra[k] != rb[k]) return ra[k] < rb[k];
    return a < b;
  });
  // Later rows cannot dominate earlier ones, so a row only meets the kept ones.
  std::vector<double> kept_rows;
  std::vector<std::size_t> front;
  bool kept = false;
  for (std::size_t j = 0; j < rows.size(); ++j) {
    const double* p = points.row(rows[j]);
    if (j == 0 || !same_row(p, points.row(rows[j - 1]), d)) {
      kept = true;
      for (std::size_t f = 0; f < kept_rows.size() && kept; f += d)
        if (dominates(&kept_rows[f], p, d)) kept = false;
      if (kept) kept_rows.insert(kept_rows.end(), p, p + d);
    }
    if (kept) front.push_back(rows[j]);
  }
  return front;
}

// --- ranks -------------------------------------------------------------------------------

// last_y[k] is the y of the last row put in front k, which is that front's smallest y;
// it grows with k, so the first front not dominating a row is found by binary search.
void ranks2(const Points& points, const std::vector<std::size_t>& rows,
            std::vector<std::size_t>& rank) {
  const std::vector<Row2> s = sorted_rows2(points, rows);
  std::vector<double> last_y;
  std::size_t r = 0;
  for (std::size_t j = 0; j < s.size(); ++j) {
    if (j == 0 || s[j].x != s[j - 1].x || s[j].y != s[j - 1].y) {
      r = static_cast<std::size_t>(std::upper_bound(last_y.begin(), last_y.end(), s[j].y) -
                                   last_y.begin());
      if (r == last_y.size()) last_y.push_back(s[j].y);
      last_y[r] = s[j].y;
    }
    rank[s[j].index] = r;
  }
}

void ranks3(const Points& points, const std::vector<std::size_t>& rows,
            std::vector<std::size_t>& rank) {
  const std::vector<Row3> s = sorted_rows3(points, rows);
  std::vector<Staircase> fronts;
  std::size_t r = 0;
  for (std::size_t j = 0; j < s.size(); ++j) {
    const Row3& p = s[j];
    if (j == 0 || p.x != s[j - 1].x || p.y != s[j - 1].y || p.z != s[j - 1].z) {
      // Being dominated by front k implies being dominated by every front before k.
      std::size_t lo = 0, hi = fronts.size();
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (staircase_covers(fronts[mid], p.y, p.z))
          lo = mid + 1;
        else
          hi = mid;
      }
      r = lo;
      if (r == fronts.size()) fronts.emplace_back();
      staircase_insert(fronts[r], p.y, p.z);
    }
    rank[p.index] = r;
  }
}

void ranks_general(const Points& points, std::vector<std::size_t> rows,
                   std::vector<std::size_t>& rank) {
  const std::size_t d = points.dims;
  sort_lexicographic(points, rows);
  std::vector<std::vector<std::size_t>> fronts;
  auto dominated_by = [&](const std::vector<std::size_t>& front, const double* p) {
    // The most recent members are the closest in the sort order, the likeliest dominators.
    for (auto it = front.rbegin(); it != front.rend(); ++it)
      if (dominates(points.row(*it), p, d)) return true;
    return false;
  };
  std::size_t r = 0;
  for (std::size_t j = 0; j < rows.size(); ++j) {
    const double* p = points.row(rows[j]);
    if (j == 0 || !same_row(p, points.row(rows[j - 1]), d)) {
      std::size_t lo = 0, hi = fronts.size();
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (dominated_by(fronts[mid], p))
          lo = mid + 1;
        else
          hi = mid;
      }
      r = lo;
      if (r == fronts.size()) fronts.emplace_back();
      fronts[r].push_back(rows[j]);
    }
    rank[rows[j]] = r;
  }
}

}  // namespace

void sort_lexicographic(const Points& points, std::vector<std::size_t>& rows) {
  const std::size_t d = points.dims;
  std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    const double* ra = points.row(a);
    const double* rb = points.row(b);
    for (std::size_t k = 0; k < d; ++k)
      if (ra[k] != rb[k]) return ra[k] < rb[k];
    return a < b;
  });
}

bool dominates(const double* a, const double* b, std::size_t dims) {
  bool better = false;
  for (std::size_t k = 0; k < dims; ++k) {
    if (!(a[k] <= b[k])) return false;  // also false for NaN
    better = better || a[k] < b[k];
  }
  return better;
}

void FrontArchive::add(const Points& points, std::size_t row) {
  const std::size_t call = adds_++;
  const std::size_t d = points.dims;
  const double* y = points.row(row);
  if (has_nan(y, d)) return;
  for (std::size_t member : rows_) {
    if (dominates(points.row(member), y, d)) return;
  }
  std::size_t kept = 0;
  for (std::size_t j = 0; j < rows_.size(); ++j) {
    if (dominates(y, points.row(rows_[j]), d)) {
      history_[membership_of_[j]].left = call;
      continue;
    }
    rows_[kept] = rows_[j];
    membership_of_[kept++] = membership_of_[j];
  }
  rows_.resize(kept);
  membership_of_.resize(kept);
  rows_.push_back(row);
  membership_of_.push_back(history_.size());
  history_.push_back({row, call, static_cast<std::size_t>(-1)});
}

std::vector<std::size_t> FrontArchive::rows_after(std::size_t adds) const {
  std::vector<std::size_t> rows;
  for (const Membership& m : history_) {
    if (m.entered < adds && adds <= m.left) rows.push_back(m.row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::size_t> non_dominated(const Points& points) {
  std::vector<std::size_t> rows = comparable_rows(points);
  std::vector<std::size_t> front;
  switch (points.dims) {
    case 0:
      return {};
    case 1: {
      double best = kInf;
      for (std::size_t i : rows) best = std::min(best, points.at(i, 0));
      for (std::size_t i : rows)
        if (points.at(i, 0) == best) front.push_back(i);
      return front;
    }
    case 2:
      front = front2(points, rows);
      break;
    case 3:
      front = front3(points, prefilter(points, std::move(rows), front3));
      break;
    default:
      front = front_general(points, prefilter(points, std::move(rows), front_general));
  }
  std::sort(front.begin(), front.end());
  return front;
}

std::vector<std::size_t> non_dominated_ranks(const Points& points) {
  const std::vector<std::size_t> rows = comparable_rows(points);
  std::vector<std::size_t> rank(points.size(), 0);
  switch (points.dims) {
    case 0:
      return rank;
    case 1: {
      // Each distinct value is its own front.
      std::vector<double> values;
      for (std::size_t i : rows) values.push_back(points.at(i, 0));
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      for (std::size_t i : rows)
        rank[i] = static_cast<std::size_t>(
            std::lower_bound(values.begin(), values.end(), points.at(i, 0)) - values.begin());
      break;
    }
    case 2:
      ranks2(points, rows, rank);
      break;
    case 3:
      ranks3(points, rows, rank);
      break;
    default:
      ranks_general(points, rows, rank);
  }
  if (rows.size() < points.size()) {
    std::size_t past_last = 0;
    for (std::size_t i : rows) past_last = std::max(past_last, rank[i] + 1);
    for (std::size_t i = 0; i < points.size(); ++i)
      if (has_nan(points.row(i), points.dims)) rank[i] = past_last;
  }
  return rank;
}

std::vector<double> crowding_distance(const Points& points,
                                      const std::vector<std::size_t>& members) {
  const std::size_t d = points.dims;
  std::vector<double> distance(members.size(), 0.0);
  std::vector<std::size_t> pos;  // positions in `members` that take part
  for (std::size_t j = 0; j < members.size(); ++j)
    if (members[j] < points.size() && !has_nan(points.row(members[j]), d)) pos.push_back(j);
  if (pos.empty()) return distance;
  for (std::size_t k = 0; k < d; ++k) {
    auto value = [&](std::size_t j) { return points.at(members[j], k); };
    std::sort(pos.begin(), pos.end(), [&](std::size_t a, std::size_t b) {
      if (value(a) != value(b)) return value(a) < value(b);
      if (members[a] != members[b]) return members[a] < members[b];
      return a < b;
    });
    distance[pos.front()] = kInf;
    distance[pos.back()] = kInf;
    const double range = value(pos.back()) - value(pos.front());
    if (!(range > 0.0) || !std::isfinite(range)) continue;
    for (std::size_t t = 1; t + 1 < pos.size(); ++t)
      distance[pos[t]] += (value(pos[t + 1]) - value(pos[t - 1])) / range;
  }
  return distance;
}

std::optional<std::size_t> knee_point(const Points& points,
                                      const std::vector<std::size_t>& members) {
  const std::size_t d = points.dims;
  std::vector<std::size_t> use;  // row indices, ascending, unique
  for (std::size_t i : members)
    if (i < points.size() && !has_nan(points.row(i), d)) use.push_back(i);
  std::sort(use.begin(), use.end());
  use.erase(std::unique(use.begin(), use.end()), use.end());
  if (use.empty() || d == 0) return std::nullopt;
  const std::size_t m = use.size();

  // Normalized copy, m x d.
  std::vector<double> lo(d, kInf), hi(d, -kInf);
  for (std::size_t i : use)
    for (std::size_t k = 0; k < d; ++k) {
      lo[k] = std::min(lo[k], points.at(i, k));
      hi[k] = std::max(hi[k], points.at(i, k));
    }
  std::vector<double> x(m * d);
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < d; ++k) {
      const double range = hi[k] - lo[k];
      x[j * d + k] =
          range > 0.0 && std::isfinite(range) ? (points.at(use[j], k) - lo[k]) / range : 0.0;
    }

  auto closest_to_ideal = [&]() {
    std::size_t best = 0;
    double best_d2 = kInf;
    for (std::size_t j = 0; j < m; ++j) {
      double d2 = 0.0;
      for (std::size_t k = 0; k < d; ++k) d2 += x[j * d + k] * x[j * d + k];
      if (d2 < best_d2) best = j, best_d2 = d2;  // strict: ties keep the smaller row index
    }
    return use[best];
  };
  if (m < 2 || d < 2) return closest_to_ideal();

  // Extreme of axis k: the member nearest that axis, i.e. smallest in all other objectives
  // (smallest max over them; ties: smallest in k). In 2-D these are the two end points.
  std::vector<double> a_matrix(d * d);  // row k = extreme of axis k
  for (std::size_t k = 0; k < d; ++k) {
    std::size_t best = 0;
    double best_off = kInf, best_on = kInf;
    for (std::size_t j = 0; j < m; ++j) {
      double off = 0.0;
      for (std::size_t q = 0; q < d; ++q)
        if (q != k) off = std::max(off, x[j * d + q]);
      const double on = x[j * d + k];
      if (off < best_off || (off == best_off && on < best_on))
        best = j, best_off = off, best_on = on;
    }
    std::copy(&x[best * d], &x[best * d] + d, &a_matrix[k * d]);
  }
  // Solve E a = 1 (Gaussian elimination, partial pivoting) for the hyperplane a·x = 1.
  std::vector<double> a(d, 1.0);
  for (std::size_t c = 0; c < d; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < d; ++r)
      if (std::fabs(a_matrix[r * d + c]) > std::fabs(a_matrix[piv * d + c])) piv = r;
    if (!(std::fabs(a_matrix[piv * d + c]) > 1e-12)) return closest_to_ideal();
    if (piv != c) {
      for (std::size_t q = 0; q < d; ++q) std::swap(a_matrix[c * d + q], a_matrix[piv * d + q]);
      std::swap(a[c], a[piv]);
    }
    for (std::size_t r = c + 1; r < d; ++r) {
      const double f = a_matrix[r * d + c] / a_matrix[c * d + c];
      for (std::size_t q = c; q < d; ++q) a_matrix[r * d + q] -= f * a_matrix[c * d + q];
      a[r] -= f * a[c];
    }
  }
  for (std::size_t c = d; c-- > 0;) {
    for (std::size_t q = c + 1; q < d; ++q) a[c] -= a_matrix[c * d + q] * a[q];
    a[c] /= a_matrix[c * d + c];
  }
  double norm2 = 0.0;
  for (double v : a) norm2 += v * v;
  const double norm = std::sqrt(norm2);
  if (!(norm > 0.0) || !std::isfinite(norm)) return closest_to_ideal();

  std::size_t best = 0;
  double best_gap = 0.0;
  bool below = false;
  for (std::size_t j = 0; j < m; ++j) {
    double ax = 0.0;
    for (std::size_t k = 0; k < d; ++k) ax += a[k] * x[j * d + k];
    const double gap = (1.0 - ax) / norm;
    // A tolerance keeps round-off on a flat front from picking an arbitrary member.
    if (gap > 1e-12 && gap > best_gap) best = j, best_gap = gap, below = true;
  }
  return below ? use[best] : closest_to_ideal();
}

std::vector<std::size_t> epsilon_filter(const Points& points, const std::vector<double>& epsilon,
                                        bool multiplicative) {
  const std::size_t d = points.dims;
  std::vector<double> log_step(d, 0.0);  // 0 = objective not boxed
  for (std::size_t k = 0; k < d && k < epsilon.size(); ++k) {
    const double e = epsilon[k];
    if (!(e > 0.0) || !std::isfinite(e)) continue;
    log_step[k] = multiplicative ? portable::log(1.0 + e) : e;
    if (!(log_step[k] > 0.0)) log_step[k] = 0.0;  // 1 + e rounded to 1
  }
  // Box coordinates of the usable rows and their squared offset from the box corner.
  Points boxes(d);
  std::vector<std::size_t> row_of;
  std::vector<double> offset2;
  std::vector<double> box(d);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double* p = points.row(i);
    if (has_nan(p, d)) continue;
    bool usable = true;
    double off2 = 0.0;
    for (std::size_t k = 0; k < d && usable; ++k) {
      if (log_step[k] == 0.0) {
        box[k] = p[k];
        continue;
      }
      if (multiplicative && !(p[k] > 0.0)) {
        usable = false;
        break;
      }
      const double scaled = (multiplicative ? portable::log(p[k]) : p[k]) / log_step[k];
      box[k] = std::floor(scaled);
      if (std::isfinite(scaled)) off2 += (scaled - box[k]) * (scaled - box[k]);
    }
    if (!usable) continue;
    boxes.push_back(box.data());
    row_of.push_back(i);
    offset2.push_back(off2);
  }
  // Rows in non-dominated boxes (identical boxes are all kept), then one per box.
  std::vector<std::size_t> keep = non_dominated(boxes);
  std::sort(keep.begin(), keep.end(), [&](std::size_t a, std::size_t b) {
    const double* ba = boxes.row(a);
    const double* bb = boxes.row(b);
    for (std::size_t k = 0; k < d; ++k)
      if (ba[k] != bb[k]) return ba[k] < bb[k];
    if (offset2[a] != offset2[b]) return offset2[a] < offset2[b];
    // Round-off can tie a dominator with the row it dominates; it is lexicographically first.
    const double* ra = points.row(row_of[a]);
    const double* rb = points.row(row_of[b]);
    for (std::size_t k = 0; k < d; ++k)
      if (ra[k] != rb[k]) return ra[k] < rb[k];
    return row_of[a] < row_of[b];
  });
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < keep.size(); ++j)
    if (j == 0 || !same_row(boxes.row(keep[j]), boxes.row(keep[j - 1]), d))
      out.push_back(row_of[keep[j]]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace greenfront::pareto
