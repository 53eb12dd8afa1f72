// Exact and Monte-Carlo hypervolume (hypervolume.h has the algorithms and citations).
//
// The exact code works on flat row-major buffers of points that already lie strictly
// inside the reference box; one Engine owns every scratch buffer (one per recursion level
// of WFG), so no allocation happens per point or per recursive call once the buffers grew.
// Every sort has a total order (values, then position), so the summation order — hence the
// last bit of the result — is the same under libc++ (wasm) and libstdc++.
#include "greenfront/pareto/hypervolume.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <utility>

#include "greenfront/pareto/dominance.h"
#include "greenfront/random.h"

namespace greenfront::pareto {
namespace {

// --- building blocks ---------------------------------------------------------------------
// (__builtin_ctzll/__builtin_clzll: GCC and Clang, i.e. every toolchain the project uses.)

/// A set of integers in [0, n) as a 64-ary tree of bit words: level 0 has one bit per
/// element, each higher level one bit per non-empty word below. Insert, erase, successor
/// and predecessor take O(log_64 n) word operations.
class BitTree {
 public:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  void reset(std::size_t n) {
    begin_.clear();
    std::size_t total = 0, bits = std::max<std::size_t>(n, 1);
    do {
      begin_.push_back(total);
      bits = (bits + 63) / 64;
      total += bits;
    } while (bits > 1);
    begin_.push_back(total);
    words_.assign(total, 0);
  }
  void insert(std::size_t i) {
    for (std::size_t l = 0; l + 1 < begin_.size(); ++l, i >>= 6) {
      std::uint64_t& w = words_[begin_[l] + (i >> 6)];
      const bool had = w != 0;
      w |= std::uint64_t{1} << (i & 63);
      if (had) break;  // the levels above already know this word is non-empty
    }
  }
  void erase(std::size_t i) {
    for (std::size_t l = 0; l + 1 < begin_.size(); ++l, i >>= 6) {
      std::uint64_t& w = words_[begin_[l] + (i >> 6)];
      w &= ~(std::uint64_t{1} << (i & 63));
      if (w != 0) break;
    }
  }
  /// Smallest element >= i, or npos.
  std::size_t next(std::size_t i) const {
    const std::size_t top = begin_.size() - 2;
    std::size_t l = 0;
    for (;;) {
      const std::size_t w = i >> 6;
      if (begin_[l] + w >= begin_[l + 1]) return npos;
      const std::uint64_t bits = words_[begin_[l] + w] & (~std::uint64_t{0} << (i & 63));
      if (bits != 0) {
        i = (w << 6) | static_cast<std::size_t>(__builtin_ctzll(bits));
        break;
      }
      if (l == top) return npos;
      i = w + 1;
      ++l;
    }
    while (l > 0) {
      --l;
      i = (i << 6) | static_cast<std::size_t>(__builtin_ctzll(words_[begin_[l] + i]));
    }
    return i;
  }
  /// Largest element <= i, or npos.
  std::size_t prev(std::size_t i) const {
    const std::size_t top = begin_.size() - 2;
    std::size_t l = 0;
    for (;;) {
      const std::size_t w = i >> 6;
      const unsigned b = static_cast<unsigned>(i & 63);
      const std::uint64_t mask = b == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (b + 1)) - 1;
      const std::uint64_t bits = words_[begin_[l] + w] & mask;
      if (bits != 0) {
        i = (w << 6) | static_cast<std::size_t>(63 - __builtin_clzll(bits));
        break;
      }
      if (w == 0 || l == top) return npos;
      i = w - 1;
      ++l;
    }
    while (l > 0) {
      --l;
      i = (i << 6) | static_cast<std::size_t>(63 - __builtin_clzll(words_[begin_[l] + i]));
    }
    return i;
  }

 private:
  std::vector<std::size_t> begin_;  // first word of each level, plus the end
  std::vector<std::uint64_t> words_;
};

/// A sort key with the index it belongs to.
struct Item {
  std::uint64_t key;
  std::size_t id;
};

/// An unsigned integer with the order of the double (-0 and +0 map to the same key).
std::uint64_t sortable_bits(double v) {
  v += 0.0;  // turns -0 into +0
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return (b >> 63) != 0 ? ~b : b | (std::uint64_t{1} << 63);
}

/// Sorts by (key, id); the items must arrive with ascending ids. Large inputs use an LSD
/// radix sort on 11-bit digits (stable, so ties stay in id order), skipping the digits all
/// keys share: several times faster than std::sort on 10^5 keys.
void sort_items(std::vector<Item>& items, std::vector<Item>& tmp, std::vector<std::size_t>& count) {
  const std::size_t n = items.size();
  if (n < 1024) {
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.key != b.key ? a.key < b.key : a.id < b.id;
    });
    return;
  }
  constexpr unsigned kDigit = 11, kPasses = 6;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigit;
  count.assign(kPasses * kBuckets, 0);
  for (const Item& it : items)
    for (unsigned p = 0; p < kPasses; ++p)
      ++count[p * kBuckets + ((it.key >> (p * kDigit)) & (kBuckets - 1))];
  tmp.resize(n);
  for (unsigned p = 0; p < kPasses; ++p) {
    std::size_t* c = &count[p * kBuckets];
    if (c[(items[0].key >> (p * kDigit)) & (kBuckets - 1)] == n) continue;
    std::size_t sum = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) sum += std::exchange(c[b], sum);
    for (const Item& it : items) tmp[c[(it.key >> (p * kDigit)) & (kBuckets - 1)]++] = it;
    items.swap(tmp);
  }
}

