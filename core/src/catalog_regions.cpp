#include "catalog_regions.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

namespace greenfront::detail {

void catalog_error(const std::string& file, const std::string& id, const std::string& what) {
  throw std::runtime_error("catalog " + file + (id.empty() ? "" : " entry " + id) + ": " + what);
}

namespace {

using nlohmann::json;

// What each open object or array of the document is; the innermost is the back of the stack.
enum class Level {
  kDocument,  // {"catalog", ..., "sources": {...}, "entries": [...]}
  kSources,   // "sources": {"<key>": citation, ...}
  kCitation,  // {"source": "...", "licence": "..."}
  kEntries,   // "entries": [entry, ...]
  kEntry,     // {"id", "name", "kind", "aliases", "hourly_profile", "values", ...}
  kAliases,   // "aliases": ["...", ...]
  kValues,    // "values": [value, ...]
  kValue,     // {"year", "intensity_g_per_kwh", "basis", shares, "source_ref" or source + licence}
  kSkipped,   // anything else (documentation fields): ignored
};

struct Citation {
  std::optional<std::string> source;
  std::optional<std::string> licence;
};

// The fields of one value as read; checked when its object closes.
struct ValueFields {
  std::optional<double> year;
  std::optional<double> intensity;
  std::optional<double> renewable_share;
  std::optional<double> low_carbon_share;
  std::string basis;
  std::optional<std::string> source;
  std::optional<std::string> licence;
  bool has_source_ref = false;  // the key is present (its value may not be a string)
  std::optional<std::string> source_ref;
};

struct EntryFields {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::string hourly_profile;
  std::vector<std::string> aliases;
  bool values_is_array = false;
  std::vector<IntensityValue> values;
  std::vector<std::size_t> referring;  // indexes into values whose source is a source_ref key
};

// A value whose citation is a key of the "sources" table, resolved once the whole file (and
// so the table, wherever it is) has been read.
struct Reference {
  std::size_t entry;
  std::size_t value;
};

class RegionsReader : public json::json_sax_t {
 public:
  RegionsReader(const std::string& file, RegionsFormat format) : file_(file), format_(format) {}

  bool null() override { return other_scalar(); }
  bool boolean(bool /*value*/) override { return other_scalar(); }
  bool number_integer(number_integer_t value) override {
    return number(static_cast<double>(value));
  }
  bool number_unsigned(number_unsigned_t value) override {
    return number(static_cast<double>(value));
  }
  bool number_float(number_float_t value, const string_t& /*text*/) override {
    return number(value);
  }
  bool binary(binary_t& /*value*/) override { return other_scalar(); }

  bool string(string_t& value) override {
    if (stack_.empty()) return other_scalar();
    switch (stack_.back()) {
      case Level::kCitation:
        if (key_ == "source") citations_[citation_key_].source = std::move(value);
        else if (key_ == "licence") citations_[citation_key_].licence = std::move(value);
        return true;
      case Level::kEntry:
        if (key_ == "id") entry_.id = std::move(value);
        else if (key_ == "name") entry_.name = std::move(value);
        else if (key_ == "kind") entry_.kind = std::move(value);
        else if (key_ == "hourly_profile") entry_.hourly_profile = std::move(value);
        return true;
      case Level::kAliases:
        entry_.aliases.push_back(std::move(value));
        return true;
      case Level::kValue:
        if (key_ == "basis") value_.basis = std::move(value);
        else if (key_ == "source_ref") value_.source_ref = std::move(value);
        else if (key_ == "source") value_.source = std::move(value);
        else if (key_ == "licence") value_.licence = std::move(value);
        return true;
      default:
        return other_scalar();
    }
  }

  bool key(string_t& key) override {
    key_ = std::move(key);
    forget_field();  // a repeated key replaces the earlier value, as in a JSON document
    return true;
  }

