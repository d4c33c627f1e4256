#include "support/metrics.hpp"

#include <sstream>

#include "support/http_client.hpp"

namespace catalog::test {

std::optional<double> seriesValue(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ')
      return std::stod(line.substr(series.size() + 1));
  }
  return std::nullopt;
}

std::optional<double> scrapedValue(int port, const std::string& series) {
  return seriesValue(httpRequest(port, "GET", "/metrics").text, series);
}

}  // namespace catalog::test
