#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <string>

#include "observability/tracing/span.hpp"

namespace catalog::host {

/// The CLIENT span of an HTTP request to `service` made under the current span; the request
/// then carries its ids (traceparent and B3 headers). Inert, and the request unmarked, outside
/// any trace.
Span httpClientSpan(Poco::Net::HTTPRequest& request, const std::string& service);

/// Records the status of the answer on a client span.
void answeredWith(Span& span, int status);

}  // namespace catalog::host