  bool start_object(std::size_t /*size*/) override {
    if (stack_.empty()) {
      stack_.push_back(Level::kDocument);
      return true;
    }
    switch (stack_.back()) {
      case Level::kDocument:
        stack_.push_back(key_ == "sources" ? Level::kSources : Level::kSkipped);
        return true;
      case Level::kSources:
        citation_key_ = key_;
        citations_[citation_key_] = Citation{};
        stack_.push_back(Level::kCitation);
        return true;
      case Level::kEntries:
        entry_ = EntryFields{};
        stack_.push_back(Level::kEntry);
        return true;
      case Level::kValues:
        value_ = ValueFields{};
        stack_.push_back(Level::kValue);
        return true;
      default:
        stack_.push_back(Level::kSkipped);
        return true;
    }
  }

  bool end_object() override {
    const Level closed = stack_.back();
    stack_.pop_back();
    if (closed == Level::kValue) end_value();
    if (closed == Level::kEntry) end_entry();
    return true;
  }

  bool start_array(std::size_t /*size*/) override {
    Level level = Level::kSkipped;
    if (stack_.empty()) return wrong("expected an object with an \"entries\" array");
    if (stack_.back() == Level::kDocument && key_ == "entries") {
      level = Level::kEntries;
      has_entries_ = true;
    } else if (stack_.back() == Level::kEntry && key_ == "aliases") {
      level = Level::kAliases;
    } else if (stack_.back() == Level::kEntry && key_ == "values") {
      level = Level::kValues;
      entry_.values_is_array = true;
    } else if (stack_.back() == Level::kSources || stack_.back() == Level::kEntries ||
               stack_.back() == Level::kValues) {
      return other_scalar();
    }
    stack_.push_back(level);
    return true;
  }

  bool end_array() override {
    stack_.pop_back();
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const json::exception& e) override {
    error_ = e.what();
    return false;
  }

  // After a successful parse: the entries with every source_ref resolved.
  std::vector<RegionEntry> finish() {
    if (!has_entries_) catalog_error(file_, "", "expected an object with an \"entries\" array");
    for (const auto& [key, citation] : citations_) {
      if (!citation.source) catalog_error(file_, "", "sources." + key + ": missing string source");
      if (!citation.licence) {
        catalog_error(file_, "", "sources." + key + ": missing string licence");
      }
    }
    for (const Reference& r : references_) {
      IntensityValue& v = entries_[r.entry].values[r.value];
      auto it = citations_.find(v.source);  // v.source holds the key until here
      if (it == citations_.end()) {
        catalog_error(file_, entries_[r.entry].id, "unknown source_ref \"" + v.source + "\"");
      }
      v.source = *it->second.source;
      v.licence = *it->second.licence;
    }
    return std::move(entries_);
  }

  const std::string& error() const { return error_; }

 private:
  bool number(double value) {
    if (stack_.empty()) return other_scalar();
    if (stack_.back() == Level::kValue) {
      if (key_ == "year") value_.year = value;
      else if (key_ == "intensity_g_per_kwh") value_.intensity = value;
      else if (key_ == "renewable_share") value_.renewable_share = value;
      else if (key_ == "low_carbon_share") value_.low_carbon_share = value;
      return true;
    }
    return other_scalar();
  }

  // A scalar that no field takes: fine in documentation fields, wrong where an object is due.
  bool other_scalar() {
    if (stack_.empty()) return wrong("expected an object with an \"entries\" array");
    switch (stack_.back()) {
      case Level::kSources: return wrong("sources." + key_ + " must be an object");
      case Level::kEntries: return wrong("every entry must be an object");
      case Level::kValues: return wrong("every value must be an object");
      default: return true;
    }
  }

  bool wrong(const std::string& what) {
    error_ = what;
    return false;
  }

