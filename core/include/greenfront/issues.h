// Validation problems collected while reading a request.
//
// Every problem is reported, not only the first, as `[code] path: rule, got value`
// with stable ids (in the spirit of nlohmann/json's `[json.exception.parse_error.101]`),
// so the CLI, the wasm module and tests can match on `code` and `path`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace greenfront {

/// One problem with the input. `code` is a stable id such as "input.out_of_range";
/// `path` is a dotted field path such as "training.hardware.tdp_w" or "phases[2]".
struct Issue {
  std::string code;
  std::string path;
  std::string message;  ///< full text: "[code] path: rule, got value"
};

/// Collects issues; cheap to pass by reference through the parsers.
///
/// Only the first kMaxListedIssues are kept; the rest are counted. A document of 200,000
/// unknown keys otherwise answered with 22 MB of errors after 6 s (docs/schema.md, "Limits"),
/// and nobody reads past the first screen of them. The response says how many were left out
/// (api_common.cpp, error_response).
class Issues {
 public:
  static constexpr std::size_t kMaxListedIssues = 100;
  /// Longer paths and messages are cut and end in "…", so 100 issues stay under 300 KB.
  static constexpr std::size_t kMaxPathBytes = 512;
  static constexpr std::size_t kMaxMessageBytes = 2048;

  /// Adds an issue; `rule` is e.g. "must be >= 0" and `got` the offending value as text.
  void add(const std::string& code, const std::string& path, const std::string& rule,
           const std::string& got);
  /// Counts `n` issues found elsewhere and not listed (merging a capped collection).
  void add_unlisted(std::size_t n) { unlisted_ += n; }
  bool empty() const { return list_.empty(); }
  /// Whether further issues are only counted: callers may skip work spent on a message.
  bool full() const { return list_.size() >= kMaxListedIssues; }
  /// Every issue added, listed or not: compare counts, not list sizes, to see if a step failed.
  std::size_t count() const { return list_.size() + unlisted_; }
  std::size_t unlisted() const { return unlisted_; }
  const std::vector<Issue>& list() const { return list_; }

 private:
  std::vector<Issue> list_;
  std::size_t unlisted_ = 0;
};

/// Joins a parent path and a child key: ("training", "hours") -> "training.hours".
std::string join_path(const std::string& parent, const std::string& key);
/// ("grid_values", 2) -> "grid_values[2]".
std::string index_path(const std::string& parent, std::size_t index);

/// An issue's message without its "[code] path: " head: the rule and the value it got.
std::string message_rule(const Issue& issue);

/// Adds each issue of `found` to `into` with its path moved under `parent`, for requests
/// that embed a document (compare: "scenarios[1].scenario" + "training.hours").
void add_under(Issues& into, const std::string& parent, const Issues& found);

/// The offset of the first byte at or after `from` that breaks UTF-8 (RFC 3629: no
/// overlongs, no surrogates, nothing above U+10FFFF), or npos when there is none.
std::size_t first_invalid_utf8(const std::string& text, std::size_t from = 0);

/// `text` with every byte that breaks UTF-8 replaced by U+FFFD, so that any message can be
/// written into a JSON response (echoed input, a parser's excerpt of a bad token).
std::string to_valid_utf8(const std::string& text);

/// The longest name a request may give to a variable, a categorical choice, an objective or
/// a trials column. Names are echoed in every point of a response: a 1.9 MB variable name
/// made an optimize answer of 1.3 GB (4.5 GB peak, past the wasm module's 2 GB).
constexpr std::size_t kMaxNameBytes = 256;

/// Whether `name` is at most kMaxNameBytes long; if not, reports input.too_long at `path`,
/// with `where` (e.g. "column 3") in the rule when the path alone cannot point at the name.
bool check_name_length(const std::string& name, const std::string& path, Issues& issues,
                       const std::string& where = "");

/// The closest candidate by edit distance, or "" when none is close enough to suggest.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace greenfront
