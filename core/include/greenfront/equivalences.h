// Plain-language equivalences of a mass of CO2e, each with its factor and source.
#pragma once

#include <nlohmann/json.hpp>

#include "greenfront/catalog.h"

namespace greenfront {

/// [{"id", "label", "unit", "value", "kg_per_unit", "source", "licence"}] for every
/// equivalence factor in the catalog: value = co2e_kg / kg_per_unit.
nlohmann::json equivalences(double co2e_kg, const Catalog& catalog);

}  // namespace greenfront
