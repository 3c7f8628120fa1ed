// RawHttpClient: a deliberately dumb blocking HTTP client over a POSIX socket, so tests can send
// malformed bytes and observe exactly what the server does. Every read has a timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace omnihub::hub::testing_support {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// Not thread-safe; one per test thread.
class RawHttpClient {
 public:
  // Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit RawHttpClient(uint16_t port,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  ~RawHttpClient();
  RawHttpClient(const RawHttpClient&) = delete;
  RawHttpClient& operator=(const RawHttpClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);

  // Reads one response (headers, then Content-Length bytes of body unless `head`). nullopt on
  // timeout, close or garbage.
  std::optional<RawResponse> ReadResponse(bool head = false);

  // True when the server closes the connection (EOF or reset) within the timeout, after
  // discarding anything it sends first.
  bool WaitForClose();

  // Everything received until the server closes or the timeout passes.
  std::string ReadAll();

 private:
  // Appends what arrives to buffer_; false on EOF, error or timeout.
  bool Fill();

  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace omnihub::hub::testing_support
