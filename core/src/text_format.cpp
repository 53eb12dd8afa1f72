#include "text_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace greenfront::text {

std::string mass(double kg) {
  // Three significant digits as "%.3g" gives them, but never its exponent form ("1e+03 kg"
  // for 999.7 kg, "1.23e+03 t" for 1.23 kt): the same text for every magnitude in between.
  if (std::fabs(kg) < 999.5) return fixed(kg, 3) + " kg";
  const double t = kg / 1000.0;
  return (std::fabs(t) < 999.5 ? fixed(t, 3) : number(t)) + " t";
}

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", share * 100.0);
  return buffer;
}

std::string fixed(double v, int significant) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  if (v == 0) return "0";
  if (significant < 1) significant = 1;
  if (significant > 17) significant = 17;
  const bool negative = v < 0;
  const double a = std::fabs(v);
  char buffer[400];
  std::string out;
  double integer_digits_bound = 1.0;  // 10^(significant − 1), exact by multiplication
  for (int k = 1; k < significant; ++k) integer_digits_bound *= 10.0;
  if (a >= integer_digits_bound) {
    // Enough integer digits: print them all (exact in glibc and musl alike).
    std::snprintf(buffer, sizeof buffer, "%.0f", a);
    out = buffer;
  } else {
    // d.ddde±x, correctly rounded to `significant` digits, then the point moved by hand.
    std::snprintf(buffer, sizeof buffer, "%.*e", significant - 1, a);
    std::string digits;
    const char* p = buffer;
    for (; *p != 'e'; ++p) {
      if (*p != '.') digits += *p;
    }
    const int exponent = std::atoi(p + 1);
    if (exponent >= 0) {
      const auto point = static_cast<std::size_t>(exponent) + 1;
      while (digits.size() < point) digits += '0';
      out = digits.substr(0, point);
      if (digits.size() > point) out += "." + digits.substr(point);
    } else {
      out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    if (out.find('.') != std::string::npos) {
      while (out.back() == '0') out.pop_back();
      if (out.back() == '.') out.pop_back();
    }
  }
  return negative ? "-" + out : out;
}

std::string number(double v) {
  if (!std::isfinite(v) || std::fabs(v) < 999.5) return fixed(v, 3);
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(v));
  const std::string digits = buffer;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

}  // namespace greenfront::text
