// CodeCarbon names -> catalog entries (codecarbon_match.h).
#include "codecarbon_match.h"

#include <vector>

#include "ascii.h"

namespace greenfront::codecarbon {

namespace {

using ascii::equal_ci;
using ascii::lower;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// A device name reduced to what identifies the model: lower case, letters and digits only,
/// without vendor and marketing words ("NVIDIA", "Tesla", "GeForce", "Intel", "(R)", "CPU",
/// "Processor", "64-Core") and without a CPU's clock ("@ 2.50GHz"). Both sides of a
/// comparison go through it, so "NVIDIA A100-SXM4-40GB" equals "A100 SXM4 40GB".
std::string normalized(const std::string& name) {
  std::string s;
  for (const char c : name) {
    if (c == '@') break;  // "CPU @ 2.50GHz": the clock is not part of the model
    s += lower(c);
  }
  // "64-core": a core count in the name, not the model.
  for (std::size_t at = s.find("-core"); at != std::string::npos; at = s.find("-core", at)) {
    std::size_t from = at;
    while (from > 0 && s[from - 1] >= '0' && s[from - 1] <= '9') --from;
    if (from == at) {
      at += 5;
      continue;
    }
    s.erase(from, at + 5 - from);
    at = from;
  }
  static const std::vector<std::string> kNoise = {"nvidia", "tesla", "geforce", "intel",    "amd",
                                                  "r",      "tm",    "cpu",     "processor"};
  std::string out, token;
  auto flush = [&] {
    bool noise = false;
    for (const auto& w : kNoise) noise = noise || token == w;
    if (!noise) out += token;
    token.clear();
  };
  for (const char c : s) {
    if (is_alnum(c)) {
      token += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool is_accelerator(const HardwareEntry& h) {
  return h.kind == "gpu" || h.kind == "tpu" || h.kind == "accelerator";
}

/// The one entry accepted by `kind_ok` whose id, name or alias equals `name` (case-blind),
/// else whose normalized id, name or alias equals its normalized form; nullptr when none,
/// or when two entries tie (an ambiguous name maps to nothing).
template <typename KindOk>
const HardwareEntry* match(const std::string& name, const Catalog& catalog, KindOk kind_ok) {
  if (name.empty()) return nullptr;
  if (const HardwareEntry* exact = catalog.hardware(name); exact && kind_ok(*exact)) return exact;
  const std::string key = normalized(name);
  if (key.empty()) return nullptr;
  const HardwareEntry* found = nullptr;
  for (const auto& h : catalog.hardware_entries()) {
    if (!kind_ok(h)) continue;
    bool same = normalized(h.id) == key || normalized(h.name) == key;
    for (const auto& a : h.aliases) same = same || normalized(a) == key;
    if (!same) continue;
    if (found && found != &h) return nullptr;
    found = &h;
  }
  return found;
}

std::string trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  return s.substr(b, e - b);
}

}  // namespace

GpuModel parse_gpu_model(const std::string& text) {
  GpuModel out;
  std::vector<std::string> parts;
  std::string part;
  for (const char c : text) {
    if (c == ',') {
      parts.push_back(trimmed(part));
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(trimmed(part));
  double machine = 0;
  bool counted = true;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    // "8 x NVIDIA H800": a count, " x ", a name.
    std::string name = p;
    std::size_t digits = 0;
    double count = 0;
    while (digits < p.size() && digits < 7 && p[digits] >= '0' && p[digits] <= '9') {
      count = count * 10 + (p[digits++] - '0');
    }
    if (digits > 0 && p.compare(digits, 3, " x ") == 0) {
      machine += count;
      name = trimmed(p.substr(digits + 3));
    } else {
      counted = false;
    }
    if (out.name.empty()) {
      out.name = name;
    } else if (!equal_ci(out.name, name)) {
      out.mixed = true;
    }
  }
  if (out.mixed) out.name.clear();
  if (counted && machine > 0) out.machine_count = machine;
  return out;
}

const HardwareEntry* match_gpu(const std::string& name, const Catalog& catalog) {
  return match(name, catalog, is_accelerator);
}

const HardwareEntry* match_cpu(const std::string& cpu_model, const Catalog& catalog) {
  return match(cpu_model, catalog, [](const HardwareEntry& h) { return h.kind == "cpu"; });
}

const RegionEntry* match_region(const Row& row, const Catalog& catalog) {
  const RegionEntry* country = nullptr;
  for (const std::string* key : {&row.country_iso_code, &row.country_name}) {
    if (country || key->empty()) continue;
    const RegionEntry* r = catalog.region(*key);
    if (r && r->kind == "country") country = r;
  }
  if (!country) return nullptr;
  if (!row.region.empty()) {
    const std::string prefix = country->id + "-";
    for (const auto& r : catalog.region_entries()) {
      if (r.kind != "subnational" || r.id.compare(0, prefix.size(), prefix) != 0) continue;
      bool same = equal_ci(r.name, row.region);
      for (const auto& a : r.aliases) same = same || equal_ci(a, row.region);
      if (same) return &r;
    }
  }
  return country;
}

std::string cloud_region_id(const Row& row) {
  const std::string on = [&] {
    std::string s;
    for (const char c : row.on_cloud) s += lower(c);
    return s;
  }();
  const bool off = on == "n" || on == "no" || on == "false" || on == "0";
  if (off || row.cloud_provider.empty() || row.cloud_region.empty()) return "";
  std::string provider;
  for (const char c : row.cloud_provider) provider += lower(c);
  return provider + ":" + row.cloud_region;
}

const CloudRegionEntry* match_cloud_region(const Row& row, const Catalog& catalog) {
  const std::string id = cloud_region_id(row);
  return id.empty() ? nullptr : catalog.cloud_region(id);
}

}  // namespace greenfront::codecarbon
