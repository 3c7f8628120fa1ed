// The admin server's request -> response step, apart from any socket: method and path checks,
// the owner's handler, headers common to every response.
#pragma once

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <map>
#include <string>

#include "hub/admin/admin_server.h"

namespace omnihub::hub {

using AdminRoutes = std::map<std::string, AdminServer::Handler>;
using AdminRequest = boost::beast::http::request<boost::beast::http::empty_body>;
using AdminResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The response to `request`: 405 (with Allow) for methods other than GET and HEAD, 404 for paths
// without a route, 500 when the handler throws, otherwise the handler's answer. For HEAD the
// body is dropped and Content-Length kept. Keep-alive follows the request. Never throws.
AdminResponse RouteAdminRequest(const AdminRoutes& routes, const AdminRequest& request);

// A plain-text response that ends the connection, for requests that could not be read (400, 413,
// 431).
AdminResponse AdminErrorResponse(unsigned status, const std::string& text);

}  // namespace omnihub::hub
