// PaymentApi: the payment gateway's and fraud engine's XML-over-HTTP API, without sockets
// (server.h carries it over HTTP).
//
//   GET  /psp/v1/shoppers?limit=&cursor=                     <ShopperList> (identity scans)
//   GET  /psp/v1/shoppers/{shopper}/transactions?limit=&cursor=   <TransactionList>, newest first
//   GET  /psp/v1/payments/{order}                            <PaymentLookup>: the order's
//                                                            transactions (merchant reference)
//   POST /psp/v1/payments/{order}/refunds  <RefundRequest>   <RefundResponse>
//   GET  /fraud/v1/orders/{order}/assessment                 <Assessment> (score, decision, hold)
//
// As real gateways do, business outcomes are HTTP 200 with a result code in the body: 00
// approved, 05 declined (a refund above the captured amount), 14 unknown shopper/order, 30
// format error in the request body, 96 system malfunction. HTTP errors are for HTTP-level
// problems: 400 (bad limit/cursor), 401 (missing or wrong X-Merchant-Key when a key is set), 404
// (unknown path), 405 (with Allow), 413 (server.h), 415 (a POST that is not XML), 429 (with
// Retry-After), 503. Paged lists carry `Link: <absolute url>; rel="next"` while more follow
// (limit 1..100, default 20; cursor opaque).
//
// Thread-safe: Handle may run concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tools/simulators/http/exchange.h"
#include "tools/simulators/payment/gateway.h"

namespace omnihub::payment_sim {

using Headers = sim_http::Headers;
using ApiRequest = sim_http::Request;
using ApiResponse = sim_http::Response;

// What a faulty answer looks like (for tests and demos), applied to a share `fault_rate` of
// requests that would otherwise succeed.
enum class Fault {
  kNone,
  kTruncated,         // Content-Length promises more than is sent; the connection closes
  kWrongContentType,  // 200 text/html: a proxy's error page
  kMalformed,         // 200 application/xml, the document cut in half
  kXmlBomb,           // 200 with a billion-laughs entity bomb
  kExternalEntity,    // 200 with an external entity pointing at /etc/passwd
  kDeepNesting,       // 200 with elements nested 10,000 deep
  kOversized,         // 200 with a 6 MiB document
  kSystemMalfunction  // 200 with result code 96 (retryable)
};

// "truncated", "wrong-content-type", "malformed", "xml-bomb", "external-entity", "deep-nesting",
// "oversized", "result-96", "none"; nullopt for anything else.
std::optional<Fault> ParseFault(std::string_view name);

struct ApiOptions {
  // When set, every request needs "X-Merchant-Key: <api_key>" (else 401).
  std::string api_key = {};
  // Every N-th request to a path (its query aside, N >= 1) is 429 with "Retry-After:
  // retry_after_s"; 0: never. Counted per path so that a client's parallel requests and its
  // retries meet the limit the same way in every run.
  int rate_limit_every = 0;
  int retry_after_s = 1;
  // Share (0..1) of requests answered 503.
  double error_rate = 0;
  Fault fault = Fault::kNone;
  double fault_rate = 1;
  // The fraud engine (/fraud/...) is down and answers 503 while the gateway (/psp/...) works:
  // real providers run it as a separate service.
  bool fraud_unavailable = false;
  // Called (on a server thread) for every refund the gateway approves, not for a replayed one:
  // the gateway's change feed (main.cc publishes it as REFUND_COMPLETED).
  std::function<void(const RefundOutcome&)> on_refund_completed = {};
  uint64_t seed = 1;
};

class PaymentApi {
 public:
  PaymentApi(std::shared_ptr<Gateway> gateway, ApiOptions options);

  ApiResponse Handle(const ApiRequest& request);

  static constexpr int kDefaultLimit = 20;
  static constexpr int kMaxLimit = 100;

 private:
  std::optional<ApiResponse> InjectedError(const ApiRequest& request);
  bool FaultNow();
  ApiResponse Route(const ApiRequest& request);
  ApiResponse Refund(const ApiRequest& request, const std::string& order);

  std::shared_ptr<Gateway> gateway_;
  const ApiOptions options_;

  std::mutex mutex_;  // guards what follows
  std::unordered_map<std::string, uint64_t> requests_per_path_;
  std::mt19937_64 rng_;
};

// The faulty answer for `fault` (exposed for tests).
ApiResponse FaultyAnswer(Fault fault, ApiResponse good);

}  // namespace omnihub::payment_sim