/// Exact hypervolume of flat buffers whose points all lie strictly inside the reference.
class Engine {
 public:
  /// Dimensions above `base_dims` (clamped to 1..4) go through WFG.
  explicit Engine(std::size_t base_dims)
      : base_(std::min<std::size_t>(std::max<std::size_t>(base_dims, 1), 4)) {}

  /// Hypervolume of the n x d points at `pts` (dominated points and twins allowed).
  double volume(double* pts, std::size_t n, std::size_t d, const double* ref) {
    if (n == 0) return 0.0;
    if (n == 1) {
      double v = 1.0;
      for (std::size_t k = 0; k < d; ++k) v *= ref[k] - pts[k];
      return v;
    }
    if (d == 1) return ref[0] - *std::min_element(pts, pts + n);
    if (d > base_) {
      // Only the outermost call grows the per-level vectors; inner calls have smaller d.
      if (sorted_.size() <= d) sorted_.resize(d + 1), limit_.resize(d + 1), bound_.resize(d + 1);
      return wfg(pts, n, d, ref);
    }
    if (d == 2) return sweep2(pts, n, ref);
    return d == 3 ? sweep3(pts, n, ref) : sweep4(pts, n, ref);
  }

  /// Hypervolume of a small local set (a limit set or a contribution's neighbourhood).
  /// There WFG with bounding, down to the 3-D sweep, beats the 4-D sweep, whose O(n) set-up
  /// per point pays off only on large sets (5-D sphere, 10^3 points: 23 ms against 29 ms).
  double local_volume(double* pts, std::size_t n, std::size_t d, const double* ref) {
    if (n < 2 || d != 4 || base_ < 4) return volume(pts, n, d, ref);
    if (sorted_.size() <= d) sorted_.resize(d + 1), limit_.resize(d + 1), bound_.resize(d + 1);
    return wfg(pts, n, d, ref);
  }

