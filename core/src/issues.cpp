#include "greenfront/issues.h"

#include <algorithm>
#include <string>

namespace greenfront {

namespace {

/// `text` cut to at most `max_bytes` (at a UTF-8 character boundary) plus "…".
std::string shorten(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace

void Issues::add(const std::string& code, const std::string& path, const std::string& rule,
                 const std::string& got) {
  if (full()) {
    ++unlisted_;
    return;
  }
  // Paths and rules can echo names from the request (an unknown key, a CSV column): a 1.5 MB
  // column name in each of 100 row errors made a 150 MB answer and a 2 GB peak. No field
  // of the schema has a path near kMaxPathBytes, so a cut path still names its place.
  const std::string shown_path = shorten(path, kMaxPathBytes);
  std::string message = "[" + code + "] " +
                        (shown_path.empty() ? std::string("(document)") : shown_path) + ": " + rule;
  if (!got.empty()) message += ", got " + got;
  // Paths and values echo the request, and a parser's message may quote half a character:
  // keep every message valid UTF-8 so the response can always be written.
  list_.push_back(Issue{code, to_valid_utf8(shown_path),
                        to_valid_utf8(shorten(message, kMaxMessageBytes))});
}

bool check_name_length(const std::string& name, const std::string& path, Issues& issues,
                       const std::string& where) {
  if (name.size() <= kMaxNameBytes) return true;
  issues.add("input.too_long", path,
             "must be at most " + std::to_string(kMaxNameBytes) + " bytes" +
                 (where.empty() ? "" : " (" + where + ")"),
             std::to_string(name.size()) + " bytes");
  return false;
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string message_rule(const Issue& issue) {
  const std::string head = "[" + issue.code + "] " +
                           (issue.path.empty() ? std::string("(document)") : issue.path) + ": ";
  if (issue.message.compare(0, head.size(), head) == 0) return issue.message.substr(head.size());
  return issue.message;
}

void add_under(Issues& into, const std::string& parent, const Issues& found) {
  for (const Issue& issue : found.list()) {
    const std::string path = issue.path.empty() ? parent
                             : issue.path.front() == '[' ? parent + issue.path
                                                         : join_path(parent, issue.path);
    into.add(issue.code, path, message_rule(issue), "");
  }
  into.add_unlisted(found.unlisted());
}

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance, case-insensitive, in three rolling rows: O(n·m) time
// and O(m) memory (a full table for a 4 MB key took 670 MB).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> before_previous(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  if (needle.empty() || needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < needle.size() && match; ++k) {
      match = lower(haystack[i + k]) == lower(needle[k]);
    }
    if (match) return true;
  }
  return false;
}

}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  // Suggest only when the edit is small relative to the word: a third of its length.
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (const auto& candidate : candidates) {
    // The distance is at least the difference in length: a candidate that far away can
    // neither be suggested nor beat one that can, so its O(n·m) table is never filled
    // (a 200 KB catalog id against every hardware id took 10 s).
    const std::size_t length_gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                                   : candidate.size() - word.size();
    std::size_t distance = length_gap > limit ? length_gap : edit_distance(word, candidate);
    // Catalog ids grow suffixes ("nvidia-v100-sxm2"): a near-match of the candidate's prefix
    // of the same length counts, one edit dearer than a full match.
    if (candidate.size() > word.size()) {
      distance = std::min(distance, edit_distance(word, candidate.substr(0, word.size())) + 1);
    }
    // A typed prefix or fragment ("a100" for "nvidia-a100-sxm4-40gb") is a strong hint.
    if (word.size() >= 3 && contains_ci(candidate, word)) distance = std::min<std::size_t>(distance, 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best_distance <= limit ? best : std::string();
}

std::size_t first_invalid_utf8(const std::string& text, std::size_t from) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = from;
  while (i < n) {
    const unsigned char c = s[i];
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string::npos;
}


std::string to_valid_utf8(const std::string& text) {
  std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string::npos) return text;
  std::string out;
  std::size_t from = 0;
  while (bad != std::string::npos) {
    out.append(text, from, bad - from);
    out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    from = bad + 1;
    bad = first_invalid_utf8(text, from);
  }
  out.append(text, from, std::string::npos);
  return out;
}

}  // namespace greenfront
