// Catalog::builtin(): the compiled-in rows (generated/builtin_catalog.cpp) and the embedded
// hourly-profile JSON. Kept out of catalog.cpp so that tools/catalog_codegen.cpp, which
// writes those rows, links the JSON loader without them.
#include "catalog_rows.h"
#include "greenfront/catalog.h"
#include "greenfront/embedded_data.h"

namespace greenfront {

const Catalog& Catalog::builtin() {
  static const Catalog catalog = from_rows(detail::builtin_catalog_rows(), embedded_data_files());
  return catalog;
}

}  // namespace greenfront