  /// Drops the weakly dominated rows (and all but one of each twin) of the n x d buffer,
  /// compacting it in place; returns the number left. Sort-filter: by sum (ties
  /// lexicographic) a row can only be covered by rows before it, so it only meets the kept
  /// ones. O(n log n + n·m·d) for m kept.
  std::size_t filter_dominated(double* pts, std::size_t n, std::size_t d) {
    if (n < 2) return n;
    sum_.assign(n, 0.0);
    bool finite = true;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < d; ++k) sum_[i] += pts[i * d + k];
      finite = finite && std::isfinite(sum_[i]);
    }
    if (!finite) std::fill(sum_.begin(), sum_.end(), 0.0);
    nd_order_.resize(n);
    std::iota(nd_order_.begin(), nd_order_.end(), std::size_t{0});
    std::sort(nd_order_.begin(), nd_order_.end(), [&](std::size_t a, std::size_t b) {
      if (sum_[a] != sum_[b]) return sum_[a] < sum_[b];
      for (std::size_t k = 0; k < d; ++k)
        if (pts[a * d + k] != pts[b * d + k]) return pts[a * d + k] < pts[b * d + k];
      return a < b;
    });
    scratch_.resize(n * d);
    std::size_t m = 0;
    for (std::size_t i : nd_order_) {
      const double* p = pts + i * d;
      bool covered = false;
      for (std::size_t j = 0; j < m && !covered; ++j) {
        const double* q = &scratch_[j * d];
        std::size_t k = 0;
        while (k < d && q[k] <= p[k]) ++k;
        covered = k == d;
      }
      if (!covered) std::copy(p, p + d, &scratch_[m++ * d]);
    }
    std::copy(scratch_.begin(), scratch_.begin() + static_cast<std::ptrdiff_t>(m * d), pts);
    return m;
  }

 private:
  /// Fills `out` with 0..n-1 sorted by the values key(i), ties by index.
  template <typename KeyOf>
  void sorted_ids(std::size_t n, KeyOf key, std::vector<Item>& out) {
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = {sortable_bits(key(i)), i};
    sort_items(out, tmp_items_, radix_count_);
  }

  /// Ranks by x with ties by y (then index): the order the sweeps' staircase needs.
  void x_then_y_ranks(const double* pts, std::size_t n, std::size_t d) {
    sorted_ids(
        n, [&](std::size_t i) { return pts[i * d]; }, items_);
    for (std::size_t a = 0, b = 0; a < n; a = b) {
      for (b = a + 1; b < n && items_[b].key == items_[a].key;) ++b;
      if (b - a > 1)
        std::sort(items_.begin() + static_cast<std::ptrdiff_t>(a),
                  items_.begin() + static_cast<std::ptrdiff_t>(b),
                  [&](const Item& u, const Item& v) {
                    const double yu = pts[u.id * d + 1], yv = pts[v.id * d + 1];
                    return yu != yv ? yu < yv : u.id < v.id;
                  });
    }
  }

  double sweep2(const double* pts, std::size_t n, const double* ref) {
    x_then_y_ranks(pts, n, 2);
    // x ascending: each new front point adds the slab between its y and the previous one.
    double area = 0.0, prev_y = ref[1];
    for (const Item& it : items_) {
      const double x = pts[2 * it.id], y = pts[2 * it.id + 1];
      if (y < prev_y) {
        area += (ref[0] - x) * (prev_y - y);
        prev_y = y;
      }
    }
    return area;
  }

  // Beume et al. 2009: sweep up in z; `area` is the 2-D hypervolume of the (x, y)
  // staircase of the points seen so far, kept in a BitTree over the x ranks.
  double sweep3(const double* pts, std::size_t n, const double* ref) {
    x_then_y_ranks(pts, n, 3);
    rank_.resize(n);
    x_.resize(n);
    y_.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
      const std::size_t i = items_[r].id;
      rank_[i] = r;
      x_[r] = pts[3 * i];
      y_[r] = pts[3 * i + 1];
    }
    sorted_ids(
        n, [&](std::size_t i) { return pts[3 * i + 2]; }, items_);
    tree_.reset(n);
    double area = 0.0, volume = 0.0, z_prev = pts[3 * items_[0].id + 2];
    for (const Item& it : items_) {
      const double z = pts[3 * it.id + 2];
      volume += area * (z - z_prev);
      z_prev = z;
      const std::size_t r = rank_[it.id];
      const double x = x_[r], y = y_[r];
      // The staircase has x increasing and y decreasing, so the nearest point to the left
      // is the lowest one with x <= this x (rank ties are ordered by y).
      const std::size_t left = r == 0 ? BitTree::npos : tree_.prev(r - 1);
      if (left != BitTree::npos && y_[left] <= y) continue;
      double height = left == BitTree::npos ? ref[1] : y_[left];
      double from_x = x;
      std::size_t right = tree_.next(r);
      while (right != BitTree::npos && y_[right] >= y) {
        area += (height - y) * (x_[right] - from_x);
        from_x = x_[right];
        height = y_[right];
        tree_.erase(right);
        right = tree_.next(right);
      }
      area += (height - y) * ((right == BitTree::npos ? ref[0] : x_[right]) - from_x);
      tree_.insert(r);
    }
    return volume + area * (ref[2] - z_prev);
  }

  // 4-D dimension sweep in the spirit of HV4D (Guerreiro, Fonseca, Emmerich 2012, "A fast
  // dimension-sweep algorithm for the hypervolume indicator in four dimensions"), O(n²):
  // points in f4 order, each adds (ref4 - f4) times its exclusive 3-D volume against the
  // 3-D front F of the points before it. F is kept sorted by x and by z, so the limit set
  // {max(q, p) : q in F} arrives already in z order with known x ranks, and its 3-D sweep
  // runs in O(|F|) BitTree steps without sorting; it stops as soon as one limit point
  // covers p's whole (x, y) box.
  double sweep4(const double* pts, std::size_t n, const double* ref) {
    sorted_ids(
        n, [&](std::size_t i) { return pts[4 * i + 3]; }, order4_);
    buf4_.resize(4 * n);  // sorted copy: F's scans read it sequentially-ish
    for (std::size_t t = 0; t < n; ++t)
      std::copy(pts + 4 * order4_[t].id, pts + 4 * order4_[t].id + 4, &buf4_[4 * t]);
    fx_.clear();
    fz_.clear();
    pos_x_.resize(n);
    double total = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      const double* p = &buf4_[4 * t];
      bool dominated = false;
      const double excl = exclusive3(buf4_.data(), p, ref, dominated);
      if (dominated) continue;
      total += excl * (ref[3] - p[3]);
      // Update F in one pass per order: drop what p weakly dominates in 3-D, place p after
      // its equals.
      for (int axis : {2, 0}) {
        std::vector<std::size_t>& list = axis == 2 ? fz_ : fx_;
        tmp_ids_.clear();
        bool placed = false;
        for (std::size_t q : list) {
          const double* v = &buf4_[4 * q];
          if (p[0] <= v[0] && p[1] <= v[1] && p[2] <= v[2]) continue;
          if (!placed && p[axis] < v[axis]) tmp_ids_.push_back(t), placed = true;
          tmp_ids_.push_back(q);
        }
        if (!placed) tmp_ids_.push_back(t);
        list.swap(tmp_ids_);
      }
      for (std::size_t r = 0; r < fx_.size(); ++r) pos_x_[fx_[r]] = r;
    }
    return total;
  }

  // Exclusive 3-D volume of p (first three coordinates) against F, as ∫ (box area - area
  // of the limit staircase) dz from p's z to the reference. Ties in x keep F's order, so the
  // staircase insertion also handles an equal-x neighbour on either side.
  double exclusive3(const double* pts, const double* p, const double* ref, bool& dominated) {
    const std::size_t f = fx_.size();
    const double box = (ref[0] - p[0]) * (ref[1] - p[1]);
    tree_.reset(f);
    x_.resize(f);
    y_.resize(f);
    double area = 0.0, excl = 0.0, z_prev = p[2];
    for (std::size_t q : fz_) {
      const double* v = pts + 4 * q;
      const double lx = std::max(v[0], p[0]), ly = std::max(v[1], p[1]);
      const double lz = std::max(v[2], p[2]);
      excl += (box - area) * (lz - z_prev);
      z_prev = lz;
      if (lx == p[0] && ly == p[1]) {  // covers the whole box from here up
        dominated = lz == p[2];
        return excl;
      }
      const std::size_t r = pos_x_[q];
      const std::size_t left = r == 0 ? BitTree::npos : tree_.prev(r - 1);
      if (left != BitTree::npos && y_[left] <= ly) continue;
      std::size_t right = tree_.next(r + 1);
      if (right != BitTree::npos && x_[right] == lx && y_[right] <= ly) continue;
      double height = ref[1];
      if (left != BitTree::npos) {
        height = y_[left];
        if (x_[left] == lx) tree_.erase(left);  // same x, higher: covered by the new point
      }
      double from_x = lx;
      while (right != BitTree::npos && y_[right] >= ly) {
        area += (height - ly) * (x_[right] - from_x);
        from_x = x_[right];
        height = y_[right];
        tree_.erase(right);
        right = tree_.next(right);
      }
      area += (height - ly) * ((right == BitTree::npos ? ref[0] : x_[right]) - from_x);
      x_[r] = lx;
      y_[r] = ly;
      tree_.insert(r);
    }
    return excl + (box - area) * (ref[2] - z_prev);
  }

  // WFG with slicing in the last objective: sorted by it, point t adds its exclusive
  // (d-1)-volume against the points before it, times its depth ref - f_last.
  //
  // Bounding: the exclusive region of p lies in the box [p, u), where u_k is the best f_k
  // among the earlier points no worse than p in every other (sliced) objective — above u_k
  // such a point covers everything. Only points strictly below u can reach into the box,
  // so the limit set {max(q, p)} is built from those alone and its hypervolume is taken
  // against u: exclusive = vol([p, u)) - hv(limit set, u). On a front this keeps each
  // limit set to p's few neighbours instead of all t earlier points.
  double wfg(double* pts, std::size_t n, std::size_t d, const double* ref) {
    const std::size_t last = d - 1;
    sorted_ids(
        n, [&](std::size_t i) { return pts[i * d + last]; }, items_);
    // A sorted copy keeps the two scans per point sequential in memory.
    std::vector<double>& sorted = sorted_[d];
    sorted.resize(n * d);
    for (std::size_t t = 0; t < n; ++t)
      std::copy(pts + items_[t].id * d, pts + items_[t].id * d + d, &sorted[t * d]);
    std::vector<double>& limit = limit_[last];
    if (limit.size() < n * last) limit.resize(n * last);
    std::vector<double>& u = bound_[last];
    u.resize(last);
    double total = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      const double* p = &sorted[t * d];
      std::copy(ref, ref + last, u.begin());
      bool covered = false;
      for (std::size_t s = 0; s < t && !covered; ++s) {
        const double* q = &sorted[s * d];
        std::size_t worse_count = 0, worse_k = 0;
        if (last <= 64) {
          std::uint64_t worse = 0;  // bit k: q is worse than p in objective k (branch-free)
          for (std::size_t k = 0; k < last; ++k)
            worse |= static_cast<std::uint64_t>(q[k] > p[k]) << k;
          worse_count = worse == 0 ? 0 : ((worse & (worse - 1)) == 0 ? 1 : 2);
          if (worse_count == 1) worse_k = static_cast<std::size_t>(__builtin_ctzll(worse));
        } else {
          for (std::size_t k = 0; k < last; ++k)
            if (q[k] > p[k]) ++worse_count, worse_k = k;
        }
        if (worse_count == 0) covered = true;  // q weakly dominates p: nothing exclusive
        if (worse_count == 1 && q[worse_k] < u[worse_k]) u[worse_k] = q[worse_k];
      }
      if (covered) continue;
      double box = 1.0;
      for (std::size_t k = 0; k < last; ++k) box *= u[k] - p[k];
      std::size_t m = 0;
      for (std::size_t s = 0; s < t; ++s) {
        const double* q = &sorted[s * d];
        bool below = true;
        for (std::size_t k = 0; k < last; ++k) below &= q[k] < u[k];
        if (!below) continue;
        double* l = &limit[m++ * last];
        for (std::size_t k = 0; k < last; ++k) l[k] = q[k] > p[k] ? q[k] : p[k];
      }
      if (m > 1 && last > std::min<std::size_t>(base_, 3))
        m = filter_dominated(limit.data(), m, last);
      total += (box - local_volume(limit.data(), m, last, u.data())) * (ref[last] - p[last]);
    }
    return total;
  }

  std::size_t base_;
  std::vector<std::vector<double>> sorted_;  // sorted_[d]: the points at dimension d, sorted
  std::vector<std::vector<double>> limit_;   // limit_[d]: limit sets of dimension d
  std::vector<std::vector<double>> bound_;   // bound_[d]: the box corner u at dimension d
  std::vector<double> sum_, scratch_;
  std::vector<std::size_t> nd_order_;
  std::vector<Item> items_, order4_, tmp_items_;
  std::vector<std::size_t> radix_count_;
  std::vector<std::size_t> rank_, fx_, fz_, pos_x_, tmp_ids_;
  std::vector<double> buf4_;
  std::vector<double> x_, y_;
  BitTree tree_;
};

