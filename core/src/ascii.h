// ASCII-only case folding for catalog ids, aliases and CodeCarbon's names. Deliberately not
// std::tolower: that depends on the C locale, and ids must match the same way natively and
// in wasm whatever locale the host sets.
#pragma once

#include <cstddef>
#include <string>

namespace greenfront::ascii {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// Equal up to ASCII case: "NVIDIA-A100" and "nvidia-a100".
inline bool equal_ci(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace greenfront::ascii
