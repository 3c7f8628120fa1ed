// ShopApi: the web shop's admin REST/JSON API, without sockets (server.h carries it over HTTP).
//
//   GET  /admin/customers.json?limit=&page_info=            paged customer list (identity scans)
//   POST /admin/customers.json                               {"customer": {"email", "phone"?,
//                                                            "first_name"?, "last_name"?,
//                                                            "twitter_handle"?, "facebook_id"?}}
//                                                            -> 201 {"customer": {...}}
//   PUT  /admin/customers/{id}.json                          {"customer": {fields to change}}
//                                                            -> 200 {"customer": {...}}
//   GET  /admin/customers/search.json?email=|phone=|query=email:x|query=phone:x
//   GET  /admin/customers/{id}.json                          {"customer": {...}}
//   GET  /admin/customers/{id}/orders.json?limit=&page_info= {"orders": [...]}, newest first,
//                                                            lines, fulfillments, tracking, notes
//   GET  /admin/customers/{id}/notes.json?limit=             {"notes": [...]}, newest first
//   POST /admin/customers/{id}/notes.json                    {"note": {"body", "author",
//                                                            "order_number"?}} -> 201
//   POST /admin/customers/{id}/discount_codes.json           {"discount_code": {"amount_minor",
//                                                            "currency", "reason",
//                                                            "order_number"?}} -> 201
//
// Paged lists: `limit` 1..250 (default 50; larger values are capped at 250), `page_info` an
// opaque cursor; when more follow, a `Link: <absolute url>; rel="next"` header carries the next
// page's URL (with its page_info). POSTs honour `Idempotency-Key`: a repeat with the same key
// returns the original response; the same key with another request is 422.
//
// Customer bodies are validated as customer_body.h says; an e-mail another customer has is 422
// {"errors": {"email": ["has already been taken"]}}.
//
// Errors are JSON: {"errors": "Not Found"} (404), {"errors": {"limit": ["..."]}} (400), 401 for a
// missing or wrong X-Api-Key when an API key is configured, 405 with Allow, 415 for a POST or PUT
// that is not application/json, 429 with Retry-After, 503 (switchable faults, see ApiOptions).
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

#include "tools/simulators/ecommerce/shop.h"
#include "tools/simulators/http/exchange.h"

namespace omnihub::ecommerce_sim {

using Headers = sim_http::Headers;
using ApiRequest = sim_http::Request;
using ApiResponse = sim_http::Response;

// Switchable misbehaviour, for tests and demos. Decisions use a PRNG seeded with `seed`.
struct ApiOptions {
  // When set, every request needs "X-Api-Key: <api_key>" (else 401).
  std::string api_key;
  // Every N-th request to a path (its query aside, N >= 1) is 429 with "Retry-After:
  // retry_after_s"; 0: never. Counted per path so that a client's parallel requests and its
  // retries meet the limit the same way in every run.
  int rate_limit_every = 0;
  int retry_after_s = 1;
  // Share (0..1) of requests answered 503 with a JSON error body.
  double error_rate = 0;
  // Share (0..1) of successful GETs whose body is cut in half (malformed JSON, status 200).
  double garbage_rate = 0;
  uint64_t seed = 1;
  // Called after a note was added (not when an idempotent repeat replays it), on the request's
  // thread: the shop's change feed (main.cc publishes it as a change event). Must not block.
  std::function<void(const std::string& customer_id, const Note& note)> on_note_added = {};
  // Called after a customer was created (`created`) or changed through the API (not for an
  // idempotent replay), with the record as stored, on the request's thread. Must not block.
  std::function<void(const world::EcomCustomer& customer, bool created)> on_customer_changed = {};
};

class ShopApi {
 public:
  ShopApi(std::shared_ptr<Shop> shop, ApiOptions options);

  ApiResponse Handle(const ApiRequest& request);

  static constexpr int kDefaultLimit = 50;
  static constexpr int kMaxLimit = 250;

 private:
  std::optional<ApiResponse> InjectedFault(const ApiRequest& request);
  bool Garbage();
  ApiResponse Route(const ApiRequest& request);
  // POST /admin/customers.json (`id` empty) or PUT /admin/customers/{id}.json.
  ApiResponse WriteCustomer(const ApiRequest& request, const std::string& path,
                            std::string_view id);
  // POST with Idempotency-Key: replays the stored response for a repeated key.
  ApiResponse Idempotent(const ApiRequest& request, const std::string& path,
                         const std::function<ApiResponse()>& perform);

  std::shared_ptr<Shop> shop_;
  const ApiOptions options_;

  std::mutex mutex_;  // guards what follows
  std::unordered_map<std::string, uint64_t> requests_per_path_;
  std::mt19937_64 rng_;
  struct Replay {
    std::string request_body;
    ApiResponse response;
  };
  std::unordered_map<std::string, Replay> replays_;  // method + path + key -> first answer
};

}  // namespace omnihub::ecommerce_sim