/// A kd-tree over n x d points for the two queries the local contribution needs.
class KdTree {
 public:
  KdTree(const double* pts, std::size_t n, std::size_t d) : d_(d), id_(n), pos_(n) {
    std::iota(id_.begin(), id_.end(), std::size_t{0});
    src_ = pts;
    if (n > 0) build(0, n);
    pts_.resize(n * d);
    for (std::size_t j = 0; j < n; ++j) {
      std::copy(pts + id_[j] * d, pts + id_[j] * d + d, &pts_[j * d]);
      pos_[id_[j]] = j;
    }
    src_ = nullptr;
  }

  /// min(cap, min q[k]) over the points q other than `skip` with q[j] <= p[j] for j != k.
  double min_in_orthant(const double* p, std::size_t k, std::size_t skip, double cap) const {
    double best = cap;
    if (!nodes_.empty()) min_in_orthant(0, p, k, pos_[skip], best);
    return best;
  }

  /// Appends the points other than `skip` strictly below `u` in every coordinate.
  void below(const double* u, std::size_t skip, std::vector<std::size_t>& out) const {
    if (!nodes_.empty()) below(0, u, pos_[skip], out);
  }

 private:
  static constexpr std::size_t kLeaf = 8;
  struct Node {
    std::size_t lo, hi, left, right;  // left == 0: a leaf (the root is never a child)
  };
  const double* lo(std::size_t node) const { return &box_lo_[node * d_]; }
  const double* hi(std::size_t node) const { return &box_hi_[node * d_]; }

