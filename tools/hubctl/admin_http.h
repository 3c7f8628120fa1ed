// A one-shot HTTP/1.1 GET to hubd's admin port (for `hubctl cache stats`, which reads /cache
// rather than adding a gRPC method).
#pragma once

#include <chrono>
#include <string>

namespace omnihub::hubctl {

struct AdminReply {
  // 0 when no HTTP answer arrived; then `error` says why.
  int status = 0;
  std::string body;
  std::string error;
};

// GET `path` from HOST:PORT (an IP literal or "localhost"), Connection: close; the whole exchange
// within `timeout`. Bodies over 1 MiB are refused.
AdminReply AdminGet(const std::string& address, const std::string& path,
                    std::chrono::milliseconds timeout);

}  // namespace omnihub::hubctl
