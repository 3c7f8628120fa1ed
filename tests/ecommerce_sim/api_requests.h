// Test helpers for ShopApi without sockets: a shop over a small shared world, requests as the
// server hands them over, and reading answers.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tools/simulators/ecommerce/api.h"

namespace omnihub::ecommerce_sim::api_testing {

// A new shop (its own added records) over one world of 200 customers, seed 42.
inline std::shared_ptr<Shop> MakeShop() {
  static const auto world =
      std::make_shared<const world::World>(world::Generate({.seed = 42, .customers = 200}));
  return std::make_shared<Shop>(world);
}

inline ApiRequest Get(std::string target) {
  ApiRequest request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers = {{"Host", "shop.test:8081"}};
  return request;
}

// A JSON write (POST unless `method` says otherwise), with an Idempotency-Key when `key` is set.
inline ApiRequest Post(std::string target, std::string body, std::string key = "",
                       std::string method = "POST") {
  ApiRequest request = Get(std::move(target));
  request.method = std::move(method);
  request.body = std::move(body);
  request.headers.emplace_back("Content-Type", "application/json");
  if (!key.empty()) request.headers.emplace_back("Idempotency-Key", key);
  return request;
}

inline ApiRequest Put(std::string target, std::string body) {
  return Post(std::move(target), std::move(body), "", "PUT");
}

inline std::optional<std::string> HeaderOf(const ApiResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

inline nlohmann::json Body(const ApiResponse& response) {
  return nlohmann::json::parse(response.body);
}

}  // namespace omnihub::ecommerce_sim::api_testing
