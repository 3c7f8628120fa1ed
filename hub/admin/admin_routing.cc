#include "hub/admin/admin_routing.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <exception>
#include <string_view>

namespace omnihub::hub {
namespace http = boost::beast::http;
namespace {

constexpr char kServerName[] = "omnihub-hubd";

AdminResponse MakeResponse(unsigned status, unsigned version, std::string content_type,
                           std::string body) {
  AdminResponse response;
  response.version(version);
  response.result(status);
  response.set(http::field::server, kServerName);
  response.set(http::field::content_type, std::move(content_type));
  response.set(http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace

AdminResponse AdminErrorResponse(unsigned status, const std::string& text) {
  AdminResponse response = MakeResponse(status, 11, "text/plain; charset=utf-8", text + "\n");
  response.keep_alive(false);
  return response;
}

AdminResponse RouteAdminRequest(const AdminRoutes& routes, const AdminRequest& request) {
  const unsigned version = request.version();
  const bool head = request.method() == http::verb::head;
  AdminResponse response;
  if (!head && request.method() != http::verb::get) {
    response = MakeResponse(405, version, "text/plain; charset=utf-8",
                            "method not allowed: use GET or HEAD\n");
    response.set(http::field::allow, "GET, HEAD");
  } else {
    std::string_view target(request.target().data(), request.target().size());
    const std::string path(target.substr(0, target.find('?')));
    const auto route = routes.find(path);
    if (route == routes.end()) {
      response = MakeResponse(404, version, "text/plain; charset=utf-8", "not found\n");
    } else {
      try {
        AdminServer::Response answer = route->second();
        const unsigned status = answer.status >= 100 && answer.status <= 599
                                    ? static_cast<unsigned>(answer.status)
                                    : 500;
        response = MakeResponse(status, version,
                                answer.content_type.empty() ? "text/plain; charset=utf-8"
                                                            : std::move(answer.content_type),
                                std::move(answer.body));
      } catch (const std::exception&) {
        response = MakeResponse(500, version, "text/plain; charset=utf-8", "internal error\n");
      } catch (...) {
        response = MakeResponse(500, version, "text/plain; charset=utf-8", "internal error\n");
      }
    }
  }
  response.keep_alive(request.keep_alive());
  if (head) {
    // Content-Length describes the body a GET would have returned.
    const std::string length = std::to_string(response.body().size());
    response.body().clear();
    response.set(http::field::content_length, length);
  }
  return response;
}

}  // namespace omnihub::hub