  std::size_t build(std::size_t lo_pos, std::size_t hi_pos) {
    const std::size_t node = nodes_.size();
    nodes_.push_back({lo_pos, hi_pos, 0, 0});
    box_lo_.resize((node + 1) * d_, std::numeric_limits<double>::infinity());
    box_hi_.resize((node + 1) * d_, -std::numeric_limits<double>::infinity());
    for (std::size_t j = lo_pos; j < hi_pos; ++j)
      for (std::size_t k = 0; k < d_; ++k) {
        const double v = src_[id_[j] * d_ + k];
        box_lo_[node * d_ + k] = std::min(box_lo_[node * d_ + k], v);
        box_hi_[node * d_ + k] = std::max(box_hi_[node * d_ + k], v);
      }
    if (hi_pos - lo_pos <= kLeaf) return node;
    std::size_t axis = 0;
    for (std::size_t k = 1; k < d_; ++k)
      if (box_hi_[node * d_ + k] - box_lo_[node * d_ + k] >
          box_hi_[node * d_ + axis] - box_lo_[node * d_ + axis])
        axis = k;
    const std::size_t mid = lo_pos + (hi_pos - lo_pos) / 2;
    std::nth_element(id_.begin() + static_cast<std::ptrdiff_t>(lo_pos),
                     id_.begin() + static_cast<std::ptrdiff_t>(mid),
                     id_.begin() + static_cast<std::ptrdiff_t>(hi_pos),
                     [&](std::size_t a, std::size_t b) {
                       const double va = src_[a * d_ + axis], vb = src_[b * d_ + axis];
                       return va != vb ? va < vb : a < b;
                     });
    const std::size_t left = build(lo_pos, mid);
    const std::size_t right = build(mid, hi_pos);
    nodes_[node].left = left;
    nodes_[node].right = right;
    return node;
  }

