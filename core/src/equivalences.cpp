#include "greenfront/equivalences.h"

namespace greenfront {

nlohmann::json equivalences(double co2e_kg, const Catalog& catalog) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : catalog.equivalences()) {
    if (e.kg_per_unit <= 0) continue;
    out.push_back({{"id", e.id},
                   {"label", e.label},
                   {"unit", e.unit},
                   {"value", co2e_kg / e.kg_per_unit},
                   {"kg_per_unit", e.kg_per_unit},
                   {"source", e.source},
                   {"licence", e.licence}});
  }
  return out;
}

}  // namespace greenfront