  void forget_field() {
    switch (stack_.back()) {
      case Level::kCitation:
        if (key_ == "source") citations_[citation_key_].source.reset();
        if (key_ == "licence") citations_[citation_key_].licence.reset();
        break;
      case Level::kEntry:
        if (key_ == "id") entry_.id.reset();
        else if (key_ == "name") entry_.name.reset();
        else if (key_ == "kind") entry_.kind.reset();
        else if (key_ == "hourly_profile") entry_.hourly_profile.clear();
        else if (key_ == "aliases") entry_.aliases.clear();
        else if (key_ == "values") {
          entry_.values_is_array = false;
          entry_.values.clear();
          entry_.referring.clear();
        }
        break;
      case Level::kValue:
        if (key_ == "year") value_.year.reset();
        else if (key_ == "intensity_g_per_kwh") value_.intensity.reset();
        else if (key_ == "renewable_share") value_.renewable_share.reset();
        else if (key_ == "low_carbon_share") value_.low_carbon_share.reset();
        else if (key_ == "basis") value_.basis.clear();
        else if (key_ == "source") value_.source.reset();
        else if (key_ == "licence") value_.licence.reset();
        else if (key_ == "source_ref") {
          value_.has_source_ref = true;
          value_.source_ref.reset();
        }
        break;
      default:
        break;
    }
  }

  // Errors name the entry by its id, which the files give before the values.
  void end_value() {
    const std::string id = entry_.id.value_or("");
    if (!value_.year) catalog_error(file_, id, "missing number year");
    if (!value_.intensity) catalog_error(file_, id, "missing number intensity_g_per_kwh");
    IntensityValue v;
    v.year = static_cast<int>(*value_.year);
    v.intensity_g_per_kwh = *value_.intensity;
    v.basis = std::move(value_.basis);
    v.renewable_share = value_.renewable_share;
    v.low_carbon_share = value_.low_carbon_share;
    if (value_.has_source_ref) {
      if (!value_.source_ref) catalog_error(file_, id, "source_ref must be a string");
      v.source = std::move(*value_.source_ref);
      entry_.referring.push_back(entry_.values.size());
    } else {
      if (!value_.source) catalog_error(file_, id, "missing string source");
      if (!value_.licence) catalog_error(file_, id, "missing string licence");
      v.source = std::move(*value_.source);
      v.licence = std::move(*value_.licence);
    }
    entry_.values.push_back(std::move(v));
  }

  void end_entry() {
    if (!entry_.id) catalog_error(file_, "", "missing string id");
    RegionEntry r;
    r.id = std::move(*entry_.id);
    if (format_ == RegionsFormat::kRegions) {
      if (!entry_.name) catalog_error(file_, r.id, "missing string name");
      if (!entry_.kind) catalog_error(file_, r.id, "missing string kind");
      if (!entry_.values_is_array || entry_.values.empty()) {
        catalog_error(file_, r.id, "needs a non-empty \"values\" array");
      }
      r.name = std::move(*entry_.name);
      r.kind = std::move(*entry_.kind);
      r.hourly_profile = std::move(entry_.hourly_profile);
      r.aliases = std::move(entry_.aliases);
    } else if (!entry_.values_is_array) {
      catalog_error(file_, r.id, "needs \"values\"");
    }
    r.values = std::move(entry_.values);
    for (std::size_t i : entry_.referring) references_.push_back(Reference{entries_.size(), i});
    entries_.push_back(std::move(r));
  }

  const std::string& file_;
  RegionsFormat format_;
  std::vector<Level> stack_;
  std::string key_;
  std::string citation_key_;
  std::map<std::string, Citation, std::less<>> citations_;
  EntryFields entry_;
  ValueFields value_;
  bool has_entries_ = false;
  std::vector<RegionEntry> entries_;
  std::vector<Reference> references_;
  std::string error_;
};

}  // namespace

std::vector<RegionEntry> read_regions_file(const std::string& file, const std::string& text,
                                           RegionsFormat format) {
  RegionsReader reader(file, format);
  if (!json::sax_parse(text, &reader)) catalog_error(file, "", reader.error());
  return reader.finish();
}

}  // namespace greenfront::detail
