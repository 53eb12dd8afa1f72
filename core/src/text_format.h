// Numbers written into the sentences the core returns (a comparison's verdict, the
// experimentation report's reasoning). Internal to core/src.
#pragma once

#include <string>

namespace greenfront::text {

/// "456 kg" or "1.23 t" (from 1000 kg): three significant digits. snprintf, not
/// ostringstream: iostreams would add ~100 KB to the wasm module.
std::string mass(double kg);

/// "83.2 %" for 0.832: one decimal.
std::string percent(double share);

}  // namespace greenfront::text
