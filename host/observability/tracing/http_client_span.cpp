#include "observability/tracing/http_client_span.hpp"

namespace catalog::host {

Span httpClientSpan(Poco::Net::HTTPRequest& request, const std::string& service) {
  Span span = Span::child(request.getMethod() + " " + service, SpanKind::Client);
  if (!span.active()) return span;
  injectTraceHeaders(span.context(), request);
  span.setRemoteService(service);
  span.tag("http.method", request.getMethod());
  span.tag("http.path", request.getURI().substr(0, request.getURI().find('?')));
  return span;
}

void answeredWith(Span& span, int status) {
  span.tag("http.status_code", std::to_string(status));
  if (status >= 500) span.fail("HTTP " + std::to_string(status));
}

}  // namespace catalog::host