  void min_in_orthant(std::size_t node, const double* p, std::size_t k, std::size_t skip_pos,
                      double& best) const {
    const Node& nd = nodes_[node];
    const double* l = lo(node);
    if (!(l[k] < best)) return;
    bool whole = skip_pos < nd.lo || skip_pos >= nd.hi;
    for (std::size_t j = 0; j < d_; ++j) {
      if (j == k) continue;
      if (l[j] > p[j]) return;
      whole = whole && hi(node)[j] <= p[j];
    }
    if (whole) {
      best = l[k];
      return;
    }
    if (nd.left == 0) {
      for (std::size_t s = nd.lo; s < nd.hi; ++s) {
        if (s == skip_pos) continue;
        const double* q = &pts_[s * d_];
        std::size_t j = 0;
        while (j < d_ && (j == k || q[j] <= p[j])) ++j;
        if (j == d_ && q[k] < best) best = q[k];
      }
      return;
    }
    // The child reaching lower in k first, so the other is more often pruned.
    std::size_t a = nd.left, b = nd.right;
    if (lo(b)[k] < lo(a)[k]) std::swap(a, b);
    min_in_orthant(a, p, k, skip_pos, best);
    min_in_orthant(b, p, k, skip_pos, best);
  }

  void below(std::size_t node, const double* u, std::size_t skip_pos,
             std::vector<std::size_t>& out) const {
    const Node& nd = nodes_[node];
    bool whole = true;
    for (std::size_t j = 0; j < d_; ++j) {
      if (!(lo(node)[j] < u[j])) return;
      whole = whole && hi(node)[j] < u[j];
    }
    if (whole || nd.left == 0) {
      for (std::size_t s = nd.lo; s < nd.hi; ++s) {
        if (s == skip_pos) continue;
        const double* q = &pts_[s * d_];
        std::size_t j = 0;
        while (j < d_ && (whole || q[j] < u[j])) ++j;
        if (j == d_) out.push_back(id_[s]);
      }
      return;
    }
    below(nd.left, u, skip_pos, out);
    below(nd.right, u, skip_pos, out);
  }

  std::size_t d_;
  const double* src_ = nullptr;   // the caller's points, during construction only
  std::vector<std::size_t> id_;   // point at each tree position
  std::vector<std::size_t> pos_;  // tree position of each point
  std::vector<double> pts_;       // points in tree order
  std::vector<Node> nodes_;
  std::vector<double> box_lo_, box_hi_;
};

// --- filtering ---------------------------------------------------------------------------

bool inside(const double* p, const std::vector<double>& ref) {
  for (std::size_t k = 0; k < ref.size(); ++k)
    if (!(p[k] < ref[k])) return false;  // also false for NaN
  return true;
}


std::vector<double> gather(const Points& points, const std::vector<std::size_t>& rows) {
  std::vector<double> flat;
  flat.reserve(rows.size() * points.dims);
  for (std::size_t i : rows) flat.insert(flat.end(), points.row(i), points.row(i) + points.dims);
  return flat;
}

double exact(const Points& points, const std::vector<double>& ref, std::size_t base_dims) {
  const std::vector<std::size_t> rows = counted_rows(points, ref);
  if (rows.empty()) return 0.0;
  std::vector<double> flat = gather(points, rows);
  // An unbounded box would turn into inf - inf = NaN inside the sweeps.
  const double inf = std::numeric_limits<double>::infinity();
  if (std::find(ref.begin(), ref.end(), inf) != ref.end() ||
      std::find(flat.begin(), flat.end(), -inf) != flat.end())
    return inf;
  Engine engine(base_dims);
  std::size_t n = rows.size();
  return engine.volume(flat.data(), n, points.dims, ref.data());
}

// --- contributions -----------------------------------------------------------------------

