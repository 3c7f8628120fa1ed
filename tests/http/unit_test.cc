// Unit tests of the HTTP client's pure pieces: query strings, URLs, gzip, backoff, retry budget.
#include <gtest/gtest.h>

#include "adapters/http/backoff.h"
#include "adapters/http/gzip.h"
#include "adapters/http/message.h"
#include "adapters/http/retry_budget.h"
#include "adapters/http/url.h"

namespace omnihub::http {
namespace {

TEST(QueryTest, PercentEncodesReservedAndNonAscii) {
  EXPECT_EQ(PercentEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(PercentEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(BuildQuery({}), "");
  EXPECT_EQ(BuildQuery({{"email", "Ann+1@x.com"}, {"limit", "50"}}),
            "?email=Ann%2B1%40x.com&limit=50");
}

TEST(RequestTest, IdempotentByMethodUnlessSet) {
  EXPECT_TRUE(Request::Get("/").IsIdempotent());
  Request post = Request::Post("/", "{}", "application/json");
  EXPECT_FALSE(post.IsIdempotent());
  post.idempotent = true;
  EXPECT_TRUE(post.IsIdempotent());
  Request put;
  put.method = "PUT";
  EXPECT_TRUE(put.IsIdempotent());
}

TEST(ResponseTest, HeaderLookupIsCaseInsensitive) {
  Response response;
  response.headers = {{"Content-Type", "text/plain"}};
  EXPECT_EQ(response.Header("content-type").value_or(""), "text/plain");
  EXPECT_FALSE(response.Header("Retry-After").has_value());
}

TEST(BaseUrlTest, ParsesSchemesPortsAndPaths) {
  auto url = BaseUrl::Parse("https://api.shop.test/admin/v1/");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "api.shop.test");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->path, "/admin/v1");
  EXPECT_EQ(url->host_header, "api.shop.test");

  url = BaseUrl::Parse("http://127.0.0.1:8081");
  ASSERT_TRUE(url.ok());
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->port, "8081");
  EXPECT_EQ(url->host_header, "127.0.0.1:8081");

  url = BaseUrl::Parse("http://[::1]:9000/x");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->host_header, "[::1]:9000");

  EXPECT_FALSE(BaseUrl::Parse("ftp://x").ok());
  EXPECT_FALSE(BaseUrl::Parse("http://").ok());
  EXPECT_FALSE(BaseUrl::Parse("http://x:99999").ok());
  EXPECT_FALSE(BaseUrl::Parse("http://user@x").ok());
  EXPECT_FALSE(BaseUrl::Parse("http://x/?q=1").ok());
}

TEST(GzipTest, RoundTripsAndRefusesBombsAndCorruption) {
  const std::string text(100000, 'z');
  auto decoded = Gunzip(Gzip(text), 1 << 20);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, text);

  const std::string bomb = Gzip(std::string(20 << 20, '\0'));
  EXPECT_LT(bomb.size(), 100000u);
  EXPECT_EQ(Gunzip(bomb, 1 << 20).status().code(), absl::StatusCode::kResourceExhausted);

  std::string truncated = Gzip(text);
  truncated.resize(truncated.size() / 2);
  EXPECT_EQ(Gunzip(truncated, 1 << 20).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Gunzip("not gzip at all", 1 << 20).status().code(), absl::StatusCode::kDataLoss);
}

TEST(BackoffTest, JitteredExponentialWithinBounds) {
  RetryOptions options;
  options.initial_backoff = std::chrono::milliseconds(100);
  options.max_backoff = std::chrono::milliseconds(1000);
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100; ++i) {
    const auto first = BackoffDelay(options, 1, rng);
    EXPECT_GE(first, std::chrono::milliseconds(50));
    EXPECT_LE(first, std::chrono::milliseconds(100));
    const auto third = BackoffDelay(options, 3, rng);
    EXPECT_GE(third, std::chrono::milliseconds(200));
    EXPECT_LE(third, std::chrono::milliseconds(400));
    EXPECT_LE(BackoffDelay(options, 30, rng), std::chrono::milliseconds(1000));
  }
}

TEST(BackoffTest, ParsesRetryAfterSeconds) {
  EXPECT_EQ(ParseRetryAfter(" 2 "), std::chrono::seconds(2));
  EXPECT_EQ(ParseRetryAfter("0"), std::chrono::seconds(0));
  EXPECT_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  EXPECT_FALSE(ParseRetryAfter("-1").has_value());
  EXPECT_FALSE(ParseRetryAfter("").has_value());
}

TEST(RetryBudgetTest, AllowsARatioOfRequestsInTheWindow) {
  using namespace std::chrono_literals;
  RetryBudget budget(0.2, 0, 10s);
  RetryBudget::Clock::time_point now{1000s};
  EXPECT_FALSE(budget.TryRetry(now));  // no requests yet
  for (int i = 0; i < 10; ++i) budget.RecordRequest(now);
  EXPECT_TRUE(budget.TryRetry(now));
  EXPECT_TRUE(budget.TryRetry(now));
  EXPECT_FALSE(budget.TryRetry(now));  // 2 of 10 spent
  // Once the window has slid past them, old requests and retries no longer count.
  now += 11s;
  EXPECT_FALSE(budget.TryRetry(now));
  for (int i = 0; i < 5; ++i) budget.RecordRequest(now);
  EXPECT_TRUE(budget.TryRetry(now));
  EXPECT_FALSE(budget.TryRetry(now));
}

TEST(RetryBudgetTest, MinimumRetriesWithoutTraffic) {
  using namespace std::chrono_literals;
  RetryBudget budget(0.0, 2, 10s);
  const RetryBudget::Clock::time_point now{5s};
  EXPECT_TRUE(budget.TryRetry(now));
  EXPECT_TRUE(budget.TryRetry(now));
  EXPECT_FALSE(budget.TryRetry(now));
}

}  // namespace
}  // namespace omnihub::http
