// HTTP request and response values exchanged with HttpClient, and the query-string helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace omnihub::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One HTTP request, relative to the client's base URL.
//
// `target` is the path and query appended to the base URL's path; it must start with '/'
// (e.g. "/customers" + BuildQuery({{"email", "a@b.c"}})). Header names and values, the method and
// the target must not contain CR or LF (HttpClient refuses them with INVALID_ARGUMENT).
// Host, Content-Length, Accept-Encoding and User-Agent are set by the client unless given here.
struct Request {
  std::string method = "GET";
  std::string target = "/";
  HeaderList headers;
  std::string body;
  // Whether the request may be sent twice without harm. Unset: true for GET, HEAD, OPTIONS, PUT
  // and DELETE, false otherwise (POST, PATCH). Only idempotent requests are retried after a
  // transport failure or a 502/503/504 (see client.h for the exact rules).
  std::optional<bool> idempotent;

  bool IsIdempotent() const;

  static Request Get(std::string target);
  static Request Post(std::string target, std::string body, std::string content_type);
};

// One HTTP response. Any status (including 4xx and 5xx) is a response, not an error: the connector
// decides what a status means. A gzip body has already been decoded (Content-Encoding removed).
struct Response {
  int status = 0;
  HeaderList headers;
  std::string body;

  // The first header named `name` (case-insensitive), if any.
  std::optional<std::string> Header(std::string_view name) const;
};

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view text);

// "?k1=v1&k2=v2" with keys and values percent-encoded, in the given order; "" for no parameters.
std::string BuildQuery(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace omnihub::http
