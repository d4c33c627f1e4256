#pragma once

#include <optional>
#include <string>

namespace catalog::test {

/// The value of one series — its name and labels exactly as exposed, e.g.
/// `catalog_http_requests_in_flight` or `x_total{reason="a"}` — in a Prometheus text
/// exposition; nullopt when it is not there.
std::optional<double> seriesValue(const std::string& exposition, const std::string& series);

/// The same, in GET /metrics of 127.0.0.1:`port`.
std::optional<double> scrapedValue(int port, const std::string& series);

}  // namespace catalog::test