// 2-D. `u` holds the distinct counted points (x, y), sorted lexicographically. A front
// point's exclusive region is the box up to its neighbours' coordinates minus the quadrants
// of the points dominated by it alone; a point dominated by two front points lies inside
// both their shadows and cannot matter.
std::vector<double> contributions2(const std::vector<double>& u, const double* ref,
                                   Engine& engine) {
  const std::size_t n = u.size() / 2;
  std::vector<std::size_t> front;  // positions in u, x ascending and y descending
  std::vector<std::size_t> dominated;
  for (std::size_t j = 0; j < n; ++j) {
    if (front.empty() || u[2 * j + 1] < u[2 * front.back() + 1])
      front.push_back(j);
    else
      dominated.push_back(j);
  }
  const std::size_t f = front.size();
  // Front points dominating q: x <= q.x is a prefix, y <= q.y a suffix of `front`.
  std::vector<std::size_t> owner_count(f, 0);
  std::vector<std::pair<std::size_t, std::size_t>> owned;  // (front slot, position in u)
  for (std::size_t q : dominated) {
    const double qx = u[2 * q], qy = u[2 * q + 1];
    const std::size_t end = static_cast<std::size_t>(
        std::upper_bound(front.begin(), front.end(), qx,
                         [&](double x, std::size_t j) { return x < u[2 * j]; }) -
        front.begin());
    const std::size_t begin = static_cast<std::size_t>(
        std::partition_point(front.begin(), front.end(),
                             [&](std::size_t j) { return u[2 * j + 1] > qy; }) -
        front.begin());
    if (end == begin + 1) owned.emplace_back(begin, q);
  }
  std::sort(owned.begin(), owned.end());
  std::vector<double> out(n, 0.0);
  std::vector<double> local;
  std::size_t o = 0;
  for (std::size_t s = 0; s < f; ++s) {
    const std::size_t j = front[s];
    const double x = u[2 * j], y = u[2 * j + 1];
    const double ux = s + 1 < f ? u[2 * front[s + 1]] : ref[0];
    const double uy = s > 0 ? u[2 * front[s - 1] + 1] : ref[1];
    local.clear();
    for (; o < owned.size() && owned[o].first == s; ++o)
      local.insert(local.end(), &u[2 * owned[o].second], &u[2 * owned[o].second] + 2);
    const double corner[2] = {ux, uy};
    out[j] = (ux - x) * (uy - y) - engine.volume(local.data(), local.size() / 2, 2, corner);
  }
  return out;
}

// d >= 3, see hypervolume.h. `u` holds the distinct counted points, n x d.
// For d = 3 the bounds of all points at once: for axis k, a sweep along axis a with a
// Fenwick tree of prefix minima of f_k over the ranks of axis b answers "best f_k among the
// points no worse in a and b" in O(log n). Each node keeps its two smallest values, so a
// point can leave itself out. O(n log n) for all three axes.
std::vector<double> bounds3(const std::vector<double>& u, const std::vector<double>& ref) {
  const std::size_t n = u.size() / 3;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> bound(3 * n);
  std::vector<double> best(n + 1), second(n + 1);
  std::vector<std::size_t> best_id(n + 1), order(n), rank(n);
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t a = (k + 1) % 3, b = (k + 2) % 3;
    // 1-based Fenwick ranks of axis b, equal values sharing one.
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return u[3 * x + b] != u[3 * y + b] ? u[3 * x + b] < u[3 * y + b] : x < y;
    });
    std::size_t m = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == 0 || u[3 * order[j] + b] != u[3 * order[j - 1] + b]) ++m;
      rank[order[j]] = m;
    }
    std::fill(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(m + 1), kInf);
    std::fill(second.begin(), second.begin() + static_cast<std::ptrdiff_t>(m + 1), kInf);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return u[3 * x + a] != u[3 * y + a] ? u[3 * x + a] < u[3 * y + a] : x < y;
    });
    for (std::size_t g = 0, h = 0; g < n; g = h) {
      // All points with this value of axis a go in before any of them asks.
      for (h = g; h < n && u[3 * order[h] + a] == u[3 * order[g] + a]; ++h) {
        const std::size_t i = order[h];
        const double v = u[3 * i + k];
        for (std::size_t r = rank[i]; r <= m; r += r & (~r + 1)) {
          if (v < best[r]) {
            second[r] = best[r];
            best[r] = v;
            best_id[r] = i;
          } else if (v < second[r]) {
            second[r] = v;
          }
        }
      }
      for (std::size_t j = g; j < h; ++j) {
        const std::size_t i = order[j];
        double v = ref[k];
        for (std::size_t r = rank[i]; r > 0; r -= r & (~r + 1))
          v = std::min(v, best_id[r] != i ? best[r] : second[r]);
        bound[3 * i + k] = v;
      }
    }
  }
  return bound;
}

std::vector<double> contributions_local(const std::vector<double>& u, std::size_t d,
                                        const std::vector<double>& ref, Engine& engine) {
  const std::size_t n = u.size() / d;
  const KdTree tree(u.data(), n, d);
  const std::vector<double> bounds = d == 3 ? bounds3(u, ref) : std::vector<double>();
  std::vector<double> out(n, 0.0), bound(d), limit;
  std::vector<std::size_t> near;
  for (std::size_t i = 0; i < n; ++i) {
    const double* p = &u[i * d];
    bool empty = false;
    for (std::size_t k = 0; k < d && !empty; ++k) {
      bound[k] = d == 3 ? bounds[3 * i + k] : tree.min_in_orthant(p, k, i, ref[k]);
      empty = !(bound[k] > p[k]);  // some point dominates p
    }
    if (empty) continue;
    near.clear();
    tree.below(bound.data(), i, near);
    std::sort(near.begin(), near.end());  // the tree's leaf order is not portable
    limit.resize(near.size() * d);
    for (std::size_t t = 0; t < near.size(); ++t)
      for (std::size_t k = 0; k < d; ++k) limit[t * d + k] = std::max(u[near[t] * d + k], p[k]);
    double box = 1.0;
    for (std::size_t k = 0; k < d; ++k) box *= bound[k] - p[k];
    std::size_t m = near.size();
    if (d > 3) m = engine.filter_dominated(limit.data(), m, d);
    out[i] = box - engine.local_volume(limit.data(), m, d, bound.data());
  }
  return out;
}

}  // namespace

