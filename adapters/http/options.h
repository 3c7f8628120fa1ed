// HttpClientOptions: everything an HttpClient is configured with, documented where declared.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace omnihub::http {

using namespace std::chrono_literals;

// TLS for https:// base URLs (OpenSSL through boost::asio::ssl).
struct TlsOptions {
  // Verify the server's certificate chain and host name. Turning this off is for tests and
  // development only: it makes the connection open to interception.
  bool verify_peer = true;
  // Extra trusted CA certificates (PEM), added to the system store (which is always loaded).
  std::string ca_file;
  std::string ca_pem;
  // The name sent as SNI and checked against the certificate; default: the base URL's host.
  std::string server_name;
};

// The keep-alive connection pool of one client (one backend).
struct PoolOptions {
  // Connections open at once (idle + in use). Requests beyond it wait for a free connection
  // (under their own deadline).
  std::size_t max_connections = 8;
  // An idle connection older than this is closed instead of reused (checked when the pool is used).
  std::chrono::steady_clock::duration idle_timeout = 30s;
};

// Retries with jittered exponential backoff, limited by a retry budget (see client.h for which
// failures are retried).
struct RetryOptions {
  // Attempts per request, the first included; 1 disables retries.
  int max_attempts = 3;
  // The n-th retry waits a random time in [b/2, b] with b = min(max_backoff, initial * mult^(n-1)).
  std::chrono::steady_clock::duration initial_backoff = 100ms;
  std::chrono::steady_clock::duration max_backoff = 2s;
  double backoff_multiplier = 2.0;
  // Retry budget: over the last `budget_window`, retries may be at most
  // `budget_min_retries + budget_ratio * requests`, so a failing backend is not hammered.
  double budget_ratio = 0.2;
  int budget_min_retries = 10;
  std::chrono::steady_clock::duration budget_window = 10s;
};

// Limits on what a server may send back. Exceeding them fails the request with
// RESOURCE_EXHAUSTED and closes the connection.
struct LimitOptions {
  std::size_t max_header_bytes = 64 * 1024;
  // The body as received and, for gzip, after decoding.
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

struct HttpClientOptions {
  // "http://host[:port][/path]" or "https://...". Request targets are appended to the path.
  std::string base_url;
  // Upper bound for resolving + connecting + the TLS handshake of one connection (the call's
  // deadline applies too; the earlier one wins). Exceeding it alone is UNAVAILABLE (retryable).
  std::chrono::steady_clock::duration connect_timeout = 5s;
  std::string user_agent = "omnihub-http/0.1";
  // Send "Accept-Encoding: gzip" (unless the request sets Accept-Encoding) and decode gzip bodies.
  bool accept_gzip = true;
  TlsOptions tls;
  PoolOptions pool;
  RetryOptions retry;
  LimitOptions limits;
};

}  // namespace omnihub::http
