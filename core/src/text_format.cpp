#include "text_format.h"

#include <cmath>
#include <cstdio>

namespace greenfront::text {

std::string mass(double kg) {
  char buffer[48];
  if (std::fabs(kg) >= 1000.0) {
    std::snprintf(buffer, sizeof buffer, "%.3g t", kg / 1000.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g kg", kg);
  }
  return buffer;
}

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", share * 100.0);
  return buffer;
}

}  // namespace greenfront::text
