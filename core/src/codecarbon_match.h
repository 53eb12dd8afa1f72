// Mapping what CodeCarbon names (gpu_model, cpu_model, country, region, cloud region) to
// greenfront's catalog entries. A wrong mapping is worse than none, so these match only
// names that are the same once spelling is normalized, never a "closest" entry: the import
// leaves an unmatched field out of the scenario and says so. Internal to core/src.
#pragma once

#include <optional>
#include <string>

#include "codecarbon_import.h"
#include "greenfront/catalog.h"

namespace greenfront::codecarbon {

/// CodeCarbon's gpu_model: "8 x NVIDIA H800" names the GPUs *in the machine* (the tracked
/// ones are gpu_count); several kinds are listed with ", ".
struct GpuModel {
  std::string name;                     ///< "NVIDIA H800"; "" when mixed or empty
  std::optional<double> machine_count;  ///< 8 from "8 x …"
  bool mixed = false;                   ///< more than one kind of GPU
};
GpuModel parse_gpu_model(const std::string& text);

/// The catalog accelerator (kind gpu, tpu or accelerator) named `name`, or nullptr.
const HardwareEntry* match_gpu(const std::string& name, const Catalog& catalog);

/// The catalog CPU named by a cpu_model such as "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz"
/// or "AMD EPYC 7742 64-Core Processor", or nullptr.
const HardwareEntry* match_cpu(const std::string& cpu_model, const Catalog& catalog);

/// The grid region of a row: a sub-national entry when the row's region names one of the
/// country's ("quebec" in CAN → CA-QC, "iowa" in USA → US-IA), else the country from
/// country_iso_code (ISO 3166 alpha-3, as CodeCarbon writes it) or country_name ("USA").
const RegionEntry* match_region(const Row& row, const Catalog& catalog);

/// The cloud region of a row on a cloud (on_cloud "Y", or provider and region given):
/// cloud_provider "gcp" + cloud_region "us-central1" → "gcp:us-central1", or nullptr.
const CloudRegionEntry* match_cloud_region(const Row& row, const Catalog& catalog);

/// The id a row's cloud region would have in the catalog ("gcp:us-central1"), or "" when
/// the row is not on a cloud.
std::string cloud_region_id(const Row& row);

}  // namespace greenfront::codecarbon
