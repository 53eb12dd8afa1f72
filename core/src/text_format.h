// Numbers written into the sentences and texts the core returns (a comparison's verdict,
// the experimentation report's reasoning, a carbon impact statement, model-card YAML).
// Internal to core/src.
//
// snprintf in the "C" locale (the core never sets one) with correctly rounded conversions in
// both glibc and musl (Emscripten), so native and wasm print the same bytes.
#pragma once

#include <string>

namespace greenfront::text {

/// "456 kg", "0.0000123 kg", "1.23 t" (from 999.5 kg), "1,234 t": three significant
/// digits, never exponent form. snprintf, not ostringstream: iostreams would add ~100 KB to
/// the wasm module.
std::string mass(double kg);

/// "83.2 %" for 0.832: one decimal.
std::string percent(double share);

/// Fixed-point, never exponent form: at least `significant` significant digits (1–17) and
/// every digit of the integer part, trailing zeros dropped: 0.0000123 for 1.23e-05 (3),
/// 123457 for 123456.7 (3), 1234.57 for 1234.5678 (6). For machine readers that do not
/// take "1e-05" (the Hugging Face Hub reads its digits as 1).
std::string fixed(double v, int significant);

/// For tables read by people: three significant digits in fixed-point below 1000
/// ("0.000123", "45.6"), whole numbers with thousands separators from there ("12,346").
std::string number(double v);

}  // namespace greenfront::text
