// What an HTTP simulator's main() does around its server: the --listen option, the ready file
// the test scripts wait for, and serving until SIGINT/SIGTERM.
#pragma once

#include <boost/asio/io_context.hpp>
#include <string>
#include <string_view>

#include "tools/simulators/http/server.h"

namespace omnihub::sim_http {

// Sets options.host and options.port from "HOST:PORT" (PORT 0: ephemeral); throws
// std::runtime_error naming --listen when it is not that.
void ApplyListen(std::string_view listen, ServerOptions& options);

// "HOST:PORT" of the bound endpoint.
std::string Address(const Server& server);

// Writes "<key>=<address>\n" to `path` atomically (a temporary file renamed), so a reader never
// sees half a line. Nothing when `path` is empty.
void WriteReadyFile(const std::string& path, std::string_view key, const std::string& address);

// Runs `io` on `threads` threads (the caller's included) until SIGINT or SIGTERM, then stops
// `server` and returns.
void ServeUntilSignalled(boost::asio::io_context& io, Server& server, int threads);

}  // namespace omnihub::sim_http