std::vector<std::size_t> counted_rows(const Points& points, const std::vector<double>& reference) {
  std::vector<std::size_t> rows;
  if (points.dims == 0 || reference.size() != points.dims) return rows;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (inside(points.row(i), reference)) rows.push_back(i);
  return rows;
}

double hypervolume(const Points& points, const std::vector<double>& reference) {
  return exact(points, reference, 4);
}

namespace detail {
double hypervolume_wfg(const Points& points, const std::vector<double>& reference,
                       std::size_t base_dims) {
  return exact(points, reference, std::min<std::size_t>(std::max<std::size_t>(base_dims, 1), 4));
}
}  // namespace detail

std::vector<double> hypervolume_contributions(const Points& points,
                                              const std::vector<double>& reference) {
  const std::size_t d = points.dims;
  std::vector<double> out(points.size(), 0.0);
  std::vector<std::size_t> rows = counted_rows(points, reference);
  if (rows.empty()) return out;
  // Distinct points; a point with a twin contributes nothing but still shadows others.
  sort_lexicographic(points, rows);
  std::vector<std::size_t> first, count;
  for (std::size_t j = 0; j < rows.size(); ++j) {
    if (j > 0 && std::equal(points.row(rows[j]), points.row(rows[j]) + d, points.row(rows[j - 1])))
      ++count.back();
    else
      first.push_back(rows[j]), count.push_back(1);
  }
  const std::vector<double> u = gather(points, first);
  std::vector<double> c;
  Engine engine(3);
  if (d == 1) {
    c.assign(first.size(), 0.0);
    c[0] = (first.size() > 1 ? u[1] : reference[0]) - u[0];
  } else if (d == 2) {
    c = contributions2(u, reference.data(), engine);
  } else {
    c = contributions_local(u, d, reference, engine);
  }
  for (std::size_t j = 0; j < first.size(); ++j)
    if (count[j] == 1) out[first[j]] = c[j];
  return out;
}

MonteCarloHypervolume hypervolume_monte_carlo(const Points& points,
                                              const std::vector<double>& reference,
                                              std::size_t samples, std::uint64_t seed,
                                              bool filter_dominated) {
  MonteCarloHypervolume result;
  const std::size_t d = points.dims;
  const std::vector<std::size_t> rows = counted_rows(points, reference);
  if (rows.empty() || samples == 0) return result;
  const Points inside_points = points.subset(rows);
  std::vector<std::size_t> front_rows(inside_points.size());
  if (filter_dominated) {
    front_rows = non_dominated(inside_points);
  } else {
    std::iota(front_rows.begin(), front_rows.end(), std::size_t{0});
  }
  // Strong points first: a sample is usually dominated by one of them.
  std::vector<std::size_t> order(front_rows);
  std::vector<double> sum(inside_points.size(), 0.0);
  for (std::size_t i : order)
    for (std::size_t k = 0; k < d; ++k) sum[i] += inside_points.at(i, k);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sum[a] < sum[b]; });
  const std::vector<double> front = gather(inside_points, order);
  const std::size_t f = order.size();

  std::vector<double> ideal(d, std::numeric_limits<double>::infinity());
  for (std::size_t j = 0; j < f; ++j)
    for (std::size_t k = 0; k < d; ++k) ideal[k] = std::min(ideal[k], front[j * d + k]);
  double box = 1.0;
  for (std::size_t k = 0; k < d; ++k) box *= reference[k] - ideal[k];
  if (!std::isfinite(box)) {
    result.estimate = box;
    return result;
  }
  Rng rng(seed);
  std::vector<double> z(d);
  std::size_t hits = 0;
  for (std::size_t s = 0; s < samples; ++s) {
    for (std::size_t k = 0; k < d; ++k)
      z[k] = ideal[k] + rng.uniform01() * (reference[k] - ideal[k]);
    for (std::size_t j = 0; j < f; ++j) {
      const double* q = &front[j * d];
      std::size_t k = 0;
      while (k < d && q[k] <= z[k]) ++k;
      if (k == d) {
        ++hits;
        break;
      }
    }
  }
  const double n = static_cast<double>(samples);
  const double frac = static_cast<double>(hits) / n;
  result.estimate = box * frac;
  result.standard_error = box * std::sqrt(frac * (1.0 - frac) / n);
  result.samples = samples;
  return result;
}

}  // namespace greenfront::pareto
