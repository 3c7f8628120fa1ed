// HttpClient: the asynchronous HTTP/1.1 client (keep-alive pool, TLS, deadlines, cancellation,
// retries, size limits, gzip) that the http-json and http-xml connectors are built on.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <memory>
#include <random>

#include "absl/status/statusor.h"
#include "adapters/http/connection_pool.h"
#include "adapters/http/message.h"
#include "adapters/http/options.h"
#include "adapters/http/retry_budget.h"
#include "adapters/http/url.h"
#include "adapters/sdk/call_context.h"

namespace omnihub::http {

// The client of one backend (one base URL). Create one per backend and share it.
//
// Send() never blocks: all work runs on a strand of the given executor (no thread per request).
// The callback runs exactly once, on that strand; it must not block.
//
// Deadline and cancellation come from the CallContext: its deadline bounds the whole call
// (waiting for a pooled connection, connecting, TLS, sending, reading, backoff between attempts);
// CallContext::Cancel() closes the socket in use and the call ends with CANCELLED.
//
// Retries (at most RetryOptions::max_attempts attempts, each retry taken from the retry budget,
// each backoff finishing before the deadline, else the last result is returned):
//   - connect failures (nothing was sent): any request;
//   - other UNAVAILABLE transport failures: idempotent requests only;
//   - 502, 503, 504 and 429: idempotent requests, with jittered exponential backoff;
//   - 429 or 503 with Retry-After (seconds): any request (the server says it did not process it),
//     waiting exactly Retry-After, if that still fits before the deadline.
// A pooled connection found dead on reuse (the server closed it while idle) is retried once on a
// fresh connection outside the attempt count and budget, if idempotent.
// Status mapping: see errors.h. After retries a 5xx/429 is returned as a Response, not an error.
//
// Thread-safe: Send may be called from any thread. Pending calls keep the client alive.
class HttpClient : public std::enable_shared_from_this<HttpClient> {
 public:
  using Callback = std::function<void(absl::StatusOr<Response>)>;

  // INVALID_ARGUMENT for a bad base URL or an unreadable CA file.
  static absl::StatusOr<std::shared_ptr<HttpClient>> Create(boost::asio::any_io_executor executor,
                                                            HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void Send(Request request, std::shared_ptr<omnihub::sdk::CallContext> context, Callback callback);

  const HttpClientOptions& options() const { return options_; }

 private:
  class Call;
  HttpClient(boost::asio::any_io_executor executor, HttpClientOptions options, BaseUrl url,
             std::unique_ptr<boost::asio::ssl::context> tls);

  const HttpClientOptions options_;
  const BaseUrl url_;
  Strand strand_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  ConnectionPool pool_;  // used on strand_ only
  RetryBudget budget_;
  std::mt19937_64 rng_;  // used on strand_ only
};

}  // namespace omnihub::http
