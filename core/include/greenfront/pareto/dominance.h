// Pareto dominance, non-dominated fronts and the selection helpers built on them.
//
// Every function takes all-minimized objectives (points.h). A row holding a NaN cannot be
// compared, so it never belongs to a front: it is left out of non_dominated, ranked after
// every comparable row, and skipped by the filters. Identical rows do not dominate each
// other, so duplicates share their front and rank.
//
// Algorithms (n points, d objectives, k fronts):
//   first front   d = 2: lexicographic sort + sweep of the best f2, O(n log n);
//                 d = 3: lexicographic sort + a (f2, f3) staircase in a balanced tree,
//                        O(n log n) (Kung, Luccio, Preparata 1975, "On finding the maxima
//                        of a set of vectors");
//                 d >= 4: sort-filter-skyline, presorted by the sum of objectives so that
//                        dominators come first (Chomicki, Godfrey, Gryz, Liang 2003,
//                        "Skyline with presorting"), O(n log n + n·|front|·d) worst case.
//   ranks         d = 2: sweep + binary search over the last point of each front,
//                        O(n log n);
//                 d = 3: sweep in f1, one (f2, f3) staircase per front, binary search over
//                        fronts, O(n log n log k);
//                 d >= 4: Efficient Non-dominated Sort with binary search (Zhang, Tian,
//                        Cheng, Jin 2015, "An efficient approach to nondominated sorting for
//                        evolutionary multiobjective optimization", ENS-BS), O(d·n²) worst.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "greenfront/pareto/points.h"

namespace greenfront::pareto {

/// Whether `a` dominates `b`: no worse in every objective and better in at least one.
/// A NaN in either makes the answer false.
bool dominates(const double* a, const double* b, std::size_t dims);

/// Sorts `rows` (indices into `points`) lexicographically by their values, ties by index:
/// a dominator always comes before the rows it dominates, and identical rows are adjacent.
void sort_lexicographic(const Points& points, std::vector<std::size_t>& rows);

/// Indices (ascending) of the rows no other row dominates — the first front. Rows with a
/// NaN are excluded; identical rows are all kept.
std::vector<std::size_t> non_dominated(const Points& points);

/// The first front of rows added one at a time: after each add(), rows() holds the same
/// rows as non_dominated() of everything added so far (in no particular order). O(|front|·d)
/// per row, so a caller can grow a front inside a time budget instead of computing it after.
/// Dominance is transitive: a row dominated by one that left the front is dominated by a
/// member. Rows with a NaN are never admitted; identical rows are all kept.
///
/// It also remembers when each member came and went, so the front of any prefix of the adds
/// is read back in O(members ever admitted) rather than grown again: an optimize run's
/// hypervolume trace asks for ten prefixes of up to 10⁶ rows.
class FrontArchive {
 public:
  void add(const Points& points, std::size_t row);
  const std::vector<std::size_t>& rows() const { return rows_; }
  /// Calls of add() so far.
  std::size_t adds() const { return adds_; }
  /// The rows that were members after the first `adds` calls of add(), ascending.
  std::vector<std::size_t> rows_after(std::size_t adds) const;

 private:
  struct Membership {
    std::size_t row, entered, left;  ///< add() calls: member for entered <= call < left
  };
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> membership_of_;  ///< per member of rows_: its entry in history_
  std::vector<Membership> history_;
  std::size_t adds_ = 0;
};

/// Front number of every row: 0 for the first front, 1 for the front left after removing
/// it, and so on (repeated peeling). Rows with a NaN get one rank past the last front of
/// the comparable rows.
std::vector<std::size_t> non_dominated_ranks(const Points& points);

/// NSGA-II crowding distance (Deb, Pratap, Agarwal, Meyarivan 2002, "A fast and elitist
/// multiobjective genetic algorithm: NSGA-II") of each member, in the order of `members`.
/// Per objective the members are sorted (ties by row index, then position), the two ends
/// get +infinity and every inner member adds (next - previous) / (max - min); an objective
/// whose range is zero adds nothing to inner members. Rows with a NaN and out-of-range
/// indices get 0 and take no part in the sorting.
std::vector<double> crowding_distance(const Points& points,
                                      const std::vector<std::size_t>& members);

/// The knee of a set of members (usually a front), as a row index.
///
/// Definition (Das 1999, "On characterizing the 'knee' of the Pareto curve based on
/// normal-boundary intersection"; Branke, Deb, Dierolf, Osswald 2004, "Finding knees in
/// multi-objective optimization"): each objective is normalized to [0, 1] over the members
/// (an objective with zero range maps to 0). The extreme member of axis k is the one
/// nearest that axis: the smallest largest-value over the other objectives (ties: smallest
/// in k, then row index), as NSGA-III's extreme points (Deb, Jain 2014); in 2-D these are
/// the two ends of the front. The d extremes span a hyperplane a·x = 1; the knee is the
/// member farthest from it on the side of the ideal point (the origin), i.e. maximizing
/// (1 - a·x) / |a|. In 2-D that is the largest perpendicular distance below the line
/// joining the two extremes.
/// When the hyperplane is degenerate (repeated extremes, singular system, fewer than two
/// comparable members) or no member lies strictly below it (a linear or concave front),
/// the knee is the member closest (Euclidean, normalized) to the ideal point. Ties go to
/// the smallest row index. Returns nullopt when no member is usable (empty, NaN rows only,
/// out-of-range indices).
std::optional<std::size_t> knee_point(const Points& points,
                                      const std::vector<std::size_t>& members);

/// Epsilon-dominance archive (Laumanns, Thiele, Deb, Zitzler 2002, "Combining convergence
/// and diversity in evolutionary multiobjective optimization"): every row falls into the
/// box floor(f / eps) per objective (additive) or floor(log f / log(1 + eps))
/// (multiplicative, which needs f > 0; rows with a non-positive value in an objective whose
/// eps > 0 are dropped). Only rows whose box no other box dominates are kept, one per box:
/// the one closest to the box's lower corner (distance measured in box widths; ties by
/// row index). An objective whose eps is missing, non-positive or not finite is not boxed
/// (plain dominance). Returns ascending row indices; NaN rows are dropped.
std::vector<std::size_t> epsilon_filter(const Points& points, const std::vector<double>& epsilon,
                                        bool multiplicative);

}  // namespace greenfront::pareto
